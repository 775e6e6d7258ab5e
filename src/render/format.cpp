#include "render/format.h"

#include <cmath>
#include <cstdio>

namespace maaltal {

double round_half_up(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  // The small nudge absorbs binary error (0.565 * 100 = 56.49999...).
  double scaled = std::abs(value) * scale;
  double rounded = std::floor(scaled + 0.5 + 1e-9 * std::max(1.0, scaled));
  return std::copysign(rounded / scale, value);
}

namespace {

std::string group_thousands(const std::string& digits, char separator) {
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += separator;
    out += digits[static_cast<std::size_t>(i)];
  }
  return out;
}

}  // namespace

std::string format_number(double value, int decimals, const std::string& locale) {
  double rounded = round_half_up(value, decimals);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(rounded));
  std::string text = buf;
  auto dot = text.find('.');
  std::string whole = text.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  bool danish = locale != "en";
  std::string out = (rounded < 0 ? "-" : "") + group_thousands(whole, danish ? '.' : ',');
  if (!fraction.empty()) out += (danish ? "," : ".") + fraction;
  return out;
}

std::string format_percent(double fraction, int decimals, const std::string& locale) {
  std::string number = format_number(fraction * 100.0, decimals, locale);
  return locale == "en" ? number + "%" : number + " %";
}

std::string format_date_long(Date date, const std::string& locale) {
  std::string day = std::to_string(date.day());
  std::string month = month_name(date.month(), locale);
  std::string year = std::to_string(date.year());
  return locale == "en" ? day + " " + month + " " + year : day + ". " + month + " " + year;
}

std::string format_utc_timestamp(std::int64_t seconds) {
  std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  std::int64_t rest = seconds - days * 86400;
  Date date = Date::from_days(static_cast<std::int32_t>(days));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", date.iso().c_str(), static_cast<int>(rest / 3600),
                static_cast<int>(rest % 3600 / 60), static_cast<int>(rest % 60));
  return buf;
}

}  // namespace maaltal
