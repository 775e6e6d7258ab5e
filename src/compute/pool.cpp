#include "compute/pool.h"

#include <algorithm>
#include <tuple>

#include "compute/progress.h"
#include "compute/suppression.h"
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
  for (std::size_t i = 0; i < input.members.size(); ++i) {
    pool.projects.push_back(project_of(input.members[i], def, latest_month));
    if (i < def.projects.size()) pool.projects.back().dashboard = def.projects[i].dashboard;
  }

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

namespace maaltal {

namespace {

// The figure of `ind` for municipality `code` ("" for the total) in `report`;
// nullptr where the project lacks either.
const Figure* figure_in(const Report& report, const PoolIndicator& ind, const std::string& code) {
  int i = mapped_index(ind, report);
  if (i < 0) return nullptr;
  if (code.empty()) return &report.total.values[static_cast<std::size_t>(i)];
  for (const auto& unit : report.units) {
    if (unit.code == code) return &unit.values[static_cast<std::size_t>(i)];
  }
  return nullptr;
}

void hide_pool_figure(PoolFigure& f, Hidden why) {
  f.hidden = why;
  f.actual.reset();
  f.attainment.reset();
  f.status.clear();
}

// A combined figure's attainment tells no more than its actual and the
// targets (all public) when, for `sum`, every part with an actual has a
// target (the attainment is then actual ÷ target); for a mean, when no part
// is hidden. Otherwise it would publish another sum of the parts: it is left out.
void check_combined_attainment(PoolFigure& combined, const std::vector<const PoolFigure*>& parts,
                               Aggregation aggregation) {
  bool safe = combined.hidden == Hidden::kNo;
  for (const PoolFigure* p : parts) {
    if (!p->part_of) continue;
    if (aggregation == Aggregation::kSum) {
      safe = safe && (p->target || (!p->actual && p->hidden == Hidden::kNo));
    } else {
      safe = safe && p->hidden == Hidden::kNo && (p->attainment || !p->target);
    }
  }
  if (!safe) {
    combined.attainment.reset();
    combined.status.clear();
  }
}

// Every count the pool dashboard publishes, as cells of one suppression table.
class PoolCells {
 public:
  PoolCells(const PoolReport& pool, const std::vector<PoolMember>& members, Aggregation aggregation,
            const PrivacySettings& settings)
      : pool_(pool), members_(members), aggregation_(aggregation), settings_(settings) {
    for (std::size_t k = 0; k < pool.indicators.size(); ++k) add_indicator(k);
  }

  // Suppresses the pool's own cells; returns the small cells the exact audit still finds pinned.
  std::vector<int> protect() {
    table_.suppress(settings_);
    return table_.pinned(settings_);
  }

  // The pool report with every mark applied and what is made from a hidden count left out.
  void apply(PoolReport& pool) const {
    for (std::size_t p = 0; p < pool.projects.size(); ++p) {
      PoolProject& project = pool.projects[p];
      for (std::size_t k = 0; k < pool.indicators.size(); ++k) {
        apply_project_cell(project.values[k], p, "", k);
        for (auto& unit : project.units) apply_project_cell(unit.values[k], p, unit.code, k);
        if (!members_[p].release) check_mean_of_units(project, k);
      }
    }
    for (std::size_t u = 0; u < pool.units.size(); ++u) {
      for (std::size_t k = 0; k < pool.indicators.size(); ++k) apply_unit(pool, u, k);
    }
    for (std::size_t k = 0; k < pool.indicators.size(); ++k) apply_total(pool, k);
  }

 private:
  using Key = std::tuple<std::size_t, std::string, std::size_t>;  // project, municipality ("" total), indicator

