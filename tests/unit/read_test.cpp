// Reading project.json, targets and registrations: what is kept, and every
// problem reported verbatim with its location and code.
#include <catch2/catch.hpp>

#include "read/load.h"
#include "read/municipalities.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::TempDir;

namespace {

const char* kProject = R"({
  "id": "p", "title": "Projekt",
  "period": {"start": "2020-01-01", "end": "2021-12-31"},
  "municipalities": ["746", 190],
  "indicators": [
    {"id": "visiterede", "kind": "count", "date_field": "visiteret"},
    {"id": "i_job", "kind": "count", "date_field": "udfald_dato", "where": {"udfald": ["job", "fleksjob"]}}
  ],
  "targets": [{"municipality": "746", "indicator": "visiterede", "value": 10},
              {"municipality": "190", "indicator": "visiterede", "value": 10}],
  "registrations": {"file": "reg.csv", "columns": {"participant": "id", "municipality": "kommune"}}
})";

struct Loaded {
  Diagnostics diags;
  std::optional<Dataset> dataset;
  std::string messages() const {
    std::string out;
    for (const auto& d : diags.all()) out += format_diagnostic(d);
    return out;
  }
};

Loaded load(const TempDir& dir, const std::string& project, const std::string& registrations,
            const std::string& reg_name = "reg.csv") {
  dir.write("project.json", project);
  dir.write(reg_name, registrations);
  Loaded result;
  result.dataset = load_dataset(dir.path() / "project.json", "project.json", result.diags);
  return result;
}

}  // namespace

TEST_CASE("read: a valid project and its registrations") {
  TempDir dir;
  auto r = load(dir, kProject,
                "id;kommune;visiteret;udfald;udfald_dato\nA1;746;2020-02-01;job;01-06-2020\nA2;190;2020-03-01;;\n");
  REQUIRE(r.messages().empty());
  const Dataset& d = *r.dataset;
  REQUIRE(d.project.unit_codes == std::vector<std::string>{"746", "190"});
  REQUIRE(d.project.unit_names.at("190") == "Furesø");
  REQUIRE(d.registrations.size() == 2);
  REQUIRE(d.registrations.date(0, 1) == Date::from_ymd(2020, 6, 1));
  REQUIRE(d.registrations.category(0, 0) == "job");
  REQUIRE(d.registrations.participant(1) == "A2");
  REQUIRE(d.registrations.position(1) == 3);
  REQUIRE_FALSE(d.registrations.date(1, 1));
  REQUIRE(d.rows_read == 2);
  REQUIRE(d.rows_rejected == 0);
}

TEST_CASE("read: a JSON syntax error in project.json has line and column, and its line with a caret") {
  TempDir dir;
  auto r = load(dir, "{\n  \"id\": \"p\",\n  \"title\" \"x\"\n}\n", "");
  REQUIRE_FALSE(r.dataset);
  REQUIRE(r.messages() ==
          "project.json:3:11: error: invalid JSON: syntax error while parsing object separator - unexpected string "
          "literal; expected ':' [E201]\n"
          "  \"title\" \"x\"\n"
          "          ^\n");
}

TEST_CASE("read: semantic errors in project.json carry a JSON Pointer") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("[\"746\", 190]"), 12, "[\"746\", 999]");
  project.replace(project.find("\"value\": 10"), 11, "\"value\": \"ti\"");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\n");
  REQUIRE(r.messages() ==
          "project.json#/municipalities/1: error: unknown municipality code '999' [E104]\n"
          "project.json#/targets/0/value: error: expected a number [E202]\n"
          "project.json#/targets/1: error: municipality 190 is not one of the project's municipalities [E105]\n");
}

TEST_CASE("read: a sum may only use indicators declared before it") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("\"indicators\": ["), 15,
                  "\"indicators\": [{\"id\": \"alle\", \"kind\": \"sum\", \"of\": [\"visiterede\"]},");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\n");
  REQUIRE(r.messages() ==
          "project.json#/indicators/0/of/0: error: unknown indicator 'visiterede' (sum and ratio indicators use "
          "indicators declared before them) [E204]\n");
}

