// Comparing what people type: headers, yes/no words, category names.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

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

// Whether `text` is a CPR number: DDMMYY-NNNN or DDMMYYNNNN with a day and
// month that can be, surrounding spaces allowed.
bool is_cpr_number(std::string_view text);

// `text` with every CPR-shaped number in it starred out ("******-****"),
// keeping its length so that a caret under it still lines up.
std::string mask_cpr_numbers(std::string_view text);

// `text` with the bytes [start, start + length) replaced by one '*' per
// character, for an id shown in an offending line.
std::string star_out(std::string_view text, std::size_t start, std::size_t length);

}  // namespace maaltal
