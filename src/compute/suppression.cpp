#include "compute/suppression.h"
#include "compute/durations.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include "compute/disclosure_audit.h"
#include "compute/ranges.h"
#include "compute/reconciliation.h"
#include "compute/surveys.h"
#include "core/text.h"

namespace maaltal {

namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// A count a public output may show as it is.
bool shows(double count, const PrivacySettings& s) {
  return count >= s.suppress_below || (count == 0 && s.zero_as_dash);
}

// The sum of some cells' bounds, where one infinite upper bound makes the
// upper sum infinite; kept up to date as the bounds narrow.
struct BoundSums {
  double low = 0;
  double high = 0;    // of the finite upper bounds
  int unbounded = 0;  // cells with an infinite upper bound

  void add(const std::pair<double, double>& b, int sign) {
    low += sign * b.first;
    if (std::isinf(b.second))
      unbounded += sign;
    else
      high += sign * b.second;
  }
  double total_high() const { return unbounded > 0 ? kUnbounded : high; }
  // The sums of the others when one cell has bounds `own`.
  double low_without(const std::pair<double, double>& own) const { return low - own.first; }
  double high_without(const std::pair<double, double>& own) const {
    int others = unbounded - (std::isinf(own.second) ? 1 : 0);
    return others > 0 ? kUnbounded : high - (std::isinf(own.second) ? 0 : own.second);
  }
};

// Narrows `bounds` to [lo, hi]; true when it changed.
bool narrow(std::pair<double, double>& bounds, double lo, double hi) {
  bool changed = false;
  if (lo > bounds.first) bounds.first = lo, changed = true;
  if (hi < bounds.second) bounds.second = hi, changed = true;
  return changed;
}

}  // namespace

int SuppressionTable::add(double value, bool known) {
  values_.push_back(value);
  hidden_.push_back(Hidden::kNo);
  known_.push_back(known);
  relations_of_.emplace_back();
  return static_cast<int>(values_.size()) - 1;
}

int SuppressionTable::add_hidden(double value, Hidden mark) {
  int cell = add(value);
  hidden_[static_cast<std::size_t>(cell)] = mark;
  return cell;
}

void SuppressionTable::at_most(int smaller, int larger) { at_most_.emplace_back(smaller, larger); }

void SuppressionTable::relate(int whole, std::vector<int> parts) {
  int r = static_cast<int>(relations_.size());
  relations_of_[static_cast<std::size_t>(whole)].push_back(r);
  for (int p : parts) relations_of_[static_cast<std::size_t>(p)].push_back(r);
  relations_.push_back({whole, std::move(parts)});
}

std::vector<std::pair<double, double>> SuppressionTable::reader_bounds(const PrivacySettings& settings) const {
  double small_low = settings.zero_as_dash ? 1 : 0;
  double small_high = settings.suppress_below - 1;
  std::vector<std::pair<double, double>> b(values_.size());
  for (std::size_t c = 0; c < values_.size(); ++c) {
    switch (hidden_[c]) {
      case Hidden::kNo:
        b[c] = {values_[c], values_[c]};
        break;
      case Hidden::kSmall:
        b[c] = {small_low, small_high};
        break;
      case Hidden::kProtecting:
        b[c] = {static_cast<double>(settings.suppress_below), kUnbounded};
        break;
    }
  }
  // Each sum narrows its whole to the sum of its parts' bounds, and each part
  // to the whole less the others, until nothing narrows. The rounds are
  // capped: a reader may then know a little more than computed, never less
  // is assumed of them than of the visible cells and marks themselves.
  constexpr int kMaxRounds = 500;
  for (int round = 0; round < kMaxRounds; ++round) {
    bool changed = false;
    for (const auto& r : relations_) {
      auto& whole = b[static_cast<std::size_t>(r.whole)];
      BoundSums parts;
      for (int p : r.parts) parts.add(b[static_cast<std::size_t>(p)], 1);
      changed |= narrow(whole, parts.low, parts.total_high());
      for (int p : r.parts) {
        auto& part = b[static_cast<std::size_t>(p)];
        auto before = part;
        if (narrow(part, whole.first - parts.high_without(part), whole.second - parts.low_without(part))) {
          changed = true;
          parts.add(before, -1);
          parts.add(part, 1);
        }
      }
    }
    if (!changed) break;
  }
  return b;
}

