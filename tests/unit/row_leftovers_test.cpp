// Excel's leftovers (issue 22): blank rows, total rows, Excel error values,
// --skip-bad-rows, and the row that set the as-of date; through the readers
// of registrations (CSV and JSON), counts and targets, messages verbatim.
#include "read/row_leftovers.h"

#include <catch2/catch.hpp>

#include "compute/compute.h"
#include "read/load.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::TempDir;

namespace {

const char* kProject = R"({
  "id": "p", "title": "Projekt",
  "period": {"start": "2020-01-01", "end": "2021-12-31"},
  "municipalities": ["746", "190"],
  "indicators": [{"id": "visiterede", "kind": "count", "date_field": "visiteret"}],
  "targets": {"file": "targets.csv"},
  "registrations": {"file": "REG", "columns": {"participant": "id", "municipality": "kommune"}}
})";

const char* kTargets = "municipality;indicator;target\n746;visiterede;10\n190;visiterede;10\n";

struct Loaded {
  Diagnostics diags;
  std::optional<Dataset> dataset;
  std::string messages() const {
    std::string out;
    for (const auto& d : diags.all()) out += format_diagnostic(d);
    return out;
  }
};

Loaded load(const std::string& registrations, const std::string& name = "reg.csv", bool skip = false,
            const std::string& targets = kTargets) {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("REG"), 3, name);
  dir.write("project.json", project);
  dir.write("targets.csv", targets);
  dir.write(name, registrations);
  Loaded result;
  result.dataset = load_dataset(dir.path() / "project.json", "project.json", result.diags, skip);
  return result;
}

const char* kHeader = "id;kommune;visiteret;antal\n";
const char* kRows = "A1;746;2020-02-01;1\nA2;190;2020-03-01;2\nA3;190;2020-04-01;1\n";

}  // namespace

TEST_CASE("leftovers: Excel's error values, in Danish and English, any case") {
  for (const char* e : {"#I/T", "#N/A", "#VÆRDI!", "#værdi!", "#VALUE!", "#DIV/0!", "#REF!", "#NAVN?", "#NAME?",
                        "#NUM!", "#TAL!", "#NULL!", "#NUL!", " #n/a "}) {
    INFO(e);
    REQUIRE(is_excel_error(e));
  }
  for (const char* not_one : {"", "#", "N/A", "#1", "I/T", "Vejle #2"}) REQUIRE_FALSE(is_excel_error(not_one));
}

TEST_CASE("leftovers: the words of a total row, in any case, as the first non-blank cell") {
  using V = std::vector<std::string_view>;
  for (const char* w : {"I alt", "i ALT", "Total", "SUM", "Sum total", "total i alt", "I alt:"}) {
    INFO(w);
    REQUIRE(total_word(V{"", " ", w, "300"}) == std::string(w));
  }
  REQUIRE_FALSE(total_word(V{"A1", "I alt"}));
  REQUIRE_FALSE(total_word(V{"Totalt fravær"}));
}

TEST_CASE("leftovers: a blank row is skipped and accounted, not an error") {
  auto r = load(std::string(kHeader) + "A1;746;2020-02-01;1\n;;;\n  ; \t;;\nA2;190;2020-03-01;2\n;;;\n");
  REQUIRE(r.messages().empty());
  REQUIRE(r.dataset->rows_read == 5);
  REQUIRE(r.dataset->rows_blank == 3);
  REQUIRE(r.dataset->rows_rejected == 0);
  REQUIRE(r.dataset->registrations.size() == 2);
}

TEST_CASE("leftovers: a blank row of fewer delimiters is blank too") {
  auto r = load(std::string(kHeader) + "A1;746;2020-02-01;1\n;\n");
  REQUIRE(r.messages().empty());
  REQUIRE(r.dataset->rows_blank == 1);
}

TEST_CASE("leftovers: a total row at the end is skipped with one note") {
  auto r = load(std::string(kHeader) + kRows + ";;;\nI alt;;;4\n");
  REQUIRE(r.messages() ==
          "reg.csv:6:1: note: the last row is a total row ('I alt'): skipped, not counted [W131]\n"
          "I alt;;;*\n"
          "^\n");
  REQUIRE(r.diags.warning_count() == 0);
  REQUIRE(r.diags.note_count() == 1);
  REQUIRE(r.dataset->rows_total == 1);
  REQUIRE(r.dataset->rows_rejected == 0);
  REQUIRE(r.dataset->registrations.size() == 3);
}

TEST_CASE("leftovers: a last row of the column sums and no id is a total row") {
  auto r = load(std::string(kHeader) + kRows + ";;;4\n");
  REQUIRE(r.messages() ==
          "reg.csv:5:4: note: the last row is a total row (no id, and its numbers are the sums of the columns "
          "above): skipped, not counted [W131]\n"
          ";;;4\n"
          "   ^\n");
  REQUIRE(r.dataset->rows_total == 1);
  // Other numbers: a row without an id, as before.
  auto other = load(std::string(kHeader) + kRows + ";;;5\n");
  REQUIRE(other.messages() ==
          "reg.csv:5:1: error: missing participant id [E107]\n;;;*\n^\n"
          "reg.csv:5:2: error: missing municipality code [E107]\n;;;*\n ^\n");
}

