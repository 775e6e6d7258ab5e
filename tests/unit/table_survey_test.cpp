// maaltal init's guesses: what each column of a registrations table holds,
// from its header and its cells' texts.
#include "read/table_survey.h"

#include <catch2/catch.hpp>

using namespace maaltal;

namespace {

std::vector<ColumnGuess> survey(const std::vector<std::string>& header,
                                const std::vector<std::vector<std::string>>& rows) {
  TableSurvey s(header);
  int line = 2;
  for (const auto& cells : rows) s.add({line++, cells, {}});
  return s.guesses();
}

}  // namespace

TEST_CASE("table survey: a column named like an id is the participant, its repeats noted", "[init]") {
  auto g = survey({"CPR-nr", "kommune", "dato"},
                  {{"010190-1234", "630", "2025-01-02"}, {"010190-1234", "615", "2025-01-03"}});
  CHECK(g[0].role == ColumnRole::kParticipant);
  CHECK(g[0].why == "named like an id; some values repeat (one row per event?)");
  CHECK(g[0].repeats);
  CHECK(g[0].values.empty());
}

TEST_CASE("table survey: without an id's name, the first column whose every row has its own value", "[init]") {
  auto g = survey({"løbenummer", "kommune", "dato"}, {{"17", "630", "2025-01-02"}, {"18", "630", "2025-01-03"}});
  CHECK(g[0].role == ColumnRole::kParticipant);
  CHECK(g[0].why == "every row has a value of its own");
}

TEST_CASE("table survey: municipalities by name in any case, with Kommune, aa for å, or by code", "[init]") {
  CHECK(municipality_code_of("Vejle") == "630");
  CHECK(municipality_code_of(" vejle kommune ") == "630");
  CHECK(municipality_code_of("Aabenraa") == "580");
  CHECK(municipality_code_of("ÅBENRÅ") == "580");
  CHECK(municipality_code_of("ærø") == "492");
  CHECK(municipality_code_of("746") == "746");
  CHECK(municipality_code_of("Vejel").empty());
  CHECK(municipality_code_of("999").empty());
  auto g = survey({"id", "Bopæl", "dato"}, {{"1", "Vejle", "2025-01-02"},
                                            {"2", "Horsens", "2025-01-03"},
                                            {"3", "horsens", "2025-01-04"},
                                            {"4", "Hedensted", "2025-01-05"},
                                            {"5", "Vejel", "2025-01-06"}});
  REQUIRE(g[1].role == ColumnRole::kMunicipality);
  CHECK(g[1].why == "4 of 5 values are municipality names or codes");
  REQUIRE(g[1].values.size() == 3);
  CHECK(g[1].values[0].value == "615");
  CHECK(g[1].values[0].count == 2);
  CHECK(g[1].misfits == 1);
  REQUIRE(g[1].first_misfit);
  CHECK(g[1].first_misfit->value == "Vejel");
  CHECK(g[1].first_misfit->row == 6);
}

TEST_CASE("table survey: a date column holds mostly dates; a birth year is a number, not a serial day", "[init]") {
  auto g = survey({"id", "kommune", "visiteret", "født"}, {{"1", "630", "03-01-2025", "1975"},
                                                           {"2", "630", "2025-02-01", "1980"},
                                                           {"3", "630", "45700", "1990"},
                                                           {"4", "630", "", "1961"},
                                                           {"5", "630", "31-11-2024", "1999"},
                                                           {"6", "630", "1.2.2025", "1970"}});
  REQUIRE(g[2].role == ColumnRole::kDate);
  CHECK(g[2].why == "4 of 5 values are dates");
  CHECK(g[2].first->iso() == "2025-01-03");
  CHECK(g[2].last->iso() == "2025-02-12");
  CHECK(g[2].misfits == 1);
  CHECK(g[2].first_misfit->value == "31-11-2024");
  CHECK(g[3].role == ColumnRole::kNumber);
}

