// Two registration sources joined on the participant id (README
// "Reconciliation of two sources"). The rules, in this order:
//  1. Test persons: a row whose id is on the test-person list is left out
//     of its source before anything else (they are no participants).
//  2. Join: the remaining rows of the two sources are paired by id (at most
//     one row per id and source: the reader refuses repeats). A pair is
//     "matched"; a row without a partner is "only in" its source. A matched
//     pair whose municipality or date differ is counted under "differs".
//  3. Another municipality: a row whose municipality is not one of the
//     project's is left out of its own source's N, after the join, so it
//     never changes what was matched.
// So for each source: rows = test persons + other municipality + N, and
// rows - test persons = matched + only in. Pure: no I/O, no formatting.
#pragma once
#include <optional>

#include "core/dataset.h"
#include "core/report.h"

namespace maaltal {

// The comparison, or nullopt when project.json declares no second source.
std::optional<ReconciliationReport> reconcile(const Project& project, const ReconciliationInput& input);

// What a public output may show of it: the rows' locations dropped, and the
// counts through the suppression the other counts go through (a count
// below the threshold hidden, and as many more as keep it from being worked
// out of the two sums above).
void publish_reconciliation(ReconciliationReport& report, const PrivacySettings& settings);

}  // namespace maaltal