  void add_indicator(std::size_t k) {
    std::vector<int> totals, sums;
    for (std::size_t p = 0; p < pool_.projects.size(); ++p) {
      const PoolProject& project = pool_.projects[p];
      if (!project.values[k].part_of) continue;
      std::vector<int> units;
      for (const auto& unit : project.units) units.push_back(add_project_cell(p, unit.code, k, unit.values[k]));
      int total = add_project_cell(p, "", k, project.values[k]);
      table_.relate(total, units);
      totals.push_back(total);
    }
    for (std::size_t u = 0; u < pool_.units.size(); ++u) {
      const PoolUnit& unit = pool_.units[u];
      std::vector<int> parts;
      for (const auto& cell : unit.values[k].by_project) {
        if (cell.figure.part_of) parts.push_back(cells_.at({project_index(cell.project), unit.code, k}));
      }
      if (parts.empty()) continue;
      // In one project only, the municipality's sum is that project's cell.
      int sum = parts.size() == 1 ? parts[0] : add_pool_cell(unit.values[k].sum.actual.value_or(0), parts);
      if (parts.size() > 1) table_.relate(sum, parts);
      unit_sums_[{u, k}] = sum;
      sums.push_back(sum);
    }
    if (totals.empty()) return;
    int total = add_pool_cell(pool_.total[k].figure.actual.value_or(0), totals);
    table_.relate(total, totals);
    table_.relate(total, sums);
    totals_[k] = total;
  }

  // A project's count: as its own public release marks it, when it has one
  // (shown there: every reader knows it); else a cell of the pool's own.
  int add_project_cell(std::size_t p, const std::string& code, std::size_t k, const PoolFigure& f) {
    double value = f.actual.value_or(0);
    int cell = -1;
    if (const Figure* released = released_figure(p, code, k)) {
      cell = released->hidden == Hidden::kNo ? table_.add(value, true) : add_released_hidden(value, released->hidden);
      released_hidden_.resize(table_.size());
      released_hidden_[static_cast<std::size_t>(cell)] = released->hidden != Hidden::kNo;
    } else {
      cell = table_.add(value);
    }
    cells_[{p, code, k}] = cell;
    return cell;
  }

  // Hidden by the project's own release. A project's protecting cell below
  // the pool's threshold (a project with a lower one) is a small cell here.
  int add_released_hidden(double value, Hidden mark) {
    return table_.add_hidden(value, value < settings_.suppress_below ? Hidden::kSmall : mark);
  }

  // A sum the pool adds. Made from a count some project's own release hides,
  // it is hidden too: the project's release was audited with its previous
  // month's (small monthly steps), which the pool does not see, so the pool
  // tells nothing more about such a count than the projects' own dashboards.
  int add_pool_cell(double value, const std::vector<int>& parts) {
    bool from_hidden = std::any_of(parts.begin(), parts.end(), [&](int c) {
      return static_cast<std::size_t>(c) < released_hidden_.size() && released_hidden_[static_cast<std::size_t>(c)];
    });
    int cell = from_hidden ? table_.add_hidden(value, value < settings_.suppress_below && !(value == 0 && settings_.zero_as_dash)
                                                          ? Hidden::kSmall
                                                          : Hidden::kProtecting)
                           : table_.add(value);
    released_hidden_.resize(table_.size());
    released_hidden_[static_cast<std::size_t>(cell)] = from_hidden;
    return cell;
  }

  const Figure* released_figure(std::size_t p, const std::string& code, std::size_t k) const {
    const auto& release = members_[p].release;
    return release ? figure_in(*release, pool_.indicators[k], code) : nullptr;
  }

  std::size_t project_index(const std::string& id) const {
    for (std::size_t p = 0; p < pool_.projects.size(); ++p) {
      if (pool_.projects[p].id == id) return p;
    }
    return pool_.projects.size();
  }

  // A project without a release aggregated by a mean: its total's attainment,
  // a mean of its municipalities', would give a hidden one away (as in a
  // project's own public report).
  static void check_mean_of_units(PoolProject& project, std::size_t k) {
    bool unit_hidden = std::any_of(project.units.begin(), project.units.end(),
                                   [&](const PoolProjectUnit& u) { return u.values[k].hidden != Hidden::kNo; });
    if (project.aggregation != "sum" && unit_hidden) {
      project.values[k].attainment.reset();
      project.values[k].status.clear();
    }
  }

