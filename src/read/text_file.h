// Reading input files, whole or in pieces. The one place the readers touch the
// disk; a file that cannot be read is a fatal Error (exit code 4), not a diagnostic.
#pragma once
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "core/project.h"

namespace maaltal {

// The file's text as UTF-8, decoded from UTF-8 (with or without a byte-order
// mark), UTF-16 with one, or else Windows-1252. The file's name, the SHA-256
// of all its bytes and the encoding it was read in are appended to
// `provenance`. A NUL byte, or a file larger than limits::kWholeFileBytes,
// is an Error(kRead) saying so; so is anything but a regular file (a folder,
// a FIFO, a device such as /dev/zero), which could block or never end.

std::string read_text_file(const std::filesystem::path& path, const std::string& display_name,
                           std::vector<InputFile>& provenance);

// A text file read in pieces, so that a file of any size, or a hostile one,
// is never held whole: a first pass finds its encoding and stops at a NUL
// byte (Error(kRead) naming its line), while a thread hashes it for
// record_provenance(); then next() gives its text as UTF-8, a piece at a
// time. A UTF-16 file (rare: Excel's "Unicode text") is converted whole.
class TextStream {
 public:
  static constexpr std::size_t kPiece = 1 << 20;

  TextStream(const std::filesystem::path& path, std::string display_name, std::vector<InputFile>& provenance);

  // Bytes [begin, end) of a file another stream has scanned, for reading
  // parts of it side by side. Not for a UTF-16 file.
  TextStream(const TextStream& scanned, std::uint64_t begin, std::uint64_t end);

  // The next piece of text into `piece`; false when the file (or the part)
  // has ended.
  bool next(std::string& piece);

  // Appends the file's name, SHA-256 and encoding to the `provenance` given
  // to the constructor, once the hash is done.
  void record_provenance();

  const std::string& encoding() const { return encoding_; }
  std::uint64_t size() const { return size_; }  // the file's, in bytes
  bool has_quotes() const { return quotes_; }   // a '"' anywhere in the file
  // The first line that starts after byte `offset` (a multiple of kPiece)
  // within `within` bytes: its byte offset and its number; nullopt when
  // there is none.
  struct LineStart {
    std::uint64_t offset = 0;
    int line = 0;
  };
  std::optional<LineStart> line_after(std::uint64_t offset, std::size_t within) const;

 private:
  void open();
  std::filesystem::path path_;
  std::string display_;
  std::string encoding_;
  std::ifstream in_;
  bool started_ = false;
  std::optional<std::string> whole_;  // a UTF-16 file, converted at once
  std::uint64_t size_ = 0;
  bool quotes_ = false;
  std::vector<int> lines_before_piece_;   // line breaks before each kPiece of the file
  std::uint64_t position_ = 0, end_ = 0;  // the bytes being read
  std::future<std::string> sha256_;
  std::vector<InputFile>* provenance_ = nullptr;
};

// Line starts of a text, for showing the offending line under a diagnostic.
// `first_line` numbers the text's first line, for a piece of a longer file.
// The line starts are found at the first question: most pieces of a large
// file have no problem to show.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text, int first_line = 1);
  int line_of(std::size_t byte) const;    // 1-based
  std::size_t start_of(int line) const;   // byte offset
  std::string line_text(int line) const;  // without the line break
  int column_of(std::size_t byte) const;  // 1-based, in characters
  int first_line() const { return first_line_; }
  int lines() const;

 private:
  const std::vector<std::size_t>& starts() const;
  std::string_view text_;
  int first_line_ = 1;
  mutable std::vector<std::size_t> starts_;
};

}  // namespace maaltal
