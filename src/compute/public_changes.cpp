#include "compute/public_changes.h"

#include <cmath>

namespace maaltal {

namespace {

// A difference of two shown counts that a public output may print.
bool movement_shows(double movement, const PrivacySettings& s) {
  double size = std::abs(movement);
  return size >= s.suppress_below || (size == 0 && s.zero_as_dash);
}

const UnitFigures* same_unit(const Report& report, const UnitFigures& unit) {
  if (unit.code.empty()) return &report.total;
  for (const auto& u : report.units) {
    if (u.code == unit.code) return &u;
  }
  return nullptr;
}

void compare_unit(const Report& now, const UnitFigures& unit, const Report& then, Changes& out) {
  const UnitFigures* before = same_unit(then, unit);
  if (!before) return;
  for (std::size_t i = 0; i < now.indicators.size(); ++i) {
    const Indicator& ind = now.indicators[i];
    int j = then.indicator_index(ind.id);
    if (ind.kind == IndicatorKind::kRatio || j < 0) continue;
    const Figure& f = unit.values[i];
    const Figure& old = before->values[static_cast<std::size_t>(j)];
    if (f.hidden != Hidden::kNo || old.hidden != Hidden::kNo || !f.actual || !old.actual) continue;
    if (!movement_shows(*f.actual - *old.actual, now.privacy)) continue;
    Change change;
    change.unit_code = unit.code;
    change.unit_name = unit.name;
    change.indicator = ind.id;
    change.previous = old.actual;
    change.actual = f.actual;
    change.moved = true;  // only a movement a public dashboard shows is kept
    out.changes.push_back(std::move(change));
  }
}

}  // namespace

void compare_public_releases(Report& now, const Report& then, const std::string& previous_file) {
  now.changes.reset();
  if (then.as_of >= now.as_of) return;
  Changes changes;
  changes.previous_file = previous_file;
  changes.previous_as_of = then.as_of;
  for (const auto& unit : now.units) compare_unit(now, unit, then, changes);
  compare_unit(now, now.total, then, changes);
  now.changes = std::move(changes);
}

}  // namespace maaltal
