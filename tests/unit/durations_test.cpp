// Duration indicators: the statistics, the as-of cut-off, open cases, the
// reader's W170/W171 with their locations, and public suppression.
#include "compute/durations.h"

#include <catch2/catch.hpp>

#include "compute/compute.h"
#include "compute/suppression.h"
#include "read/load.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::add_registration;
using maaltal::test::TempDir;

namespace {

Date day(int y, unsigned m, unsigned d) { return Date::from_ymd(y, m, d); }

Dataset duration_project() {
  Dataset d;
  Project& p = d.project;
  p.info = {"p", "Projekt", "", "", "", day(2021, 1, 1), day(2021, 12, 31), "da", 0};
  p.unit_codes = {"607", "746", "190"};
  p.unit_names = {{"607", "Fredericia"}, {"746", "Skanderborg"}, {"190", "Furesø"}};
  p.indicators = {{"visiterede", "Visiterede", "", IndicatorKind::kCount, "start", {}, {}, "", ""}};
  p.durations = {{"samtale", "Dage til samtale", "", "start", "slut", 7, "median", {}}};
  p.as_of = day(2021, 6, 30);
  d.schema = RecordSchema::for_project(p);
  return d;
}

// A participant referred on `start` whose first talk came `days` later (none: not yet).
void referred(Dataset& d, const std::string& unit, Date start, std::optional<int> days) {
  std::optional<Date> end;
  if (days) end = Date::from_days(start.days_since_epoch() + *days);
  add_registration(d, unit + "-" + std::to_string(d.registrations.size()), unit, {start, end}, {});
}

const DurationUnit& unit_named(const DurationReport& r, const std::string& name) {
  for (const auto& u : r.units) {
    if (u.name == name) return u;
  }
  FAIL("no unit " << name);
  return r.total;
}

}  // namespace

TEST_CASE("durations: the median of an even n is the mean of the two middle durations") {
  DurationFigure f = duration_statistics({10, 2, 7, 4}, 7);
  CHECK(f.n == 4);
  CHECK(*f.median == Approx(5.5));
  CHECK(*f.mean == Approx(5.75));
  CHECK(*f.within_share == Approx(0.75));  // 7 days is within 7 days
  DurationFigure odd = duration_statistics({9, 1, 3}, 7);
  CHECK(*odd.median == Approx(3));
  CHECK(!duration_statistics({}, 7).median);
}

TEST_CASE("durations: open cases, and the as-of date cuts both dates") {
  Dataset d = duration_project();
  referred(d, "607", day(2021, 3, 1), 3);
  referred(d, "607", day(2021, 3, 1), 9);
  referred(d, "607", day(2021, 6, 28), 5);      // ends 3 July, after the as-of date: open
  referred(d, "607", day(2021, 6, 1), std::nullopt);  // no talk yet: open
  referred(d, "607", day(2021, 7, 2), 1);       // referred after the as-of date: not counted at all
  Report r = compute_report(d, {});
  REQUIRE(r.durations.size() == 1);
  const DurationFigure& f = unit_named(r.durations[0], "Fredericia").figure;
  CHECK(f.n == 2);
  CHECK(f.open == 2);
  CHECK(*f.median == Approx(6));
  CHECK(*f.actual == Approx(6));
  CHECK(*f.within_share == Approx(0.5));
  CHECK(r.durations[0].total.figure.n == 2);
  CHECK(r.durations[0].total.figure.open == 2);

  Report later = compute_report(d, {.as_of = day(2021, 7, 31)});
  const DurationFigure& g = unit_named(later.durations[0], "Fredericia").figure;
  CHECK(g.n == 4);
  CHECK(g.open == 1);
}

TEST_CASE("durations: an end before its start is left out and counted as negative") {
  Dataset d = duration_project();
  referred(d, "607", day(2021, 3, 10), -9);
  referred(d, "607", day(2021, 3, 10), 2);
  Report r = compute_report(d, {});
  const DurationFigure& f = unit_named(r.durations[0], "Fredericia").figure;
  CHECK(f.n == 1);
  CHECK(f.negative == 1);
  CHECK(*f.mean == Approx(2));
}

TEST_CASE("durations: the reader warns of an end before its start, and of an end without a start, where it stands") {
  TempDir dir;
  dir.write("project.json", R"({"id": "p", "title": "P", "period": {"start": "2021-01-01", "end": "2021-12-31"},
    "municipalities": ["607"],
    "indicators": [{"id": "v", "label": "V", "kind": "count", "date_field": "start"},
      {"id": "d", "label": "D", "kind": "duration", "start_field": "start", "end_field": "slut", "within_days": 7}],
    "registrations": {"file": "r.csv", "columns": {"participant": "id", "municipality": "kommune"}}})");
  dir.write("r.csv", "id;kommune;start;slut\nA;607;2021-03-10;2021-03-01\nB;607;;2021-03-02\nC;607;2021-03-01;2021-03-03\n");
  Diagnostics diags;
  auto dataset = load_dataset(dir.path() / "project.json", "project.json", diags);
  REQUIRE(dataset);
  REQUIRE(diags.all().size() == 2);
  CHECK(format_diagnostic(diags.all()[0]) ==
        "r.csv:2:18: warning: slut is 9 days before start: a negative duration, left out of the duration's figures "
        "(the row is counted otherwise) [W170]\n"
        "*;***;**********;2021-03-01\n"
        "                 ^\n");
  CHECK(diags.all()[1].code == "W171");
  CHECK(diags.all()[1].where.line == 3);
  CHECK(diags.all()[1].where.column == 8);
  Report r = compute_report(*dataset, {.as_of = day(2021, 6, 30)});
  const DurationFigure& t = r.durations[0].total.figure;
  CHECK(t.n == 1);
  CHECK(t.negative == 1);
  CHECK(t.no_start == 1);
  CHECK(r.data_quality.rows_counted == 3);  // the rows stay counted
}

TEST_CASE("durations: a public report hides a municipality's statistics of n below 5, and one more beside it") {
  Dataset d = duration_project();
  for (int i = 0; i < 12; ++i) referred(d, "607", day(2021, 2, 1), i % 5);
  for (int i = 0; i < 8; ++i) referred(d, "746", day(2021, 2, 1), 10 + i);
  for (int i = 0; i < 3; ++i) referred(d, "190", day(2021, 2, 1), 20);
  Report internal = compute_report(d, {});
  Report pub = public_report(internal, PrivacySettings{5, false, false});
  const auto& r = pub.durations[0];
  const DurationFigure& small = unit_named(r, "Furesø").figure;
  CHECK(small.hidden == Hidden::kSmall);
  CHECK(!small.median);
  CHECK(!small.mean);
  CHECK(!small.within_share);
  // Hidden alone, its days would follow from the total's mean: the smallest other goes too.
  CHECK(unit_named(r, "Skanderborg").figure.hidden == Hidden::kProtecting);
  CHECK(!unit_named(r, "Skanderborg").figure.mean);
  CHECK(unit_named(r, "Fredericia").figure.hidden == Hidden::kNo);
  CHECK(*unit_named(r, "Fredericia").figure.median == Approx(1.5));  // 0,0,0,1,1,1 | 2,2,3,3,4,4
  CHECK(r.total.figure.hidden == Hidden::kNo);
  CHECK(r.total.figure.n == 23);
  CHECK(r.series.empty());
  // Internal outputs keep every figure.
  CHECK(*unit_named(internal.durations[0], "Furesø").figure.median == Approx(20));
  CHECK(!internal.durations[0].series.empty());
}
