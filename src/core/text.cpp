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

std::string fold_category(std::string_view text) {
  std::string out = fold_case(text);
  // UTF-8 capitals Æ Ø Å É (C3 86, C3 98, C3 85, C3 89) to æ ø å é: 0x20 higher.
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] != '\xC3') continue;
    char& next = out[i + 1];
    if (next == '\x86' || next == '\x98' || next == '\x85' || next == '\x89') next = static_cast<char>(next + 0x20);
  }
  return out;
}

bool same_category(std::string_view a, std::string_view b) { return fold_category(a) == fold_category(b); }

std::size_t typo_distance(std::string_view a, std::string_view b) {
  // Three rows of the optimal-string-alignment table: two back, for a swap.
  std::vector<std::size_t> before(b.size() + 1), last(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) last[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, last);
    std::swap(last, row);
  }
  return last[b.size()];
}

std::string closest_spelling(std::string_view value, const std::vector<std::string>& candidates) {
  const std::string folded = fold_category(value);
  std::string best;
  std::size_t best_distance = 3;
  for (const auto& c : candidates) {
    std::string other = fold_category(c);
    std::size_t d = typo_distance(folded, other);
    // Fewer edits than half the letters: "b" is no typo of "a".
    if (d < best_distance && 2 * d < std::max(folded.size(), other.size())) best = c, best_distance = d;
  }
  return best;
}

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// The bytes of the dash at text[i] (ASCII, hyphen, figure, en and em dash,
// minus sign, non-breaking hyphen: what a word processor makes of a `-`), or 0.
std::size_t dash_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return 0;
  if (text[i] == '-') return 1;
  for (std::string_view wide : {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"}) {
    if (text.substr(i).starts_with(wide)) return wide.size();
  }
  return 0;
}

// The bytes of the spaces at text[i], at most three of them (so that
// scanning a long run of spaces stays linear), or 0.
std::size_t spaces_at(std::string_view text, std::size_t i) {
  std::size_t n = 0;
  while (n < 3 && i + n < text.size() && text[i + n] == ' ') ++n;
  return n;
}

// The bytes of the separator at text[i] that may stand between a CPR
// number's date and its four digits, or 0: a dash with optional spaces
// around it ("010190 - 1234"), or one space, `/`, `.`, `_` or no-break space.
std::size_t serial_separator(std::string_view text, std::size_t i) {
  if (i >= text.size()) return 0;
  std::size_t before = spaces_at(text, i);
  if (std::size_t dash = dash_at(text, i + before)) return before + dash + spaces_at(text, i + before + dash);
  if (text[i] == ' ' || text[i] == '/' || text[i] == '.' || text[i] == '_') return 1;
  if (text.substr(i).starts_with("\u00a0")) return 2;
  return 0;
}

// The bytes of a CPR number starting at text[i], or 0 (the spellings
// mask_cpr_numbers names).
std::size_t cpr_at(std::string_view text, std::size_t i) {
  if (i > 0 && digit(text[i - 1])) return 0;
  auto digits = [&](std::size_t from, std::size_t n) {
    if (from + n > text.size()) return false;
    for (std::size_t k = from; k < from + n; ++k) {
      if (!digit(text[k])) return false;
    }
    return true;
  };
  auto two = [&](std::size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); };
  if (!digits(i, 2) || i + 2 >= text.size()) return 0;
  // DDMMYY, or DD.MM.YY with one separator twice.
  char separator = text[i + 2];
  std::size_t gap = separator == '.' || separator == '/' || separator == '-' || separator == ' ' ? 1 : 0;
  std::size_t month = i + 2 + gap, year = month + 2 + gap;
  if (!digits(month, 2) || (gap && (year - 1 >= text.size() || text[year - 1] != separator)) || !digits(year, 2))
    return 0;
  if (two(i) < 1 || two(i) > 31 || two(month) < 1 || two(month) > 12) return 0;
  std::size_t serial = year + 2 + serial_separator(text, year + 2);
  if (!digits(serial, 4) || (serial + 4 < text.size() && digit(text[serial + 4]))) return 0;
  return serial + 4 - i;
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
      if (digit(out[k])) out[k] = '*';
    }
    i += n - 1;
  }
  return out;
}

std::string show_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t k = 0; k < text.size(); ++k) {
    unsigned char c = static_cast<unsigned char>(text[k]);
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      out += '?';
    } else if (c == 0xC2 && k + 1 < text.size() && static_cast<unsigned char>(text[k + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[k + 1]) <= 0x9F) {
      out += '?';  // a C1 control, two bytes in UTF-8
      ++k;
    } else {
      out += text[k];
    }
  }
  return out;
}

std::string star_out_except(std::string_view line, std::string_view structure, std::size_t keep_begin,
                            std::size_t keep_end) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t k = 0; k < line.size(); ++k) {
    char c = line[k];
    if ((k >= keep_begin && k < keep_end) || structure.find(c) != std::string_view::npos)
      out += c;
    else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      out += '*';
  }
  return out;
}

}  // namespace maaltal
