// The counting rules, on datasets built in memory.
#include "compute/compute.h"

#include <catch2/catch.hpp>

#include "compute/progress.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::add_registration;

namespace {

// A project with referrals and jobs in three municipalities, as in the second
// published table of DOMAIN.md (Kalundborg, Kolding, Furesø).
Dataset small_project() {
  Dataset d;
  Project& p = d.project;
  p.info = {"p", "Projekt", "", "", "", Date::from_ymd(2018, 1, 1), Date::from_ymd(2020, 12, 31), "da", 0};
  p.unit_codes = {"621", "190", "326"};
  p.unit_names = {{"621", "Kolding"}, {"190", "Furesø"}, {"326", "Kalundborg"}};
  p.indicators = {
      {"praktik", "Praktik", "", IndicatorKind::kCount, "praktik", {}, {}, "", ""},
      {"job", "Job", "", IndicatorKind::kCount, "job", {{"type", {"ordinær", "fleksjob"}}}, {}, "", ""},
      {"alle", "Alle", "", IndicatorKind::kSum, "", {}, {"praktik", "job"}, "", ""},
      {"andel", "Andel", "", IndicatorKind::kRatio, "", {}, {}, "job", "praktik"},
  };
  p.targets = {{"326", "praktik", 168}, {"326", "job", 84},      {"621", "praktik", 173},
               {"621", "job", 87},      {"190", "praktik", 139}, {"190", "job", 69}};
  d.schema = RecordSchema::for_project(p);
  return d;
}

void add(Dataset& d, const std::string& unit, int praktik, int jobs, Date when = Date::from_ymd(2019, 6, 1)) {
  for (int i = 0; i < praktik; ++i) {
    bool job = i < jobs;
    add_registration(d, unit + "-" + std::to_string(d.registrations.size()), unit,
                     {when, job ? std::optional<Date>(when) : std::nullopt},
                     {job ? (i % 2 ? "ordinær" : "fleksjob") : ""});
  }
}

const Figure& figure(const Report& r, const std::string& unit_name, const std::string& indicator) {
  auto i = static_cast<std::size_t>(r.indicator_index(indicator));
  if (unit_name == "total") return r.total.values[i];
  for (const auto& u : r.units) {
    if (u.name == unit_name) return u.values[i];
  }
  FAIL("no unit " << unit_name);
  return r.total.values[i];
}

Dataset published_table() {
  Dataset d = small_project();
  add(d, "326", 93, 30);
  add(d, "621", 201, 87);
  add(d, "190", 98, 37);
  return d;
}

}  // namespace

