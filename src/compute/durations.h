// Duration indicators: the days from a start date to an end date per
// participant (referral -> first talk with the job broker), per municipality
// and in total, as of the as-of date: n, mean, median, the share within the
// benchmark, the open cases, and the target on the within-share. Pure: no
// I/O, no formatting. The rows' own problems (an end before its start, an end
// without a start) were said by the reader (read/duration_reader.h); here
// such a row is only left out of the statistics and counted as left out.
#pragma once
#include <vector>

#include "core/dataset.h"
#include "core/report.h"

namespace maaltal {

// The statistics of a set of durations in days (n, mean, median, within-share).
DurationFigure duration_statistics(std::vector<int> days, int within_days);

// Every duration indicator of the project as of `report.as_of`, its
// municipalities in the order of report.units (set before).
std::vector<DurationReport> compute_durations(const Dataset& dataset, const Report& report);

// Public outputs (README "Durations"): a municipality whose n is below the
// threshold has its n and every statistic hidden, as do others so that the
// hidden ones together hold at least the threshold and none can be worked
// out from the total; open counts go through the same table as counts. With
// `previous` (last month's report, for monthly releases), a figure whose n
// grew by 1 to threshold-1 since is hidden too: the step would give away
// those few people's days. The monthly series is internal only.
void hide_durations(std::vector<DurationReport>& durations, const PrivacySettings& settings,
                    const std::vector<DurationReport>* previous);

}  // namespace maaltal
