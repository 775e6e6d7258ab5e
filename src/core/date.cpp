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

// The year of a date written with a two-digit year: 00-69 are 2000-2069,
// 70-99 are 1970-1999 (see README "Registrations").
int full_year(int two_digits) { return two_digits < kTwoDigitYearPivot ? 2000 + two_digits : 1900 + two_digits; }

std::optional<Date> make_checked(std::string_view y, unsigned month, std::string_view d) {
  if ((y.size() != 4 && y.size() != 2) || d.size() > 2) return std::nullopt;
  auto year = digits(y), day = digits(d);
  if (!year || !day) return std::nullopt;
  if (y.size() == 2) year = full_year(*year);
  std::chrono::year_month_day ymd{std::chrono::year{*year}, std::chrono::month{month},
                                  std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  return Date::from_days(static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count()));
}

std::optional<Date> make_checked(std::string_view y, std::string_view m, std::string_view d) {
  if (m.size() > 2) return std::nullopt;
  auto month = digits(m);
  if (!month) return std::nullopt;
  return make_checked(y, static_cast<unsigned>(*month), d);
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

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_separator(char c) { return c == '-' || c == '.' || c == '/' || c == ' '; }

// The month a name or abbreviation stands for, in Danish or English and any
// case ("maj", "May", "OKT", "sept"); 0 for anything else.
unsigned month_named(std::string_view name) {
  struct Name {
    const char* text;
    unsigned month;
  };
  static constexpr Name kNames[] = {
      {"januar", 1},   {"january", 1},   {"jan", 1},    {"februar", 2},   {"february", 2}, {"feb", 2},
      {"marts", 3},    {"march", 3},     {"mar", 3},    {"april", 4},     {"apr", 4},      {"maj", 5},
      {"may", 5},      {"juni", 6},      {"june", 6},   {"jun", 6},       {"juli", 7},     {"july", 7},
      {"jul", 7},      {"august", 8},    {"aug", 8},    {"september", 9}, {"sept", 9},     {"sep", 9},
      {"oktober", 10}, {"october", 10},  {"okt", 10},   {"oct", 10},      {"november", 11}, {"nov", 11},
      {"december", 12}, {"dec", 12}};
  if (name.size() < 3 || name.size() > 9) return 0;
  char lower[10] = {};
  for (std::size_t i = 0; i < name.size(); ++i) lower[i] = static_cast<char>(name[i] | 0x20);  // ASCII letters only
  std::string_view folded(lower, name.size());
  for (const auto& n : kNames) {
    if (folded == n.text) return n.month;
  }
  return 0;
}

// The length of the run of characters `pred` holds for at the start of `s`.
template <typename Pred>
std::size_t run(std::string_view s, Pred pred) {
  std::size_t n = 0;
  while (n < s.size() && pred(s[n])) ++n;
  return n;
}

// Day first, in the forms a Danish or English spreadsheet writes: 31-12-2019,
// 31.12.19, 1/6/2022 (one separator, '-', '.' or '/', throughout), and with the
// month's name: 2. maj 2025, 2 maj 2025, 02-maj-2025, 2-May-25, 2. okt. 2025.
std::optional<Date> day_first(std::string_view text) {
  std::size_t n = run(text, is_digit);
  std::string_view day = text.substr(0, n);
  text.remove_prefix(n);
  std::size_t first_sep = run(text, is_separator);
  std::string_view sep1 = text.substr(0, first_sep);
  text.remove_prefix(first_sep);
  if (day.empty() || sep1.empty()) return std::nullopt;
  if (is_digit(text.empty() ? ' ' : text.front())) {
    n = run(text, is_digit);
    std::string_view month = text.substr(0, n);
    text.remove_prefix(n);
    // A numeric month keeps one separator, not a space, on both sides.
    if (sep1.size() != 1 || sep1[0] == ' ' || text.empty() || text[0] != sep1[0]) return std::nullopt;
    return make_checked(text.substr(1), month, day);
  }
  n = run(text, is_letter);
  unsigned month = month_named(text.substr(0, n));
  text.remove_prefix(n);
  std::size_t second_sep = run(text, is_separator);
  if (!month || second_sep == 0 || first_sep > 2 || second_sep > 2) return std::nullopt;
  return make_checked(text.substr(second_sep), month, day);
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  text = trim(text);
  // The two forms of nearly every row first: 2019-12-31 and 31-12-2019.
  if (text.size() == 10) {
    if (text[4] == '-' && text[7] == '-') return make_checked(text.substr(0, 4), text.substr(5, 2), text.substr(8, 2));
    if (text[2] == text[5] && (text[2] == '-' || text[2] == '.' || text[2] == '/'))
      return make_checked(text.substr(6, 4), text.substr(3, 2), text.substr(0, 2));
  }
  if (auto serial = excel_serial(text)) return serial;
  if (text.size() > 20) return std::nullopt;
  return day_first(text);
}

bool has_two_digit_year(std::string_view text) {
  text = trim(text);
  std::size_t n = 0;
  while (n < text.size() && is_digit(text[text.size() - 1 - n])) ++n;
  bool year_first = text.size() >= 4 && is_digit(text[0]) && is_digit(text[1]) && is_digit(text[2]) && is_digit(text[3]);
  return n == 2 && n < text.size() && !year_first;
}

}  // namespace maaltal
