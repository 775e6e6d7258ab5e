// The text encodings input files come in from Danish Excel and municipal
// systems: UTF-8 (with or without a byte-order mark), UTF-16 with a
// byte-order mark (Excel's "Unicode text"), and Windows-1252 / ISO-8859-1
// (older Excel's "CSV"), recognised because it is not valid UTF-8.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace maaltal {

// A byte that is not UTF-8: where it is (line, and column in characters) and its value.
struct StrayByte {
  int line = 0;
  int column = 0;
  unsigned char value = 0;
};

// A file's bytes checked as UTF-8, whole or a piece at a time: whether all
// of it is UTF-8, where the first byte that is not lies, and whether it also
// holds text written as UTF-8 (æ, ø, å, –, € and the like). A file with both
// mixes two encodings, usually a UTF-8 file with a few pasted or edited
// lines; it is no Windows-1252 file, and decoding it as one would garble
// every æ, ø and å in it, so the readers refuse it (README "Registrations").
class Utf8Checker {
 public:
  // The next piece of the file; `last` when the file ends with it.
  void add(std::string_view piece, bool last);
  bool valid() const { return !stray_; }
  bool mixed() const { return stray_ && utf8_text_; }
  const std::optional<StrayByte>& stray() const { return stray_; }

 private:
  void scan(std::string_view bytes);
  void locate(std::string_view bytes, std::size_t at);
  std::string carry_;  // up to 3 bytes of a sequence that the next piece finishes
  bool utf8_text_ = false;  // æ, ø, å, –, € ... written as UTF-8 (see danish_utf8 in encoding.cpp)
  std::optional<StrayByte> stray_;
  int line_ = 1;    // where the next piece starts
  int column_ = 1;  // likewise, in characters
};

struct DecodedText {
  std::string text;                // UTF-8, without a byte-order mark
  std::string encoding;            // "utf-8", "utf-16" or "windows-1252"
  std::optional<StrayByte> stray;  // set when UTF-8 text holds a stray byte (read as Windows-1252)
};

// `bytes` as UTF-8 text. Windows-1252 is assumed for bytes that are not valid
// UTF-8 (every byte sequence is valid Windows-1252 text, and æ, ø, å come out
// right). Conversion is by ICU. A text that is UTF-8 but for some stray
// bytes is converted too, with `stray` set: the caller should refuse it.
DecodedText decode_text(std::string bytes);

bool is_valid_utf8(std::string_view bytes);

// How many bytes at the end of `bytes` begin a UTF-8 sequence that the next
// piece of a file would finish (0 to 3), so that a file can be checked in pieces.
std::size_t unfinished_utf8_tail(std::string_view bytes);

// Windows-1252 bytes as UTF-8; byte by byte, so a file may be converted in pieces.
std::string windows1252_to_utf8(std::string_view bytes);

}  // namespace maaltal
