// Reads aggregated counts (municipality, indicator, date or month, count) from
// the CSV or JSON file named in project.json's "counts", with the same checks
// as registrations: every row is kept or reported.
#pragma once
#include "core/dataset.h"
#include "core/diagnostics.h"

namespace maaltal {

void read_counts(Dataset& dataset, Diagnostics& diags);

// "2021-03" as the last day of March 2021; any date form parse_date accepts as itself.
std::optional<Date> parse_count_date(std::string_view text);

}  // namespace maaltal
