// The text encodings input files come in from Danish Excel and municipal
// systems: UTF-8 (with or without a byte-order mark), UTF-16 with a
// byte-order mark (Excel's "Unicode text"), and Windows-1252 / ISO-8859-1
// (older Excel's "CSV"), recognised because it is not valid UTF-8.
#pragma once
#include <string>
#include <string_view>

namespace maaltal {

struct DecodedText {
  std::string text;      // UTF-8, without a byte-order mark
  std::string encoding;  // "utf-8", "utf-16" or "windows-1252"
};

// `bytes` as UTF-8 text. Windows-1252 is assumed for bytes that are not valid
// UTF-8 (every byte sequence is valid Windows-1252 text, and æ, ø, å come out
// right). Conversion is by ICU.
DecodedText decode_text(std::string bytes);

bool is_valid_utf8(std::string_view bytes);

// How many bytes at the end of `bytes` begin a UTF-8 sequence that the next
// piece of a file would finish (0 to 3), so that a file can be checked in pieces.
std::size_t unfinished_utf8_tail(std::string_view bytes);

// Windows-1252 bytes as UTF-8; byte by byte, so a file may be converted in pieces.
std::string windows1252_to_utf8(std::string_view bytes);

}  // namespace maaltal