TEST_CASE("read: an unknown municipality code in the data points at its column") {
  TempDir dir;
  auto r = load(dir, kProject, "id;kommune;visiteret;udfald;udfald_dato\nA1;999;2020-02-01;;\nA2;101;2020-02-01;;\n");
  REQUIRE(r.messages() ==
          "reg.csv:2:4: error: unknown municipality code '999' [E104]\n"
          "**;999;**********;;\n"
          "   ^\n"
          "reg.csv:3:4: error: municipality 101 (København) is not one of the project's municipalities [E105]\n"
          "**;101;**********;;\n"
          "   ^\n");
  REQUIRE(r.dataset->rows_read == 2);
  REQUIRE(r.dataset->rows_rejected == 2);
}

TEST_CASE("read: an unreadable date names the column and the expected form") {
  TempDir dir;
  auto r = load(dir, kProject, "id;kommune;visiteret;udfald;udfald_dato\nÆ1;746;31-02-2020;;\n");
  REQUIRE(r.messages() ==
          "reg.csv:2:8: error: '31-02-2020' in column 'visiteret' is not a date (expected 2019-12-31, 31-12-2019, "
          "31.12.2019, 31/12/2019 or an Excel serial day such as 43830) [E106]\n"
          "**;***;31-02-2020;;\n"
          "       ^\n");
}

TEST_CASE("read: a missing column is one error, not one per row") {
  TempDir dir;
  auto r = load(dir, kProject, "id;kommune;udfald;udfald_dato\nA1;746;;\nA2;746;;\n");
  REQUIRE(r.messages() ==
          "reg.csv:1:1: error: missing column 'visiteret' (for visiteret) [E103]\n"
          "id;kommune;udfald;udfald_dato\n"
          "^\n");
}

TEST_CASE("read: a row with the wrong number of fields is rejected, not dropped, its values starred out") {
  TempDir dir;
  auto r = load(dir, kProject, "id;kommune;visiteret;udfald;udfald_dato\nA1;746;2020-02-01\n");
  REQUIRE(r.messages() ==
          "reg.csv:2:1: error: expected 5 fields (delimiter ';'), found 3 [E102]\n"
          "**;***;**********\n"
          "^\n");
  REQUIRE(r.dataset->rows_rejected == 1);
}

TEST_CASE("read: a CPR number in another column is warned of with the row's values starred out") {
  TempDir dir;
  auto r = load(dir, kProject, "id;kommune;visiteret;udfald;udfald_dato\nA1;746;2020-02-01;0101851234;\n");
  REQUIRE(r.messages().starts_with("reg.csv:2:19: warning: column 'udfald' holds CPR numbers"));
  REQUIRE(r.messages().find("\n**;***;**********;**********;\n") != std::string::npos);
}

TEST_CASE("read: a message about a row shows only the value it is about; names and notes are starred out") {
  TempDir dir;
  auto r = load(dir, kProject,
                "id;navn;note;kommune;visiteret;udfald;udfald_dato\n"
                "A1;Søren Ølgaard;sygemeldt;746;2020-02-31;;\n"
                "A2;Jens;\"ringet op\nsygemeldt\";999;2020-02-01;;\n"
                "A3;\"Hansen; Jens\";746;2020-02-01;;\n");
  REQUIRE(r.messages() ==
          "reg.csv:2:32: error: '2020-02-31' in column 'visiteret' is not a date (expected 2019-12-31, 31-12-2019, "
          "31.12.2019, 31/12/2019 or an Excel serial day such as 43830) [E106]\n"
          "**;*************;*********;***;2020-02-31;;\n"
          "                               ^\n"
          "reg.csv:4:12: error: unknown municipality code '999' [E104]\n"
          "*********\";999;**********;;\n"
          "           ^\n"
          "reg.csv:5:1: error: expected 7 fields (delimiter ';'), found 6 [E102]\n"
          "**;\"******;*****\";***;**********;;\n"
          "^\n");
}

TEST_CASE("read: a row's message about its participant id shows no value at all") {
  TempDir dir;
  auto r =
      load(dir, kProject, "id;kommune;visiteret;udfald;udfald_dato\nA1;746;2020-02-01;;\nA1;746;2020-03-01;job;\n");
  REQUIRE(r.messages() ==
          "reg.csv:3:1: warning: the participant of line 2 is registered again in municipality 746; counted once "
          "[W109]\n"
          "**;***;**********;***;\n"
          "^\n");
}