  // A project's own figure: its release's, word for word, where it has one.
  void apply_project_cell(PoolFigure& f, std::size_t p, const std::string& code, std::size_t k) const {
    if (!f.part_of) return;
    if (const Figure* released = released_figure(p, code, k)) {
      f = figure_of(*released);
      f.hidden = released->hidden;
      if (f.hidden != Hidden::kNo) hide_pool_figure(f, f.hidden);
      return;
    }
    Hidden why = table_.hidden(cells_.at({p, code, k}));
    if (why != Hidden::kNo) hide_pool_figure(f, why);
  }

  void apply_unit(PoolReport& pool, std::size_t u, std::size_t k) const {
    PoolUnit& unit = pool.units[u];
    PoolUnitValue& value = unit.values[k];
    std::vector<const PoolFigure*> parts;
    for (auto& cell : value.by_project) {
      const PoolProject& project = pool.projects[project_index(cell.project)];
      for (const auto& pu : project.units) {
        if (pu.code == unit.code) cell.figure = pu.values[k];
      }
      parts.push_back(&cell.figure);
    }
    auto it = unit_sums_.find({u, k});
    if (it == unit_sums_.end()) return;
    Hidden why = table_.hidden(it->second);
    if (why != Hidden::kNo) hide_pool_figure(value.sum, why);
    check_combined_attainment(value.sum, parts, aggregation_);
  }

  void apply_total(PoolReport& pool, std::size_t k) const {
    PoolTotalValue& total = pool.total[k];
    auto it = totals_.find(k);
    if (it != totals_.end() && table_.hidden(it->second) != Hidden::kNo) {
      hide_pool_figure(total.figure, table_.hidden(it->second));
    }
    std::vector<const PoolFigure*> parts;
    total.across_projects = {};
    total.across_units = {};
    for (const auto& p : pool.projects) {
      parts.push_back(&p.values[k]);
      widen(total.across_projects, p.values[k], p.id);
    }
    for (const auto& u : pool.units) widen(total.across_units, u.values[k].sum, u.code);
    check_combined_attainment(total.figure, parts, aggregation_);
  }

  const PoolReport& pool_;
  const std::vector<PoolMember>& members_;
  Aggregation aggregation_;
  PrivacySettings settings_;
  SuppressionTable table_;
  std::vector<bool> released_hidden_;  // by cell: hidden by a project's release, or made from such a cell
  std::map<Key, int> cells_;
  std::map<std::pair<std::size_t, std::size_t>, int> unit_sums_;
  std::map<std::size_t, int> totals_;
};

}  // namespace

PrivacySettings pool_privacy(const std::vector<PoolMember>& members) {
  PrivacySettings settings;
  if (members.empty()) return settings;
  settings.zero_as_dash = true;
  for (const auto& m : members) {
    settings.suppress_below = std::max(settings.suppress_below, m.report.privacy.suppress_below);
    settings.zero_as_dash = settings.zero_as_dash && m.report.privacy.zero_as_dash;
  }
  return settings;
}

std::optional<PoolReport> public_pool(const PoolInput& input) {
  PoolInput at_release = input;
  for (auto& m : at_release.members) {
    if (m.release_values) m.report = *m.release_values;
  }
  at_release.shared_participants.clear();  // a count of people, often small: internal only
  PoolReport pool = compute_pool(at_release);
  pool.audience = Audience::kPublic;
  pool.privacy = pool_privacy(input.members);
  PoolCells cells(pool, input.members, input.definition.aggregation, pool.privacy);
  if (!cells.protect().empty()) return std::nullopt;
  cells.apply(pool);
  // With --as-of, the releases are as of that month's end: say that date.
  if (pool.as_of && !pool.projects.empty() &&
      std::all_of(pool.projects.begin(), pool.projects.end(),
                  [&](const PoolProject& p) { return p.as_of == pool.projects[0].as_of; })) {
    pool.as_of = pool.projects[0].as_of;
  }
  for (auto& p : pool.projects) {
    p.data_quality = DataQuality{};
    p.has_latest_month = true;
  }
  return pool;
}

}  // namespace maaltal