// A shown cell that may be hidden to protect another: not one a reader knows
// anyway, and not a 0 shown as "–" (zero_as_dash), since a "skjult" cell
// says it is at least the threshold.
bool SuppressionTable::hideable(int cell) const {
  auto c = static_cast<std::size_t>(cell);
  return hidden_[c] == Hidden::kNo && !known_[c] && values_[c] != 0;
}

// Hides one more cell so that small cell `pinned` is no longer pinned: in
// the sum through it with the fewest hidden cells, the smallest visible part
// (the whole only when every part is hidden).
int SuppressionTable::protect_one(int pinned) {
  const Relation* best = nullptr;
  int best_hidden = 0;
  for (int r : relations_of_[static_cast<std::size_t>(pinned)]) {
    const Relation& rel = relations_[static_cast<std::size_t>(r)];
    int hidden_members = hidden(rel.whole) != Hidden::kNo ? 1 : 0;
    bool any_visible = hideable(rel.whole);
    for (int p : rel.parts) {
      if (hidden(p) != Hidden::kNo)
        ++hidden_members;
      else
        any_visible |= hideable(p);
    }
    if (any_visible && (!best || hidden_members < best_hidden)) best = &rel, best_hidden = hidden_members;
  }
  if (!best) return -1;
  int choice = -1;
  for (int p : best->parts) {
    if (hideable(p) && (choice < 0 || value(p) < value(choice))) choice = p;
  }
  if (choice < 0) choice = best->whole;
  hidden_[static_cast<std::size_t>(choice)] = Hidden::kProtecting;
  return choice;
}

// Hides one more cell for a cell the audit found too narrow: the cell itself
// when it is shown (a monthly step), else by the rule of protect_one; where
// no sum through it has a visible cell, the visible side of an inequality.
int SuppressionTable::hide_more(int failing) {
  if (hideable(failing)) {
    hidden_[static_cast<std::size_t>(failing)] = Hidden::kProtecting;
    return failing;
  }
  if (int chosen = protect_one(failing); chosen >= 0) return chosen;
  for (auto [smaller, larger] : at_most_) {
    int other = smaller == failing ? larger : larger == failing ? smaller : -1;
    if (other >= 0 && hideable(other)) {
      hidden_[static_cast<std::size_t>(other)] = Hidden::kProtecting;
      return other;
    }
  }
  return -1;
}

namespace {

// A reader's bounds on a cell from its mark alone.
std::pair<double, double> mark_bounds(Hidden hidden, double value, const PrivacySettings& s) {
  switch (hidden) {
    case Hidden::kSmall:
      return {s.zero_as_dash ? 1 : 0, s.suppress_below - 1};
    case Hidden::kProtecting:
      return {static_cast<double>(s.suppress_below), kUnbounded};
    case Hidden::kNo:
      break;
  }
  return {value, value};
}

}  // namespace

// Writes one table's cells, sums and inequalities into `model`; returns the
// index of its first variable (cell c is that plus c).
int SuppressionTable::model(DisclosureAudit& model, const PrivacySettings& settings) const {
  int first = -1;
  for (std::size_t c = 0; c < values_.size(); ++c) {
    auto [low, high] = mark_bounds(hidden_[c], values_[c], settings);
    int v = model.add_variable(low, high);
    if (first < 0) first = v;
  }
  for (const auto& r : relations_) {
    LinearTerms terms{{first + r.whole, -1}};
    for (int p : r.parts) terms.emplace_back(first + p, 1);
    model.add_equation(terms, 0);
  }
  for (auto [smaller, larger] : at_most_) model.add_at_most(first + smaller, first + larger);
  return first;
}

