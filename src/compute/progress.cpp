#include "compute/progress.h"

#include <algorithm>

namespace maaltal {

int month_index(Date d) { return d.year() * 12 + static_cast<int>(d.month()) - 1; }

double elapsed_share(Date as_of, Date start, Date end) {
  double total = end.days_since_epoch() - start.days_since_epoch() + 1;
  double passed = as_of.days_since_epoch() - start.days_since_epoch() + 1;
  return std::clamp(passed / total, 0.0, 1.0);
}

namespace {

bool period_over(const ProgressContext& ctx) { return ctx.as_of >= ctx.end; }

// Whole months after the as-of month up to and including the end month.
int months_left(const ProgressContext& ctx) {
  return period_over(ctx) ? 0 : std::max(0, month_index(ctx.end) - month_index(ctx.as_of));
}

// New events per month over the last `window` months of the series.
double recent_pace(const std::vector<MonthPoint>& series, int window) {
  int n = static_cast<int>(series.size());
  window = std::min(window, n);
  if (window <= 0) return 0;
  double now = series.back().cumulative.value_or(0);
  double before = n - window - 1 >= 0 ? series[static_cast<std::size_t>(n - window - 1)].cumulative.value_or(0) : 0;
  return (now - before) / window;
}

// A share at a threshold counts as reaching it, whatever the binary rounding.
bool reaches(double share, double threshold) { return share + 1e-9 >= threshold; }

std::string final_status(double attainment, const ProgressSettings& s) {
  if (reaches(attainment, 1)) return "met";
  return reaches(attainment, s.partly_met) ? "partly_met" : "not_met";
}

std::string running_status(double actual, double expected, const ProgressSettings& s) {
  if (expected <= 0) return "on_track";
  double share = actual / expected;
  if (reaches(share, s.on_track)) return "on_track";
  return reaches(share, s.at_risk) ? "at_risk" : "behind";
}

}  // namespace

double milestone_expected(std::vector<std::pair<Date, double>> milestones, double target, const ProgressContext& ctx) {
  std::sort(milestones.begin(), milestones.end());
  milestones.insert(milestones.begin(), {ctx.start, 0.0});
  milestones.emplace_back(ctx.end, target);
  if (ctx.as_of <= ctx.start) return 0;
  for (std::size_t k = 1; k < milestones.size(); ++k) {
    auto [d1, v1] = milestones[k];
    if (ctx.as_of > d1) continue;
    auto [d0, v0] = milestones[k - 1];
    double span = d1.days_since_epoch() - d0.days_since_epoch();
    if (span <= 0) return v1;
    return v0 + (v1 - v0) * (ctx.as_of.days_since_epoch() - d0.days_since_epoch()) / span;
  }
  return target;
}

std::string verdict(double attainment, const ProgressSettings& settings) { return final_status(attainment, settings); }

void apply_progress(Figure& f, const ProgressContext& ctx, std::optional<double> expected) {
  if (!f.actual || !f.target) return;
  double actual = *f.actual;
  double target = *f.target;
  f.expected = expected ? *expected : target * elapsed_share(ctx.as_of, ctx.start, ctx.end);
  f.gap = target - actual;
  int left = months_left(ctx);
  if (*f.gap <= 0)
    f.needed_per_month = 0.0;
  else if (left > 0)
    f.needed_per_month = *f.gap / left;
  int window =
      ctx.settings.forecast_whole_period ? static_cast<int>(f.series.size()) : ctx.settings.forecast_window_months;
  f.forecast = actual + recent_pace(f.series, window) * left;
  f.status = period_over(ctx) ? final_status(f.attainment.value_or(actual / target), ctx.settings)
                              : running_status(actual, *f.expected, ctx.settings);
}

void apply_ratio_progress(Figure& f, const ProgressContext& ctx) {
  if (!f.actual || !f.target) return;
  f.expected = f.target;
  f.gap = *f.target - *f.actual;
  f.status = period_over(ctx) ? final_status(f.attainment.value_or(*f.actual / *f.target), ctx.settings)
                              : running_status(*f.actual, *f.target, ctx.settings);
}

}  // namespace maaltal
