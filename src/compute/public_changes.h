// "Since the last report" as a public output may show it. The internal
// changes (compute/changes.h) compare with the previous report's internal
// summary.json, whose small counts must not reach the public; the public
// compares two public releases made from the same data instead. Pure.
#pragma once
#include <string>

#include "core/report.h"

namespace maaltal {

// Sets `now.changes` of a public release from `then`, the public release as
// of the previous report's as-of date made from the same data: for each
// municipality (and the total) and count or sum indicator, the figure then
// and now where both releases show it and their difference is 0 (with
// zero_as_dash) or at least the threshold, since a smaller difference is a
// small count of participants who came in between. Nothing else: no
// revisions (a municipality's months are not public). When `then` is the
// same release as `now`, nothing is set. `previous_file` names the previous
// report as --previous gave it.
void compare_public_releases(Report& now, const Report& then, const std::string& previous_file);

}  // namespace maaltal
