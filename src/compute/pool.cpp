#include "compute/pool.h"

#include <algorithm>

#include "compute/progress.h"
#include "core/collate.h"

namespace maaltal {

namespace {

constexpr double kTolerance = 1e-9;  // a share exactly at a threshold reaches it

bool final_word(const std::string& status) { return status == "met" || status == "partly_met" || status == "not_met"; }

// On track, at risk or behind by attainment against the attainment expected
// by now; after every part's period, the verdict on the attainment.
std::string pool_status(const PoolFigure& f, bool periods_over, const ProgressSettings& s) {
  if (!f.attainment || !f.target || *f.target <= 0) return "";
  if (periods_over) return verdict(*f.attainment, s);
  double expected_share = f.expected.value_or(0) / *f.target;
  if (expected_share <= 0) return "on_track";
  double share = *f.attainment / expected_share;
  if (share + kTolerance >= s.on_track) return "on_track";
  return share + kTolerance >= s.at_risk ? "at_risk" : "behind";
}

PoolFigure figure_of(const Figure& f) {
  return PoolFigure{true, f.actual, f.target, f.attainment, f.expected, f.status};
}

PoolFigure not_part_of() {
  PoolFigure f;
  f.part_of = false;
  return f;
}

// The indicator index in `report` that pool indicator `ind` maps to, or -1.
int mapped_index(const PoolIndicator& ind, const Report& report) {
  auto it = ind.from.find(report.project.id);
  return it == ind.from.end() ? -1 : report.indicator_index(it->second);
}

void widen(PoolRange& range, const PoolFigure& f, const std::string& id) {
  if (!f.part_of || !f.attainment) return;
  if (!range.low || *f.attainment < *range.low) {
    range.low = f.attainment;
    range.low_id = id;
  }
  if (!range.high || *f.attainment > *range.high) {
    range.high = f.attainment;
    range.high_id = id;
  }
}

PoolProject project_of(const PoolMember& member, const PoolDefinition& def, const std::string& latest_month) {
  const Report& r = member.report;
  PoolProject p;
  p.id = r.project.id;
  p.title = r.project.title;
  p.source = member.source;
  p.file = member.file;
  p.as_of = r.as_of;
  p.start = r.project.start;
  p.end = r.project.end;
  p.aggregation = r.aggregation;
  p.data_quality = r.data_quality;
  p.inputs = r.input_files;
  for (const auto& ind : def.indicators) {
    int i = mapped_index(ind, r);
    p.values.push_back(i < 0 ? not_part_of() : figure_of(r.total.values[static_cast<std::size_t>(i)]));
  }
  for (const auto& unit : r.units) {
    PoolProjectUnit pu{unit.code, unit.name, {}};
    for (const auto& ind : def.indicators) {
      int i = mapped_index(ind, r);
      pu.values.push_back(i < 0 ? not_part_of() : figure_of(unit.values[static_cast<std::size_t>(i)]));
    }
    p.units.push_back(std::move(pu));
  }
  // Data for the latest month: the project's as-of date is in it and, where
  // the monthly series is known, something was counted in that month.
  p.has_latest_month = r.as_of.iso().substr(0, 7) == latest_month;
  bool has_series = false, counted = false;
  for (const auto& f : r.total.values) {
    if (f.series.empty()) continue;
    has_series = true;
    const MonthPoint& last = f.series.back();
    if (last.month == latest_month && last.new_count.value_or(0) > 0) counted = true;
  }
  if (has_series) p.has_latest_month = p.has_latest_month && counted;
  return p;
}

}  // namespace

PoolFigure aggregate_pool_figures(const std::vector<PoolFigure>& figures, Aggregation aggregation,
                                  const ProgressSettings& progress) {
  PoolFigure out;
  out.part_of = false;
  double actual = 0, targeted_actual = 0, target = 0, expected = 0, attainment_sum = 0;
  int with_actual = 0, with_target = 0, with_attainment = 0;
  bool all_over = true;
  for (const auto& f : figures) {
    if (!f.part_of) continue;
    out.part_of = true;
    if (f.actual) {
      actual += *f.actual;
      ++with_actual;
    }
    if (f.target && f.actual) {
      targeted_actual += *f.actual;
      target += *f.target;
      expected += f.expected.value_or(*f.target);
      ++with_target;
      all_over = all_over && final_word(f.status);
    }
    if (f.attainment) {
      attainment_sum += aggregation == Aggregation::kMeanCapped ? std::min(1.0, *f.attainment) : *f.attainment;
      ++with_attainment;
    }
  }
  if (!out.part_of) return out;
  if (with_actual > 0) out.actual = actual;
  if (with_target == 0) return out;
  out.target = target;
  out.expected = expected;
  if (aggregation == Aggregation::kSum) {
    if (target > 0) out.attainment = targeted_actual / target;
  } else if (with_attainment > 0) {
    out.attainment = attainment_sum / with_attainment;
  }
  out.status = pool_status(out, all_over, progress);
  return out;
}

PoolReport compute_pool(const PoolInput& input) {
  const PoolDefinition& def = input.definition;
  PoolReport pool;
  pool.generator_version = input.generator_version;
  pool.id = def.id;
  pool.title = def.title;
  pool.aggregation = aggregation_name(def.aggregation);
  pool.as_of = input.as_of;
  pool.indicators = def.indicators;
  pool.inputs = input.inputs;
  pool.generated_at = input.generated_at;
  pool.locale = input.locale;
  for (const auto& m : input.members) pool.latest_as_of = std::max(pool.latest_as_of, m.report.as_of);
  std::string latest_month = (input.as_of ? *input.as_of : pool.latest_as_of).iso().substr(0, 7);
  for (const auto& m : input.members) pool.projects.push_back(project_of(m, def, latest_month));

  // Municipalities across projects, in Danish order.
  std::map<std::string, PoolUnit> by_code;
  for (const auto& p : pool.projects) {
    for (const auto& u : p.units) {
      PoolUnit& unit = by_code[u.code];
      unit.code = u.code;
      unit.name = u.name;
      unit.projects.push_back(p.id);
      unit.values.resize(def.indicators.size());
      for (std::size_t k = 0; k < def.indicators.size(); ++k) unit.values[k].by_project.push_back({p.id, u.values[k]});
    }
  }
  for (auto& [code, unit] : by_code) {
    for (auto& value : unit.values) {
      std::vector<PoolFigure> figures;
      for (const auto& cell : value.by_project) figures.push_back(cell.figure);
      value.sum = aggregate_pool_figures(figures, def.aggregation, def.progress);
    }
    auto shared = input.shared_participants.find(code);
    if (shared != input.shared_participants.end()) unit.shared_participants = shared->second;
    pool.units.push_back(std::move(unit));
  }
  Collator collator(input.locale);
  std::stable_sort(pool.units.begin(), pool.units.end(),
                   [&](const PoolUnit& a, const PoolUnit& b) { return collator.less(a.name, b.name); });

  for (std::size_t k = 0; k < def.indicators.size(); ++k) {
    PoolTotalValue total;
    std::vector<PoolFigure> figures;
    for (const auto& p : pool.projects) {
      figures.push_back(p.values[k]);
      widen(total.across_projects, p.values[k], p.id);
    }
    for (const auto& u : pool.units) widen(total.across_units, u.values[k].sum, u.code);
    total.figure = aggregate_pool_figures(figures, def.aggregation, def.progress);
    pool.total.push_back(std::move(total));
  }
  return pool;
}

}  // namespace maaltal
