// Comparing what people type: headers, yes/no words, category names.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace maaltal {

// A hash map from strings that a string_view can look up without a copy.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// `text` without surrounding spaces and tabs, ASCII letters in lower case
// (" Ja " -> "ja"; Danish letters are left as they are).
std::string fold_case(std::string_view text);

// A category value as compared: without surrounding spaces and tabs, in lower
// case (Æ, Ø, Å and É too). The one rule by which `where` values, breakdown
// categories and the data's values are matched ("Fleksjob " is "fleksjob");
// outputs keep the project's spelling.
std::string fold_category(std::string_view text);
bool same_category(std::string_view a, std::string_view b);

// The edits (insert, delete, replace, or swap two neighbours) that make `a`
// into `b`, byte by byte: how far a typo is from what was meant.
std::size_t typo_distance(std::string_view a, std::string_view b);

// The one of `candidates` that `value` most likely misspells: within two
// edits of it once both are folded (fold_category), and fewer than half its
// letters, the closest first; "" if none is.
std::string closest_spelling(std::string_view value, const std::vector<std::string>& candidates);

// Whether `text` is a CPR number (see mask_cpr_numbers), surrounding spaces
// allowed.
bool is_cpr_number(std::string_view text);

// `text` with every CPR number in it starred out, in any common spelling: a
// day and month that can be, then the year, written DDMMYY or with `.`, `/`,
// `-` or a space between its parts (the same twice), then the four digits,
// directly or after a space, `/`, `.`, `_`, a no-break space or a dash (`-`,
// a hyphen, figure, en or em dash, a minus sign, a non-breaking hyphen) with
// up to three spaces on either side; no digit right before or after (letters
// may be). So 010190-1234, 0101901234, 01.01.90-1234, 010190 1234,
// 010190–1234, 010190 - 1234, 010190_1234 and 01/01/90-1234, but not
// 2019-12-31 or 31.12.2019. Only the
// digits are starred ("******-****"): the length in characters is kept, so a
// caret under it still lines up.
std::string mask_cpr_numbers(std::string_view text);

// `text` as a terminal may show it: every control character but a tab (C0,
// DEL and the C1 controls U+0080-U+009F) becomes a `?`, one column for one
// character, so an escape sequence in an input cannot drive the terminal and a
// caret under the text still lines up.
std::string show_controls(std::string_view text);

// `line` with every character starred out (one '*' per UTF-8 character, so a
// caret still lines up) but the bytes in `structure` (a CSV line's delimiter
// and quotes) and those in [keep_begin, keep_end): an offending line shown
// with only the offending field readable.
std::string star_out_except(std::string_view line, std::string_view structure, std::size_t keep_begin = 0,
                            std::size_t keep_end = 0);

}  // namespace maaltal
