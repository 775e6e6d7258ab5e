#include "core/diagnostics.h"

#include "core/text.h"

namespace maaltal {

// Every message is kept with its CPR numbers starred out, wherever they came
// from (a value quoted in the message, the offending line under it).
void Diagnostics::error(std::string code, std::string message, SourceLocation where) {
  warning(std::move(code), std::move(message), std::move(where));
  items_.back().severity = Severity::kError;
  ++errors_;
}

void Diagnostics::warning(std::string code, std::string message, SourceLocation where) {
  where.line_text = mask_cpr_numbers(where.line_text);
  items_.push_back({Severity::kWarning, std::move(code), mask_cpr_numbers(message), std::move(where)});
}

void Diagnostics::add(const Diagnostic& d) {
  items_.push_back(d);
  errors_ += d.severity == Severity::kError;
}

std::map<std::string, int> Diagnostics::count_by_code() const {
  std::map<std::string, int> counts;
  for (const auto& d : items_) ++counts[d.code];
  return counts;
}

int column_of_byte(const std::string& line, std::size_t byte) {
  int column = 1;
  for (std::size_t i = 0; i < byte && i < line.size(); ++i) {
    // Count only the first byte of each UTF-8 sequence.
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

std::string format_location(const SourceLocation& w) {
  std::string out = w.file;
  if (!w.pointer.empty()) return out + "#" + w.pointer;
  if (w.line > 0) out += ":" + std::to_string(w.line);
  if (w.line > 0 && w.column > 0) out += ":" + std::to_string(w.column);
  return out;
}

namespace {

// Spaces up to the column, keeping tabs so that the caret lines up.
std::string caret_line(const std::string& text, int column) {
  std::string out;
  int seen = 1;
  for (std::size_t i = 0; i < text.size() && seen < column; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;
    out += c == '\t' ? '\t' : ' ';
    ++seen;
  }
  return out + "^";
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = format_location(d.where);
  out += d.severity == Severity::kError ? ": error: " : ": warning: ";
  out += d.message + " [" + d.code + "]\n";
  if (d.where.line > 0 && !d.where.line_text.empty()) {
    // A hostile or binary line is shown only in part: a terminal is no place
    // for a megabyte. The caret is kept when it falls in the part shown.
    constexpr std::size_t kShownBytes = 200;
    std::string shown = d.where.line_text;
    bool cut = shown.size() > kShownBytes;
    if (cut) {
      std::size_t end = kShownBytes;
      while (end > 0 && (static_cast<unsigned char>(shown[end]) & 0xC0) == 0x80) --end;  // whole characters
      shown = shown.substr(0, end);
    }
    out += shown + (cut ? " …" : "") + "\n";
    if (d.where.column > 0 && static_cast<std::size_t>(d.where.column) <= shown.size()) {
      out += caret_line(shown, d.where.column) + "\n";
    }
  }
  return out;
}

}  // namespace maaltal