TEST_CASE("read: an unclosed quote in the registrations shows no participant id") {
  TempDir dir;
  auto r =
      load(dir, kProject, "id;kommune;visiteret;udfald;udfald_dato\nA1;746;2020-02-01;;\n3391;746;\"2020-02-01;;\n");
  REQUIRE(r.messages() ==
          "reg.csv:3:10: error: quoted field is not closed before the end of the file [E101]\n"
          "****;***;\"**********;;\n"
          "         ^\n");
}

TEST_CASE("read: a CPR number in any common spelling is found in a column and starred out") {
  for (std::string cpr : {"01.01.85-1234", "010185 1234", "010185\u20131234", "01/01/85-1234", "01-01-85-1234"}) {
    TempDir dir;
    auto r = load(dir, kProject, "id;kommune;visiteret;udfald;udfald_dato\nA1;746;2020-02-01;" + cpr + ";\n");
    INFO(cpr);
    REQUIRE(r.messages().starts_with("reg.csv:2:19: warning: column 'udfald' holds CPR numbers"));
    REQUIRE(r.messages().find(cpr) == std::string::npos);
    REQUIRE(r.messages().find(mask_cpr_numbers(cpr)) != std::string::npos);
  }
}

TEST_CASE("read: the participants' id column is refused as a breakdown field or filter or date field") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("\"targets\""), 9,
                  "\"breakdowns\": [{\"id\": \"b\", \"indicator\": \"visiterede\", \"field\": \"id\", "
                  "\"categories\": [\"A1\"]}], \"targets\"");
  project.replace(project.find("{\"udfald\": [\"job\", \"fleksjob\"]}"), 31, "{\"participant\": \"A1\"}");
  project.replace(project.find("\"date_field\": \"visiteret\""), 25, "\"date_field\": \"id\"");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\nB22;746;2020-02-01;;\n");
  REQUIRE(r.messages() ==
          "project.json#/indicators/0/date_field: error: 'id' is the participants' id column: its ids would be read "
          "as dates and printed; use another column [E203]\n"
          "project.json#/indicators/1/where/participant: error: 'participant' is the participants' id column: a "
          "filter on it would publish their ids; use another column [E203]\n"
          "project.json#/breakdowns/0/field: error: 'id' is the participants' id column: a breakdown by it would "
          "publish their ids; use another column [E203]\n"
          "reg.csv:2:1: error: '***' in column 'id' is not a date (expected 2019-12-31, 31-12-2019, 31.12.2019, "
          "31/12/2019 or an Excel serial day such as 43830) [E106]\n"
          "***;***;**********;;\n"
          "^\n"
          "reg.csv:2:1: warning: '***' in column 'id' is not one of the declared categories; counted as other [W110]\n"
          "***;***;**********;;\n"
          "^\n");
}

TEST_CASE("read: the same participant twice in a municipality is counted once, with a warning") {
  TempDir dir;
  auto r = load(dir, kProject, "id;kommune;visiteret;udfald;udfald_dato\nA1;746;2020-02-01;;\nA1;746;2020-03-01;;\n");
  REQUIRE(r.diags.error_count() == 0);
  REQUIRE(
      r.messages().starts_with("reg.csv:3:1: warning: the participant of line 2 is registered again in municipality "
                               "746; counted once [W109]\n"));
  REQUIRE(r.dataset->registrations.size() == 1);
  REQUIRE(r.dataset->rows_read == 2);
  REQUIRE(r.dataset->rows_rejected == 1);
}

TEST_CASE("read: a syntax error in JSON registrations shows no participant id") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("reg.csv"), 7, "reg.json");
  auto r =
      load(dir, project, "[{\"id\": \"A1\", \"kommune\": 746},\n {\"id\": \"B22\x01\", \"kommune\": 746}]", "reg.json");
  // The message's wording is the parser's; what matters is what it shows.
  REQUIRE(r.messages().starts_with("reg.json:2:13: error: invalid JSON: "));
  REQUIRE(
      r.messages().ends_with(" [E201]\n"
                             " {\"**\": \"****\", \"*******\": ***}]\n"
                             "            ^\n"));
  REQUIRE(r.messages().find("B22") == std::string::npos);
}

