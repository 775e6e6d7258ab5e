// Surveys: reading the answers against the declared scale (read/survey_reader.h),
// the distributions (compute/surveys.h) and their public suppression.
#include <catch2/catch.hpp>

#include "compute/surveys.h"
#include "read/load.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::TempDir;

namespace {

const char* kProject = R"({
  "id": "s", "title": "S", "period": {"start": "2020-01-01", "end": "2020-12-31"},
  "municipalities": ["607"],
  "indicators": [{"id": "visiterede", "kind": "count", "date_field": "dato"}],
  "registrations": {"file": "reg.csv", "columns": {"participant": "id", "municipality": "kommune"}},
  "surveys": [{"id": "p", "title": "P", "file": "svar.csv", "respondents": "staff", "publish_small_n": true,
               "scale": ["I meget høj grad", "I høj grad", "I mindre grad", "Slet ikke"],
               "not_answered": ["Sprunget over"], "groups": ["ledere", "jobformidlere"]}]
})";

const char* kQ1 = "I hvor høj grad har jobcenteret tilstræbt at være synlige i virksomhedsnetværk?";

std::string staff_answers() {
  std::string q = kQ1;
  return "respondent;group;question;answer\n"
         "L1;ledere;" + q + ";I meget høj grad\n"
         "L2;ledere;" + q + ";I meget høj grad\n"
         "L3;ledere;" + q + ";Sprunget over\n"
         "J1;jobformidlere;" + q + ";I høj grad\n"
         "J2;jobformidlere;" + q + ";I høj grad\n"
         "J3;jobformidlere;" + q + ";I høj grad\n";
}

std::optional<Dataset> load(const TempDir& dir, const std::string& answers, Diagnostics& diags,
                            const std::string& project = kProject) {
  dir.write("project.json", project);
  dir.write("reg.csv", "id;kommune;dato\nA;607;2020-02-01\n");
  dir.write("svar.csv", answers);
  return load_dataset(dir.path() / "project.json", "project.json", diags);
}

std::string first_message(const Diagnostics& diags) {
  return diags.all().empty() ? "" : format_location(diags.all()[0].where) + ": " + diags.all()[0].message + " [" +
                                        diags.all()[0].code + "]";
}

}  // namespace

TEST_CASE("surveys: the staff survey gives 2 of 3 managers and 3 of 3 brokers", "[surveys]") {
  TempDir dir;
  Diagnostics diags;
  auto dataset = load(dir, staff_answers(), diags);
  REQUIRE(dataset);
  REQUIRE_FALSE(diags.has_errors());
  auto reports = compute_surveys(dataset->project.surveys, dataset->survey_responses);
  REQUIRE(reports.size() == 1);
  REQUIRE(reports[0].questions.size() == 1);
  const SurveyQuestion& q = reports[0].questions[0];
  CHECK(q.text == kQ1);
  const SurveyRow& ledere = q.groups[0];
  CHECK(ledere.group == "ledere");
  CHECK(ledere.n == 3);
  CHECK(ledere.answered == 2);
  CHECK(ledere.counts == std::vector<double>{2, 0, 0, 0, 1});
  CHECK(*ledere.shares[0] == Approx(2.0 / 3));
  CHECK(q.groups[1].counts == std::vector<double>{0, 3, 0, 0, 0});
  CHECK(q.total.n == 6);
  CHECK(q.total.counts == std::vector<double>{2, 3, 0, 0, 1});
}

TEST_CASE("surveys: shares of those who answered leave 'not answered' without a share", "[surveys]") {
  TempDir dir;
  Diagnostics diags;
  std::string project = kProject;
  project.replace(project.find("\"groups\""), 0, "\"shares_of\": \"answered\", ");
  auto dataset = load(dir, staff_answers(), diags, project);
  REQUIRE(dataset);
  auto reports = compute_surveys(dataset->project.surveys, dataset->survey_responses);
  const SurveyRow& ledere = reports[0].questions[0].groups[0];
  CHECK(*ledere.shares[0] == Approx(1.0));
  CHECK_FALSE(ledere.shares[4].has_value());
}

