// Turns a validated Dataset into a Report: counts, sums, ratios, targets and
// attainment per municipality and in total. Pure: no I/O, no formatting, no
// clock. Totals are computed from summed counts, never by averaging.
#pragma once
#include <optional>
#include <string>

#include "core/dataset.h"
#include "core/report.h"

namespace maaltal {

struct ComputeOptions {
  std::optional<Date> as_of;                 // overrides project.json's as_of
  std::optional<std::int64_t> generated_at;  // from SOURCE_DATE_EPOCH, set by the caller
  std::string generator_version;
};

// The report date: the option, else project.json's as_of, else the latest
// event date in the data, else the period start.
Date resolve_as_of(const Dataset& dataset, const std::optional<Date>& requested);

// The row holding the latest date in the data, with the latest date before
// it; nullopt when the data has no date.
std::optional<AsOfSource> latest_date_source(const Dataset& dataset);

Report compute_report(const Dataset& dataset, const ComputeOptions& options);

// The report without the indicators that say "show": false, once every figure
// (and a public report's suppression, which protects them as if shown) is
// made from them: what every writer is given.
void leave_out_hidden(Report& report);

}  // namespace maaltal