TEST_CASE("read: JSON registrations use the same columns and report with pointers") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("reg.csv"), 7, "reg.json");
  auto r = load(dir, project,
                R"([{"id": "A1", "kommune": 746, "visiteret": "2020-02-01"},
                    {"id": "A2", "kommune": "746", "visiteret": "februar"}])",
                "reg.json");
  REQUIRE(r.messages() ==
          "reg.json#/1/visiteret: error: 'februar' in column 'visiteret' is not a date (expected 2019-12-31, "
          "31-12-2019, 31.12.2019, 31/12/2019 or an Excel serial day such as 43830) [E106]\n");
  REQUIRE(r.dataset->registrations.size() == 1);
  REQUIRE(r.dataset->project.unit_codes[r.dataset->registrations.unit(0)] == "746");
}

TEST_CASE("read: targets from a CSV file, with Danish headers and an invalid value") {
  TempDir dir;
  std::string project = kProject;
  auto start = project.find("[{\"municipality\"");
  project.replace(start, project.find("}]", start) + 2 - start, "{\"file\": \"maal.csv\"}");
  dir.write("maal.csv", "Kommune;Indikator;Måltal\n746;visiterede;50\n190;visiterede;0\n190;i_jobb;5\n");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\n");
  REQUIRE(r.messages() ==
          "maal.csv:3:16: error: a target must be greater than 0 [E206]\n"
          "190;visiterede;0\n"
          "               ^\n"
          "maal.csv:4:5: error: unknown indicator 'i_jobb' [E204]\n"
          "190;i_jobb;5\n"
          "    ^\n");
  REQUIRE(r.dataset->project.targets.size() == 1);
  REQUIRE(r.dataset->project.targets[0].value == 50);
}

TEST_CASE("read: a target too small or too large for a finite attainment is refused where it is written") {
  TempDir dir;
  std::string project = kProject;
  auto start = project.find("[{\"municipality\"");
  project.replace(start, project.find("}]", start) + 2 - start, "{\"file\": \"maal.csv\"}");
  dir.write("maal.csv", "kommune;indikator;maal\n746;visiterede;0,0000001\n190;visiterede;99.000.000\n");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\n");
  REQUIRE(r.messages() ==
          "maal.csv:2:16: error: a target of a count or sum must be from 1 to 10,000,000 [E206]\n"
          "746;visiterede;0,0000001\n"
          "               ^\n"
          "maal.csv:3:16: error: a target of a count or sum must be from 1 to 10,000,000 [E206]\n"
          "190;visiterede;99.000.000\n"
          "               ^\n");
}

TEST_CASE("read: a targets file stops after its 20000th target like project.json") {
  TempDir dir;
  std::string project = kProject;
  auto start = project.find("[{\"municipality\"");
  project.replace(start, project.find("}]", start) + 2 - start, "{\"file\": \"maal.csv\"}");
  std::string csv = "kommune;indikator;maal;gyldig_fra\n";
  for (int day = 0; day <= 20000; ++day) csv += "746;visiterede;10;" + Date::from_days(day).iso() + "\n";
  dir.write("maal.csv", csv);
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\n");
  REQUIRE(r.messages() ==
          "maal.csv:20002:1: error: more than 20000 targets; a project has at most 20,000 [E203]\n"
          "746;visiterede;10;2024-10-04\n"
          "^\n");
  REQUIRE(r.dataset->project.targets.size() == 20000);
}

TEST_CASE("read: an age band's bounds are whole years from 0 to 150") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.rfind('}'), 1,
                  R"(, "breakdowns": [{"id": "alder", "indicator": "visiterede", "field": "aar",
                      "age_bands": [{"from": 18, "to": 1e300}, {"from": -1, "to": 29.5}]}]})");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato;aar\n");
  REQUIRE(r.messages() ==
          "project.json#/breakdowns/0/age_bands/0/to: error: expected a whole number of years from 0 to 150 [E203]\n"
          "project.json#/breakdowns/0/age_bands/1/from: error: expected a whole number of years from 0 to 150 [E203]\n"
          "project.json#/breakdowns/0/age_bands: error: a breakdown needs at least one age band [E203]\n");
}

