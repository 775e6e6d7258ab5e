// SHA-256 of input files, so a published figure can be traced to the exact
// bytes it was computed from.
#pragma once
#include <string>
#include <string_view>

namespace maaltal {

// The digest of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace maaltal
