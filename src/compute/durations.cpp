#include "compute/durations.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "compute/suppression.h"

namespace maaltal {

namespace {

// One participant's dates for one duration.
struct Case {
  std::uint16_t unit = 0;
  std::optional<Date> start;
  std::optional<Date> end;
};

std::optional<double> chosen(const DurationFigure& f, const std::string& statistic) {
  if (statistic == "mean") return f.mean;
  if (statistic == "within_share") return f.within_share;
  return f.median;
}

// n, negative, no_start, open and the statistics of `cases` as of `as_of`.
DurationFigure figure_of(const std::vector<const Case*>& cases, const DurationIndicator& d, Date as_of) {
  std::vector<int> days;
  int open = 0, negative = 0, no_start = 0;
  for (const Case* c : cases) {
    bool started = c->start && *c->start <= as_of;
    bool ended = c->end && *c->end <= as_of;
    if (ended && !c->start) {
      ++no_start;
    } else if (ended && *c->end < *c->start) {
      ++negative;
    } else if (started && ended) {
      days.push_back(c->end->days_since_epoch() - c->start->days_since_epoch());
    } else if (started) {
      ++open;
    }
  }
  DurationFigure f = duration_statistics(std::move(days), d.within_days);
  f.open = open;
  f.negative = negative;
  f.no_start = no_start;
  f.actual = chosen(f, d.statistic);
  return f;
}

// The version of `code`'s target on duration `id` in force at `as_of`.
std::optional<std::pair<double, std::string>> target_in_force(const Project& project, const std::string& code,
                                                              const std::string& id, Date as_of) {
  std::vector<const Target*> versions;
  for (const auto& t : project.targets) {
    if (t.unit_code == code && t.indicator == id) versions.push_back(&t);
  }
  if (versions.empty()) return std::nullopt;
  Date start = project.info.start;
  std::stable_sort(versions.begin(), versions.end(), [&](const Target* a, const Target* b) {
    return a->effective.value_or(start) < b->effective.value_or(start);
  });
  const Target* in_force = versions.front();
  for (const Target* t : versions) {
    if (t->effective.value_or(start) <= as_of) in_force = t;
  }
  return std::make_pair(in_force->value, in_force->version);
}

void set_attainment(DurationFigure& f) {
  if (f.target && f.within_share) f.attainment = *f.within_share / *f.target;
}

// The total's target: project.json's total_targets, else the one every
// municipality shares (a share has no sum to make of different ones).
std::optional<double> total_target(const Project& project, const DurationReport& r) {
  if (auto it = project.total_targets.find(r.indicator.id); it != project.total_targets.end()) return it->second;
  std::optional<double> shared;
  for (const auto& u : r.units) {
    if (!u.figure.target || (shared && *shared != *u.figure.target)) return std::nullopt;
    shared = u.figure.target;
  }
  return shared;
}

std::vector<DurationMonth> monthly_series(const std::vector<Case>& cases, const DurationIndicator& d,
                                          Date period_start, Date as_of) {
  std::vector<DurationMonth> series;
  std::vector<const Case*> all;
  for (const auto& c : cases) all.push_back(&c);
  int first = period_start.year() * 12 + static_cast<int>(period_start.month()) - 1;
  int last = as_of.year() * 12 + static_cast<int>(as_of.month()) - 1;
  for (int m = first; m <= last; ++m) {
    Date next = Date::from_ymd((m + 1) / 12, static_cast<unsigned>((m + 1) % 12 + 1), 1);
    Date end = std::min(as_of, Date::from_days(next.days_since_epoch() - 1));
    DurationFigure f = figure_of(all, d, end);
    series.push_back({end.year_month(), f.n, f.actual});
  }
  return series;
}

}  // namespace

DurationFigure duration_statistics(std::vector<int> days, int within_days) {
  DurationFigure f;
  f.n = static_cast<int>(days.size());
  if (days.empty()) return f;
  std::sort(days.begin(), days.end());
  double sum = std::accumulate(days.begin(), days.end(), 0.0);
  f.mean = sum / static_cast<double>(days.size());
  std::size_t mid = days.size() / 2;
  f.median = days.size() % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2.0;
  auto within = std::count_if(days.begin(), days.end(), [&](int d) { return d <= within_days; });
  f.within_share = static_cast<double>(within) / static_cast<double>(days.size());
  return f;
}

std::vector<DurationReport> compute_durations(const Dataset& dataset, const Report& report) {
  std::vector<DurationReport> out;
  const Project& project = dataset.project;
  const Registrations& regs = dataset.registrations;
  std::map<std::string, std::uint16_t> unit_of;
  for (std::size_t u = 0; u < project.unit_codes.size(); ++u) unit_of[project.unit_codes[u]] = static_cast<std::uint16_t>(u);
  for (const auto& d : project.durations) {
    int start = dataset.schema.date_index(d.start_field), end = dataset.schema.date_index(d.end_field);
    if (start < 0 || end < 0) continue;
    std::vector<Case> cases;
    cases.reserve(regs.size());
    for (std::size_t k = 0; k < regs.size(); ++k) {
      cases.push_back({regs.unit(k), regs.date(k, static_cast<std::size_t>(start)),
                       regs.date(k, static_cast<std::size_t>(end))});
    }
    DurationReport r;
    r.indicator = d;
    std::vector<const Case*> all;
    for (const auto& c : cases) all.push_back(&c);
    for (const auto& unit : report.units) {
      auto it = unit_of.find(unit.code);
      std::vector<const Case*> own;
      if (it != unit_of.end()) {
        for (const Case* c : all) {
          if (c->unit == it->second) own.push_back(c);
        }
      }
      DurationUnit du{unit.code, unit.name, figure_of(own, d, report.as_of)};
      if (auto t = target_in_force(project, unit.code, d.id, report.as_of)) {
        du.figure.target = t->first;
        du.figure.target_version = t->second;
      }
      set_attainment(du.figure);
      r.units.push_back(std::move(du));
    }
    r.total = {"", report.total.name, figure_of(all, d, report.as_of)};
    r.total.figure.target = total_target(project, r);
    set_attainment(r.total.figure);
    r.series = monthly_series(cases, d, project.info.start, report.as_of);
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

// Hides a figure's n and statistics (not its open count).
void hide_statistics(DurationFigure& f, Hidden why) {
  if (f.hidden == Hidden::kNo) f.hidden = why;
  f.mean.reset();
  f.median.reset();
  f.within_share.reset();
  f.actual.reset();
  f.attainment.reset();
}

bool small_step(int now, int then, int threshold) { return now - then >= 1 && now - then < threshold; }

void hide_one(DurationReport& r, const PrivacySettings& settings, const DurationReport* previous) {
  const int threshold = settings.suppress_below;
  // n: a table like the counts' (total = the sum of the municipalities), a
  // step since last month's release marked hidden before it is protected.
  SuppressionTable n_table, open_table;
  std::vector<int> n_cells, open_cells;
  auto step_hidden = [&](const DurationUnit& u, std::size_t i) {
    if (!previous) return false;
    const DurationUnit& then = u.code.empty() ? previous->total : i < previous->units.size() ? previous->units[i] : u;
    return then.code == u.code && small_step(u.figure.n, then.figure.n, threshold);
  };
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    const auto& f = r.units[i].figure;
    n_cells.push_back(step_hidden(r.units[i], i) ? n_table.add_hidden(f.n, Hidden::kProtecting) : n_table.add(f.n));
    open_cells.push_back(open_table.add(f.open));
  }
  int n_total = step_hidden(r.total, 0) ? n_table.add_hidden(r.total.figure.n, Hidden::kProtecting)
                                         : n_table.add(r.total.figure.n);
  int open_total = open_table.add(r.total.figure.open);
  n_table.relate(n_total, n_cells);
  open_table.relate(open_total, open_cells);
  n_table.suppress(settings);
  open_table.suppress(settings);
  // The hidden municipalities' pooled mean and within-share follow from the
  // total's: they must together hold at least `threshold` people, else the
  // smallest shown municipality is hidden too.
  std::vector<Hidden> hidden;
  for (int cell : n_cells) hidden.push_back(n_table.hidden(cell));
  auto pooled = [&] {
    int n = 0, count = 0;
    for (std::size_t i = 0; i < hidden.size(); ++i) {
      if (hidden[i] != Hidden::kNo && r.units[i].figure.n > 0) {
        n += r.units[i].figure.n;
        ++count;
      }
    }
    return std::make_pair(count, n);
  };
  for (auto [count, n] = pooled(); count > 0 && (count < 2 || n < threshold); std::tie(count, n) = pooled()) {
    int smallest = -1;
    for (std::size_t i = 0; i < hidden.size(); ++i) {
      if (hidden[i] == Hidden::kNo && r.units[i].figure.n > 0 &&
          (smallest < 0 || r.units[i].figure.n < r.units[static_cast<std::size_t>(smallest)].figure.n))
        smallest = static_cast<int>(i);
    }
    if (smallest < 0) {  // nothing left to hide beside them: the total's statistics go
      hide_statistics(r.total.figure, Hidden::kProtecting);
      break;
    }
    hidden[static_cast<std::size_t>(smallest)] = Hidden::kProtecting;
  }
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    if (hidden[i] != Hidden::kNo) hide_statistics(r.units[i].figure, hidden[i]);
    r.units[i].figure.open_hidden = open_table.hidden(open_cells[i]);
  }
  if (n_table.hidden(n_total) != Hidden::kNo) hide_statistics(r.total.figure, n_table.hidden(n_total));
  r.total.figure.open_hidden = open_table.hidden(open_total);
  // The few left out for bad dates are a row count for the people who run the project.
  r.total.figure.negative = r.total.figure.no_start = 0;
  for (auto& u : r.units) u.figure.negative = u.figure.no_start = 0;
  r.series.clear();
}

}  // namespace

void hide_durations(std::vector<DurationReport>& durations, const PrivacySettings& settings,
                    const std::vector<DurationReport>* previous) {
  for (std::size_t i = 0; i < durations.size(); ++i) {
    const DurationReport* then = previous && i < previous->size() ? &(*previous)[i] : nullptr;
    hide_one(durations[i], settings, then);
  }
}

}  // namespace maaltal
