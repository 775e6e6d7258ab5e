// Danish dates and words (issue 22): dates as a Danish or English
// spreadsheet writes them, a partial locale file, labels per language, CPR
// numbers as the id column, and definitions that read well.
#include <catch2/catch.hpp>

#include "app/pipeline.h"
#include "core/error.h"
#include "read/load.h"
#include "render/locale.h"
#include "render/templates.h"
#include "render/view_model.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::TempDir;

namespace {

// Two municipalities; "visiterede" has targets, "job" (a yes/no filter) and
// the ratio none.
const char* kProject = R"({
  "id": "p", "title": {"da": "Flere i job", "en": "More in work"},
  "period": {"start": "2020-01-01", "end": "2021-12-31"},
  "municipalities": ["746", "190"],
  "indicators": [
    {"id": "visiterede", "label": {"da": "Visiterede", "en": "Referred"}, "kind": "count",
     "date_field": "visiteret", "where": {"udfald": ["job", "fleksjob"]}},
    {"id": "job", "label": {"da": "I job"}, "kind": "count", "date_field": "udfald_dato",
     "where": {"fleksjob": true, "ordinaer": false}, "count": "first", "after": "visiterede"},
    {"id": "andel", "label": "Andel i job", "kind": "ratio", "numerator": "job", "denominator": "visiterede"},
    {"id": "alle", "label": "Alle", "kind": "sum", "of": ["visiterede", "job"]}
  ],
  "targets": [{"municipality": "746", "indicator": "visiterede", "value": 10},
              {"municipality": "190", "indicator": "visiterede", "value": 10}],
  "breakdowns": [{"id": "b", "label": {"da": "Efter alder", "en": "By age"}, "indicator": "visiterede",
                  "field": "alder", "age_field": "age",
                  "age_bands": [{"from": 18, "to": 29, "label": {"da": "18-29 år", "en": "18-29 years"}}]}],
  "registrations": {"file": "reg.csv", "columns": {"participant": "id", "municipality": "kommune"}}
})";

const char* kRegistrations =
    "id;kommune;visiteret;udfald;udfald_dato;fleksjob;ordinaer;alder\n"
    "A1;746;2. maj 2020;job;02.06.20;ja;nej;20\n"
    "A2;190;02-maj-2020;fleksjob;2-Jun-2020;x;;30\n"
    "A3;190;2-May-2020;;;;;40\n"
    "A4;746;02.05.20;;;;;25\n";

struct Loaded {
  Diagnostics diags;
  std::optional<Dataset> dataset;
  std::string messages() const {
    std::string out;
    for (const auto& d : diags.all()) out += format_diagnostic(d);
    return out;
  }
};

Loaded load(const TempDir& dir, const std::string& project, const std::string& registrations) {
  dir.write("project.json", project);
  dir.write("reg.csv", registrations);
  Loaded result;
  result.dataset = load_dataset(dir.path() / "project.json", "project.json", result.diags);
  return result;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  return text.replace(pos, from.size(), to);
}

CheckResult check(const TempDir& dir, const std::string& locale) {
  dir.write("project.json", kProject);
  dir.write("reg.csv", kRegistrations);
  RunOptions options;
  options.project = dir.path() / "project.json";
  options.locale = locale;
  return run_check(options);
}

std::string warnings(const CheckResult& result) {
  std::string out;
  for (const auto& d : result.diagnostics.all()) out += format_diagnostic(d);
  return out;
}

}  // namespace

TEST_CASE("words: registration dates in Danish and English spellings and two-digit years are counted") {
  TempDir dir;
  auto r = load(dir, kProject, kRegistrations);
  REQUIRE(r.messages().empty());
  const auto& regs = r.dataset->registrations;
  for (std::size_t k = 0; k < 4; ++k) {
    INFO(k);
    CHECK(regs.date(k, 0) == Date::from_ymd(2020, 5, 2));
  }
  CHECK(regs.date(0, 1) == Date::from_ymd(2020, 6, 2));
  CHECK(regs.date(1, 1) == Date::from_ymd(2020, 6, 2));
}

TEST_CASE("words: a two-digit year that the pivot puts outside the period is a warning that says so") {
  TempDir dir;
  auto r = load(dir, kProject, replaced(kRegistrations, "02.05.20", "02.05.89"));
  CHECK(r.messages() ==
        "reg.csv:5:8: warning: '02.05.89' in column 'visiteret' has a two-digit year, read as 1989 (00-69 are "
        "2000-2069, 70-99 are 1970-1999), which is outside the project period (2020-01-01 to 2021-12-31); not "
        "counted. Write the year with four digits [W135]\n"
        "**;***;02.05.89;;;;;**\n"
        "       ^\n");
  CHECK_FALSE(r.dataset->registrations.date(3, 0));
}

