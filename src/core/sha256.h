// SHA-256 of input files, so a published figure can be traced to the exact
// bytes it was computed from.
#pragma once
#include <string>
#include <string_view>

namespace maaltal {

// The digest of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// HMAC-SHA-256 of `text` under `key`, as 64 hex digits: a pseudonym that
// cannot be reversed, nor recomputed without the key.
std::string hmac_sha256_hex(std::string_view key, std::string_view text);

}  // namespace maaltal