TEST_CASE("read: an aggregated count above a billion is refused, not cast") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.rfind('}'), 1, R"(, "counts": {"file": "antal.csv"}})");
  dir.write("antal.csv", "kommune;indikator;dato;antal\n746;visiterede;2020-03;99999999999999999999\n");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\n");
  REQUIRE(r.messages() ==
          "antal.csv:2:24: error: '99999999999999999999' is more than 1,000,000,000, more than a count of people "
          "[E109]\n"
          "746;visiterede;2020-03;99999999999999999999\n"
          "                       ^\n");
}

TEST_CASE("read: an input file that does not exist is a fatal error") {
  TempDir dir;
  Diagnostics diags;
  REQUIRE_THROWS_WITH(load_dataset(dir.path() / "nope.json", "nope.json", diags), "cannot open 'nope.json'");
}

TEST_CASE("read: the compiled-in municipality list is the shared reference data") {
  REQUIRE(municipalities().size() == 98);
  REQUIRE(municipalities().at("746").name == "Skanderborg");
  auto shared = maaltal::test::read_file(maaltal::test::source_path("../shared/data/kommuner.csv"));
  if (shared.empty()) return;  // shared/ is beside the repository in CI and development
  REQUIRE(shared == maaltal::test::read_file(maaltal::test::source_path("config/kommuner.csv")));
}

TEST_CASE("read: a funnel names known count or sum indicators, at least two") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("\"targets\""), 9,
                  "\"funnels\": [{\"id\": \"f\", \"stages\": [\"visiterede\", \"i_jobb\"]},"
                  "{\"id\": \"g\", \"stages\": [\"visiterede\"]}], \"targets\"");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\n");
  REQUIRE(r.messages() ==
          "project.json#/funnels/0/stages/1: error: unknown indicator 'i_jobb' [E204]\n"
          "project.json#/funnels/1/stages: error: a funnel needs at least two stages [E203]\n");
}

TEST_CASE("read: a value a breakdown does not declare is a warning, and the row is kept") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("\"targets\""), 9,
                  "\"breakdowns\": [{\"id\": \"y\", \"indicator\": \"visiterede\", \"field\": \"ydelse\", "
                  "\"categories\": [\"Dagpenge\", \"Kontanthjælp\"]}], \"targets\"");
  auto r =
      load(dir, project,
           "id;kommune;visiteret;udfald;udfald_dato;ydelse\nA1;746;2020-02-01;;;Dagpenge\nA2;746;2020-02-01;;;Dagpnge\n"
           "A3;746;2020-02-01;;; DAGPENGE\n");  // another case is the same category
  REQUIRE(r.messages() ==
          "reg.csv:3:21: warning: 'Dagpnge' in column 'ydelse' is not one of the declared categories; counted as "
          "other (did you mean 'Dagpenge'?) [W110]\n"
          "**;***;**********;;;Dagpnge\n"
          "                    ^\n");
  REQUIRE(r.dataset->registrations.size() == 3);
}

TEST_CASE("read: age bands name their labels, and a birth year that is not a number is a warning") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("\"targets\""), 9,
                  "\"breakdowns\": [{\"id\": \"a\", \"indicator\": \"visiterede\", \"field\": \"aar\", "
                  "\"age_bands\": [{\"from\": 18, \"to\": 29}, {\"from\": 30, \"to\": 64, \"label\": \"30+\"}]}], "
                  "\"targets\"");
  auto r = load(dir, project,
                "id;kommune;visiteret;udfald;udfald_dato;aar\nA1;746;2020-02-01;;;1990\nA2;746;2020-02-01;;;ukendt\n");
  REQUIRE(r.messages() ==
          "reg.csv:3:21: warning: 'ukendt' in column 'aar' is not a number; counted as other [W111]\n"
          "**;***;**********;;;ukendt\n"
          "                    ^\n");
  REQUIRE(r.dataset->project.breakdowns[0].categories == std::vector<std::string>{"18–29", "30+"});
}

