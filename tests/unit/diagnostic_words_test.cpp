// The diagnostics' words in the locale files (issue 20, "Danish throughout a
// Danish report"): every code has its words in English and Danish, the two
// name the same values, every message made at a call site finds its words
// with every value they name, and a Danish report shows Danish messages,
// values starred as in English.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "app/pipeline.h"
#include "core/diagnostics.h"
#include "core/resources.h"
#include "read/load.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::map<std::string, std::string> built_in(const std::string& code) {
  auto text = embedded_resource("config/locale/" + code + ".json");
  REQUIRE(text);
  return diagnostic_texts(*text);
}

// The "{name}"s a text names.
std::set<std::string> named_values(const std::string& text) {
  std::set<std::string> names;
  static const std::regex placeholder(R"(\{([a-z_]+)\})");
  for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end; it != end; ++it) names.insert((*it)[1]);
  return names;
}

std::set<std::string> matches(const std::string& text, const std::regex& pattern) {
  std::set<std::string> found;
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) found.insert((*it)[1]);
  return found;
}

// The codes the source reports ("E104") and README's code table lists.
std::set<std::string> codes_in_source() {
  std::set<std::string> codes;
  static const std::regex code(R"re("([EWN][0-9]{3})")re");
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(MAALTAL_SOURCE_DIR) / "src")) {
    if (!entry.is_regular_file()) continue;
    auto found = matches(file_text(entry.path()), code);
    codes.insert(found.begin(), found.end());
  }
  return codes;
}

std::set<std::string> codes_in_readme() {
  static const std::regex row(R"(\n\| ([EWN][0-9]{3}) \|)");
  return matches(file_text(fs::path(MAALTAL_SOURCE_DIR) / "README.md"), row);
}

bool has_words(const std::map<std::string, std::string>& words, const std::string& code) {
  auto it = words.lower_bound(code);
  return it != words.end() && (it->first == code || it->first.starts_with(code + "."));
}

// Every diagnostic made from words has them in both languages, with each value they name.
void require_worded(const Diagnostic& d) {
  INFO(d.key << ": " << d.message);
  std::set<std::string> given;
  for (const auto& [name, value] : d.args) given.insert(name);
  for (const auto& code : {"en", "da"}) {
    auto words = built_in(code);
    REQUIRE(words.contains(d.key));
    for (const auto& name : named_values(words.at(d.key))) CHECK(given.contains(name));
  }
}

const char* kProject = R"({
  "id": "p", "title": "Flere i job", "locale": "da",
  "period": {"start": "2020-01-01", "end": "2021-12-31"},
  "municipalities": ["746", "190"],
  "indicators": [
    {"id": "visiterede", "label": "Visiterede", "kind": "count", "date_field": "visiteret"},
    {"id": "job", "label": "I job", "kind": "count", "date_field": "udfald_dato", "where": {"fleksjob": true}}
  ],
  "targets": [{"municipality": "746", "indicator": "visiterede", "value": 10}],
  "registrations": {"file": "reg.csv", "columns": {"participant": "id", "municipality": "kommune"}}
})";

// A row for each kind of row problem, and a CPR number in a column of its own.
const char* kRegistrations =
    "id;kommune;visiteret;udfald_dato;fleksjob;note\n"
    "A1;746;2020-05-02;;ja;\n"
    "A2;999;2020-05-02;;;\n"
    "A3;Vejel;2020-05-02;;;\n"
    "A4;630;2020-05-02;;;\n"
    ";746;2020-05-02;;;\n"
    "A6;;2020-05-02;;;\n"
    "A7;746;31-02-2020;;;\n"
    "A8;746;2025-01-01;;;\n"
    "A9;746;02.05.89;;;\n"
    "A10;746;#VÆRDI!;;;\n"
    "A11;746;2020-05-02;;maaske;\n"
    "A1;746;2020-05-03;;;\n"
    "A13;190;2020-05-02;;;010190-1234\n"
    "A14;746;2020-05-02\n"
    "I alt;;;;;\n";

CheckResult check(const TempDir& dir, const std::optional<std::string>& locale) {
  dir.write("project.json", kProject);
  dir.write("reg.csv", kRegistrations);
  RunOptions options;
  options.project = dir.path() / "project.json";
  options.locale = locale;
  options.skip_bad_rows = true;
  return run_check(options);
}

}  // namespace

TEST_CASE("diagnostic words: English and Danish have the same keys, naming the same values") {
  auto en = built_in("en");
  auto da = built_in("da");
  REQUIRE(en.size() > 100);
  for (const auto& [key, text] : en) {
    INFO(key);
    REQUIRE(da.contains(key));
    CHECK(named_values(da.at(key)) == named_values(text));
  }
  for (const auto& [key, text] : da) {
    INFO(key);
    CHECK(en.contains(key));
  }
}

// Also names a code that another engineer adds without its words.
TEST_CASE("diagnostic words: every code the source reports and README lists has words in both languages") {
  auto source = codes_in_source();
  auto readme = codes_in_readme();
  REQUIRE(source.size() > 40);
  REQUIRE(readme.size() > 40);
  for (const auto& language : {"en", "da"}) {
    auto words = built_in(language);
    for (const auto* codes : {&source, &readme}) {
      for (const auto& code : *codes) {
        INFO(language << ": " << code);
        CHECK(has_words(words, code));
      }
    }
  }
}

