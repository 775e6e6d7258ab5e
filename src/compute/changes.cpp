#include "compute/changes.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace maaltal {

namespace {

using Key = std::pair<std::string, std::string>;  // unit code, indicator id

bool differs(std::optional<double> then, std::optional<double> now, double tolerance) {
  if (then.has_value() != now.has_value()) return true;
  return then && std::abs(*now - *then) > tolerance * std::max(std::abs(*then), std::abs(*now));
}

bool moved(const Change& c) {
  return c.is_new || differs(c.previous, c.actual, 0) || differs(c.previous_target, c.target, 0) ||
         c.previous_status != c.status || differs(c.previous_attainment, c.attainment, 1e-9);
}

Change change_of(const UnitFigures& unit, const Indicator& ind, const Figure& now, const PreviousFigure* old) {
  Change c;
  c.unit_code = unit.code;
  c.unit_name = unit.name;
  c.indicator = ind.id;
  c.actual = now.actual;
  c.target = now.target;
  c.attainment = now.attainment;
  c.status = now.status;
  c.is_new = old == nullptr;
  if (old) {
    c.previous = old->actual;
    c.previous_target = old->target;
    c.previous_attainment = old->attainment;
    c.previous_status = old->status;
  }
  c.moved = moved(c);
  return c;
}

void compare_unit(Report& report, const UnitFigures& unit, const std::map<Key, const PreviousFigure*>& before,
                  const std::string& previous_last_month, Changes& out) {
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    const Indicator& ind = report.indicators[i];
    if (ind.kind == IndicatorKind::kRatio) continue;
    const Figure& f = unit.values[i];
    auto it = before.find({unit.code, ind.id});
    const PreviousFigure* old = it == before.end() ? nullptr : it->second;
    out.changes.push_back(change_of(unit, ind, f, old));
    if (!old) continue;
    std::map<std::string, double> old_months(old->new_by_month.begin(), old->new_by_month.end());
    for (const auto& point : f.series) {
      if (point.month > previous_last_month) break;
      double now = point.new_count.value_or(0);
      auto was = old_months.find(point.month);
      double then = was == old_months.end() ? 0 : was->second;
      if (now != then) out.revisions.push_back({unit.code, unit.name, ind.id, point.month, then, now});
    }
  }
}

}  // namespace

void compare_with_previous(Report& report, const PreviousReport& previous) {
  std::map<Key, const PreviousFigure*> before;
  for (const auto& f : previous.figures) before[{f.unit_code, f.indicator}] = &f;
  Changes changes;
  changes.previous_file = previous.file;
  changes.previous_as_of = previous.as_of;
  // Months the previous report saw whole; its as-of month only when it ended
  // on the month's last day, since a part month naturally grows.
  Date next_day = Date::from_days(previous.as_of.days_since_epoch() + 1);
  bool month_end = next_day.month() != previous.as_of.month();
  Date last_whole =
      month_end ? previous.as_of
                : Date::from_days(previous.as_of.days_since_epoch() - static_cast<std::int32_t>(previous.as_of.day()));
  std::string last_month = last_whole.year_month();
  for (const auto& unit : report.units) compare_unit(report, unit, before, last_month, changes);
  compare_unit(report, report.total, before, last_month, changes);
  report.changes = std::move(changes);
}

}  // namespace maaltal
