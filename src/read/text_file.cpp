#include "read/text_file.h"

#include <algorithm>
#include <fstream>

#include "core/diagnostics.h"
#include "core/encoding.h"
#include "core/error.h"
#include "core/sha256.h"

namespace maaltal {

namespace {

// Only a regular file is read: a FIFO would block until something writes to
// it, and a device such as /dev/zero never ends. A name that does not exist
// is left to the opening, which says so.
void require_regular_file(const std::filesystem::path& path, const std::string& display_name) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec) return;
  if (std::filesystem::is_directory(status)) {
    throw Error(ErrorKind::kRead, "cannot read '" + display_name + "': it is a folder, not a file");
  }
  if (!std::filesystem::is_regular_file(status)) {
    throw Error(ErrorKind::kRead, "cannot read '" + display_name +
                                      "': it is not a regular file (a FIFO, a socket or a device); give a file");
  }
}

[[noreturn]] void refuse_nul(const std::string& display_name, int line) {
  throw Error(ErrorKind::kRead, "cannot read '" + display_name + "': line " + std::to_string(line) +
                                    " holds a NUL byte; is it an .xlsx file? Save it as CSV (UTF-8) first");
}

// A UTF-8 file with a stray byte: decoding all of it as Windows-1252 would
// garble its æ, ø and å, with nothing but W110s to show for it.
[[noreturn]] void refuse_mixed(const std::string& display_name, const StrayByte& stray) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string byte = {'0', 'x', kHex[stray.value >> 4], kHex[stray.value & 0xF]};
  throw Error(ErrorKind::kRead, display_name + ":" + std::to_string(stray.line) + ":" + std::to_string(stray.column) +
                                    ": the byte " + byte +
                                    " is not UTF-8, though the rest of the file is UTF-8 (it has æ, ø or å written as "
                                    "UTF-8): part of it was saved in another encoding. Save the whole file as UTF-8 "
                                    "(in Excel: \"CSV UTF-8\") and correct the character there");
}

}  // namespace

std::string read_text_file(const std::filesystem::path& path, const std::string& display_name,
                           std::vector<InputFile>& provenance) {
  require_regular_file(path, display_name);
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error(ErrorKind::kRead, "cannot open '" + display_name + "'");
  // Read straight into one string: a large file is not copied on the way in.
  std::streamoff size = in.tellg();
  if (size < 0) throw Error(ErrorKind::kRead, "cannot read '" + display_name + "'");
  // Held whole, so bounded: no project, targets or counts file comes near
  // this, and registrations this large are read in pieces as CSV.
  if (static_cast<std::uint64_t>(size) > limits::kWholeFileBytes) {
    throw Error(ErrorKind::kRead,
                "cannot read '" + display_name +
                    "': it is larger than 256 MiB, more than a file "
                    "read whole may be (registrations this large must be CSV, which is read in pieces)");
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad() || in.gcount() != static_cast<std::streamsize>(bytes.size())) {
    throw Error(ErrorKind::kRead, "cannot read '" + display_name + "'");
  }
  std::string sha256 = sha256_hex(bytes);
  DecodedText decoded = decode_text(std::move(bytes));
  if (decoded.stray) refuse_mixed(display_name, *decoded.stray);
  provenance.push_back({display_name, std::move(sha256), decoded.encoding});
  // A NUL byte is never text: a spreadsheet's binary format, or a damaged file.
  if (auto nul = decoded.text.find('\0'); nul != std::string::npos) {
    refuse_nul(display_name, LineIndex(decoded.text).line_of(nul));
  }
  return std::move(decoded.text);
}