TEST_CASE("words: an impossible date stays an error with its message and location") {
  TempDir dir;
  auto r = load(dir, kProject, replaced(kRegistrations, "02.05.20", "31-11-2020"));
  CHECK(r.messages() ==
        "reg.csv:5:8: error: '31-11-2020' in column 'visiteret' is not a date (expected 2019-12-31, 31-12-2019, "
        "31.12.2019, 31/12/2019 or an Excel serial day such as 43830) [E106]\n"
        "**;***;31-11-2020;;;;;**\n"
        "       ^\n");
}

TEST_CASE("words: CPR numbers as the participant id column raise no W119; in another column they do") {
  TempDir dir;
  auto r = load(dir, kProject,
                "id;kommune;visiteret;udfald;udfald_dato;fleksjob;ordinaer;alder\n"
                "010185-1234;746;2020-05-02;;;;;20\n0201851234;190;2020-05-02;;;;;20\n");
  CHECK(r.messages().empty());
  r = load(dir, kProject,
           "id;kommune;visiteret;udfald;udfald_dato;fleksjob;ordinaer;alder\n"
           "010185-1234;746;2020-05-02;0201851234;;;;20\n");
  CHECK(r.messages() ==
        "reg.csv:2:28: warning: column 'udfald' holds CPR numbers; they are starred out of every message and never "
        "written to any output, but consider a pseudonymous id instead [W119]\n"
        "***********;***;**********;**********;;;;**\n"
        "                           ^\n"
        "reg.csv:2: warning: '**********' in column 'udfald' is in 1 row that no indicator's where names; they count "
        "for no indicator filtered on 'udfald' [W125]\n");
}

TEST_CASE("words: a label per language is shown in the outputs' language, falling back with a warning") {
  TempDir dir;
  auto da = check(dir, "da");
  REQUIRE(da.report);
  CHECK(da.report->project.title == "Flere i job");
  CHECK(da.report->indicators[0].label == "Visiterede");
  CHECK(da.report->breakdowns[0].label == "Efter alder");
  CHECK(warnings(da).find("W137") == std::string::npos);
  auto en = check(dir, "en");
  REQUIRE(en.report);
  CHECK(en.report->project.title == "More in work");
  CHECK(en.report->indicators[0].label == "Referred");
  CHECK(en.report->indicators[1].label == "I job");       // only Danish given
  CHECK(en.report->indicators[2].label == "Andel i job");  // a plain text serves every language
  CHECK(en.report->breakdowns[0].label == "By age");
  CHECK(en.report->breakdowns[0].categories == std::vector<std::string>{"18-29 years"});
  CHECK(warnings(en).find("project.json#/indicators/1/label: warning: no \"en\" text (the outputs' language), so "
                          "another language's is shown; add one [W137]\n") != std::string::npos);
}

TEST_CASE("words: a label is marked with the language it was given in, when that is not the page's (issue 21)") {
  TempDir dir;
  auto en = check(dir, "en");
  REQUIRE(en.report);
  const auto& ind = en.report->indicators;
  CHECK(own_lang_attr(ind[0].label_texts, "en").empty());                // "Referred" on an English page
  CHECK(own_lang_attr(ind[1].label_texts, "en") == " lang=\"da\"");     // only Danish given
  CHECK(own_lang_attr(ind[2].label_texts, "en") == " lang=\"da\"");     // a plain text is the project's Danish
  CHECK(own_lang_attr(ind[0].label_texts, "da").empty());
  CHECK(own_lang_attr(ind[2].label_texts, "da").empty());
  Translations english_only{{{"en", "Screened"}}, "/indicators/0/label"};
  CHECK(own_lang_attr(english_only, "da") == " lang=\"en\"");          // the reverse case
  CHECK(own_lang_attr(english_only, "en").empty());
}

