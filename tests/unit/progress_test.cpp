// "Are we on track?": each rule pinned on small numbers.
#include "compute/progress.h"

#include <catch2/catch.hpp>

#include "compute/compute.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::add_registration;

namespace {

const Date kStart = Date::from_ymd(2020, 1, 1);
const Date kEnd = Date::from_ymd(2020, 12, 31);

// A count figure with `per_month` new events in each month up to `months`.
Figure figure_with(double target, const std::vector<double>& per_month) {
  Figure f;
  f.target = target;
  double running = 0;
  for (std::size_t m = 0; m < per_month.size(); ++m) {
    running += per_month[m];
    f.series.push_back({"2020-" + std::to_string(m + 1), per_month[m], running});
  }
  f.actual = running;
  return f;
}

ProgressContext at(Date as_of) { return {kStart, kEnd, as_of, ProgressSettings{}}; }

}  // namespace

TEST_CASE("progress: expected by now pro-rates the target over the elapsed days") {
  CHECK(elapsed_share(Date::from_ymd(2020, 12, 31), kStart, kEnd) == 1.0);
  CHECK(elapsed_share(Date::from_ymd(2019, 6, 1), kStart, kEnd) == 0.0);
  CHECK(elapsed_share(Date::from_ymd(2020, 6, 30), kStart, kEnd) == Approx(182.0 / 366));  // 2020 is a leap year
  Figure f = figure_with(120, {10, 10, 10, 10, 10, 10});
  apply_progress(f, at(Date::from_ymd(2020, 6, 30)));
  CHECK(*f.expected == Approx(120 * 182.0 / 366));
}

TEST_CASE("progress: gap and what is needed per remaining whole month") {
  Figure f = figure_with(75, {20, 20, 25});
  apply_progress(f, at(Date::from_ymd(2020, 3, 31)));
  CHECK(*f.gap == 10);
  CHECK(*f.needed_per_month == Approx(10.0 / 9));  // April to December
  Figure met = figure_with(50, {30, 30});
  apply_progress(met, at(Date::from_ymd(2020, 2, 29)));
  CHECK(*met.gap == -10);
  CHECK(*met.needed_per_month == 0);
}

TEST_CASE("progress: the forecast extrapolates the pace of the last window of months") {
  // 6 months: 1 a month for three months, then 4 a month; the window is 6.
  Figure f = figure_with(100, {1, 1, 1, 4, 4, 4});
  apply_progress(f, at(Date::from_ymd(2020, 6, 30)));
  CHECK(*f.forecast == Approx(15 + 15.0 / 6 * 6));
  ProgressContext short_window = at(Date::from_ymd(2020, 6, 30));
  short_window.settings.forecast_window_months = 3;
  Figure g = figure_with(100, {1, 1, 1, 4, 4, 4});
  apply_progress(g, short_window);
  CHECK(*g.forecast == Approx(15 + 4.0 * 6));
}

TEST_CASE("progress: status thresholds on actual / expected") {
  // Half the year gone (to 30 June, 182 of 366 days); target 366 -> expected 182.
  auto status_for = [](double actual) {
    Figure f = figure_with(366, {actual});
    apply_progress(f, at(Date::from_ymd(2020, 6, 30)));
    return f.status;
  };
  CHECK(status_for(182) == "on_track");
  CHECK(status_for(182 * 0.95) == "on_track");
  CHECK(status_for(182 * 0.94) == "at_risk");
  CHECK(status_for(182 * 0.80) == "at_risk");
  CHECK(status_for(182 * 0.79) == "behind");
}

TEST_CASE("progress: after the period the status is met, partly met or not met") {
  auto final_status = [](double actual) {
    Figure f = figure_with(100, {actual});
    apply_progress(f, at(Date::from_ymd(2021, 3, 1)));
    return f.status;
  };
  CHECK(final_status(100) == "met");
  CHECK(final_status(116) == "met");
  CHECK(final_status(80) == "partly_met");
  CHECK(final_status(79) == "not_met");
}

TEST_CASE("progress: no target, no status") {
  Figure f = figure_with(0, {5});
  f.target.reset();
  apply_progress(f, at(Date::from_ymd(2020, 6, 30)));
  CHECK(f.status.empty());
  CHECK_FALSE(f.expected.has_value());
}