// Step 3: the exact audit. The protection (README "Privacy"): a hidden small
// count, and a monthly step of 1 to threshold-1, must be able to take at
// least two whole values given everything published. Hiding a cell only loosens the model, so a cell
// that passed stays passed: each is checked once, and again only after a
// cell was hidden for it.
// What must keep two values: the terms, their true value, and the cell of
// this release to hide more around when they do not.
struct SuppressionTable::Check {
  int cell;
  LinearTerms terms;
  double value;
  bool holds = false;
  bool published = false;  // a step between two shown cells: no solver needed
};

// The model of this table (variables from `now`) and, with `previous`, of
// last month's (from `before`), tied by counts only growing; and the checks:
// each small count, then each small monthly step and each of last month's
// small counts.
std::vector<SuppressionTable::Check> SuppressionTable::checks(DisclosureAudit& model, const PrivacySettings& settings,
                                                              const SuppressionTable* previous, int& now) const {
  now = this->model(model, settings);
  int before = -1;
  if (previous) {
    before = previous->model(model, settings);
    // Counts only grow: a reader knows last month's is at most this month's.
    for (std::size_t c = 0; c < size(); ++c) model.add_at_most(before + static_cast<int>(c), now + static_cast<int>(c));
  }
  std::vector<Check> checks;
  for (std::size_t c = 0; c < size(); ++c) {
    if (hidden_[c] == Hidden::kSmall)
      checks.push_back({static_cast<int>(c), {{now + static_cast<int>(c), 1}}, values_[c]});
  }
  for (std::size_t c = 0; previous && c < size(); ++c) {
    auto cell = static_cast<int>(c);
    double step = values_[c] - previous->value(cell);
    if (step >= 1 && step < settings.suppress_below) {
      bool shown = hidden_[c] == Hidden::kNo && !known_[c] && previous->hidden(cell) == Hidden::kNo;
      checks.push_back({cell, {{now + cell, 1}, {before + cell, -1}}, step, false, shown});
    }
  }
  for (std::size_t c = 0; previous && c < size(); ++c) {
    auto cell = static_cast<int>(c);
    if (previous->hidden(cell) == Hidden::kSmall) checks.push_back({cell, {{before + cell, 1}}, previous->value(cell)});
  }
  return checks;
}

std::vector<int> SuppressionTable::pinned(const PrivacySettings& settings, const SuppressionTable* previous) const {
  if (previous && previous->size() != size()) previous = nullptr;
  DisclosureAudit model;
  int now = 0;
  std::vector<int> found;
  for (const auto& check : checks(model, settings, previous, now)) {
    if (!model.takes_another_value(check.terms, check.value)) found.push_back(check.cell);
  }
  return found;
}

namespace {

// Two LPs over the sum of the open checks settle most of them at once: a
// whole-number optimum where a check's terms differ from their value is a
// second solution for it.
template <class Checks>
void settle_together(DisclosureAudit& model, Checks& checks) {
  LinearTerms all;
  for (const auto& check : checks) {
    if (!check.holds) all.insert(all.end(), check.terms.begin(), check.terms.end());
  }
  if (all.empty()) return;
  for (bool maximise : {true, false}) {
    std::vector<double> x = model.whole_solution(all, maximise);
    if (x.empty()) continue;
    for (auto& check : checks) {
      double at = 0;
      for (const auto& [v, coefficient] : check.terms) at += coefficient * x[static_cast<std::size_t>(v)];
      check.holds = check.holds || at != check.value;
    }
  }
}

}  // namespace

