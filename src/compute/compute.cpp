#include "compute/compute.h"
#include "compute/durations.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <span>

#include "compute/progress.h"
#include "compute/target_basis.h"
#include "compute/ranges.h"
#include "compute/reconciliation.h"
#include "compute/surveys.h"
#include "core/collate.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/numbers.h"
#include "core/text.h"

namespace maaltal {

Date resolve_as_of(const Dataset& dataset, const std::optional<Date>& requested) {
  if (requested) return *requested;
  if (dataset.project.as_of) return *dataset.project.as_of;
  std::optional<Date> latest;
  const Registrations& regs = dataset.registrations;
  for (std::size_t k = 0; k < regs.size(); ++k) {
    for (std::size_t f = 0; f < regs.date_fields(); ++f) {
      auto d = regs.date(k, f);
      if (d && (!latest || *d > *latest)) latest = d;
    }
  }
  for (const auto& c : dataset.counts) {
    if (!latest || c.date > *latest) latest = c.date;
  }
  return latest.value_or(dataset.project.info.start);
}

std::optional<AsOfSource> latest_date_source(const Dataset& dataset) {
  std::optional<Date> latest, next;
  AsOfSource source;
  auto see = [&](Date d, const std::string& file, int position, bool json) {
    if (latest && d == *latest) return;
    if (latest && d < *latest) {
      if (!next || d > *next) next = d;
      return;
    }
    next = latest;
    latest = d;
    source.file = file;
    source.line = json ? 0 : position;
    source.index = json ? position : -1;
  };
  const Registrations& regs = dataset.registrations;
  const auto& reg_source = dataset.project.registrations;
  bool reg_json = reg_source.path.extension() == ".json";
  for (std::size_t k = 0; k < regs.size(); ++k) {
    for (std::size_t f = 0; f < regs.date_fields(); ++f) {
      if (auto d = regs.date(k, f)) see(*d, reg_source.display_path, regs.position(k), reg_json);
    }
  }
  if (dataset.project.counts) {
    bool json = dataset.project.counts->path.extension() == ".json";
    for (const auto& c : dataset.counts) see(c.date, dataset.project.counts->display_path, c.position, json);
  }
  if (!latest) return std::nullopt;
  source.next_latest = next;
  return source;
}

namespace {

// One condition of an indicator, prepared once: its category field, and
// which category values (by id) pass it.
struct Condition {
  std::size_t field = 0;
  std::vector<char> passes;  // [value id]
};

bool all_hold(const std::vector<Condition>& conditions, const Registrations& regs, std::size_t k) {
  return std::all_of(conditions.begin(), conditions.end(),
                     [&](const Condition& c) { return c.passes[regs.category_id(k, c.field)]; });
}

// An indicator's test of a registration: its date field, `where` (all must
// hold) and `any` (one alternative must hold, all of its conditions).
struct IndicatorRule {
  std::size_t date_field = 0;
  int after = -1;  // the index of the indicator named in `after`, found once rather than per participant
  std::vector<Condition> filters;
  std::vector<std::vector<Condition>> any;