TEST_CASE("surveys: an answer differing only in case is a located error naming the declared one", "[surveys]") {
  TempDir dir;
  Diagnostics diags;
  std::string answers = staff_answers();
  answers.replace(answers.rfind("I høj grad"), std::string("I høj grad").size(), "i høj  grad");
  load(dir, answers, diags);
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.all()[0].code == "E251");
  CHECK(first_message(diags) ==
        "svar.csv:7:98: answer 'i høj  grad' differs from 'I høj grad' in case or spacing; write it as declared (allowed: "
        "'I meget høj grad', 'I høj grad', 'I mindre grad', 'Slet ikke', 'Sprunget over') [E251]");
}

TEST_CASE("surveys: an answer off the scale lists the allowed values", "[surveys]") {
  TempDir dir;
  Diagnostics diags;
  std::string answers = staff_answers() + "J4;jobformidlere;" + kQ1 + ";Måske\n";
  load(dir, answers, diags);
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.all()[0].code == "E251");
  CHECK(diags.all()[0].where.line == 8);
  CHECK(diags.all()[0].message ==
        "answer 'Måske' is not on the scale nor a \"not answered\" value; allowed: 'I meget høj grad', 'I høj grad', "
        "'I mindre grad', 'Slet ikke', 'Sprunget over'");
}

TEST_CASE("surveys: unknown group, duplicate answer, empty answer and a respondent in two groups", "[surveys]") {
  TempDir dir;
  std::string q = kQ1;
  auto codes_of = [&](const std::string& extra) {
    Diagnostics diags;
    load(dir, staff_answers() + extra, diags);
    std::vector<std::string> codes;
    for (const auto& d : diags.all()) codes.push_back(d.code + ":" + std::to_string(d.where.line));
    return codes;
  };
  CHECK(codes_of("X1;chefer;" + q + ";I høj grad\n") == std::vector<std::string>{"E252:8"});
  CHECK(codes_of("L1;ledere;" + q + ";I høj grad\n") == std::vector<std::string>{"E253:8"});
  CHECK(codes_of("L9;ledere;" + q + ";\n") == std::vector<std::string>{"E254:8"});
  CHECK(codes_of("L1;jobformidlere;Et andet spørgsmål;I høj grad\n") == std::vector<std::string>{"E256:8"});
}

TEST_CASE("surveys: a citizen survey's small counts are hidden, with what would give them away", "[surveys]") {
  SurveyReport s;
  s.respondents = Respondents::kCitizens;
  s.scale = {"Godt", "Dårligt"};
  s.groups = {"A", "B"};
  SurveyQuestion q;
  q.text = "Q";
  auto row = [](std::string g, std::vector<double> counts) {
    SurveyRow r;
    r.group = std::move(g);
    r.counts = counts;
    for (double c : counts) r.n += c, r.answered += c;
    for (double c : counts) r.shares.push_back(c / r.n);
    return r;
  };
  q.groups = {row("A", {10, 2}), row("B", {8, 7})};
  q.total = row("", {18, 9});
  s.questions = {q};
  std::vector<SurveyReport> surveys{s};
  PrivacySettings settings;
  settings.suppress_below = 5;
  suppress_surveys(surveys, settings);
  const SurveyQuestion& out = surveys[0].questions[0];
  CHECK(out.groups[0].hidden_at(1) == Hidden::kSmall);
  CHECK_FALSE(out.groups[0].shares[1].has_value());
  // 2 = n - 10 would be read off group A's n unless one of them is hidden too
  bool protected_a = out.groups[0].n_hidden != Hidden::kNo || out.groups[0].hidden_at(0) != Hidden::kNo;
  CHECK(protected_a);
  CHECK(surveys[0].suppressed);

  std::vector<SurveyReport> staff{s};
  staff[0].respondents = Respondents::kStaff;
  staff[0].publish_small_n = true;
  suppress_surveys(staff, settings);
  CHECK(staff[0].questions[0].groups[0].hidden_at(1) == Hidden::kNo);
  CHECK(staff[0].questions[0].groups[0].counts[1] == 2);
}
