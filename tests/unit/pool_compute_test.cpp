// The pool model: how figures of several projects become one, by each
// aggregation, and what a project lacking an indicator contributes (nothing).
#include <catch2/catch.hpp>

#include "compute/pool.h"

using namespace maaltal;

namespace {

PoolFigure fig(double actual, std::optional<double> target, std::optional<double> expected = std::nullopt,
               std::string status = "on_track") {
  PoolFigure f;
  f.actual = actual;
  f.target = target;
  if (target) {
    f.attainment = actual / *target;
    f.expected = expected.value_or(*target);
    f.status = status;
  }
  return f;
}

PoolFigure absent() {
  PoolFigure f;
  f.part_of = false;
  return f;
}

}  // namespace

TEST_CASE("pool: sum adds the actuals and the targets; attainment over the targeted projects only") {
  // Furesø: 45 in job in one project (no target), 37 of 69 in the other.
  PoolFigure f = aggregate_pool_figures({fig(45, std::nullopt), fig(37, 69, 40, "at_risk")}, Aggregation::kSum, {});
  CHECK(f.part_of);
  CHECK(f.actual == 82);
  CHECK(f.target == 69);
  CHECK(*f.attainment == Approx(37.0 / 69));
  CHECK(f.expected == 40);
  CHECK(f.status == "at_risk");  // 53.6 % against 58.0 % expected: 0.92 of the way
}

TEST_CASE("pool: a project lacking the indicator is left out, never counted as 0") {
  PoolFigure f = aggregate_pool_figures({absent(), fig(10, 20, 10)}, Aggregation::kMean, {});
  CHECK(f.actual == 10);
  CHECK(f.target == 20);
  CHECK(*f.attainment == Approx(0.5));  // not (0 + 0.5) / 2
  PoolFigure none = aggregate_pool_figures({absent(), absent()}, Aggregation::kSum, {});
  CHECK_FALSE(none.part_of);
  CHECK_FALSE(none.actual);
  CHECK_FALSE(none.attainment);
}

TEST_CASE("pool: mean and mean_capped average the projects' attainment") {
  std::vector<PoolFigure> parts{fig(150, 100), fig(40, 100)};
  CHECK(*aggregate_pool_figures(parts, Aggregation::kSum, {}).attainment == Approx(0.95));
  CHECK(*aggregate_pool_figures(parts, Aggregation::kMean, {}).attainment == Approx(0.95));
  CHECK(*aggregate_pool_figures(parts, Aggregation::kMeanCapped, {}).attainment == Approx(0.70));
  std::vector<PoolFigure> uneven{fig(150, 300), fig(40, 100)};
  CHECK(*aggregate_pool_figures(uneven, Aggregation::kSum, {}).attainment == Approx(190.0 / 400));
  CHECK(*aggregate_pool_figures(uneven, Aggregation::kMean, {}).attainment == Approx(0.45));
}

TEST_CASE("pool: status against what is expected by now, and the verdict once every period is over") {
  CHECK(aggregate_pool_figures({fig(50, 100, 50)}, Aggregation::kSum, {}).status == "on_track");
  CHECK(aggregate_pool_figures({fig(41, 100, 50)}, Aggregation::kSum, {}).status == "at_risk");
  CHECK(aggregate_pool_figures({fig(39, 100, 50)}, Aggregation::kSum, {}).status == "behind");
  CHECK(
      aggregate_pool_figures({fig(85, 100, 100, "partly_met"), fig(90, 100, 100, "partly_met")}, Aggregation::kSum, {})
          .status == "partly_met");
  // One project still running: the pool is not judged yet.
  CHECK(aggregate_pool_figures({fig(85, 100, 100, "partly_met"), fig(40, 100, 50, "behind")}, Aggregation::kSum, {})
            .status == "at_risk");
}

namespace {

Report project_report(const std::string& id, const std::string& indicator,
                      std::vector<std::tuple<std::string, std::string, double>> units) {
  Report r;
  r.project.id = id;
  r.project.title = id;
  r.as_of = *parse_date("2020-06-30");
  r.project.start = *parse_date("2020-01-01");
  r.project.end = *parse_date("2021-12-31");
  Indicator ind;
  ind.id = indicator;
  r.indicators.push_back(ind);
  double total = 0;
  for (const auto& [code, name, actual] : units) {
    Figure f;
    f.actual = actual;
    r.units.push_back({code, name, {f}});
    total += actual;
  }
  Figure t;
  t.actual = total;
  r.total = {"", "", {t}};
  return r;
}

}  // namespace

