// Ranges across municipalities: for a figure of the total, the lowest and the
// highest municipality's value beside it ("46,4 % (20,5–60,0 %)"), so that a
// reader sees whether the total hides a weak municipality. Pure: no I/O, no
// formatting.
//
// The rules (README "Ranges across municipalities"):
//  - A municipality without a value (no target, so no attainment; a ratio over
//    a denominator of 0) is left out; `n` counts those with one.
//  - Fewer than 2 municipalities with a value: no range.
//  - Ties: of the municipalities with the lowest (highest) exact value, the one
//    whose name comes first in the report's collation (Danish: Aabenraa and
//    Aarhus last) is named.
//  - Public reports: only the figures the report shows take part. A hidden
//    figure is no value at all here, so neither the range nor its names can
//    give a hidden cell away.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/collate.h"
#include "core/report.h"

namespace maaltal {

// One municipality's value of a figure, or none.
struct RangeEntry {
  std::string code;
  std::string name;
  std::optional<double> value;  // null: no value (or, in a public report, not shown)
};

// The range over `entries`, in any order, by the rules above; `collator`
// breaks ties by name. Reusable for any per-municipality figure.
std::optional<Range> range_over(const std::vector<RangeEntry>& entries, const Collator& collator);

// The entries of one figure: `value(unit)` for each municipality of `report`,
// left out (null) where the figure is hidden in a public report.
template <typename ValueOf>
std::vector<RangeEntry> range_entries(const std::vector<UnitFigures>& units, ValueOf value) {
  std::vector<RangeEntry> entries;
  entries.reserve(units.size());
  for (const auto& unit : units) entries.push_back({unit.code, unit.name, value(unit)});
  return entries;
}

// Fills the total's ranges: every ratio indicator's value, every indicator's
// attainment, every funnel stage's conversion. Run on a report once its
// figures are final (after compute, and again after public suppression).
void add_ranges(Report& report);

}  // namespace maaltal