// Every check is decided, however many there are: none is left unchecked.
void SuppressionTable::audit(const PrivacySettings& settings, const SuppressionTable* previous) {
  if (previous && previous->size() != size()) previous = nullptr;  // another layout: nothing to pair
  if (!previous && std::none_of(hidden_.begin(), hidden_.end(), [](Hidden h) { return h == Hidden::kSmall; })) return;
  DisclosureAudit model;
  int now = 0;
  std::vector<Check> checks = this->checks(model, settings, previous, now);
  auto hide = [&](int cell) {
    hidden_[static_cast<std::size_t>(cell)] = Hidden::kProtecting;
    auto [low, high] = mark_bounds(Hidden::kProtecting, 0, settings);
    model.set_bounds(now + cell, low, high);
  };
  settle_together(model, checks);
  // A monthly step between two shown cells is published as it is: that
  // cell is hidden without asking the solver, and then the open checks are
  // settled together again.
  bool hid = false;
  for (const auto& check : checks) {
    if (!check.holds && check.published && hidden(check.cell) == Hidden::kNo) hide(check.cell), hid = true;
  }
  if (hid) settle_together(model, checks);
  // The rest one by one. Hiding a cell only loosens the model, so a check
  // that held still holds.
  for (const auto& check : checks) {
    if (check.holds) continue;
    while (!model.takes_another_value(check.terms, check.value, !previous)) {
      int hidden = hide_more(check.cell);
      if (hidden < 0) break;  // nothing left to hide around it
      auto [low, high] = mark_bounds(Hidden::kProtecting, 0, settings);
      model.set_bounds(now + hidden, low, high);
    }
  }
}

void SuppressionTable::suppress(const PrivacySettings& settings, const SuppressionTable* previous) {
  protect_by_intervals(settings);
  audit(settings, nullptr);
  // Only now the previous month: the pattern stays a superset of what this
  // month alone would hide, which public_release relies on.
  if (previous) audit(settings, previous);
}

void SuppressionTable::protect_by_intervals(const PrivacySettings& settings) {
  for (std::size_t c = 0; c < values_.size(); ++c) {
    if (!known_[c] && !shows(values_[c], settings)) hidden_[c] = Hidden::kSmall;
  }
  // While a small cell is pinned, each pass protects the pinned cells whose
  // sums it has not yet touched, then the bounds are worked out again. A
  // pinned protecting cell is a hole in the protection (a sum where it is
  // the only hidden cell), so those are closed first: that completes the
  // rectangles of hidden cells that keep a small one safe.
  for (;;) {
    auto bounds = reader_bounds(settings);
    auto pinned = [&](std::size_t c, Hidden kind) { return hidden_[c] == kind && bounds[c].first == bounds[c].second; };
    std::vector<std::size_t> order;
    for (Hidden kind : {Hidden::kProtecting, Hidden::kSmall}) {
      for (std::size_t c = 0; c < values_.size(); ++c) {
        if (pinned(c, kind)) order.push_back(c);
      }
    }
    bool small_pinned =
        std::any_of(order.begin(), order.end(), [&](std::size_t c) { return pinned(c, Hidden::kSmall); });
    if (!small_pinned) return;
    std::vector<bool> touched(relations_.size(), false);
    bool protected_any = false;
    for (std::size_t c : order) {
      const auto& through = relations_of_[c];
      if (std::any_of(through.begin(), through.end(), [&](int r) { return touched[static_cast<std::size_t>(r)]; }))
        continue;
      if (protect_one(static_cast<int>(c)) >= 0) {
        protected_any = true;
        for (int r : through) touched[static_cast<std::size_t>(r)] = true;
      }
    }
    if (!protected_any) return;
  }
}

namespace {

// The cells of a report: every count and sum indicator's actual per
// municipality and in total, and every breakdown cell, tied by their sums.
class ReportCells {
 public:
  ReportCells(const Report& report) : report_(report), n_(report.units.size()) {
    for (std::size_t i = 0; i < report.indicators.size(); ++i) {
      std::vector<int> column;
      for (std::size_t u = 0; u <= n_; ++u) {
        const Figure& f = unit(u).values[i];
        column.push_back(is_ratio(i) ? -1 : table_.add(f.actual.value_or(0)));
      }
      actual_.push_back(column);
      if (is_ratio(i)) continue;
      table_.relate(column[n_], {column.begin(), column.begin() + static_cast<long>(n_)});
      const Indicator& ind = report.indicators[i];
      for (std::size_t u = 0; u <= n_ && ind.kind == IndicatorKind::kSum; ++u) {
        std::vector<int> terms;
        for (const auto& term : ind.terms) terms.push_back(actual_cell(u, index_of(term)));
        table_.relate(column[u], terms);
      }
    }
    for (const auto& b : report.breakdowns) add_breakdown(b);
    add_inequalities();
  }