TEST_CASE("pool: a municipality across projects shows each and the sum, in Danish order") {
  PoolInput input;
  input.definition.id = "pulje";
  input.definition.indicators.push_back({"i_job", "I job", {{"a", "i_job"}, {"b", "job"}}, {}});
  input.members.push_back(
      {project_report("a", "i_job", {{"190", "Furesø", 45}, {"851", "Aalborg", 3}}), "registrations", "a"});
  input.members.push_back(
      {project_report("b", "job", {{"190", "Furesø", 37}, {"326", "Kalundborg", 30}}), "summary", "b"});
  input.shared_participants["190"] = 2;
  PoolReport pool = compute_pool(input);
  REQUIRE(pool.units.size() == 3);
  CHECK(pool.units[0].name == "Furesø");
  CHECK(pool.units[1].name == "Kalundborg");
  CHECK(pool.units[2].name == "Aalborg");  // Aa sorts as Å, last
  const PoolUnit& furesoe = pool.units[0];
  CHECK(furesoe.projects == std::vector<std::string>{"a", "b"});
  CHECK(furesoe.values[0].by_project[0].figure.actual == 45);
  CHECK(furesoe.values[0].by_project[1].figure.actual == 37);
  CHECK(furesoe.values[0].sum.actual == 82);
  CHECK(furesoe.shared_participants == 2);
  CHECK(pool.total[0].figure.actual == 115);
  CHECK(pool.projects[1].source == "summary");
}

namespace {

PoolInput furesoe_in_two(std::optional<Report> release_of_a) {
  PoolInput input;
  input.definition.id = "pulje";
  input.definition.indicators.push_back({"i_job", "I job", {{"a", "i_job"}, {"b", "job"}}, {}});
  Report a = project_report("a", "i_job", {{"190", "Furesø", 45}, {"851", "Aalborg", 3}});
  std::optional<Report> values;
  if (release_of_a) values = a;
  input.members.push_back({a, "registrations", "a", release_of_a, values});
  input.members.push_back({project_report("b", "job", {{"190", "Furesø", 37}, {"326", "Kalundborg", 30}}), "summary",
                           "b", std::nullopt, std::nullopt});
  return input;
}

}  // namespace

TEST_CASE("public pool: a small count is hidden and not left recoverable from a project's total") {
  // Project a: Furesø 45, Aalborg 3, total 48. Showing the total and Furesø gives 3 away.
  auto pool = public_pool(furesoe_in_two(std::nullopt));
  REQUIRE(pool);
  CHECK(pool->audience == Audience::kPublic);
  const PoolProject& a = pool->projects[0];
  CHECK(a.units[1].values[0].hidden == Hidden::kSmall);
  CHECK_FALSE(a.units[1].values[0].actual);
  bool furesoe_shown = a.units[0].values[0].hidden == Hidden::kNo;
  bool total_shown = a.values[0].hidden == Hidden::kNo;
  CHECK_FALSE((furesoe_shown && total_shown));
  // Nor through the pool: its total (115) less b's (67) is a's 48.
  bool pool_shown = pool->total[0].figure.hidden == Hidden::kNo;
  bool b_shown = pool->projects[1].values[0].hidden == Hidden::kNo;
  CHECK_FALSE((furesoe_shown && pool_shown && b_shown));
  CHECK(pool->units[0].shared_participants == 0);
}

TEST_CASE("public pool: a project's release is shown as it is, and a sum over what it hides is hidden") {
  Report release = project_report("a", "i_job", {{"190", "Furesø", 45}, {"851", "Aalborg", 3}});
  release.units[0].values[0].hidden = Hidden::kProtecting;
  release.units[0].values[0].actual.reset();
  release.units[1].values[0].hidden = Hidden::kSmall;
  release.units[1].values[0].actual.reset();
  auto pool = public_pool(furesoe_in_two(release));
  REQUIRE(pool);
  const PoolProject& a = pool->projects[0];
  CHECK(a.values[0].hidden == Hidden::kNo);  // shown by the project itself: 48
  CHECK(a.values[0].actual == 48);
  CHECK(a.units[0].values[0].hidden == Hidden::kProtecting);
  const PoolUnit& furesoe = pool->units[0];
  REQUIRE(furesoe.code == "190");
  CHECK(furesoe.values[0].by_project[0].figure.hidden == Hidden::kProtecting);
  CHECK(furesoe.values[0].by_project[1].figure.actual == 37);
  CHECK(furesoe.values[0].sum.hidden == Hidden::kProtecting);  // 82 - 37 would give a's 45 away
  CHECK_FALSE(furesoe.values[0].sum.actual);
}