TEST_CASE("leftovers: a total row with rows below it is an error") {
  auto r = load(std::string(kHeader) + "A1;746;2020-02-01;1\nTotal;;;1\nA2;190;2020-03-01;2\n");
  REQUIRE(r.messages() ==
          "reg.csv:3:1: error: 'Total' starts a total row, but rows with data follow it; a total row may only be the "
          "last row (delete it, or move it below the data) [E119]\n"
          "Total;;;*\n"
          "^\n");
  REQUIRE(r.dataset->rows_rejected == 1);
}

TEST_CASE("leftovers: JSON registrations: an empty object is blank, a total row at the end noted") {
  auto r = load(R"([{"id": "A1", "kommune": "746", "visiteret": "2020-02-01"}, {}, {"id": "", "kommune": " "},
                    {"id": "I alt", "visiteret": "2"}])",
                "reg.json");
  REQUIRE(r.messages() == "reg.json#/3/id: note: the last row is a total row ('I alt'): skipped, not counted [W131]\n");
  REQUIRE(r.dataset->rows_blank == 2);
  REQUIRE(r.dataset->rows_total == 1);
}

TEST_CASE("leftovers: an Excel error value has its own message in every column") {
  auto r = load(std::string(kHeader) + "#N/A;746;2020-02-01;1\nA2;#I/T;2020-03-01;1\nA3;190;#VÆRDI!;1\n");
  REQUIRE(r.messages() ==
          "reg.csv:2:1: error: '#N/A' in column 'id' is an Excel error value: the formula in the sheet gives no "
          "value; fix it there or type the value [E118]\n****;***;**********;*\n^\n"
          "reg.csv:3:4: error: '#I/T' in column 'kommune' is an Excel error value: the formula in the sheet gives no "
          "value; fix it there or type the value [E118]\n**;#I/T;**********;*\n   ^\n"
          "reg.csv:4:8: error: '#VÆRDI!' in column 'visiteret' is an Excel error value: the formula in the sheet "
          "gives no value; fix it there or type the value [E118]\n**;***;#VÆRDI!;*\n       ^\n");
  REQUIRE(r.dataset->rows_rejected == 3);
}

TEST_CASE("leftovers: targets: an Excel error value, a blank row and a total row") {
  auto r = load(std::string(kHeader) + kRows, "reg.csv", false,
                "municipality;indicator;target\n746;visiterede;10\n;;\n190;visiterede;#DIV/0!\nI alt;;20\n");
  REQUIRE(r.messages() ==
          "targets.csv:4:16: error: '#DIV/0!' is an Excel error value: the formula in the sheet gives no value; fix "
          "it there or type the value [E118]\n190;visiterede;#DIV/0!\n               ^\n"
          "targets.csv:5:1: note: the last row is a total row ('I alt'): skipped, not counted [W131]\nI alt;;20\n^\n"
          "project.json#/municipalities/1: warning: municipality 190 (Furesø) has registrations but no target "
          "[W117]\n");
}

TEST_CASE("skip bad rows: a row's error is a warning, the row left out and listed by its first error") {
  auto r =
      load(std::string(kHeader) + "A1;746;31-11-2020;1\nA2;999;2020-03-01;1\nA3;190;2020-04-01;1\n", "reg.csv", true);
  REQUIRE_FALSE(r.diags.has_errors());
  REQUIRE(r.diags.warning_count() == 2);
  const Dataset& d = *r.dataset;
  REQUIRE(d.rows_rejected == 2);
  REQUIRE(d.rows_skipped == 2);
  REQUIRE(d.registrations.size() == 1);
  REQUIRE(d.skipped_rows.size() == 2);
  REQUIRE(format_location(d.skipped_rows[0].where) == "reg.csv:2:8");
  REQUIRE(d.skipped_rows[0].code == "E106");
  REQUIRE(d.skipped_rows[1].message == "unknown municipality code '999'");
  // A file-level error is still an error.
  auto missing = load("id;visiteret\nA1;2020-02-01\n", "reg.csv", true);
  REQUIRE(missing.diags.has_errors());
}

TEST_CASE("skip bad rows: a total row inside the data is left out, one at the end still a note") {
  auto r =
      load(std::string(kHeader) + "A1;746;2020-02-01;1\nI alt;;;1\nA2;190;2020-03-01;2\nI alt;;;3\n", "reg.csv", true);
  REQUIRE(r.dataset->rows_skipped == 1);
  REQUIRE(r.dataset->rows_total == 1);
  REQUIRE(r.dataset->skipped_rows.at(0).code == "E119");
}

TEST_CASE("as of: the row with the latest date, and the date before it") {
  auto r = load(std::string(kHeader) + "A1;746;2020-02-01;1\nA2;190;2021-11-08;1\nA3;190;2020-04-01;1\n");
  auto source = latest_date_source(*r.dataset);
  REQUIRE(source);
  REQUIRE(source->file == "reg.csv");
  REQUIRE(source->line == 3);
  REQUIRE(source->next_latest == Date::from_ymd(2020, 4, 1));
  Report report = compute_report(*r.dataset, {});
  REQUIRE(report.as_of == Date::from_ymd(2021, 11, 8));
  REQUIRE(report.as_of_source);
  REQUIRE_FALSE(compute_report(*r.dataset, {Date::from_ymd(2021, 1, 1), {}, ""}).as_of_source);
}
