// Checks across the rows of a dataset, once every row is read: an outcome
// dated before its referral (W115), one participant in two municipalities
// (W116), a municipality with participants but no target (W117), and
// category values that no `where` names or that no row holds (W125, W126).
#pragma once
#include "core/dataset.h"
#include "core/diagnostics.h"

namespace maaltal {

void check_dataset(const Dataset& dataset, const std::string& project_display, Diagnostics& diags);

}  // namespace maaltal