TEST_CASE("read: a goal has a known level and status, and a status unless an indicator suggests one") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("\"targets\""), 9,
                  "\"goals\": [{\"id\": \"a\", \"level\": \"output\", \"goal\": \"x\", \"status\": \"met\"},"
                  "{\"id\": \"b\", \"level\": \"effect\", \"goal\": \"y\", \"status\": \"done\"},"
                  "{\"id\": \"c\", \"level\": \"effect\", \"goal\": \"z\"}], \"targets\"");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\n");
  REQUIRE(r.messages() ==
          "project.json#/goals/0/level: error: unknown level 'output' (expected activity, short_term, long_term or "
          "effect) [E203]\n"
          "project.json#/goals/1/status: error: unknown status 'done' (expected met, partly_met or not_met) [E203]\n"
          "project.json#/goals/2/status: error: a goal not tied to an indicator needs a status [E203]\n");
}

TEST_CASE("read: aggregated counts by date or month, checked like registrations") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("\"registrations\""), 15, "\"counts\": {\"file\": \"antal.csv\"}, \"registrations\"");
  dir.write("antal.csv",
            "kommune;indikator;måned;antal\n190;visiterede;2020-03;4\n190;visiterede;2020-04-15;2\n"
            "190;i_job;2020-13;1\n190;visiterede;2020-05;-1\n190;ukendt;2020-05;1\n");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\nA1;746;2020-02-01;;\n");
  REQUIRE(r.messages() ==
          "antal.csv:4:11: error: '2020-13' is not a date or month (expected 2021-03-31 or 2021-03) [E106]\n"
          "190;i_job;2020-13;1\n"
          "          ^\n"
          "antal.csv:5:24: error: '-1' is not a count (a whole number, 0 or more) [E109]\n"
          "190;visiterede;2020-05;-1\n"
          "                       ^\n"
          "antal.csv:6:5: error: 'ukendt' is not a count indicator [E204]\n"
          "190;ukendt;2020-05;1\n"
          "    ^\n");
  const Dataset& d = *r.dataset;
  REQUIRE(d.counts.size() == 2);
  REQUIRE(d.counts[0].date == Date::from_ymd(2020, 3, 31));  // a month counts on its last day
  REQUIRE(d.counts[1].count == 2);
  REQUIRE(d.rows_read == 6);  // 1 registration + 5 count rows
  REQUIRE(d.rows_rejected == 3);
}

TEST_CASE("read: with counts, registrations may be left out") {
  TempDir dir;
  std::string project = kProject;
  auto start = project.find(",\n  \"registrations\"");
  project.replace(start, project.rfind('}') - start, ",\n  \"counts\": {\"file\": \"antal.json\"}\n");
  dir.write("antal.json", R"([{"municipality": "746", "indicator": "visiterede", "month": "2020-03", "count": 5},
                             {"municipality": 746, "indicator": "visiterede", "date": "2020-04-02", "count": "x"}])");
  auto r = load(dir, project, "");
  REQUIRE(r.messages() == "antal.json#/1/count: error: 'x' is not a count (a whole number, 0 or more) [E109]\n");
  REQUIRE(r.dataset->counts.size() == 1);
  REQUIRE(r.dataset->registrations.empty());
}

TEST_CASE("read: counting rules name 'any' or 'first' and an earlier count indicator") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("\"where\""), 7, "\"count\": \"last\", \"after\": \"i_job\", \"where\"");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\n");
  REQUIRE(
      r.messages() ==
      "project.json#/indicators/1/count: error: expected \"any\" or \"first\" [E203]\n"
      "project.json#/indicators/1/after: error: 'i_job' is not a count indicator declared before this one [E204]\n");
}

TEST_CASE("read: with rows as events a participant may have several rows") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("\"columns\""), 9, "\"rows\": \"event\", \"columns\"");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato\nA1;746;2020-02-01;;\nA1;746;;job;2020-05-01\n");
  REQUIRE(r.messages().empty());
  REQUIRE(r.dataset->registrations.size() == 2);
}

TEST_CASE("read: no 'did you mean' when no category is close") {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("\"targets\""), 9,
                  "\"breakdowns\": [{\"id\": \"y\", \"indicator\": \"visiterede\", \"field\": \"ydelse\", "
                  "\"categories\": [\"Dagpenge\", \"Kontanthjælp\"]}], \"targets\"");
  auto r = load(dir, project, "id;kommune;visiteret;udfald;udfald_dato;ydelse\nA1;746;2020-02-01;;;Sygedagpenge\n");
  REQUIRE(r.messages().find("counted as other [W110]") != std::string::npos);
}

