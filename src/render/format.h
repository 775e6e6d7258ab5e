// Numbers and dates as people read them, in Danish ("1.017", "73 %",
// "30. juni 2022") or English ("1,017", "73%", "30 June 2022"). Rounding is
// half up, on the decimal value, so 0.565 shows as 57 %, never 56 %.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/month_names.h"  // month_name, format_year_month

namespace maaltal {

// `value` rounded half up to `decimals` places.
double round_half_up(double value, int decimals);

std::string format_number(double value, int decimals, const std::string& locale);
// A fraction as per cent: 0.7308 -> "73 %" (da) / "73%" (en) with 0 decimals.
std::string format_percent(double fraction, int decimals, const std::string& locale);
std::string format_date_long(Date date, const std::string& locale);  // "30. juni 2022"
// Seconds since 1970 as "2024-01-31T12:00:00Z".
std::string format_utc_timestamp(std::int64_t seconds);

}  // namespace maaltal
