#include "core/date.h"

#include <cstdio>

namespace maaltal {
namespace {

std::chrono::year_month_day ymd_of(std::int32_t days) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of a field of one to four digits; nullopt when it holds
// anything else.
std::optional<int> digits(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<Date> make_checked(std::string_view y, std::string_view m, std::string_view d) {
  if (y.size() != 4 || m.size() > 2 || d.size() > 2) return std::nullopt;
  auto year = digits(y), month = digits(m), day = digits(d);
  if (!year || !month || !day) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                                  std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  return Date::from_days(static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count()));
}

}  // namespace

Date Date::from_ymd(int year, unsigned month, unsigned day) {
  std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return Date(static_cast<std::int32_t>(days.time_since_epoch().count()));
}

int Date::year() const { return static_cast<int>(ymd_of(days_).year()); }
unsigned Date::month() const { return static_cast<unsigned>(ymd_of(days_).month()); }
unsigned Date::day() const { return static_cast<unsigned>(ymd_of(days_).day()); }

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

std::string Date::year_month() const { return iso().substr(0, 7); }

namespace {

// An Excel serial day (a date cell saved as its number): 43830 is
// 31 December 2019. Only 61 (1 March 1900) to 99999, past Excel's
// fictitious 29 February 1900, where serial 1 would be 1 January 1900.
std::optional<Date> excel_serial(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  int serial = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    serial = serial * 10 + (c - '0');
  }
  if (serial < 61) return std::nullopt;
  return Date::from_days(serial - 25569);  // serial 25569 is 1 January 1970
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  text = trim(text);
  if (auto serial = excel_serial(text)) return serial;
  if (text.size() < 8 || text.size() > 10) return std::nullopt;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    return make_checked(text.substr(0, 4), text.substr(5, 2), text.substr(8, 2));
  }
  // Day first: 31-12-2019, 31.12.2019, 31/12/2019 (one separator throughout).
  auto first = text.find_first_of("-./");
  if (first == std::string_view::npos) return std::nullopt;
  char sep = text[first];
  auto second = text.find(sep, first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  return make_checked(text.substr(second + 1), text.substr(first + 1, second - first - 1), text.substr(0, first));
}

}  // namespace maaltal