TEST_CASE("words: a label per language is checked in every language and must name known languages") {
  TempDir dir;
  auto r = load(dir, replaced(kProject, R"({"da": "I job"})", R"({"da": "I job", "de": "Im Job", "en": 5})"),
                kRegistrations);
  CHECK(r.messages() ==
        "project.json#/indicators/1/label/de: error: unknown language 'de' (expected \"da\" or \"en\") [E203]\n"
        "project.json#/indicators/1/label/en: error: expected a string [E202]\n");
  r = load(dir, replaced(kProject, R"({"da": "I job"})", R"({"da": "I job", "en": ")" + std::string(256, 'x') + "\"}"),
           kRegistrations);
  CHECK(r.messages() ==
        "project.json#/indicators/1/label/en: error: a label of 256 characters; at most 255 are allowed (it heads a "
        "column in the workbook) [E203]\n");
  r = load(dir, replaced(kProject, R"({"da": "I job"})", R"({"da": "I job", "en": "May 2020"})"), kRegistrations);
  CHECK(r.messages() ==
        "project.json#/indicators/1/label/en: error: the label 'May 2020' is also the column header 'May 2020' (a "
        "month) in the indicator's monthly table in the workbook, and a table's columns need different names; "
        "rename it [E203]\n");
  r = load(dir, replaced(kProject, R"({"da": "I job"})", "{}"), kRegistrations);
  CHECK(r.messages() ==
        "project.json#/indicators/1/label: error: expected a text, or texts by language such as {\"da\": "
        "\"Visiterede\", \"en\": \"Referred\"} [E203]\n");
}

TEST_CASE("words: a partial locale file is laid over the built-in words; an unknown key is a warning") {
  TempDir dir;
  dir.write("project.json", kProject);
  dir.write("reg.csv", kRegistrations);
  std::filesystem::create_directories(dir.path() / "templates/locale");
  dir.write("templates/locale/da.json", R"({"of_target": "ud af {target}", "of_targt": "af {target}"})");
  TemplateSet templates({dir.path() / "templates"});
  Locale locale = Locale::load(templates, "da");
  CHECK(locale.get("of_target") == "ud af {target}");
  CHECK(locale.get("and") == "og");  // built in
  CHECK(locale.unknown_keys() == std::vector<std::string>{"of_targt"});
  RunOptions options;
  options.project = dir.path() / "project.json";
  auto result = run_check(options);
  REQUIRE(result.report);
  CHECK(warnings(result) == (dir.path() / "templates/locale/da.json").generic_string() +
                                "#/of_targt: warning: 'of_targt' is not one of the built-in words (see maaltal "
                                "template locale/da.json), so it changes nothing unless a template of your own uses "
                                "it; check its spelling [W136]\n");
  dir.write("templates/locale/da.json", R"({"of_target": 5})");
  CHECK_THROWS_WITH(Locale::load(templates, "da"),
                    (dir.path() / "templates/locale/da.json").generic_string() + ": 'of_target' is not a string");
}

TEST_CASE("words: definitions read well for yes/no filters, first events, ratios and indicators without a target") {
  TempDir dir;
  auto da = check(dir, "da");
  REQUIRE(da.report);
  TemplateSet templates;
  auto defs = definitions_view(*da.report, Locale::load(templates, "da"));
  CHECK(defs[0]["definition"] ==
        "Antal borgere med en dato i feltet «visiteret» på eller før opgørelsesdatoen, hvor «udfald» er job eller "
        "fleksjob.");
  CHECK(defs[0]["denominator"] == "Måltallet for «Visiterede»; målopfyldelse er tæller ÷ nævner");
  CHECK(defs[1]["definition"] ==
        "Antal borgere med en dato i feltet «udfald_dato» på eller før opgørelsesdatoen, hvor «fleksjob» er ja, hvor "
        "«ordinaer» er nej. Kun borgerens første dato i feltet «udfald_dato» tæller. Kun hændelser fra den dato, "
        "borgeren tælles i «Visiterede», tæller med.");
  CHECK(defs[1]["denominator"] == "Intet måltal; der beregnes ingen målopfyldelse for «I job»");
  CHECK(defs[2]["definition"] == "I job divideret med Visiterede.");
  CHECK(defs[3]["definition"] == "Summen af Visiterede og I job.");
  auto en = check(dir, "en");
  REQUIRE(en.report);
  defs = definitions_view(*en.report, Locale::load(templates, "en"));
  CHECK(defs[1]["definition"] ==
        "Number of citizens with a date in the field “udfald_dato” on or before the as-of date, where “fleksjob” is "
        "yes, where “ordinaer” is no. Only a citizen's first date in the field “udfald_dato” counts. Only events "
        "from the date the citizen counts in “Referred” count.");
  CHECK(defs[1]["denominator"] == "No target; no attainment is computed for “I job”");
  CHECK(defs[2]["definition"] == "I job divided by Referred.");
}