TEST_CASE("progress: a ratio's target is a level, compared as it is") {
  Figure f;
  f.actual = 0.5;
  f.target = 0.6;
  apply_ratio_progress(f, at(Date::from_ymd(2020, 6, 30)));
  CHECK(*f.expected == 0.6);
  CHECK(f.status == "at_risk");  // 0.5 / 0.6 = 0.83
  CHECK_FALSE(f.forecast.has_value());
}

namespace {

Dataset two_units() {
  Dataset d;
  Project& p = d.project;
  p.info = {"p", "P", "", "", "", kStart, kEnd, "da", 0};
  p.unit_codes = {"101", "147"};
  p.unit_names = {{"101", "København"}, {"147", "Frederiksberg"}};
  p.indicators = {{"v", "V", "", IndicatorKind::kCount, "dato", {}, {}, "", ""}};
  p.targets = {{"101", "v", 10}, {"147", "v", 10}};
  d.schema = RecordSchema::for_project(p);
  auto add = [&](const std::string& unit, int n, Date when) {
    for (int i = 0; i < n; ++i) add_registration(d, unit + std::to_string(d.registrations.size()), unit, {when}, {});
  };
  add("101", 15, Date::from_ymd(2020, 2, 10));  // 150 %
  add("147", 4, Date::from_ymd(2020, 3, 5));    // 40 %
  add("147", 1, Date::from_ymd(2019, 12, 1));   // before the start: counts in the first month
  return d;
}

}  // namespace

TEST_CASE("progress: each aggregation of the total attainment") {
  Dataset d = two_units();
  ComputeOptions options{Date::from_ymd(2020, 12, 31), std::nullopt, "test"};
  CHECK(*compute_report(d, options).total.values[0].attainment == Approx(20.0 / 20));  // sum: 20 of 20
  d.project.aggregation = Aggregation::kMean;
  CHECK(*compute_report(d, options).total.values[0].attainment == Approx((1.5 + 0.5) / 2));
  d.project.aggregation = Aggregation::kMeanCapped;
  Report capped = compute_report(d, options);
  CHECK(*capped.total.values[0].attainment == Approx((1.0 + 0.5) / 2));
  CHECK(capped.aggregation == "mean_capped");
}

TEST_CASE("progress: the monthly series runs from the start month to the as-of month") {
  Report r = compute_report(two_units(), {Date::from_ymd(2020, 3, 15), std::nullopt, "test"});
  const auto& series = r.units[0].values[0].series;  // Frederiksberg sorts first
  REQUIRE(r.units[0].name == "Frederiksberg");
  REQUIRE(series.size() == 3);
  CHECK(series[0].month == "2020-01");
  CHECK(series[0].new_count == 1);  // the December 2019 event
  CHECK(series[2].month == "2020-03");
  CHECK(series[2].new_count == 4);
  CHECK(series[2].cumulative == 5);
  const auto& total = r.total.values[0].series;
  CHECK(total[1].new_count == 15);
  CHECK(total[2].cumulative == 20);
}

namespace {

Dataset revised_target() {
  Dataset d = two_units();
  d.project.targets = {{"101", "v", 8, "oprindelig", std::nullopt, ""},
                       {"101", "v", 12, "justeret", Date::from_ymd(2020, 7, 1), "to kommuner forlod projektet"},
                       {"147", "v", 10, "oprindelig", std::nullopt, ""}};
  return d;
}

const Figure& copenhagen(const Report& r) { return r.units[1].values[0]; }  // Frederiksberg sorts first

}  // namespace

TEST_CASE("targets: the version in force at the as-of date is used, the original kept beside it") {
  Report before = compute_report(revised_target(), {Date::from_ymd(2020, 6, 30), std::nullopt, "test"});
  CHECK(*copenhagen(before).target == 8);
  CHECK(copenhagen(before).target_version == "oprindelig");
  Report after = compute_report(revised_target(), {Date::from_ymd(2020, 7, 1), std::nullopt, "test"});
  CHECK(*copenhagen(after).target == 12);
  CHECK(copenhagen(after).target_version == "justeret");
  CHECK(*copenhagen(after).target_original == 8);
  CHECK(*copenhagen(after).attainment == Approx(15.0 / 12));
  CHECK(*after.total.values[0].target == 22);
  CHECK(*after.total.values[0].target_original == 18);
}

TEST_CASE("targets: a municipality that joins later is expected to reach its target over its own part") {
  Dataset d = two_units();
  d.project.unit_active["147"] = {Date::from_ymd(2020, 7, 1), std::nullopt};
  Report r = compute_report(d, {Date::from_ymd(2020, 9, 30), std::nullopt, "test"});
  CHECK(*r.units[0].values[0].expected == Approx(10 * 92.0 / 184));   // July-September of July-December
  CHECK(*r.units[1].values[0].expected == Approx(10 * 274.0 / 366));  // the whole year so far
}

