#include "core/encoding.h"

#include <unicode/ucnv.h>

#include <algorithm>
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

namespace {

// The length of the UTF-8 sequence at bytes[i] (not ASCII), with its code
// point in `cp`, or 0 when it is not one: overlong forms, surrogates and code
// points past U+10FFFF are not UTF-8.
std::size_t sequence_length(std::string_view bytes, std::size_t i, unsigned& cp) {
  auto c = static_cast<unsigned char>(bytes[i]);
  std::size_t extra = 0;
  cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    extra = 1, cp = c & 0x1Fu;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2, cp = c & 0x0Fu;
  } else if (c >= 0xF0 && c <= 0xF4) {
    extra = 3, cp = c & 0x07u;
  } else {
    return 0;
  }
  if (i + extra >= bytes.size()) return 0;
  for (std::size_t k = 1; k <= extra; ++k) {
    auto b = static_cast<unsigned char>(bytes[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return 0;
  }
  return extra + 1;
}

// Whether a code point is one a Danish file holds as UTF-8: a Latin-1 letter
// or sign (æ, ø, å, é, §), typographic punctuation (–, “, ”, …), € or a
// byte-order mark. A Windows-1252 file makes one of these only from "Â" or
// "Ã" before a symbol, or "â" before two; an uppercase Æ, Ø or Å before a
// symbol (“ÆRØ”) makes code points far from these, and is not taken for UTF-8.
bool danish_utf8(unsigned cp) {
  return (cp >= 0x80 && cp <= 0xFF) || (cp >= 0x2010 && cp <= 0x206F) || cp == 0x20AC || cp == 0xFEFF;
}

int characters(std::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

void Utf8Checker::add(std::string_view piece, bool last) {
  std::string joined = carry_;
  joined.append(piece);
  std::size_t tail = last ? 0 : unfinished_utf8_tail(joined);
  std::string_view scanned = std::string_view(joined).substr(0, joined.size() - tail);
  scan(scanned);
  if (!stray_) {  // where the next piece starts, to locate a stray byte in it
    auto newline = scanned.rfind('\n');
    line_ += static_cast<int>(std::count(scanned.begin(), scanned.end(), '\n'));
    column_ =
        newline == std::string_view::npos ? column_ + characters(scanned) : 1 + characters(scanned.substr(newline + 1));
  }
  carry_ = joined.substr(joined.size() - tail);
}

void Utf8Checker::locate(std::string_view bytes, std::size_t at) {
  std::string_view before = bytes.substr(0, at);
  auto newline = before.rfind('\n');
  int line = line_ + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  int column =
      newline == std::string_view::npos ? column_ + characters(before) : 1 + characters(before.substr(newline + 1));
  stray_ = StrayByte{line, column, static_cast<unsigned char>(bytes[at])};
}

void Utf8Checker::scan(std::string_view bytes) {
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  while (i < n && !mixed()) {
    // ASCII, the bulk of a registrations file, eight bytes at a time.
    std::uint64_t word;
    while (i + 8 <= n && (std::memcpy(&word, bytes.data() + i, 8), (word & 0x8080808080808080ull) == 0)) i += 8;
    if (i == n) break;
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    unsigned cp = 0;
    std::size_t length = sequence_length(bytes, i, cp);
    if (length == 0 && !stray_) locate(bytes, i);
    utf8_text_ = utf8_text_ || (length > 0 && danish_utf8(cp));
    i += std::max<std::size_t>(length, 1);
  }
}

bool is_valid_utf8(std::string_view bytes) {
  Utf8Checker check;
  check.add(bytes, true);
  return check.valid();
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
  if (view.starts_with("\xFF\xFE")) return {convert(view.substr(2), "UTF-16LE"), "utf-16", std::nullopt};
  if (view.starts_with("\xFE\xFF")) return {convert(view.substr(2), "UTF-16BE"), "utf-16", std::nullopt};
  if (view.starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);
  // UTF-8, the common case, is kept as it is: no second copy of a large file.
  Utf8Checker check;
  check.add(bytes, true);
  if (check.valid()) return {std::move(bytes), "utf-8", std::nullopt};
  return {windows1252_to_utf8(bytes), "windows-1252", check.mixed() ? check.stray() : std::nullopt};
}

}  // namespace maaltal
