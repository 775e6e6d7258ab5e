#include "core/encoding.h"

#include <unicode/ucnv.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace maaltal {

namespace {

std::string convert(std::string_view bytes, const char* from) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 16, '\0');  // a byte of either becomes at most 3 of UTF-8
  int32_t n = ucnv_convert("UTF-8", from, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                           static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("cannot convert from ") + from + ": " + u_errorName(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  while (i < n) {
    // ASCII, the bulk of a registrations file, eight bytes at a time.
    std::uint64_t word;
    while (i + 8 <= n && (std::memcpy(&word, bytes.data() + i, 8), (word & 0x8080808080808080ull) == 0)) i += 8;
    if (i == n) break;
    auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    unsigned cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1, cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3, cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + extra >= n) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      auto b = static_cast<unsigned char>(bytes[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

std::size_t unfinished_utf8_tail(std::string_view bytes) {
  for (std::size_t k = 1; k <= 3 && k <= bytes.size(); ++k) {
    auto c = static_cast<unsigned char>(bytes[bytes.size() - k]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}

std::string windows1252_to_utf8(std::string_view bytes) { return convert(bytes, "windows-1252"); }

DecodedText decode_text(std::string bytes) {
  std::string_view view(bytes);
  if (view.starts_with("\xFF\xFE")) return {convert(view.substr(2), "UTF-16LE"), "utf-16"};
  if (view.starts_with("\xFE\xFF")) return {convert(view.substr(2), "UTF-16BE"), "utf-16"};
  if (view.starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);
  // UTF-8, the common case, is kept as it is: no second copy of a large file.
  if (is_valid_utf8(bytes)) return {std::move(bytes), "utf-8"};
  return {windows1252_to_utf8(bytes), "windows-1252"};
}

}  // namespace maaltal