  bool passes(const Registrations& regs, std::size_t k) const {
    if (!all_hold(filters, regs, k)) return false;
    return any.empty() ||
           std::any_of(any.begin(), any.end(), [&](const auto& alternative) { return all_hold(alternative, regs, k); });
  }
};

Condition condition_of(const Dataset& dataset, const FieldFilter& filter) {
  const Registrations& regs = dataset.registrations;
  std::vector<std::string> wanted;
  for (const auto& v : filter.values) wanted.push_back(fold_category(v));
  Condition c{static_cast<std::size_t>(dataset.schema.category_index(filter.field)),
              std::vector<char>(regs.distinct_values())};
  for (std::uint32_t id = 0; id < c.passes.size(); ++id) {
    std::string_view value = regs.value(id);
    c.passes[id] = filter.flag ? dataset.project.booleans.read(value).value_or(false) == *filter.flag
                               : std::find(wanted.begin(), wanted.end(), fold_category(value)) != wanted.end();
  }
  return c;
}

std::vector<IndicatorRule> indicator_rules(const Dataset& dataset) {
  std::vector<IndicatorRule> rules;
  for (const auto& ind : dataset.project.indicators) {
    IndicatorRule rule;
    if (ind.kind == IndicatorKind::kCount)
      rule.date_field = static_cast<std::size_t>(dataset.schema.date_index(ind.date_field));
    if (!ind.after.empty()) rule.after = dataset.project.indicator_index(ind.after);
    for (const auto& filter : ind.filters) rule.filters.push_back(condition_of(dataset, filter));
    for (const auto& alternative : ind.any) {
      rule.any.emplace_back();
      for (const auto& filter : alternative) rule.any.back().push_back(condition_of(dataset, filter));
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

// Every figure holds a value for each month of the project period and up to
// the as-of date: a date centuries away would take all of the machine's
// memory, so the months are bounded here, whatever checked the dates before.
void check_series_length(const ProjectInfo& info, Date as_of) {
  int months = std::max(month_index(info.end), month_index(as_of)) - month_index(info.start) + 1;
  if (months <= limits::kSeriesMonths) return;
  throw Error(ErrorKind::kLimit, "the monthly series from " + info.start.iso() + " to " +
                                     std::max(info.end, as_of).iso() + " would have " + std::to_string(months) +
                                     " months, more than the " + std::to_string(limits::kSeriesMonths) +
                                     " (100 years) a report may have; give an as-of date within the project period");
}

// The months of the series: the project's start month to the as-of month.
std::vector<std::string> series_months(Date start, Date as_of) {
  std::vector<std::string> months;
  for (int m = month_index(start); m <= month_index(as_of); ++m) {
    months.push_back(Date::from_ymd(m / 12, static_cast<unsigned>(m % 12 + 1), 1).year_month());
  }
  return months;
}

// The participants, one per person and municipality: their records in file
// order (one when rows are participants, their events when rows are
// events), and for each count indicator the record that counts them (-1:
// none), found once. Flat arrays rather than an object each, as there may be
// millions.
struct Participants {
  // Participant p's records: records[starts[p]] to records[starts[p + 1] - 1].
  // Both empty when rows are participants: participant p is record p.
  std::vector<std::uint32_t> starts;
  std::vector<std::uint32_t> records;
  std::vector<std::int32_t> counted;  // [p * indicators + i]
  std::vector<std::uint16_t> unit;    // by participant: the index of its municipality in Project::unit_codes
  std::size_t indicators = 0;

  std::size_t size() const { return unit.size(); }
  // `self` holds p when p is its own record.
  std::span<const std::uint32_t> records_of(std::size_t p, std::uint32_t& self) const {
    if (starts.empty()) {
      self = static_cast<std::uint32_t>(p);
      return {&self, 1};
    }
    return {records.data() + starts[p], records.data() + starts[p + 1]};
  }
  std::int32_t counted_by(std::size_t p, std::size_t i) const { return counted[p * indicators + i]; }
};

// What finding the counting records needs: the registrations, the
// indicators with their prepared rules, and the as-of date.
struct Counting {
  const Registrations& regs;
  const std::vector<Indicator>& indicators;
  const std::vector<IndicatorRule>& rules;
  Date as_of;
};

// The record that makes indicator `i` count this participant at the as-of
// date, if any: the earliest qualifying event, or with `first_only` the
// participant's first event of the date field if it qualifies. With `after`,
// only events on or after `from`, the date the other indicator counts the
// participant.
std::int32_t counting_record(const Counting& c, std::span<const std::uint32_t> records, std::size_t i,
                             std::optional<Date> from) {
  const Indicator& ind = c.indicators[i];
  const IndicatorRule& rule = c.rules[i];
  std::int32_t best = -1;
  std::optional<Date> best_date;
  for (std::uint32_t k : records) {
    auto date = c.regs.date(k, rule.date_field);
    if (!date || *date > c.as_of || (from && *date < *from)) continue;
    if (!ind.first_only && !rule.passes(c.regs, k)) continue;
    if (best < 0 || *date < *best_date) best = static_cast<std::int32_t>(k), best_date = date;
  }
  if (best >= 0 && ind.first_only && !rule.passes(c.regs, static_cast<std::size_t>(best))) return -1;
  return best;
}

// Indicator `i`'s counting record for one participant (its `records`, its
// row of `counted`), after the record of the indicator it counts `after`
// (found first, once: `done` marks each).
void find_counting_record(const Counting& c, std::span<const std::uint32_t> records, std::int32_t* counted,
                          std::size_t i, std::vector<char>& done) {
  if (done[i]) return;
  done[i] = 1;
  const Indicator& ind = c.indicators[i];
  if (ind.kind != IndicatorKind::kCount) return;
  std::optional<Date> from;
  if (!ind.after.empty()) {
    auto before = static_cast<std::size_t>(c.rules[i].after);
    find_counting_record(c, records, counted, before, done);
    if (counted[before] < 0) return;
    from = c.regs.date(static_cast<std::size_t>(counted[before]), c.rules[before].date_field);
  }
  counted[i] = counting_record(c, records, i, from);
}

// Which participant each registration belongs to. When rows are
// participants each is its own (a repeat was rejected on reading, W109), so
// nothing needs grouping; an event log is grouped by municipality and id.
void group_records(const Dataset& dataset, Participants& out) {
  const Registrations& regs = dataset.registrations;
  if (!dataset.project.registrations.events) {
    out.unit.resize(regs.size());
    for (std::size_t k = 0; k < regs.size(); ++k) out.unit[k] = regs.unit(k);
    return;
  }
  RowIndex index(regs.size());  // first record of each municipality and participant
  std::vector<std::uint32_t> group_of(regs.size());
  std::vector<std::uint32_t> sizes;
  for (std::uint32_t k = 0; k < regs.size(); ++k) {
    std::string_view id = regs.participant(k);
    std::uint32_t first = index.find_or_add(participant_hash(id, regs.unit(k)), k, [&](std::uint32_t other) {
      return regs.unit(other) == regs.unit(k) && regs.participant(other) == id;
    });
    if (first == k) {
      group_of[k] = static_cast<std::uint32_t>(sizes.size());
      sizes.push_back(0);
      out.unit.push_back(regs.unit(k));
    } else {
      group_of[k] = group_of[first];
    }
    ++sizes[group_of[k]];
  }
  out.starts.assign(sizes.size() + 1, 0);
  for (std::size_t g = 0; g < sizes.size(); ++g) out.starts[g + 1] = out.starts[g] + sizes[g];
  out.records.resize(regs.size());
  std::vector<std::uint32_t> next(out.starts.begin(), out.starts.end() - 1);
  for (std::uint32_t k = 0; k < regs.size(); ++k) out.records[next[group_of[k]]++] = k;
}

Participants group_participants(const Dataset& dataset, const std::vector<IndicatorRule>& rules, Date as_of) {
  Participants p;
  group_records(dataset, p);
  const std::size_t n = dataset.project.indicators.size();
  p.indicators = n;
  p.counted.assign(p.size() * n, -1);
  Counting counting{dataset.registrations, dataset.project.indicators, rules, as_of};
  std::vector<char> done;
  std::uint32_t self = 0;
  for (std::size_t q = 0; q < p.size(); ++q) {
    auto records = p.records_of(q, self);
    done.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) find_counting_record(counting, records, &p.counted[q * n], i, done);
  }
  return p;
}

// Per municipality and count indicator: distinct participants by the month of
// the event that counts them. Events before the start month count in the first month.
using MonthlyCounts = std::map<std::string, std::vector<std::vector<double>>>;

MonthlyCounts count_participants(const Dataset& dataset, const Participants& participants,
                                 const std::vector<IndicatorRule>& rules, Date as_of, std::size_t n_months) {
  const auto& indicators = dataset.project.indicators;
  int first = month_index(dataset.project.info.start);
  MonthlyCounts counts;
  for (const auto& code : dataset.project.unit_codes) {
    counts[code].assign(indicators.size(), std::vector<double>(n_months, 0.0));
  }
  if (n_months == 0) return counts;
  std::vector<std::vector<std::vector<double>>*> by_unit;
  for (const auto& code : dataset.project.unit_codes) by_unit.push_back(&counts[code]);
  for (std::size_t p = 0; p < participants.size(); ++p) {
    auto& unit_counts = *by_unit[participants.unit[p]];
    for (std::size_t i = 0; i < indicators.size(); ++i) {
      std::int32_t k = participants.counted_by(p, i);
      if (k < 0) continue;
      const Date date = *dataset.registrations.date(static_cast<std::size_t>(k), rules[i].date_field);
      auto month = static_cast<std::size_t>(std::max(0, month_index(date) - first));
      unit_counts[i][month] += 1;
    }
  }
  for (const auto& c : dataset.counts) {
    if (c.date > as_of) continue;
    auto month = static_cast<std::size_t>(std::max(0, month_index(c.date) - first));
    counts[c.unit_code][static_cast<std::size_t>(dataset.project.indicator_index(c.indicator))][month] += c.count;
  }
  return counts;
}

// a ÷ b, missing where b is 0; never inf or nan in an output, whatever the
// inputs (the readers bound targets, so this is a second line of defence).
std::optional<double> divide(std::optional<double> a, std::optional<double> b) {
  if (!a || !b || *b == 0) return std::nullopt;
  double quotient = *a / *b;
  if (!std::isfinite(quotient)) return std::nullopt;
  return quotient;
}

// A series from new counts per month; the actual is its last running total.
void set_counts(Figure& f, const std::vector<std::string>& months, const std::vector<double>& monthly) {
  double running = 0;
  f.series.clear();
  for (std::size_t m = 0; m < months.size(); ++m) {
    running += monthly[m];
    f.series.push_back({months[m], monthly[m], running});
  }
  f.actual = running;
}

// Adds a figure's new counts per month into `monthly`.
void add_new_counts(const Figure& f, std::vector<double>& monthly) {
  for (std::size_t m = 0; m < monthly.size(); ++m) monthly[m] += f.series[m].new_count.value_or(0);
}

// Fills sums and ratios from the counts; indicators only refer to earlier ones.
void derive(const Project& project, const std::vector<std::string>& months, std::vector<Figure>& values) {
  auto at = [&](const std::string& id) -> Figure& {
    return values[static_cast<std::size_t>(project.indicator_index(id))];
  };
  for (std::size_t i = 0; i < project.indicators.size(); ++i) {
    const Indicator& ind = project.indicators[i];
    if (ind.kind == IndicatorKind::kSum) {
      std::vector<double> monthly(months.size(), 0.0);
      for (const auto& term : ind.terms) add_new_counts(at(term), monthly);
      set_counts(values[i], months, monthly);
    } else if (ind.kind == IndicatorKind::kRatio) {
      const Figure& num = at(ind.numerator);
      const Figure& den = at(ind.denominator);
      values[i].actual = divide(num.actual, den.actual);
      for (std::size_t m = 0; m < months.size(); ++m) {
        values[i].series.push_back(
            {months[m], std::nullopt, divide(num.series[m].cumulative, den.series[m].cumulative)});
      }
    }
  }
}

void set_attainment(std::vector<Figure>& values) {
  for (auto& f : values) f.attainment = divide(f.actual, f.target);
}

// The on-track figures, once actuals, targets and attainment are known.
// `expected_of` may give an indicator's expected-by-now in place of even pro-rating.
void assess(const Project& project, const ProgressContext& ctx, std::vector<Figure>& values,
            const std::function<std::optional<double>(std::size_t)>& expected_of) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (project.indicators[i].kind == IndicatorKind::kRatio)
      apply_ratio_progress(values[i], ctx);
    else
      apply_progress(values[i], ctx, expected_of(i));
  }
}

// Expected by now from a municipality's milestones, when it has any for the indicator.
std::optional<double> milestones_expected(const Project& project, const std::string& code, std::size_t i,
                                          const Figure& f, const ProgressContext& ctx) {
  std::vector<std::pair<Date, double>> points;
  for (const auto& m : project.milestones) {
    if (m.unit_code == code && m.indicator == project.indicators[i].id) points.emplace_back(m.date, m.value);
  }
  if (points.empty() || !f.target) return std::nullopt;
  return milestone_expected(points, *f.target, ctx);
}

// The versions of one municipality's target for one indicator, oldest first.
std::vector<const Target*> targets_of(const Project& project, const std::string& code, const std::string& indicator) {
  std::vector<const Target*> versions;
  for (const auto& t : project.targets) {
    if (t.unit_code == code && t.indicator == indicator) versions.push_back(&t);
  }
  Date start = project.info.start;
  std::stable_sort(versions.begin(), versions.end(), [&](const Target* a, const Target* b) {
    return a->effective.value_or(start) < b->effective.value_or(start);
  });
  return versions;
}

// The last day of the month with index `m` (see month_index).
Date month_end(int m) {
  Date first_of_next = Date::from_ymd((m + 1) / 12, static_cast<unsigned>((m + 1) % 12 + 1), 1);
  return Date::from_days(first_of_next.days_since_epoch() - 1);
}

// `expected_at` evaluated at the end of each month of the whole project period
// (ctx holds the unit's own part of the period; the months are the project's).
std::vector<double> trajectory_of(const ProjectInfo& info, const ProgressContext& ctx,
                                  const std::function<double(const ProgressContext&)>& expected_at) {
  std::vector<double> points;
  for (int m = month_index(info.start); m <= month_index(info.end); ++m) {
    ProgressContext at = ctx;
    at.as_of = month_end(m);
    points.push_back(expected_at(at));
  }
  return points;
}

// A municipality that joins or leaves is measured over its own part of the period.
ProgressContext unit_context(const Project& project, const std::string& code, ProgressContext ctx) {
  auto it = project.unit_active.find(code);
  if (it == project.unit_active.end()) return ctx;
  if (it->second.from && *it->second.from > ctx.start) ctx.start = *it->second.from;
  if (it->second.to && *it->second.to < ctx.end) ctx.end = *it->second.to;
  return ctx;
}

UnitFigures unit_figures(const Dataset& dataset, const std::string& code, const std::vector<std::string>& months,
                         const std::vector<std::vector<double>>& counts, const ProgressContext& ctx) {
  const Project& project = dataset.project;
  UnitFigures unit{code, project.unit_names.at(code), {}};
  unit.values.resize(project.indicators.size());
  for (std::size_t i = 0; i < project.indicators.size(); ++i) {
    if (project.indicators[i].kind == IndicatorKind::kCount) set_counts(unit.values[i], months, counts[i]);
  }
  derive(project, months, unit.values);
  for (std::size_t i = 0; i < project.indicators.size(); ++i) {
    const std::string& id = project.indicators[i].id;
    set_target(unit.values[i], targets_of(project, code, id), ctx.as_of, basis_of(project, code, id));
  }
  set_attainment(unit.values);
  ProgressContext unit_ctx = unit_context(project, code, ctx);
  assess(project, unit_ctx, unit.values,
         [&](std::size_t i) { return milestones_expected(project, code, i, unit.values[i], unit_ctx); });
  for (std::size_t i = 0; i < project.indicators.size(); ++i) {
    Figure& f = unit.values[i];
    if (!f.expected || project.indicators[i].kind == IndicatorKind::kRatio) continue;
    f.trajectory = trajectory_of(project.info, unit_ctx, [&](const ProgressContext& at) {
      return milestones_expected(project, code, i, f, at)
          .value_or(*f.target * elapsed_share(at.as_of, at.start, at.end));
    });
  }
  return unit;
}

// The mean of the municipalities' attainment (each capped at 100 % when
// asked), for the projects whose evaluations aggregate that way.
std::optional<double> mean_attainment(const std::vector<UnitFigures>& units, std::size_t i, bool capped) {
  double sum = 0;
  int n = 0;
  for (const auto& u : units) {
    if (!u.values[i].attainment) continue;
    sum += capped ? std::min(1.0, *u.values[i].attainment) : *u.values[i].attainment;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

// The total: counts summed over municipalities, then sums and ratios derived
// from those sums (392/480, not a mean of percentages). Targets: the stated
// project total, else the sum of the municipalities' targets.
UnitFigures total_figures(const Dataset& dataset, const std::vector<UnitFigures>& units,
                          const std::vector<std::string>& months, const ProgressContext& ctx) {
  const Project& project = dataset.project;
  UnitFigures total{"", "", {}};
  total.values.resize(project.indicators.size());
  for (std::size_t i = 0; i < project.indicators.size(); ++i) {
    const Indicator& ind = project.indicators[i];
    if (ind.kind == IndicatorKind::kCount) {
      std::vector<double> monthly(months.size(), 0.0);
      for (const auto& u : units) add_new_counts(u.values[i], monthly);
      set_counts(total.values[i], months, monthly);
    }
    if (auto it = project.total_targets.find(ind.id); it != project.total_targets.end()) {
      total.values[i].target = it->second;
    } else if (ind.kind != IndicatorKind::kRatio) {
      for (const auto& u : units) {
        if (u.values[i].target) total.values[i].target = total.values[i].target.value_or(0) + *u.values[i].target;
        if (u.values[i].target_original) {
          total.values[i].target_original = total.values[i].target_original.value_or(0) + *u.values[i].target_original;
        }
      }
    }
  }
  derive(project, months, total.values);
  for (std::size_t i = 0; i < total.values.size(); ++i) {
    std::vector<const Figure*> of_units;
    for (const auto& u : units) of_units.push_back(&u.values[i]);
    total.values[i].target_basis =
        total_basis(total.values[i], of_units, project.total_targets.contains(project.indicators[i].id));
  }
  set_attainment(total.values);
  if (project.aggregation != Aggregation::kSum) {
    for (std::size_t i = 0; i < total.values.size(); ++i) {
      total.values[i].attainment = mean_attainment(units, i, project.aggregation == Aggregation::kMeanCapped);
    }
  }
  // A total made of the municipalities' targets expects what they expect
  // together (their milestones, their own active periods); a stated total is
  // pro-rated over the whole period.
  assess(project, ctx, total.values, [&](std::size_t i) -> std::optional<double> {
    if (project.total_targets.contains(project.indicators[i].id)) return std::nullopt;
    std::optional<double> sum;
    for (const auto& u : units) {
      if (u.values[i].expected) sum = sum.value_or(0) + *u.values[i].expected;
    }
    return sum;
  });
  for (std::size_t i = 0; i < total.values.size(); ++i) {
    Figure& f = total.values[i];
    if (!f.expected || project.indicators[i].kind == IndicatorKind::kRatio) continue;
    if (project.total_targets.contains(project.indicators[i].id)) {
      f.trajectory = trajectory_of(project.info, ctx, [&](const ProgressContext& at) {
        return *f.target * elapsed_share(at.as_of, at.start, at.end);
      });
      continue;
    }
    for (const auto& u : units) {
      const auto& points = u.values[i].trajectory;
      if (points.empty()) continue;
      if (f.trajectory.empty()) f.trajectory.assign(points.size(), 0.0);
      for (std::size_t m = 0; m < points.size(); ++m) f.trajectory[m] += points[m];
    }
  }
  return total;
}

FunnelRow funnel_row(const Report& report, const Funnel& funnel, const UnitFigures& unit) {
  FunnelRow row{unit.code, unit.name, {}, {}, {}, {}};
  for (std::size_t k = 0; k < funnel.stages.size(); ++k) {
    const Figure& f = unit.values[static_cast<std::size_t>(report.indicator_index(funnel.stages[k]))];
    row.actual.push_back(f.actual.value_or(0));
    row.conversion.push_back(k == 0 ? std::nullopt : divide(row.actual[k], row.actual[k - 1]));
  }
  return row;
}

std::vector<FunnelReport> funnels_of(const Project& project, const Report& report) {
  std::vector<FunnelReport> funnels;
  for (const auto& funnel : project.funnels) {
    FunnelReport out{funnel.id, funnel.label, funnel.stages, {}, funnel_row(report, funnel, report.total), funnel.label_texts};
    for (const auto& unit : report.units) out.units.push_back(funnel_row(report, funnel, unit));
    funnels.push_back(std::move(out));
  }
  return funnels;
}

// The index of the category `value` falls in, or -1 for "other". With age
// bands the value is a birth year (age at the as-of date's year) or an age.
int category_of(const Breakdown& b, std::string_view value, Date as_of) {
  if (b.age_bands.empty()) {
    auto it = std::find_if(b.categories.begin(), b.categories.end(),
                           [&](const std::string& c) { return same_category(c, value); });
    return it == b.categories.end() ? -1 : static_cast<int>(it - b.categories.begin());
  }
  auto number = parse_number(value);
  if (!number) return -1;
  int age = static_cast<int>(b.field_is_birth_year ? as_of.year() - *number : *number);
  for (std::size_t k = 0; k < b.age_bands.size(); ++k) {
    if (age >= b.age_bands[k].from && age <= b.age_bands[k].to) return static_cast<int>(k);
  }
  return -1;
}

// Per municipality, the breakdown's indicator counted by category; the total
// adds up the municipalities' rows.
BreakdownReport breakdown_of(const Dataset& dataset, const Participants& participants, const Breakdown& b,
                             const Report& report) {
  const Project& project = dataset.project;
  auto field = static_cast<std::size_t>(dataset.schema.category_index(b.field));
  std::map<std::string, BreakdownRow> rows;
  for (const auto& unit : report.units)
    rows[unit.code] = {unit.code, unit.name, std::vector<double>(b.categories.size()), 0, {}, Hidden::kNo};
  auto i = static_cast<std::size_t>(project.indicator_index(b.indicator));
  std::vector<BreakdownRow*> by_unit;
  for (const auto& code : project.unit_codes) by_unit.push_back(&rows[code]);
  const Registrations& regs = dataset.registrations;
  std::vector<int> category_of_value(regs.distinct_values());  // the category each value falls in, or -1
  for (std::uint32_t id = 0; id < category_of_value.size(); ++id)
    category_of_value[id] = category_of(b, regs.value(id), report.as_of);
  for (std::size_t p = 0; p < participants.size(); ++p) {
    std::int32_t k = participants.counted_by(p, i);
    if (k < 0) continue;
    BreakdownRow& row = *by_unit[participants.unit[p]];
    // the category of the event that counts
    int category = category_of_value[regs.category_id(static_cast<std::size_t>(k), field)];
    if (category < 0)
      row.other += 1;
    else
      row.counts[static_cast<std::size_t>(category)] += 1;
  }
  // Aggregated counts carry no categories: they count as "other", so that a
  // row still adds up to the indicator.
  for (const auto& c : dataset.counts) {
    if (c.indicator == b.indicator && c.date <= report.as_of) rows[c.unit_code].other += c.count;
  }
  BreakdownReport out{b.id,
                      b.label,
                      b.indicator,
                      b.field,
                      b.categories,
                      {},
                      {"", "", std::vector<double>(b.categories.size()), 0, {}, Hidden::kNo}};
  for (const auto& unit : report.units) {
    const BreakdownRow& row = rows[unit.code];
    for (std::size_t c = 0; c < row.counts.size(); ++c) out.total.counts[c] += row.counts[c];
    out.total.other += row.other;
    out.units.push_back(row);
  }
  return out;
}

// Each goal with the status the figures suggest, the status in force, and the
// tally of statuses per level.
void assess_goals(const Project& project, Report& report) {
  for (const auto& goal : project.goals) {
    GoalReport g{goal, "", false};
    if (!goal.indicator.empty()) {
      const Figure& total = report.total.values[static_cast<std::size_t>(report.indicator_index(goal.indicator))];
      if (total.attainment) g.suggested_status = verdict(*total.attainment, project.progress);
    }
    if (g.goal.status.empty()) g.goal.status = g.suggested_status;
    g.overridden = !g.suggested_status.empty() && g.goal.status != g.suggested_status;
    if (!g.goal.status.empty()) ++report.goal_tally[goal.level][g.goal.status];
    report.goals.push_back(std::move(g));
  }
}

// Dates after the as-of date, in registrations and aggregated counts: not
// counted in this report, so listed in its data quality, never lost silently.
int events_after(const Dataset& dataset, Date as_of) {
  int n = 0;
  const Registrations& regs = dataset.registrations;
  for (std::size_t k = 0; k < regs.size(); ++k) {
    for (std::size_t f = 0; f < regs.date_fields(); ++f) {
      auto d = regs.date(k, f);
      n += d && *d > as_of;
    }
  }
  for (const auto& c : dataset.counts) n += c.date > as_of;
  return n;
}

}  // namespace

Report compute_report(const Dataset& dataset, const ComputeOptions& options) {
  Report report;
  report.generator_version = options.generator_version;
  report.project = dataset.project.info;
  report.as_of = resolve_as_of(dataset, options.as_of);
  report.generated_at = options.generated_at;
  report.input_files = dataset.project.input_files;
  report.texts = dataset.project.texts;
  report.reconciliation = reconcile(dataset.project, dataset.reconciliation);
  report.surveys = compute_surveys(dataset.project.surveys, dataset.survey_responses);
  report.privacy = dataset.project.privacy;
  report.outputs = dataset.project.outputs;
  report.indicators = dataset.project.indicators;

  report.aggregation = aggregation_name(dataset.project.aggregation);
  report.progress = dataset.project.progress;
  const ProjectInfo& info = dataset.project.info;
  ProgressContext ctx{info.start, info.end, report.as_of, dataset.project.progress};
  check_series_length(info, report.as_of);
  auto months = series_months(info.start, report.as_of);
  auto rules = indicator_rules(dataset);
  Participants participants = group_participants(dataset, rules, report.as_of);
  auto counts = count_participants(dataset, participants, rules, report.as_of, months.size());
  for (const auto& code : dataset.project.unit_codes) {
    report.units.push_back(unit_figures(dataset, code, months, counts[code], ctx));
  }
  Collator collator(report.project.locale);
  std::stable_sort(report.units.begin(), report.units.end(),
                   [&](const UnitFigures& a, const UnitFigures& b) { return collator.less(a.name, b.name); });
  report.total = total_figures(dataset, report.units, months, ctx);
  report.durations = compute_durations(dataset, report);
  report.funnels = funnels_of(dataset.project, report);
  for (const auto& b : dataset.project.breakdowns) {
    report.breakdowns.push_back(breakdown_of(dataset, participants, b, report));
  }
  assess_goals(dataset.project, report);
  add_ranges(report);

  report.data_quality.events_after_as_of = events_after(dataset, report.as_of);
  report.data_quality.rows_read = dataset.rows_read;
  report.data_quality.rows_rejected = dataset.rows_rejected;
  report.data_quality.rows_counted =
      dataset.rows_read - dataset.rows_rejected - dataset.rows_blank - dataset.rows_total;
  report.data_quality.rows_blank = dataset.rows_blank;
  report.data_quality.rows_total = dataset.rows_total;
  report.data_quality.skip_bad_rows = dataset.skip_bad_rows;
  report.data_quality.rows_skipped = dataset.rows_skipped;
  report.data_quality.skipped_rows = dataset.skipped_rows;
  if (!options.as_of && !dataset.project.as_of) report.as_of_source = latest_date_source(dataset);
  return report;
}

void leave_out_hidden(Report& report) {
  for (std::size_t i = report.indicators.size(); i-- > 0;) {
    if (report.indicators[i].show) continue;
    auto at = static_cast<std::ptrdiff_t>(i);
    report.left_out.insert(report.left_out.begin(), std::move(report.indicators[i]));
    report.indicators.erase(report.indicators.begin() + at);
    for (auto& unit : report.units) unit.values.erase(unit.values.begin() + at);
    report.total.values.erase(report.total.values.begin() + at);
  }
}

}  // namespace maaltal