  void suppress(const PrivacySettings& settings, const ReportCells* previous) {
    table_.suppress(settings, previous ? &previous->table_ : nullptr);
  }

  Hidden actual(std::size_t u, std::size_t i) const {
    const Indicator& ind = report_.indicators[i];
    if (!is_ratio(i)) return table_.hidden(actual_cell(u, i));
    bool hidden =
        actual(u, index_of(ind.numerator)) != Hidden::kNo || actual(u, index_of(ind.denominator)) != Hidden::kNo;
    return hidden ? Hidden::kProtecting : Hidden::kNo;
  }
  // Category `c` of a breakdown row; the last is "other".
  Hidden breakdown(std::size_t b, std::size_t u, std::size_t c) const { return table_.hidden(breakdown_[b][u][c]); }

 private:
  const UnitFigures& unit(std::size_t u) const { return u == n_ ? report_.total : report_.units[u]; }
  bool is_ratio(std::size_t i) const { return report_.indicators[i].kind == IndicatorKind::kRatio; }
  std::size_t index_of(const std::string& id) const { return static_cast<std::size_t>(report_.indicator_index(id)); }
  int actual_cell(std::size_t u, std::size_t i) const { return actual_[i][u]; }

  // Count `i` is at most count `j` by their definitions: `i` counts only
  // after `j` (a funnel's outcome after its referral), or both count the
  // same date after the same indicator and `i` asks more of a row (its
  // filters include `j`'s; with `first_only`, `j` takes it too).
  bool at_most_by_definition(std::size_t i, std::size_t j) const {
    const Indicator& a = report_.indicators[i];
    const Indicator& b = report_.indicators[j];
    if (i == j || a.kind != IndicatorKind::kCount || b.kind != IndicatorKind::kCount) return false;
    if (a.after == b.id) return true;
    if (a.date_field != b.date_field || a.after != b.after || (b.first_only && !a.first_only)) return false;
    if (!b.any.empty() && a.any != b.any) return false;  // `a` may pass another of `b`'s alternatives
    return std::all_of(b.filters.begin(), b.filters.end(), [&](const FieldFilter& f) {
      return std::any_of(a.filters.begin(), a.filters.end(), [&](const FieldFilter& g) {
        return g.field == f.field && g.values == f.values && g.flag == f.flag;
      });
    });
  }

  // A sum of outcomes that are each a participant's first outcome after
  // `after`, by one field's disjoint values (job, education), counts each
  // participant at most once: it is at most `after`'s count. Returns its
  // index, or -1.
  int sum_at_most_by_definition(std::size_t i) const {
    const Indicator& sum = report_.indicators[i];
    if (sum.kind != IndicatorKind::kSum || sum.terms.empty()) return -1;
    const Indicator& first = report_.indicators[index_of(sum.terms[0])];
    std::vector<std::string> seen;
    for (const auto& id : sum.terms) {
      const Indicator& t = report_.indicators[index_of(id)];
      if (t.kind != IndicatorKind::kCount || !t.first_only || t.after.empty() || t.after != first.after ||
          t.date_field != first.date_field || t.filters.size() != 1 || t.filters[0].field != first.filters[0].field ||
          t.filters[0].flag || !t.any.empty()) {
        return -1;
      }
      for (const auto& v : t.filters[0].values) {  // "Job" and "job" are one value (fold_category)
        if (std::find(seen.begin(), seen.end(), fold_category(v)) != seen.end()) return -1;
        seen.push_back(fold_category(v));
      }
    }
    return report_.indicator_index(first.after);
  }

