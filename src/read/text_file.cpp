#include "read/text_file.h"

#include <algorithm>
#include <fstream>

#include "core/diagnostics.h"
#include "core/encoding.h"
#include "core/error.h"
#include "core/sha256.h"

namespace maaltal {

std::string read_text_file(const std::filesystem::path& path, const std::string& display_name,
                           std::vector<InputFile>& provenance) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorKind::kRead, "cannot read '" + display_name + "': it is a folder, not a file");
  }
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error(ErrorKind::kRead, "cannot open '" + display_name + "'");
  // Read straight into one string: a large file is not copied on the way in.
  std::streamoff size = in.tellg();
  if (size < 0) throw Error(ErrorKind::kRead, "cannot read '" + display_name + "'");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad() || in.gcount() != static_cast<std::streamsize>(bytes.size())) {
    throw Error(ErrorKind::kRead, "cannot read '" + display_name + "'");
  }
  std::string sha256 = sha256_hex(bytes);
  DecodedText decoded = decode_text(std::move(bytes));
  provenance.push_back({display_name, std::move(sha256), decoded.encoding});
  // A NUL byte is never text: a spreadsheet's binary format, or a damaged file.
  if (auto nul = decoded.text.find('\0'); nul != std::string::npos) {
    LineIndex lines(decoded.text);
    throw Error(ErrorKind::kRead, "cannot read '" + display_name + "': line " + std::to_string(lines.line_of(nul)) +
                                      " holds a NUL byte; is it an .xlsx file? Save it as CSV (UTF-8) first");
  }
  return std::move(decoded.text);
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

int LineIndex::line_of(std::size_t byte) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), byte);
  return static_cast<int>(it - starts_.begin());
}

std::size_t LineIndex::start_of(int line) const {
  return starts_[static_cast<std::size_t>(std::clamp(line, 1, static_cast<int>(starts_.size())) - 1)];
}

std::string LineIndex::line_text(int line) const {
  std::size_t start = start_of(line);
  std::size_t end = text_.find('\n', start);
  if (end == std::string_view::npos) end = text_.size();
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string(text_.substr(start, end - start));
}

int LineIndex::column_of(std::size_t byte) const {
  int line = line_of(byte);
  std::size_t start = start_of(line);
  return column_of_byte(line_text(line), byte - start);
}

}  // namespace maaltal