TEST_CASE("read: Windows-1252, Excel serial dates and a yes/no column") {
  TempDir dir;
  std::string project = kProject;
  const std::string by_value = "\"where\": {\"udfald\": [\"job\", \"fleksjob\"]}";
  project.replace(project.find(by_value), by_value.size(), "\"where\": {\"i_job\": true}");
  // As older Danish Excel saves "CSV (semikolonsepareret)": Windows-1252, CRLF.
  auto r = load(dir, project,
                "id;kommune;visiteret;i_job;udfald_dato\r\n"
                "\xC6"
                "1;746;43862;Ja;43891\r\n"  // Æ1: 2020-02-01, in job 2020-03-01
                "\xD8"
                "2;746;43862;nej;43891\r\n"  // Ø2: not in job
                "\xC5"
                "3;746;43862;x;43891\r\n"  // Å3: in job
                "A4;746;43862;ved ikke;43891\r\n");
  REQUIRE(r.dataset);
  REQUIRE(r.diags.error_count() == 0);
  REQUIRE(r.dataset->registrations.size() == 4);
  CHECK(r.dataset->registrations.participant(0) == "Æ1");
  CHECK(r.dataset->registrations.date(0, 0) == Date::from_ymd(2020, 2, 1));
  CHECK(r.dataset->project.input_files.back().encoding == "windows-1252");
  CHECK(r.messages().find("'ved ikke' in column 'i_job' is neither yes nor no") != std::string::npos);
  CHECK(r.dataset->project.booleans.read(" JA ") == true);
  CHECK(r.dataset->project.booleans.read("") == false);
}

TEST_CASE("read: a date outside the project period is a warning and is not counted") {
  TempDir dir;
  auto r = load(dir, kProject, "id;kommune;visiteret;udfald;udfald_dato\nA1;746;2019-12-31;;\nA2;746;2020-01-01;;\n");
  REQUIRE(r.messages().starts_with(
      "reg.csv:2:8: warning: '2019-12-31' in column 'visiteret' is outside the project period (2020-01-01 to "
      "2021-12-31); not counted [W114]\n"));
  CHECK_FALSE(r.dataset->registrations.date(0, 0));
  CHECK(r.dataset->registrations.date(1, 0) == Date::from_ymd(2020, 1, 1));
}

TEST_CASE("read: checks across rows: outcome before referral, two municipalities, no target") {
  TempDir dir;
  std::string project = kProject;
  const std::string job = "\"where\": {\"udfald\": [\"job\", \"fleksjob\"]}";
  project.replace(project.find(job), job.size(), job + ", \"after\": \"visiterede\"");
  const std::string targets = "{\"municipality\": \"190\", \"indicator\": \"visiterede\", \"value\": 10}";
  std::size_t at = project.find(targets);
  std::size_t comma = project.rfind(',', at);
  project.erase(comma, at + targets.size() - comma);  // Furesø loses its target
  auto r = load(dir, project,
                "id;kommune;visiteret;udfald;udfald_dato\n"
                "A1;746;2020-03-01;job;2020-02-01\n"  // in a job before being referred
                "A2;746;2020-03-01;;\n"
                "A2;190;2020-04-01;;\n");  // the same person in Furesø
  REQUIRE(r.diags.error_count() == 0);
  REQUIRE(r.messages() ==
          "reg.csv:2: warning: the date in 'udfald_dato' (2020-02-01) is before the referral in 'visiteret' "
          "(2020-03-01); it does not count for 'i_job' [W115]\n"
          "reg.csv:4: warning: the participant of line 3 (municipality 746) is also registered in municipality "
          "190; counted in both [W116]\n"
          "project.json#/municipalities/1: warning: municipality 190 (Furesø) has registrations but no target "
          "[W117]\n");
}