TEST_CASE("milestones: the expected level follows straight lines through the milestones") {
  ProgressContext ctx = at(Date::from_ymd(2020, 3, 31));
  // A slow start: 10 by 31 March (91 days in), then on to 100 by the end.
  std::vector<std::pair<Date, double>> plan{{Date::from_ymd(2020, 3, 31), 10}};
  CHECK(milestone_expected(plan, 100, ctx) == Approx(10));
  ctx.as_of = Date::from_ymd(2020, 2, 15);  // 45 of 90 days to the milestone
  CHECK(milestone_expected(plan, 100, ctx) == Approx(10.0 * 45 / 90));
  ctx.as_of = Date::from_ymd(2020, 8, 15);  // between the milestone and the end
  double days = Date::from_ymd(2020, 12, 31).days_since_epoch() - Date::from_ymd(2020, 3, 31).days_since_epoch();
  double done = Date::from_ymd(2020, 8, 15).days_since_epoch() - Date::from_ymd(2020, 3, 31).days_since_epoch();
  CHECK(milestone_expected(plan, 100, ctx) == Approx(10 + 90 * done / days));
  ctx.as_of = Date::from_ymd(2021, 1, 15);
  CHECK(milestone_expected(plan, 100, ctx) == 100);
}

TEST_CASE("milestones: a municipality's milestones set its expected-by-now and status") {
  Dataset d = two_units();
  d.project.milestones = {{"147", "v", Date::from_ymd(2020, 6, 30), 2}};
  Report r = compute_report(d, {Date::from_ymd(2020, 6, 30), std::nullopt, "test"});
  const Figure& frederiksberg = r.units[0].values[0];
  CHECK(*frederiksberg.expected == Approx(2));
  CHECK(frederiksberg.status == "on_track");  // 5 of an expected 2
  // The total expects what its municipalities expect together.
  CHECK(*r.total.values[0].expected == Approx(2 + 10 * 182.0 / 366));
}

TEST_CASE("progress: the average_pace method uses every month so far") {
  ProgressContext ctx = at(Date::from_ymd(2020, 6, 30));
  ctx.settings.forecast_whole_period = true;
  ctx.settings.forecast_window_months = 3;  // ignored by average_pace
  Figure f = figure_with(100, {1, 1, 1, 4, 4, 4});
  apply_progress(f, ctx);
  CHECK(*f.forecast == Approx(15 + 15.0 / 6 * 6));
}

TEST_CASE("progress: after the period a mean-aggregated total is judged on the attainment it shows") {
  // 15 of 10 and 5 of 10: summed 20 of 20 would be "met"; capped, the mean is 75 %.
  Dataset d = two_units();
  d.project.aggregation = Aggregation::kMeanCapped;
  Report r = compute_report(d, {Date::from_ymd(2021, 1, 31), std::nullopt, "test"});
  CHECK(*r.total.values[0].attainment == Approx(0.75));
  CHECK(r.total.values[0].status == "not_met");
}

TEST_CASE("trajectory: what the target asks for at each month's end, by the rule of expected-by-now") {
  Dataset d = two_units();
  d.project.unit_active["147"] = {Date::from_ymd(2020, 7, 1), std::nullopt};
  d.project.milestones = {{"101", "v", Date::from_ymd(2020, 3, 31), 1}};
  Report r = compute_report(d, {Date::from_ymd(2020, 9, 30), std::nullopt, "test"});
  const Figure& late = r.units[0].values[0];            // Frederiksberg joins in July
  const Figure& planned = r.units[1].values[0];         // København has a milestone
  REQUIRE(late.trajectory.size() == 12);                // January to December
  CHECK(late.trajectory[5] == 0);                       // nothing asked before it joins
  CHECK(late.trajectory[8] == Approx(*late.expected));  // September, the as-of month
  CHECK(late.trajectory[11] == Approx(*late.target));
  CHECK(planned.trajectory[2] == Approx(1));  // the milestone at the end of March
  CHECK(planned.trajectory[8] == Approx(*planned.expected));
  const Figure& total = r.total.values[0];
  for (std::size_t m = 0; m < 12; ++m) CHECK(total.trajectory[m] == Approx(late.trajectory[m] + planned.trajectory[m]));
}
