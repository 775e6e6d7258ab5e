// "What changed since the last report": the figures of this report against
// the summary.json of the previous one (`--previous`). Pure: both sides are
// already read.
#pragma once
#include "core/previous.h"
#include "core/report.h"

namespace maaltal {

// Computes report.changes from `previous`: for each municipality (and the
// total) and count or sum indicator, the actual then and now; and every
// month up to the previous as-of month whose new count differs (a late or
// corrected registration), with the old and the new value.
void compare_with_previous(Report& report, const PreviousReport& previous);

}  // namespace maaltal