  // Aggregated counts (a counts file) are added to a municipality's count
  // without such ties, so an inequality is written only where the figures
  // keep it: one they break is no reader's knowledge.
  void add_inequalities() {
    for (std::size_t i = 0; i < report_.indicators.size(); ++i) {
      for (std::size_t j = 0; j < report_.indicators.size(); ++j) {
        if (!at_most_by_definition(i, j) && sum_at_most_by_definition(i) != static_cast<int>(j)) continue;
        for (std::size_t u = 0; u <= n_; ++u) {
          if (unit(u).values[i].actual.value_or(0) <= unit(u).values[j].actual.value_or(0)) {
            table_.at_most(actual_cell(u, i), actual_cell(u, j));
          }
        }
      }
    }
  }

  // Each row (categories, then other) adds up to the indicator's actual, and
  // the total row to the municipalities' rows. Without any undeclared value
  // there is no "other" column, in public outputs as in internal ones: that
  // every value was declared tells nothing about anyone. Its cells are then
  // known zeros, so that every month's table has the same layout.
  void add_breakdown(const BreakdownReport& b) {
    std::size_t ind = index_of(b.indicator);
    bool has_other = b.has_other();
    std::vector<std::vector<int>> rows;
    for (std::size_t u = 0; u <= n_; ++u) {
      const BreakdownRow& row = u == n_ ? b.total : b.units[u];
      std::vector<int> cells;
      for (double count : row.counts) cells.push_back(table_.add(count));
      cells.push_back(table_.add(row.other, !has_other));
      table_.relate(actual_cell(u, ind), cells);
      rows.push_back(cells);
    }
    for (std::size_t c = 0; c < rows[n_].size(); ++c) {
      std::vector<int> column;
      for (std::size_t u = 0; u < n_; ++u) column.push_back(rows[u][c]);
      table_.relate(rows[n_][c], column);
    }
    breakdown_.push_back(std::move(rows));
  }