TextStream::TextStream(const std::filesystem::path& path, std::string display_name, std::vector<InputFile>& provenance)
    : path_(path), display_(std::move(display_name)) {
  require_regular_file(path_, display_);
  open();
  std::string piece(kPiece, '\0');
  in_.read(piece.data(), 2);
  std::string_view start(piece.data(), static_cast<std::size_t>(in_.gcount()));
  if (start == "\xFF\xFE" || start == "\xFE\xFF") {
    whole_ = read_text_file(path_, display_, provenance);
    encoding_ = "utf-16";
    std::error_code ec;
    size_ = std::filesystem::file_size(path_, ec);
    return;
  }
  // The hash on a thread of its own, alongside this pass and the reading:
  // it is the one part that cannot be split.
  sha256_ = std::async(std::launch::async, [path = path_, display = display_] {
    std::ifstream in(path, std::ios::binary);
    std::string buffer(kPiece, '\0');
    Sha256 sha;
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      sha.add(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
    }
    if (in.bad()) throw Error(ErrorKind::kRead, "cannot read '" + display + "'");
    return sha.hex();
  });
  // The first pass: whether every piece is UTF-8 (the checker finishes a
  // sequence cut at a piece's end with the next), whether UTF-8 text holds a
  // stray byte, and where a NUL byte is.
  in_.clear();
  in_.seekg(0);  // the two bytes just looked at are checked with the rest
  Utf8Checker utf8;
  int line = 1;
  while (in_) {
    in_.read(piece.data(), static_cast<std::streamsize>(piece.size()));
    std::string_view bytes(piece.data(), static_cast<std::size_t>(in_.gcount()));
    lines_before_piece_.push_back(line - 1);
    size_ += bytes.size();
    quotes_ = quotes_ || bytes.find('"') != std::string_view::npos;
    if (auto nul = bytes.find('\0'); nul != std::string_view::npos) {
      refuse_nul(display_,
                 line + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<long>(nul), '\n')));
    }
    line += static_cast<int>(std::count(bytes.begin(), bytes.end(), '\n'));
    utf8.add(bytes, !in_);
    if (utf8.mixed()) refuse_mixed(display_, *utf8.stray());
  }
  if (in_.bad()) throw Error(ErrorKind::kRead, "cannot read '" + display_ + "'");
  encoding_ = utf8.valid() ? "utf-8" : "windows-1252";
  provenance_ = &provenance;
  open();
  end_ = size_;
}

TextStream::TextStream(const TextStream& scanned, std::uint64_t begin, std::uint64_t end)
    : path_(scanned.path_),
      display_(scanned.display_),
      encoding_(scanned.encoding_),
      started_(begin > 0),  // a byte-order mark is only at the file's start
      size_(scanned.size_),
      quotes_(scanned.quotes_),
      lines_before_piece_(scanned.lines_before_piece_),
      position_(begin),
      end_(end) {
  open();
  in_.seekg(static_cast<std::streamoff>(begin));
}

void TextStream::record_provenance() {
  if (!provenance_) return;  // a UTF-16 file, read whole, is recorded already
  provenance_->push_back({display_, sha256_.get(), encoding_});
  provenance_ = nullptr;
}

std::optional<TextStream::LineStart> TextStream::line_after(std::uint64_t offset, std::size_t within) const {
  std::uint64_t piece = offset / kPiece;
  if (offset % kPiece != 0 || piece >= lines_before_piece_.size()) return std::nullopt;
  std::ifstream in(path_, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  std::string bytes(within, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  auto line_end = bytes.find('\n');
  if (line_end == std::string::npos) return std::nullopt;
  // The line holding `offset` is the one after the breaks before its piece.
  return LineStart{offset + line_end + 1, lines_before_piece_[piece] + 2};
}

void TextStream::open() {
  in_ = std::ifstream(path_, std::ios::binary);
  if (!in_) throw Error(ErrorKind::kRead, "cannot open '" + display_ + "'");
}

bool TextStream::next(std::string& piece) {
  piece.clear();
  if (whole_) {
    piece = std::move(*whole_);
    whole_.reset();
    started_ = true;
    return !piece.empty();
  }
  if (encoding_ == "utf-16") return false;
  piece.resize(static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, end_ - position_)));
  in_.read(piece.data(), static_cast<std::streamsize>(piece.size()));
  piece.resize(static_cast<std::size_t>(in_.gcount()));
  position_ += piece.size();
  if (in_.bad()) throw Error(ErrorKind::kRead, "cannot read '" + display_ + "'");
  if (!started_ && piece.starts_with("\xEF\xBB\xBF")) piece.erase(0, 3);
  started_ = true;
  if (encoding_ == "windows-1252") piece = windows1252_to_utf8(piece);
  return position_ < end_ && (!piece.empty() || in_.good());
}

LineIndex::LineIndex(std::string_view text, int first_line) : text_(text), first_line_(first_line) {}

int LineIndex::lines() const { return 1 + static_cast<int>(std::count(text_.begin(), text_.end(), '\n')); }

const std::vector<std::size_t>& LineIndex::starts() const {
  if (starts_.empty()) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') starts_.push_back(i + 1);
    }
  }
  return starts_;
}

int LineIndex::line_of(std::size_t byte) const {
  const auto& line_starts = starts();
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), byte);
  return first_line_ - 1 + static_cast<int>(it - line_starts.begin());
}

std::size_t LineIndex::start_of(int line) const {
  const auto& line_starts = starts();
  int local = line - first_line_ + 1;
  return line_starts[static_cast<std::size_t>(std::clamp(local, 1, static_cast<int>(line_starts.size())) - 1)];
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