TEST_CASE("compute: reproduces 'De små, de mellemstore' Tabel 2-4") {
  Report r = compute_report(published_table(), {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  CHECK(figure(r, "Kalundborg", "praktik").attainment == Approx(93.0 / 168));
  CHECK(figure(r, "Kolding", "praktik").attainment == Approx(201.0 / 173));  // 116 %, never capped
  CHECK(figure(r, "Furesø", "job").actual == 37);
  CHECK(figure(r, "total", "praktik").actual == 392);
  CHECK(figure(r, "total", "praktik").target == 480);
  CHECK(figure(r, "total", "praktik").attainment == Approx(392.0 / 480));  // 82 %: from sums, not a mean
  CHECK(figure(r, "total", "job").attainment == Approx(154.0 / 240));
}

TEST_CASE("compute: municipalities are in Danish order") {
  Report r = compute_report(published_table(), {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  REQUIRE(r.units.size() == 3);
  CHECK(r.units[0].name == "Furesø");
  CHECK(r.units[1].name == "Kalundborg");
  CHECK(r.units[2].name == "Kolding");
}

TEST_CASE("compute: events after the as-of date are not counted") {
  Dataset d = small_project();
  add(d, "326", 3, 1, Date::from_ymd(2019, 12, 31));
  add(d, "326", 2, 2, Date::from_ymd(2020, 1, 1));
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  CHECK(figure(r, "Kalundborg", "praktik").actual == 3);
  CHECK(figure(r, "Kalundborg", "job").actual == 1);
  Report later = compute_report(d, {Date::from_ymd(2020, 1, 1), std::nullopt, "test"});
  CHECK(figure(later, "Kalundborg", "praktik").actual == 5);
}

TEST_CASE("compute: a filter keeps only the listed values") {
  Dataset d = small_project();
  add(d, "326", 4, 4);
  d.registrations.set_category(0, 0, "uddannelse");
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  CHECK(figure(r, "Kalundborg", "job").actual == 3);
}

TEST_CASE("compute: sums add their terms; ratios divide and name their denominator") {
  Report r = compute_report(published_table(), {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  CHECK(figure(r, "Kolding", "alle").actual == 288);
  CHECK_FALSE(figure(r, "Kolding", "alle").target.has_value());      // a sum's target is declared, never derived
  CHECK(figure(r, "total", "andel").actual == Approx(154.0 / 392));  // 39 %, of actual internships
  CHECK_FALSE(figure(r, "total", "andel").target.has_value());
  CHECK_FALSE(figure(r, "total", "andel").attainment.has_value());
  CHECK(r.indicators[3].denominator == "praktik");
}

TEST_CASE("compute: a ratio over zero is missing, not zero or infinite") {
  Dataset d = small_project();
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  CHECK_FALSE(figure(r, "Furesø", "andel").actual.has_value());
}

TEST_CASE("compute: an attainment that would be infinite is missing, whatever target gets past the readers") {
  Dataset d = published_table();
  d.project.targets[0].value = 5e-324;  // Kalundborg's praktik: 93 / 5e-324 is inf
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  CHECK_FALSE(figure(r, "Kalundborg", "praktik").attainment.has_value());
  CHECK(figure(r, "Kolding", "praktik").attainment == Approx(201.0 / 173));
}

TEST_CASE("compute: a stated project total replaces the sum of targets") {
  Dataset d = published_table();
  d.project.total_targets["praktik"] = 500;
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  CHECK(figure(r, "total", "praktik").target == 500);
  CHECK(figure(r, "total", "praktik").attainment == Approx(392.0 / 500));
}

TEST_CASE("compute: the as-of date defaults to project.json, then the latest event") {
  Dataset d = small_project();
  add(d, "326", 1, 1, Date::from_ymd(2019, 3, 4));
  CHECK(resolve_as_of(d, std::nullopt) == Date::from_ymd(2019, 3, 4));
  d.project.as_of = Date::from_ymd(2019, 12, 31);
  CHECK(resolve_as_of(d, std::nullopt) == Date::from_ymd(2019, 12, 31));
  CHECK(resolve_as_of(d, Date::from_ymd(2019, 1, 1)) == Date::from_ymd(2019, 1, 1));
}

TEST_CASE("compute: a funnel converts each stage to the next, per municipality and in total") {
  Dataset d = published_table();
  d.project.funnels = {{"f", "Praktik til job", {"praktik", "job"}}};
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  REQUIRE(r.funnels.size() == 1);
  const FunnelReport& f = r.funnels[0];
  CHECK(f.units[0].name == "Furesø");
  CHECK(f.units[0].actual == std::vector<double>{98, 37});
  CHECK_FALSE(f.units[0].conversion[0].has_value());
  CHECK(*f.units[0].conversion[1] == Approx(37.0 / 98));
  CHECK(f.total.actual == std::vector<double>{392, 154});
  CHECK(*f.total.conversion[1] == Approx(154.0 / 392));  // from summed counts
}

TEST_CASE("compute: a funnel stage after an empty stage has no conversion") {
  Dataset d = small_project();
  d.project.funnels = {{"f", "F", {"praktik", "job"}}};
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  CHECK_FALSE(r.funnels[0].total.conversion[1].has_value());
}

TEST_CASE("compute: a breakdown's categories and 'other' add up to its indicator") {
  Dataset d = published_table();
  d.project.breakdowns = {{"b", "type", "job", "type", {"ordinær", "fleksjob"}}};
  d.schema = RecordSchema::for_project(d.project);
  d.registrations.set_category(0, 0, "uddannelse");  // not a job: not counted at all
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  const BreakdownReport& b = r.breakdowns[0];
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    double sum = b.units[u].other;
    for (double c : b.units[u].counts) sum += c;
    CHECK(sum == *r.units[u].values[1].actual);
  }
  CHECK(b.total.counts[0] + b.total.counts[1] + b.total.other == *r.total.values[1].actual);
  CHECK(b.total.other == 0);
}

TEST_CASE("compute: age bands from a birth year, at the as-of year") {
  Dataset d = small_project();
  d.project.breakdowns = {
      {"alder", "alder", "praktik", "type", {"18–29", "30–64"}, {{"18–29", 18, 29}, {"30–64", 30, 64}}, true}};
  d.schema = RecordSchema::for_project(d.project);
  add(d, "326", 4, 0);
  d.registrations.set_category(0, 0, "1990");  // 29 in 2019
  d.registrations.set_category(1, 0, "1989");  // 30 in 2019
  d.registrations.set_category(2, 0, "1940");  // 79: in no band
  d.registrations.set_category(3, 0, "");      // unknown
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  const BreakdownRow& kalundborg = r.breakdowns[0].units[1];
  REQUIRE(kalundborg.name == "Kalundborg");
  CHECK(kalundborg.counts == std::vector<double>{1, 1});
  CHECK(kalundborg.other == 2);
}

TEST_CASE("compute: age bands from an age as it is") {
  Dataset d = small_project();
  d.project.breakdowns = {
      {"alder", "alder", "praktik", "type", {"18–29", "30–64"}, {{"18–29", 18, 29}, {"30–64", 30, 64}}, false}};
  d.schema = RecordSchema::for_project(d.project);
  add(d, "326", 1, 0);
  d.registrations.set_category(0, 0, "30");
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  CHECK(r.breakdowns[0].total.counts == std::vector<double>{0, 1});
}

TEST_CASE("compute: a goal tied to an indicator takes the status its figures suggest, unless a person sets one") {
  Dataset d = published_table();
  d.project.goals = {{"a", "short_term", "Praktik", "480", "", "", "praktik", ""},           // 82 %: partly met
                     {"b", "long_term", "Job", "240", "met", "", "job", "Aftale med STAR"},  // 64 %, set to met
                     {"c", "activity", "Forum", "3 fora", "met", "Referater", "", ""}};
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  CHECK(r.goals[0].goal.status == "partly_met");
  CHECK(r.goals[0].suggested_status == "partly_met");
  CHECK_FALSE(r.goals[0].overridden);
  CHECK(r.goals[1].goal.status == "met");
  CHECK(r.goals[1].suggested_status == "not_met");
  CHECK(r.goals[1].overridden);
  CHECK(r.goals[2].suggested_status.empty());
  CHECK(r.goal_tally["short_term"]["partly_met"] == 1);
  CHECK(r.goal_tally["long_term"]["met"] == 1);
  CHECK(r.goal_tally["activity"]["met"] == 1);
}

TEST_CASE("compute: aggregated counts add to the registrations, month by month, up to the as-of date") {
  Dataset d = small_project();
  add(d, "326", 3, 0, Date::from_ymd(2019, 2, 10));
  d.counts = {{"326", "praktik", Date::from_ymd(2019, 2, 28), 5},
              {"190", "praktik", Date::from_ymd(2019, 3, 31), 7},
              {"190", "praktik", Date::from_ymd(2020, 1, 31), 100}};  // after the as-of date
  Report r = compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"});
  CHECK(figure(r, "Kalundborg", "praktik").actual == 8);
  CHECK(figure(r, "Furesø", "praktik").actual == 7);
  CHECK(figure(r, "total", "praktik").actual == 15);
  const auto& series = figure(r, "Furesø", "praktik").series;
  CHECK(series[static_cast<std::size_t>(month_index(Date::from_ymd(2019, 3, 1)) -
                                        month_index(Date::from_ymd(2018, 1, 1)))]
            .new_count == 7);
}

namespace {

// Events: a participant referred, then in education, then in a job.
Dataset event_log() {
  Dataset d;
  Project& p = d.project;
  p.info = {"p", "P", "", "", "", Date::from_ymd(2020, 1, 1), Date::from_ymd(2021, 12, 31), "da", 0};
  p.unit_codes = {"326"};
  p.unit_names = {{"326", "Kalundborg"}};
  p.registrations.events = true;
  p.indicators = {
      {"visiterede", "V", "", IndicatorKind::kCount, "visiteret", {}, {}, "", ""},
      {"i_job", "J", "", IndicatorKind::kCount, "udfald_dato", {{"udfald", {"job"}}}, {}, "", "", true, "visiterede"},
      {"i_udd",
       "U",
       "",
       IndicatorKind::kCount,
       "udfald_dato",
       {{"udfald", {"uddannelse"}}},
       {},
       "",
       "",
       true,
       "visiterede"}};
  d.schema = RecordSchema::for_project(p);
  auto event = [&](const std::string& id, std::optional<Date> referred, std::optional<Date> outcome,
                   const std::string& kind) {
    add_registration(d, id, "326", {referred, outcome}, {kind});
  };
  event("A", Date::from_ymd(2020, 3, 1), std::nullopt, "");
  event("A", std::nullopt, Date::from_ymd(2020, 5, 1), "uddannelse");
  event("A", std::nullopt, Date::from_ymd(2020, 9, 1), "job");
  event("B", Date::from_ymd(2020, 6, 1), Date::from_ymd(2020, 2, 1), "job");  // a job before the referral
  event("B", std::nullopt, Date::from_ymd(2020, 8, 1), "job");
  event("C", std::nullopt, Date::from_ymd(2020, 8, 1), "job");  // never referred
  return d;
}

}  // namespace

TEST_CASE("compute: only the first outcome after the referral counts, in the month of its own date") {
  Report r = compute_report(event_log(), {Date::from_ymd(2020, 12, 31), std::nullopt, "test"});
  CHECK(figure(r, "Kalundborg", "visiterede").actual == 2);
  CHECK(figure(r, "Kalundborg", "i_udd").actual == 1);  // A: education came first
  CHECK(figure(r, "Kalundborg", "i_job").actual == 1);  // B: the August job; A's later job and C do not count
  const auto& jobs = figure(r, "Kalundborg", "i_job").series;
  CHECK(jobs[7].month == "2020-08");
  CHECK(jobs[7].new_count == 1);
}

TEST_CASE("compute: with 'any', every participant with a qualifying outcome counts once") {
  Dataset d = event_log();
  d.project.indicators[1].first_only = false;
  Report r = compute_report(d, {Date::from_ymd(2020, 12, 31), std::nullopt, "test"});
  CHECK(figure(r, "Kalundborg", "i_job").actual == 2);  // A and B, once each
}

TEST_CASE("compute: the first outcome is judged at the as-of date") {
  // At the end of June, A's education (May) is its first outcome; B's job before referral does not count.
  Report r = compute_report(event_log(), {Date::from_ymd(2020, 6, 30), std::nullopt, "test"});
  CHECK(figure(r, "Kalundborg", "i_udd").actual == 1);
  CHECK(figure(r, "Kalundborg", "i_job").actual == 0);
}

TEST_CASE("compute: with only aggregated counts, the as-of date defaults to their latest date") {
  Dataset d = small_project();
  d.counts = {{"326", "praktik", Date::from_ymd(2019, 2, 28), 5}, {"190", "praktik", Date::from_ymd(2019, 9, 30), 7}};
  CHECK(resolve_as_of(d, std::nullopt) == Date::from_ymd(2019, 9, 30));
}

namespace {

// Two yes/no columns, "ordinær" and "fleks", and one outcome column with
// the sheet's capitals: A in both columns, B and C in one each, D in none.
Dataset two_columns() {
  Dataset d;
  Project& p = d.project;
  p.info = {"p", "P", "", "", "", Date::from_ymd(2020, 1, 1), Date::from_ymd(2021, 12, 31), "da", 0};
  p.unit_codes = {"630"};
  p.unit_names = {{"630", "Vejle"}};
  Indicator either{"i_job", "I job", "", IndicatorKind::kCount, "visiteret"};
  either.any = {{{"ordinær", {}, true}}, {{"fleks", {}, true}}};
  Indicator both{
      "begge", "Begge", "", IndicatorKind::kCount, "visiteret", {{"ordinær", {}, true}, {"fleks", {}, true}}};
  Indicator named{
      "udfald", "Udfald", "", IndicatorKind::kCount, "visiteret", {{"udfald", {" ordinære timer", "FLEKSJOB"}}}};
  p.indicators = {either, both, named};
  d.schema = RecordSchema::for_project(p);
  Date when = Date::from_ymd(2020, 3, 1);
  add_registration(d, "A", "630", {when}, {"x", "x", "Ordinære timer"});
  add_registration(d, "B", "630", {when}, {"x", "", "Fleksjob "});
  add_registration(d, "C", "630", {when}, {"", "ja", "fleksjob"});
  add_registration(d, "D", "630", {when}, {"", "", "Ledig"});
  return d;
}

}  // namespace

TEST_CASE("compute: 'any' counts a citizen marked in both columns once; two keys in 'where' must both hold") {
  Report r = compute_report(two_columns(), {Date::from_ymd(2020, 12, 31), std::nullopt, "test"});
  CHECK(figure(r, "Vejle", "i_job").actual == 3);  // A once, B, C
  CHECK(figure(r, "Vejle", "begge").actual == 1);  // only A
}

TEST_CASE("compute: 'where' values match the data without regard to case and surrounding spaces") {
  Report r = compute_report(two_columns(), {Date::from_ymd(2020, 12, 31), std::nullopt, "test"});
  CHECK(figure(r, "Vejle", "udfald").actual == 3);  // A, B and C; not D
}

TEST_CASE("compute: an indicator with show false feeds a sum but is left out of the report the writers get") {
  Dataset d = two_columns();
  d.project.indicators[1].show = false;
  d.project.indicators.push_back({"alle", "Alle", "", IndicatorKind::kSum, "", {}, {"begge", "udfald"}});
  Report r = compute_report(d, {Date::from_ymd(2020, 12, 31), std::nullopt, "test"});
  leave_out_hidden(r);
  REQUIRE(r.indicators.size() == 3);
  CHECK(r.indicator_index("begge") == -1);
  CHECK(r.total.values.size() == 3);
  CHECK(r.units[0].values.size() == 3);
  CHECK(figure(r, "Vejle", "alle").actual == 4);  // 1 + 3, computed with the hidden one
  CHECK(r.label_of("begge") == "Begge");
}