  const Report& report_;
  std::size_t n_;  // municipalities; index n_ is the total
  SuppressionTable table_;
  std::vector<std::vector<int>> actual_;                  // by indicator, then unit; -1 for ratios
  std::vector<std::vector<std::vector<int>>> breakdown_;  // by breakdown, unit, category (other last)
};

void hide_figure(Figure& f, Hidden why) {
  f.hidden = why;
  f.actual.reset();
  f.attainment.reset();
  f.gap.reset();
  f.needed_per_month.reset();
  f.forecast.reset();
  f.status.clear();
}

void hide_series(Figure& f) {
  for (auto& point : f.series) {
    point.new_count.reset();
    point.cumulative.reset();
    point.hidden = Hidden::kProtecting;
  }
  f.forecast.reset();
  f.forecast_hidden = true;
}

// The total's running totals, shown from the last month back: a month only
// when its count and its step to the next shown month may be shown. The last
// month is the actual, shown or hidden with it.
void thin_series(Figure& f, const PrivacySettings& s) {
  if (f.hidden != Hidden::kNo || f.series.empty()) {
    hide_series(f);
    return;
  }
  double next_shown = *f.series.back().cumulative;
  for (std::size_t m = f.series.size() - 1; m-- > 0;) {
    MonthPoint& point = f.series[m];
    double count = point.cumulative.value_or(0);
    if (shows(count, s) && shows(next_shown - count, s)) {
      next_shown = count;
    } else {
      point.cumulative.reset();
      point.hidden = Hidden::kProtecting;
    }
  }
  // A month's new count is the step between two shown months.
  for (std::size_t m = 0; m < f.series.size(); ++m) {
    bool before_shown = m == 0 || f.series[m - 1].hidden == Hidden::kNo;
    if (f.series[m].hidden != Hidden::kNo || !before_shown) f.series[m].new_count.reset();
  }
}

// A municipality's forecast is its actual plus its pace over the forecast
// window times the months left, the pace being (actual - its running total
// the month before the window) / window. Beside the actual it would publish
// that earlier running total: with the previous month's release, the step
// between two such totals is one month's new count, which may be 1 to
// threshold-1 (differencing), and neither the step rule nor the audit models
// a municipality's months. So it shows only where it publishes nothing but
// the actual: the window spans every month so far (the running total before
// it is 0 by definition), or the period is over (the forecast is the actual).
bool forecast_tells_only_the_actual(const Figure& f, const Report& report) {
  if (report.as_of >= report.project.end) return true;
  int window = report.progress.forecast_whole_period ? static_cast<int>(f.series.size())
                                                     : report.progress.forecast_window_months;
  return window >= static_cast<int>(f.series.size());
}

// A municipality's months are never public; its forecast only as above.
void hide_unit_series(Figure& f, const Report& report) {
  std::optional<double> forecast = f.forecast;
  hide_series(f);
  if (f.hidden == Hidden::kNo && forecast_tells_only_the_actual(f, report)) {
    f.forecast = forecast;
    f.forecast_hidden = false;
  }
}

// The forecast adds the pace since the month before the window to the
// actual, so it shows only when that month does.
void check_forecast(Figure& f, const ProgressSettings& progress) {
  int n = static_cast<int>(f.series.size());
  int window = progress.forecast_whole_period ? n : progress.forecast_window_months;
  int before = n - std::min(window, n) - 1;
  if (before >= 0 && f.series[static_cast<std::size_t>(before)].hidden != Hidden::kNo) {
    f.forecast.reset();
    f.forecast_hidden = true;
  }
}

void thin_ratio_series(Figure& f, const Figure& num, const Figure& den) {
  for (std::size_t m = 0; m < f.series.size(); ++m) {
    if (num.series[m].hidden != Hidden::kNo || den.series[m].hidden != Hidden::kNo) {
      f.series[m].cumulative.reset();
      f.series[m].hidden = Hidden::kProtecting;
    }
  }
}

void hide_figures(Report& out, const ReportCells& cells, const PrivacySettings& settings) {
  std::size_t n = out.units.size();
  for (std::size_t i = 0; i < out.indicators.size(); ++i) {
    for (std::size_t u = 0; u <= n; ++u) {
      Figure& f = u == n ? out.total.values[i] : out.units[u].values[i];
      if (Hidden why = cells.actual(u, i); why != Hidden::kNo) hide_figure(f, why);
      if (u < n) hide_unit_series(f, out);
    }
    const Indicator& ind = out.indicators[i];
    Figure& total = out.total.values[i];
    if (ind.kind == IndicatorKind::kRatio) {
      thin_ratio_series(total, out.total.values[static_cast<std::size_t>(out.indicator_index(ind.numerator))],
                        out.total.values[static_cast<std::size_t>(out.indicator_index(ind.denominator))]);
    } else {
      thin_series(total, settings);
      check_forecast(total, out.progress);
    }
    // A mean of the municipalities' attainment would give a hidden one away.
    bool unit_hidden = std::any_of(out.units.begin(), out.units.end(),
                                   [&](const UnitFigures& u) { return u.values[i].hidden != Hidden::kNo; });
    if (out.aggregation != "sum" && unit_hidden) {
      total.attainment.reset();
      total.status.clear();
    }
  }
}

void hide_funnels(Report& out, const ReportCells& cells) {
  std::size_t n = out.units.size();
  for (auto& funnel : out.funnels) {
    for (std::size_t u = 0; u <= n; ++u) {
      FunnelRow& row = u == n ? funnel.total : funnel.units[u];
      row.hidden.assign(row.actual.size(), Hidden::kNo);
      for (std::size_t k = 0; k < row.actual.size(); ++k) {
        row.hidden[k] = cells.actual(u, static_cast<std::size_t>(out.indicator_index(funnel.stages[k])));
        if (row.hidden[k] != Hidden::kNo) row.actual[k] = 0;
      }
      for (std::size_t k = 1; k < row.actual.size(); ++k) {
        if (row.hidden[k] != Hidden::kNo || row.hidden[k - 1] != Hidden::kNo) row.conversion[k].reset();
      }
    }
  }
}

void hide_breakdowns(Report& out, const ReportCells& cells) {
  std::size_t n = out.units.size();
  for (std::size_t b = 0; b < out.breakdowns.size(); ++b) {
    BreakdownReport& report = out.breakdowns[b];
    for (std::size_t u = 0; u <= n; ++u) {
      BreakdownRow& row = u == n ? report.total : report.units[u];
      row.hidden.assign(row.counts.size(), Hidden::kNo);
      for (std::size_t c = 0; c < row.counts.size(); ++c) {
        row.hidden[c] = cells.breakdown(b, u, c);
        if (row.hidden[c] != Hidden::kNo) row.counts[c] = 0;
      }
      row.other_hidden = cells.breakdown(b, u, row.counts.size());
      if (row.other_hidden != Hidden::kNo) row.other = 0;
    }
  }
}

}  // namespace

