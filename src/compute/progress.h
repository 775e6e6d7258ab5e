// "Are we on track?": what a target asks for by a date, the gap, the pace
// needed, the forecast at the period end and the status word, for one figure.
// Pure arithmetic on dates and numbers; compute.cpp decides what it applies to.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/project.h"
#include "core/report.h"

namespace maaltal {

// Months since year 0: consecutive months have consecutive indices.
int month_index(Date d);

// The part of [start, end] that has passed at the end of `as_of`, from 0 to 1.
double elapsed_share(Date as_of, Date start, Date end);

struct ProgressContext {
  Date start;
  Date end;
  Date as_of;
  ProgressSettings settings;
};

// Sets expected, gap, needed_per_month, forecast and status of a count or sum
// figure that has actual, target and series. After the period the verdict
// follows `attainment` when set (a total aggregated as a mean). `expected` replaces the even
// pro-rating when given (milestones, or a total made of its parts).
void apply_progress(Figure& f, const ProgressContext& ctx, std::optional<double> expected = std::nullopt);

// The level expected at `as_of` on the straight lines through (start, 0), the
// milestones (date, value) in date order, and (end, target).
double milestone_expected(std::vector<std::pair<Date, double>> milestones, double target, const ProgressContext& ctx);

// The verdict the figures suggest for an attainment: met, partly_met or not_met.
std::string verdict(double attainment, const ProgressSettings& settings);

// The same for a ratio: its target is a level, not a volume, so nothing is
// pro-rated or forecast; the status compares the ratio with its target.
void apply_ratio_progress(Figure& f, const ProgressContext& ctx);

}  // namespace maaltal
