#include "core/numbers.h"

#include <charconv>
#include <string>

namespace maaltal {
namespace {

bool is_thousands_grouped(std::string_view s) {
  // d{1,3}(.ddd)+
  auto first_dot = s.find('.');
  if (first_dot == 0 || first_dot > 3 || s.front() == '0') return false;
  for (std::size_t i = first_dot; i < s.size(); i += 4) {
    if (s[i] != '.' || i + 4 > s.size()) return false;
    for (std::size_t j = i + 1; j < i + 4; ++j) {
      if (s[j] < '0' || s[j] > '9') return false;
    }
  }
  return true;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  std::string_view sign = text.front() == '-' ? text.substr(0, 1) : std::string_view{};
  std::string_view body = text.substr(sign.size());
  auto comma = body.find(',');
  std::string_view whole = body.substr(0, comma);
  std::string_view fraction = comma == std::string_view::npos ? "" : body.substr(comma + 1);
  std::string plain(sign);
  if (comma != std::string_view::npos || is_thousands_grouped(whole)) {
    if (whole.find('.') != std::string_view::npos && !is_thousands_grouped(whole)) return std::nullopt;
    for (char c : whole) {
      if (c != '.') plain += c;
    }
    if (comma != std::string_view::npos) plain += "." + std::string(fraction);
  } else {
    plain += whole;
  }
  double value = 0;
  auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || end != plain.data() + plain.size() || plain.empty()) return std::nullopt;
  if (plain.find_first_of("eEinfa") != std::string::npos) return std::nullopt;
  return value;
}

}  // namespace maaltal