namespace {

// The public report with its cells, suppressed together with `previous`'s.
Report public_report(const Report& report, const PrivacySettings& settings, const ReportCells& cells,
                     const Report* previous = nullptr) {
  Report out = report;
  out.audience = Audience::kPublic;
  out.privacy = settings;
  hide_durations(out.durations, settings, previous ? &previous->durations : nullptr);
  hide_figures(out, cells, settings);
  hide_funnels(out, cells);
  hide_breakdowns(out, cells);
  add_ranges(out);  // over the figures shown only: a hidden one is neither end of a range
  if (out.reconciliation) publish_reconciliation(*out.reconciliation, settings);
  suppress_surveys(out.surveys, settings);
  for (auto& g : out.goals) {
    int i = out.indicator_index(g.goal.indicator);
    if (i >= 0 && !out.total.values[static_cast<std::size_t>(i)].attainment) {
      g.suggested_status.clear();
      g.overridden = false;
    }
  }
  // What changed since last month, and the problems found row by row, are
  // for the people who run the project.
  out.changes.reset();
  out.raw_rows.reset();
  out.data_quality.by_code.clear();
  out.data_quality.top_problems.clear();
  out.data_quality.diagnostics.clear();
  out.data_quality.skipped_rows.clear();  // a count stays: the public notice says how many
  return out;
}

}  // namespace

Report public_report(const Report& report, const PrivacySettings& settings) {
  ReportCells cells(report);
  cells.suppress(settings, nullptr);
  return public_report(report, settings, cells);
}

Date month_end_on_or_before(Date d) {
  if (Date::from_days(d.days_since_epoch() + 1).day() == 1) return d;
  return Date::from_days(Date::from_ymd(d.year(), d.month(), 1).days_since_epoch() - 1);
}

Report public_release(const std::function<Report(Date)>& report_at, Date period_start, Date as_of,
                      const PrivacySettings& settings) {
  Date month_end = settings.monthly_releases ? month_end_on_or_before(as_of) : as_of;
  Report report = report_at(month_end);
  ReportCells cells(report);
  Date previous_end = Date::from_days(Date::from_ymd(month_end.year(), month_end.month(), 1).days_since_epoch() - 1);
  if (!settings.monthly_releases || previous_end < period_start) {
    cells.suppress(settings, nullptr);
    return public_report(report, settings, cells);
  }
  // Last month's release hid at least what last month alone hides (its own
  // audit with the month before only ever hid more), so a reader of both
  // knows no more than this pair of tables: protecting against it protects
  // against the real one, without going back month by month.
  Report previous_report = report_at(previous_end);
  ReportCells previous(previous_report);
  previous.suppress(settings, nullptr);
  cells.suppress(settings, &previous);
  return public_report(report, settings, cells, &previous_report);
}

}  // namespace maaltal
