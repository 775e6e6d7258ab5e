#include "core/text.h"

#include <algorithm>

namespace maaltal {

std::string fold_case(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// The length of a CPR number starting at text[i] (11 or 10), or 0.
std::size_t cpr_at(std::string_view text, std::size_t i) {
  if (i > 0 && digit(text[i - 1])) return 0;
  auto digits = [&](std::size_t from, std::size_t n) {
    if (from + n > text.size()) return false;
    for (std::size_t k = from; k < from + n; ++k) {
      if (!digit(text[k])) return false;
    }
    return true;
  };
  if (!digits(i, 6)) return 0;
  int day = (text[i] - '0') * 10 + (text[i + 1] - '0');
  int month = (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
  if (day < 1 || day > 31 || month < 1 || month > 12) return 0;
  std::size_t rest = i + 6 < text.size() && text[i + 6] == '-' ? i + 7 : i + 6;
  if (!digits(rest, 4)) return 0;
  if (rest + 4 < text.size() && digit(text[rest + 4])) return 0;
  return rest + 4 - i;
}

}  // namespace

bool is_cpr_number(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t");
  std::size_t last = text.find_last_not_of(" \t");
  if (first == std::string_view::npos) return false;
  std::string_view core = text.substr(first, last - first + 1);
  return cpr_at(core, 0) == core.size();
}

std::string mask_cpr_numbers(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::size_t n = cpr_at(out, i);
    if (n == 0) continue;
    for (std::size_t k = i; k < i + n; ++k) {
      if (out[k] != '-') out[k] = '*';
    }
    i += n - 1;
  }
  return out;
}

std::string star_out(std::string_view text, std::size_t start, std::size_t length) {
  if (start >= text.size()) return std::string(text);
  length = std::min(length, text.size() - start);
  std::string out(text.substr(0, start));
  for (std::size_t k = start; k < start + length; ++k) {
    if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) out += '*';
  }
  out += text.substr(start + length);
  return out;
}

}  // namespace maaltal
