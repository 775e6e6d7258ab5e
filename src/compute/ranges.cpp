#include "compute/ranges.h"

#include <functional>

namespace maaltal {

namespace {

// Whether `candidate` should replace `best` for the end of the range that
// `better` says: a strictly better value, or the same value and a name first
// in the collation.
template <typename Better>
bool replaces(const RangeEntry& candidate, const RangeEntry& best, Better better, const Collator& collator) {
  if (better(*candidate.value, *best.value)) return true;
  return *candidate.value == *best.value && collator.less(candidate.name, best.name);
}

}  // namespace

std::optional<Range> range_over(const std::vector<RangeEntry>& entries, const Collator& collator) {
  const RangeEntry* low = nullptr;
  const RangeEntry* high = nullptr;
  int n = 0;
  for (const auto& e : entries) {
    if (!e.value) continue;
    ++n;
    if (!low || replaces(e, *low, std::less<double>(), collator)) low = &e;
    if (!high || replaces(e, *high, std::greater<double>(), collator)) high = &e;
  }
  if (n < 2) return std::nullopt;
  return Range{*low->value, low->code, low->name, *high->value, high->code, high->name, n};
}

void add_ranges(Report& report) {
  Collator collator(report.project.locale);
  auto shown = [](const Figure& f, const std::optional<double>& v) {
    return f.hidden == Hidden::kNo ? v : std::nullopt;
  };
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    Figure& total = report.total.values[i];
    total.range.reset();
    if (report.indicators[i].kind == IndicatorKind::kRatio) {
      total.range = range_over(
          range_entries(report.units, [&](const UnitFigures& u) { return shown(u.values[i], u.values[i].actual); }),
          collator);
    }
    total.attainment_range = range_over(
        range_entries(report.units, [&](const UnitFigures& u) { return shown(u.values[i], u.values[i].attainment); }),
        collator);
  }
  for (auto& d : report.durations) {
    std::vector<RangeEntry> entries;
    for (const auto& u : d.units)
      entries.push_back({u.code, u.name, u.figure.hidden == Hidden::kNo ? u.figure.actual : std::nullopt});
    d.total.figure.range = range_over(entries, collator);
  }
  for (auto& funnel : report.funnels) {
    funnel.total.conversion_range.assign(funnel.stages.size(), std::nullopt);
    for (std::size_t k = 1; k < funnel.stages.size(); ++k) {
      auto conversion = [&](const UnitFigures& unit) -> std::optional<double> {
        for (const auto& row : funnel.units) {
          if (row.code != unit.code) continue;
          bool hidden = row.hidden_at(k) != Hidden::kNo || row.hidden_at(k - 1) != Hidden::kNo;
          return hidden ? std::nullopt : row.conversion[k];
        }
        return std::nullopt;
      };
      funnel.total.conversion_range[k] = range_over(range_entries(report.units, conversion), collator);
    }
  }
}

}  // namespace maaltal