TEST_CASE("table survey: yes/no, category and free text columns, with the values seen", "[init]") {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 10; ++i) {
    rows.push_back(
        {std::to_string(i), "630", i % 3 ? "x" : "", i % 2 ? "Dagpenge" : "Kontanthjælp", "note " + std::to_string(i)});
  }
  auto g = survey({"id", "kommune", "Fleksjob", "ydelse", "bemærkning"}, rows);
  CHECK(g[2].role == ColumnRole::kYesNo);
  REQUIRE(g[2].values.size() == 1);
  CHECK(g[2].values[0].value == "x");
  CHECK(g[2].values[0].count == 6);
  CHECK(g[3].role == ColumnRole::kCategory);
  CHECK(g[3].why == "2 different values, each used again");
  CHECK(g[4].role == ColumnRole::kText);
  CHECK(g[4].why == "10 different values: free text");
  CHECK(g[4].values.empty());
}

TEST_CASE("table survey: an outcome goes with the date column named after it, or filled in the same rows", "[init]") {
  auto g = survey({"id", "kommune", "visiteret", "udfald", "udfaldsdato", "resultat", "slutdato"},
                  {{"1", "630", "2025-01-02", "Fleksjob", "2025-03-01", "", ""},
                   {"2", "630", "2025-01-03", "", "", "", ""},
                   {"3", "630", "2025-01-04", "Ordinære timer", "2025-03-02", "afsluttet", "2025-04-01"},
                   {"4", "630", "2025-01-05", "", "", "afsluttet", "2025-04-02"}});
  CHECK(g[3].role == ColumnRole::kCategory);
  CHECK(g[3].why == "2 different values, named after a date column");
  CHECK(g[3].date_column == std::optional<std::size_t>(4));
  CHECK(g[5].role == ColumnRole::kCategory);
  CHECK(g[5].date_column == std::optional<std::size_t>(6));
}

TEST_CASE("table survey: a yes/no column goes with the date most of its yes rows have", "[init]") {
  auto g = survey({"id", "kommune", "visiteret", "job_dato", "i job"}, {{"1", "630", "2025-01-02", "2025-03-01", "ja"},
                                                                        {"2", "630", "2025-01-03", "", "nej"},
                                                                        {"3", "630", "2025-01-04", "2025-03-02", "ja"},
                                                                        {"4", "630", "2025-01-05", "", ""}});
  CHECK(g[4].role == ColumnRole::kYesNo);
  CHECK(g[4].date_column == std::optional<std::size_t>(3));
}

TEST_CASE("table survey: blank rows are not counted; empty and nameless columns are left out, saying why", "[init]") {
  auto g = survey({"id", "kommune", "dato", "", "tom"},
                  {{"1", "630", "2025-01-02", "a", ""}, {"", "", "", "", ""}, {"2", "630", "2025-01-03", "b", ""}});
  CHECK(g[3].role == ColumnRole::kLeftOut);
  CHECK(g[3].why == "no header: give the column a name to use it");
  CHECK(g[4].role == ColumnRole::kLeftOut);
  CHECK(g[4].why == "always empty");
  TableSurvey s({"id"});
  s.add({2, {" "}, {}});
  CHECK(s.rows() == 0);
}

TEST_CASE("table survey: one municipality column, the one named so", "[init]") {
  auto g = survey({"id", "bopæl", "kommune", "dato"},
                  {{"1", "Vejle", "Horsens", "2025-01-02"}, {"2", "Vejle", "Horsens", "2025-01-03"}});
  CHECK(g[1].role == ColumnRole::kLeftOut);
  CHECK(g[1].why == "also holds municipalities; the project uses 'kommune'");
  CHECK(g[2].role == ColumnRole::kMunicipality);
}

TEST_CASE("table survey: a total row is no participant, and spoils no column's guess", "[init]") {
  TableSurvey s({"id", "kommune", "dato", "fleksjob"});
  s.add({2, {"1", "630", "2025-01-02", "x"}, {}});
  s.add({3, {"2", "630", "2025-01-03", ""}, {}});
  s.add({4, {"I alt:", "", "300", "1"}, {}});
  s.add({5, {"", "Total", "", ""}, {}});
  CHECK(s.rows() == 2);
  CHECK(s.total_row() == std::optional<int>(4));
  auto g = s.guesses();
  CHECK(g[2].misfits == 0);
  CHECK(g[3].role == ColumnRole::kYesNo);
}