TEST_CASE("municipalities: a name matches without regard to case, spaces, a Kommune suffix and aa/å, ae/æ, oe/ø") {
  CHECK(municipality_key("  Vejle   Kommune ") == "vejle");
  CHECK(municipality_key("Åbenrå") == municipality_key("Aabenraa"));
  for (const char* name : {"Vejle", "vejle", "VEJLE", "Vejle Kommune", " vejle  kommune ", "630", " 630 "}) {
    CHECK(find_municipality(name).code == "630");
  }
  CHECK(find_municipality("Åbenrå").code == "580");
  CHECK(find_municipality("aabenraa kommune").code == "580");
  CHECK(find_municipality("Bronderslev").code.empty());  // ø is oe, not o: a suggestion, not a match
  CHECK(find_municipality("Broenderslev").code == "810");
  CHECK(find_municipality("Høje Taastrup").code == "169");
  CHECK(find_municipality("hoeje-taastrup").code == "169");
  CHECK(find_municipality("Lyngby-Taarbaek").code == "173");
  CHECK(find_municipality("Ringkobing-Skjern").code.empty());
  CHECK(find_municipality("Ringkøbing Skjern Kommune").code == "760");
  CHECK(find_municipality("Københavns Kommune").code == "101");
  CHECK(find_municipality("Copenhagen").code == "101");
  CHECK(find_municipality("Tårnby").code == "185");
  CHECK(find_municipality("Taarnby").code == "185");
}

TEST_CASE("municipalities: an unknown name gets the likely one, the project's own first") {
  CHECK(find_municipality("Vejel").message() == "unknown municipality 'Vejel'; did you mean 575 (Vejen) or 630 (Vejle)?");
  CHECK(find_municipality("Vejel", {"615", "630", "766"}).message() ==
        "unknown municipality 'Vejel'; did you mean 630 (Vejle)?");
  CHECK(find_municipality("Bronderslev").message() ==
        "unknown municipality 'Bronderslev'; did you mean 810 (Brønderslev)?");
  CHECK(find_municipality("Atlantis").message() ==
        "unknown municipality 'Atlantis' (expected a municipality code such as 630 or a name such as Vejle)");
  CHECK(find_municipality("999").message() == "unknown municipality code '999'");
  CHECK(find_municipality("999").error == "E104");
}

TEST_CASE("municipalities: a name that fits two municipalities is an error naming both") {
  std::map<std::string, Municipality> list{{"101", {"101", "Sø", "R"}}, {"102", {"102", "Soe", "R"}}};
  MunicipalityNames names(list);
  MunicipalityMatch m = names.find("SØ kommune");
  CHECK(m.code.empty());
  CHECK(m.error == "E115");
  CHECK(m.message() == "'SØ kommune' names more than one municipality, 101 (Sø) and 102 (Soe); give the code");
}

TEST_CASE("read: municipalities by name in project.json, targets and registrations") {
  TempDir dir;
  auto r = load(dir, R"({
  "id": "p", "title": "Projekt",
  "period": {"start": "2020-01-01", "end": "2021-12-31"},
  "municipalities": ["Skanderborg Kommune", "Furesø"],
  "indicators": [{"id": "visiterede", "kind": "count", "date_field": "visiteret"}],
  "targets": [{"municipality": "skanderborg", "indicator": "visiterede", "value": 10},
              {"municipality": "Fureso", "indicator": "visiterede", "value": 10}],
  "registrations": {"file": "reg.csv", "columns": {"participant": "id", "municipality": "kommune"}}
})",
                "id;kommune;visiteret\nA1;skanderborg;2020-02-01\nA2;Skanderbrog;2020-02-01\nA3;FURESØ;2020-02-01\n");
  REQUIRE(
      r.messages() ==
      "project.json#/targets/1/municipality: error: unknown municipality 'Fureso'; did you mean 190 (Furesø)? [E104]\n"
      "reg.csv:3:4: error: unknown municipality 'Skanderbrog'; did you mean 746 (Skanderborg)? [E104]\n"
      "**;Skanderbrog;**********\n"
      "   ^\n"
      "project.json#/municipalities/1: warning: municipality 190 (Furesø) has registrations but no target [W117]\n");
  REQUIRE(r.dataset->project.unit_codes == std::vector<std::string>{"746", "190"});
  REQUIRE(r.dataset->registrations.size() == 2);
}
