// Calendar dates as whole days, parsed from the forms Danish data uses and
// printed as ISO 8601. Locale-dependent printing ("30. juni 2022") lives in
// render/format.h, not here.
#pragma once
#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace maaltal {

class Date {
 public:
  Date() = default;
  static Date from_ymd(int year, unsigned month, unsigned day);
  static Date from_days(std::int32_t days_since_epoch) { return Date(days_since_epoch); }

  int year() const;
  unsigned month() const;
  unsigned day() const;
  std::string iso() const;         // "2022-06-30"
  std::string year_month() const;  // "2022-06"
  std::int32_t days_since_epoch() const { return days_; }

  auto operator<=>(const Date&) const = default;

 private:
  explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

// A two-digit year below this is 20xx, from it 19xx: "02-05-25" is 2025,
// "02-05-89" 1989.
inline constexpr int kTwoDigitYearPivot = 70;

// Accepts 2019-12-31 and, day first, 31-12-2019, 31.12.2019 and 31/12/2019
// (also with one-digit days and months and two-digit years: 1.6.19), the
// month by its Danish or English name or abbreviation in any case
// (2. maj 2025, 2 maj 2025, 02-maj-2025, 2-May-25, 2. okt. 2025), and Excel
// serial days (43830 is 2019-12-31; 61 to 99999), with surrounding spaces.
// Returns nullopt for anything else, including impossible dates such as
// 2019-02-30.
std::optional<Date> parse_date(std::string_view text);

// Whether `text` (a date parse_date accepts) ends in a two-digit year, which
// the pivot turned into a century.
bool has_two_digit_year(std::string_view text);

}  // namespace maaltal
