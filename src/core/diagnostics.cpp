#include "core/diagnostics.h"

#include <nlohmann/json.hpp>

#include "core/resources.h"
#include "core/text.h"

namespace maaltal {

namespace {

// A line kept under a message is cut to what format_diagnostic() can show
// (it shows kShownBytes, and "…" when there was more): a kept line costs
// little, however long the line in the file.
constexpr std::size_t kShownBytes = 200;

std::string cut_for_showing(std::string line) {
  constexpr std::size_t kKeptBytes = kShownBytes + 8;
  if (line.size() <= kKeptBytes) return line;
  std::size_t end = kKeptBytes;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;  // whole characters
  line.resize(end);
  return line;
}

}  // namespace

// Every message is kept with its CPR numbers starred out, wherever they came
// from (a value quoted in the message, the offending line under it).
bool Diagnostics::error(std::string code, std::string message, SourceLocation where) {
  return keep({Severity::kError, std::move(code), std::move(message), std::move(where)});
}

bool Diagnostics::warning(std::string code, std::string message, SourceLocation where) {
  return keep({Severity::kWarning, std::move(code), std::move(message), std::move(where)});
}

bool Diagnostics::note(std::string code, std::string message, SourceLocation where) {
  return keep({Severity::kNote, std::move(code), std::move(message), std::move(where)});
}

bool Diagnostics::error(std::string code, Words words, SourceLocation where) {
  return keep(worded(Severity::kError, std::move(code), std::move(words), std::move(where)));
}

bool Diagnostics::warning(std::string code, Words words, SourceLocation where) {
  return keep(worded(Severity::kWarning, std::move(code), std::move(words), std::move(where)));
}

bool Diagnostics::note(std::string code, Words words, SourceLocation where) {
  return keep(worded(Severity::kNote, std::move(code), std::move(words), std::move(where)));
}

// The message in English is made only for a diagnostic that is kept (in
// keep()): one beyond the kept ones costs a count, as an English text did before.
Diagnostic Diagnostics::worded(Severity severity, std::string code, Words words, SourceLocation where) {
  Diagnostic d{severity, std::move(code), "", std::move(where), "", std::move(words.args)};
  d.key = words.variant.empty() ? d.code : d.code + "." + words.variant;
  return d;
}

void set_words(Diagnostic& d, Words words) {
  d.key = words.variant.empty() ? d.code : d.code + "." + words.variant;
  d.args = std::move(words.args);
  for (auto& arg : d.args) arg.second = mask_cpr_numbers(arg.second);
  d.message = mask_cpr_numbers(DiagnosticWords::english().message(d));
}

// Masking and cutting only what is kept: the rest costs a count.
bool Diagnostics::keep(Diagnostic d) {
  if (!room_for(d.code)) {
    add_not_kept_one(d);
    return false;
  }
  d.where.line_text = cut_for_showing(mask_cpr_numbers(d.where.line_text));
  // A value is starred before it is put in any language's words.
  for (auto& arg : d.args) arg.second = mask_cpr_numbers(arg.second);
  if (!d.key.empty()) d.message = DiagnosticWords::english().message(d);
  d.message = mask_cpr_numbers(d.message);
  return add(d);
}

bool Diagnostics::room_for(const std::string& code) const { return items_.size() < kept_ || !by_code_.contains(code); }

bool Diagnostics::add(const Diagnostic& d) {
  if (!room_for(d.code)) {
    add_not_kept_one(d);
    return false;
  }
  ++total_;
  ++by_code_[d.code];
  errors_ += d.severity == Severity::kError;
  notes_ += d.severity == Severity::kNote;
  items_.push_back(d);
  return true;
}

void Diagnostics::add_not_kept_one(const Diagnostic& d) {
  ++total_;
  ++by_code_[d.code];
  ++not_kept_by_code_[d.code];
  if (d.severity == Severity::kError) {
    ++errors_;
    ++not_kept_errors_;
  }
  if (d.severity == Severity::kNote) {
    ++notes_;
    ++not_kept_notes_;
  }
}

void Diagnostics::add_not_kept(const Diagnostics& other) {
  for (const auto& [code, n] : other.not_kept_by_code_) {
    by_code_[code] += n;
    not_kept_by_code_[code] += n;
    total_ += static_cast<std::size_t>(n);
  }
  errors_ += other.not_kept_errors_;
  not_kept_errors_ += other.not_kept_errors_;
  notes_ += other.not_kept_notes_;
  not_kept_notes_ += other.not_kept_notes_;
}

std::map<std::string, std::string> diagnostic_texts(std::string_view locale_json) {
  std::map<std::string, std::string> texts;
  auto json = nlohmann::json::parse(locale_json, nullptr, false);
  if (!json.is_object() || !json.contains("diagnostics") || !json["diagnostics"].is_object()) return texts;
  for (const auto& [key, value] : json["diagnostics"].items()) {
    if (value.is_string()) texts[key] = value.get<std::string>();
  }
  return texts;
}

namespace {

// The built-in words of locale `code`: a missing or broken file is no words
// (every message then in English), never a failure while reporting one.
DiagnosticWords built_in_words(const std::string& code) {
  auto text = embedded_resource("config/locale/" + code + ".json");
  return DiagnosticWords(text ? diagnostic_texts(*text) : std::map<std::string, std::string>{});
}

}  // namespace

const DiagnosticWords& DiagnosticWords::english() {
  static const DiagnosticWords words = built_in_words("en");
  return words;
}

const DiagnosticWords& DiagnosticWords::built_in(const std::string& locale_code) {
  static const DiagnosticWords danish = built_in_words("da");
  return locale_code == "da" ? danish : english();
}

std::optional<std::string> DiagnosticWords::fill(const std::string& key,
                                                 const std::vector<std::pair<std::string, std::string>>& args) const {
  auto it = texts_.find(key);
  if (it == texts_.end()) return std::nullopt;
  // One pass over the text, so that a value holding "{name}" is never filled in itself.
  const std::string& text = it->second;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    const std::pair<std::string, std::string>* arg = nullptr;
    if (close != std::string::npos) {
      std::string name = text.substr(i + 1, close - i - 1);
      for (const auto& a : args) {
        if (a.first == name) arg = &a;
      }
    }
    if (!arg) {
      out += text[i];
      continue;
    }
    out += arg->second;
    i = close;
  }
  return out;
}

