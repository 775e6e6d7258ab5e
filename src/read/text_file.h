// Reading whole input files. The one place the readers touch the disk; a file
// that cannot be read is a fatal Error (exit code 4), not a diagnostic.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/project.h"

namespace maaltal {

// The file's text as UTF-8, decoded from UTF-8 (with or without a byte-order
// mark), UTF-16 with one, or else Windows-1252. The file's name, the SHA-256
// of all its bytes and the encoding it was read in are appended to
// `provenance`. A NUL byte is an Error(kRead) naming its line.
std::string read_text_file(const std::filesystem::path& path, const std::string& display_name,
                           std::vector<InputFile>& provenance);

// Line starts of a text, for showing the offending line under a diagnostic.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  int line_of(std::size_t byte) const;    // 1-based
  std::size_t start_of(int line) const;   // byte offset
  std::string line_text(int line) const;  // without the line break
  int column_of(std::size_t byte) const;  // 1-based, in characters

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

}  // namespace maaltal
