// "What changed since the last report": the figures of this report against
// the summary.json of the previous one (`--previous`). Pure: both sides are
// already read.
#pragma once
#include "core/previous.h"
#include "core/report.h"

namespace maaltal {

// Computes report.changes from `previous`: for each municipality (and the
// total) and count or sum indicator, a Change with the actual, the target,
// the attainment and the status then and now, every pair, and whether it
// moved: the figure is new, or its actual, target or status differs, or its
// attainment by more than a relative 1e-9 (so a quotient computed the same
// way twice never counts as a move); and every month up to the previous
// as-of month whose new count differs (a late or corrected registration),
// with the old and the new value.
void compare_with_previous(Report& report, const PreviousReport& previous);

}  // namespace maaltal
