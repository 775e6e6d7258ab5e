// Duration indicators in the outputs: the view model the dashboard and
// status.md templates show (a key figure, an accessible bar chart of the
// median per municipality with the benchmark as a line, the same figures in
// a table and a sentence), summary.json's members and the workbook's sheet.
// Writers only: every figure comes from Report::durations.
#pragma once
#include <nlohmann/json.hpp>

#include "core/report.h"
#include "render/locale.h"
#include "render/workbook_layout.h"

namespace maaltal {

// The templates' "durations": one entry per duration indicator.
nlohmann::json durations_view(const Report& report, const Locale& locale);

// The bar chart of one duration's median days per municipality and in total,
// with a line at the benchmark; "" when no median is shown.
std::string duration_chart_svg(const Report& report, const DurationReport& d, const Locale& locale);

// summary.json: a duration's entry in "indicators", and its values of one
// municipality (or the total) under "values".
nlohmann::json duration_indicator_json(const DurationIndicator& d);
nlohmann::json duration_values_json(const Report& report, const DurationReport& d, const DurationUnit& unit);

// The workbook's Varigheder sheet: a row per duration and municipality, the
// total last; numbers as numbers, a hidden figure as its mark.
std::vector<Row> duration_rows(const Report& report, const Locale& locale);

// Days as shown: whole days as "7", others with one decimal ("6,5").
std::string format_days(double days, const std::string& locale);

}  // namespace maaltal
