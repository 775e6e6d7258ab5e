// Problems found in the user's inputs (project, targets, registrations):
// collected, never thrown, so that one run reports all of them. Each has a
// stable code (documented in README.md), a severity and a location: a line and
// column in a text file, or a JSON Pointer into a JSON document.
#pragma once
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/limits.h"

namespace maaltal {

// A note says what was done with the input (a total row skipped): neither an
// error nor a warning, so that --strict passes over it.
enum class Severity { kError, kWarning, kNote };

struct SourceLocation {
  std::string file;       // as the user named it, relative paths kept relative
  int line = 0;           // 1-based; 0 when unknown
  int column = 0;         // 1-based, in characters; 0 when unknown
  std::string pointer;    // JSON Pointer ("/targets/3/value"), a sheet's cell ("Ark1!C14"), or empty
  std::string line_text;  // the offending line (of a cell: its text), shown under the message
};

// Whether a location is a spreadsheet's cell ("Ark1!C14"): a pointer that is no JSON Pointer.
inline bool is_cell(const SourceLocation& w) { return !w.pointer.empty() && w.pointer[0] != '/'; }

// A message's words, in no language yet: the name of its text in the locale
// files' "diagnostics" object and the values that text names. The text of
// "W114" is "diagnostics"/"W114"; a code with more than one message names the
// others by a variant, "E205.municipality_twice".
struct Words {
  Words() = default;
  Words(std::initializer_list<std::pair<std::string, std::string>> values) : args(values) {}
  Words(std::string variant_name, std::initializer_list<std::pair<std::string, std::string>> values = {})
      : variant(std::move(variant_name)), args(values) {}
  std::string variant;
  std::vector<std::pair<std::string, std::string>> args;  // "{value}" in the text is args' "value"
};

struct Diagnostic {
  // A constructor, not an aggregate: a diagnostic made from English text is
  // still made from four values, without warnings about the rest.
  Diagnostic() = default;
  Diagnostic(Severity s, std::string c, std::string m, SourceLocation w, std::string k = "",
             std::vector<std::pair<std::string, std::string>> a = {}, std::string p = "")
      : severity(s), code(std::move(c)), message(std::move(m)), where(std::move(w)), key(std::move(k)), args(std::move(a)),
        project(std::move(p)) {}
  Severity severity = Severity::kError;
  std::string code;  // "E104"
  std::string message;  // in English; the locale's words are made from key and args
  SourceLocation where;
  std::string key;  // "W114", "E205.municipality_twice"; empty for a message given as English text only
  std::vector<std::pair<std::string, std::string>> args;
  std::string project;  // in a pool, the project it is about ("" outside a pool)
};

// The words of the diagnostics in one language: locale/<code>.json's
// "diagnostics" object, whose keys are codes (with a variant) and whose
// texts name their values as "{name}". A key the language lacks falls back
// to the English message, so a code added without words still says something.
class DiagnosticWords {
 public:
  DiagnosticWords() = default;
  explicit DiagnosticWords(std::map<std::string, std::string> texts) : texts_(std::move(texts)) {}
  static const DiagnosticWords& english();  // the built-in locale/en.json's
  // Built in: "da" and "en"; any other code is English.
  static const DiagnosticWords& built_in(const std::string& locale_code);

  // The text of `key` with its values put in, or nullptr when this language has no `key`.
  std::optional<std::string> fill(const std::string& key,
                                  const std::vector<std::pair<std::string, std::string>>& args) const;
  // d's message in this language.
  std::string message(const Diagnostic& d) const;
  // "error", "fejl": the word before a message.
  std::string severity(Severity s) const;
  const std::map<std::string, std::string>& texts() const { return texts_; }

 private:
  std::map<std::string, std::string> texts_;
};

// Gives `d` (its code set) the message `words`, values starred as a kept one's.
void set_words(Diagnostic& d, Words words);

// The texts of the "diagnostics" object in a locale file's JSON text (empty when it has none).
std::map<std::string, std::string> diagnostic_texts(std::string_view locale_json);

// Keeps the first limits::kKeptDiagnostics diagnostics, and the first of
// each code, with their messages; every one beyond those is only counted, by
// code and severity, so that a file with a problem on each of a million rows
// costs what a clean one does. The counts always cover every diagnostic.
class Diagnostics {
 public:
  explicit Diagnostics(std::size_t kept = limits::kKeptDiagnostics) : kept_(kept) {}

  // Each says whether the diagnostic was kept (is now the last of all()).
  bool error(std::string code, std::string message, SourceLocation where);
  bool warning(std::string code, std::string message, SourceLocation where);
  bool note(std::string code, std::string message, SourceLocation where);
  // The same, the message made from the locale files' words (in English here).
  bool error(std::string code, Words words, SourceLocation where);
  bool warning(std::string code, Words words, SourceLocation where);
  bool note(std::string code, Words words, SourceLocation where);
  bool add(const Diagnostic& d);  // one already made, by another Diagnostics
  // Counts the diagnostics `other` did not keep, as if they had come here
  // (the kept ones come one by one, through add()).
  void add_not_kept(const Diagnostics& other);

  const std::vector<Diagnostic>& all() const { return items_; }  // the kept ones
  // The locations of the kept ones from all()[from] on, changed by `fix`:
  // a sheet read as CSV text says which cell a message is about.
  template <typename Fix>
  void relocate(std::size_t from, Fix fix) {
    for (std::size_t i = from; i < items_.size(); ++i) fix(items_[i].where);
  }
  std::size_t count() const { return total_; }                   // kept or not
  int error_count() const { return errors_; }
  int warning_count() const { return static_cast<int>(total_) - errors_ - notes_; }
  int note_count() const { return notes_; }
  bool has_errors() const { return errors_ > 0; }
  const std::map<std::string, int>& count_by_code() const { return by_code_; }

 private:
  bool keep(Diagnostic d);
  static Diagnostic worded(Severity severity, std::string code, Words words, SourceLocation where);
  bool room_for(const std::string& code) const;  // the first kept_, and the first of each code
  void add_not_kept_one(const Diagnostic& d);
  std::vector<Diagnostic> items_;
  std::size_t kept_;
  std::size_t total_ = 0;
  int errors_ = 0;
  std::map<std::string, int> by_code_;           // every one
  std::map<std::string, int> not_kept_by_code_;  // those not in items_
  int not_kept_errors_ = 0;
  int notes_ = 0;
  int not_kept_notes_ = 0;
};

// GNU style, as compilers print it:
//   data/registrations.csv:14:23: error: unknown municipality code '999' [E104]
//   3391;999;2021-03-05;job
//        ^
// JSON semantic errors read "project.json#/targets/3/value: error: ...".
// `words` is the language (English unless given).
std::string format_diagnostic(const Diagnostic& d, const DiagnosticWords& words = DiagnosticWords::english());

// "data/registrations.csv:14:23", or "project.json#/targets/3/value".
std::string format_location(const SourceLocation& where);

// The column (1-based, in UTF-8 characters) of byte offset `byte` in `line`.
int column_of_byte(const std::string& line, std::size_t byte);

}  // namespace maaltal