TEST_CASE("diagnostic words: a run's every diagnostic finds its words with each value they name") {
  TempDir dir;
  CheckResult result = check(dir, std::nullopt);
  std::set<std::string> codes;
  for (const auto& d : result.diagnostics.all()) {
    codes.insert(d.code);
    require_worded(d);
  }
  // The row problems the registrations above were written to make.
  for (const auto* code : {"E102", "E104", "E105", "E106", "E107", "E118", "W131", "W109", "W113", "W114", "W119",
                           "W132", "W135"}) {
    INFO(code);
    CHECK(codes.contains(code));
  }
}

TEST_CASE("diagnostic words: a Danish report's messages are Danish, values starred as in English") {
  TempDir dir;
  CheckResult result = check(dir, std::nullopt);
  const DiagnosticWords& danish = DiagnosticWords::built_in("da");
  std::string english_text, danish_text;
  for (const auto& d : result.diagnostics.all()) {
    english_text += format_diagnostic(d);
    danish_text += format_diagnostic(d, danish);
  }
  CHECK(danish_text.find(": advarsel: kommune 630 (Vejle) er ikke en af projektets kommuner [E105]") !=
        std::string::npos);
  CHECK(danish_text.find("ukendt kommunekode '999' [E104]") != std::string::npos);
  CHECK(danish_text.find("'2025-01-01' i kolonnen 'visiteret' ligger uden for projektperioden (2020-01-01 til "
                         "2021-12-31); ikke talt med [W114]") != std::string::npos);
  CHECK(danish_text.find("kolonnen 'note' indeholder CPR-numre") != std::string::npos);
  CHECK(english_text.find(": warning: municipality 630 (Vejle) is not one of the project's municipalities [E105]") !=
        std::string::npos);
  // The CPR number is nowhere, in either language; the id column's value starred in both.
  for (const auto* text : {&english_text, &danish_text}) {
    CHECK(text->find("010190-1234") == std::string::npos);
    CHECK(text->find("'**' i kolonnen 'id'") == std::string::npos);
  }
  // The data quality of the report says the same in Danish: the example of each code.
  REQUIRE(result.report);
  REQUIRE(!result.report->data_quality.top_problems.empty());
  for (const auto& p : result.report->data_quality.top_problems) {
    auto first = std::find_if(result.diagnostics.all().begin(), result.diagnostics.all().end(),
                              [&](const Diagnostic& d) { return d.code == p.code; });
    REQUIRE(first != result.diagnostics.all().end());
    INFO(p.example);
    CHECK(p.example.ends_with(": " + danish.message(*first)));
    CHECK(danish.message(*first) != first->message);
  }
}

TEST_CASE("diagnostic words: a value is put in once, never read as words itself") {
  DiagnosticWords words(std::map<std::string, std::string>{{"W999", "'{value}' in '{column}'"}});
  CHECK(*words.fill("W999", {{"value", "{column}"}, {"column", "c"}}) == "'{column}' in 'c'");
  CHECK(!words.fill("W998", {}));
  Diagnostic d{Severity::kWarning, "W999", "English", {}, "W999.other", {}};
  CHECK(words.message(d) == "English");  // a language without the key: the English made when it was kept
}

TEST_CASE("diagnostic words: a project or pool value's E202/E203 message is made from words, not English text") {
  // `fields.invalid(ptr, "…")` would be English in a Danish report: every call
  // names its words. The two limits that print a number grouped as English
  // writes it ("20,000") are still English text (README, "Problems in the inputs").
  static const std::regex call(R"re(\.(?:invalid|wrong_type)\(([^;]*);)re");
  std::set<std::string> english;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(MAALTAL_SOURCE_DIR) / "src")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".cpp") continue;
    std::string text = file_text(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it) {
      if ((*it)[1].str().find("Words(") == std::string::npos)
        english.insert(entry.path().filename().string() + ": " + (*it)[1].str().substr(0, 60));
    }
  }
  english.erase("project_reader.cpp: \"/as_of\", *problem)");  // as_of_problem() gives Words
  for (const auto& site : english) {
    INFO(site);
    CHECK(site.starts_with("project_limits.cpp: pointer_of(keys)"));
  }
  CHECK(english.size() == 2);
}

TEST_CASE("diagnostic words: a bad project value reads in Danish, with its value starred as in English") {
  TempDir dir;
  std::string project = kProject;
  auto replace = [&](const std::string& from, const std::string& to) {
    auto at = project.find(from);
    REQUIRE(at != std::string::npos);
    project.replace(at, from.size(), to);
  };
  replace(R"("locale": "da")", R"("locale": "da", "percent_decimals": 9)");
  replace(R"("kind": "count", "date_field": "visiteret")", R"("kind": "tal 010190-1234")");
  replace(R"("end": "2021-12-31")", R"("end": "2019-12-31")");
  dir.write("project.json", project);
  dir.write("reg.csv", kRegistrations);
  RunOptions options;
  options.project = dir.path() / "project.json";
  CheckResult result = run_check(options);
  const DiagnosticWords& danish = DiagnosticWords::built_in("da");
  std::string english_text, danish_text;
  for (const auto& d : result.diagnostics.all()) {
    require_worded(d);
    english_text += format_diagnostic(d);
    danish_text += format_diagnostic(d, danish);
  }
  INFO(danish_text);
  CHECK(danish_text.find("forventede et helt tal fra 0 til 4 [E203]") != std::string::npos);
  CHECK(danish_text.find("perioden slutter, før den begynder [E203]") != std::string::npos);
  CHECK(danish_text.find("ukendt type 'tal ") != std::string::npos);
  CHECK(english_text.find("unknown kind 'tal ") != std::string::npos);
  CHECK(english_text.find("(expected count, sum or ratio) [E203]") != std::string::npos);
  for (const auto* text : {&english_text, &danish_text}) CHECK(text->find("010190-1234") == std::string::npos);
}