std::string DiagnosticWords::message(const Diagnostic& d) const {
  if (d.key.empty()) return d.message;  // given as English text (a pool's has its project in it)
  auto text = fill(d.key, d.args);
  if (!text) return this != &english() ? d.message : d.key;  // the unit tests name a key without words
  if (!d.project.empty()) text = fill("in_project", {{"project", d.project}, {"message", *text}});
  return text ? mask_cpr_numbers(*text) : d.message;
}

std::string DiagnosticWords::severity(Severity s) const {
  const char* key = s == Severity::kError ? "error" : s == Severity::kNote ? "note" : "warning";
  auto it = texts_.find(key);
  return it != texts_.end() ? it->second : key;
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
  if (is_cell(w)) return out + ":" + w.pointer;
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

std::string format_diagnostic(const Diagnostic& d, const DiagnosticWords& words) {
  // Control characters from an input are shown as `?`: never sent raw to a terminal.
  std::string out = show_controls(format_location(d.where));
  out += ": " + words.severity(d.severity) + ": ";
  out += show_controls(words.message(d)) + " [" + d.code + "]\n";
  if ((d.where.line > 0 || is_cell(d.where)) && !d.where.line_text.empty()) {
    // A hostile or binary line is shown only in part: a terminal is no place
    // for a megabyte. The caret is kept when it falls in the part shown.
    std::string shown = show_controls(d.where.line_text);
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
