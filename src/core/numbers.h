// Numbers as Danish spreadsheets write them. Parsing only; printing numbers for
// people is render/format.h's job.
#pragma once
#include <optional>
#include <string_view>

namespace maaltal {

// Accepts "50", "-3", "12,5" (decimal comma), "12.5" (decimal point) and
// "1.017" or "1.017,5" (dots as thousands separators, in groups of three).
// Surrounding spaces are ignored. Anything else gives nullopt.
std::optional<double> parse_number(std::string_view text);

}  // namespace maaltal
