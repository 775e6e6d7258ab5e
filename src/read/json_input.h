// Reading JSON documents with diagnostics. Syntax errors carry line and column
// (from nlohmann's byte offset); semantic errors carry a JSON Pointer, since
// nlohmann keeps no positions for values.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "core/date.h"
#include "core/diagnostics.h"

namespace maaltal {

using Json = nlohmann::json;

// Why a JSON text was refused: where (its byte offset, 0-based, and the JSON
// Pointer of the value being read) and what, in words that never quote the
// input (a registrations file's text is personal data).
struct JsonProblem {
  enum class Kind { kSyntax, kTooDeep, kDuplicateKey, kNumberOutOfRange } kind = Kind::kSyntax;
  std::string message;
  std::size_t byte = 0;
  std::string pointer;
};

// Parses `text` as JSON, stricter than the standard asks: arrays and objects
// at most limits::kJsonDepth deep (deeper ones would exhaust the stack of
// whatever walks them), each key once in its object (else which one counts
// is a guess), and every number within a double's range.
std::variant<Json, JsonProblem> parse_json_document(const std::string& text);

// parse_json_document() with its problem reported: E201 at line:column for a
// syntax error or too deep a nesting, E205 at the pointer for a key given
// twice, E203 there for a number out of range; then nullopt.
std::optional<Json> parse_json(const std::string& text, const std::string& file, Diagnostics& diags);

// Frees a JSON value, when its scope ends, without allocating: nlohmann's
// destructor allocates a vector as long as the longest array, which out of
// memory, while an exception unwinds, ends the program instead of letting main
// report it (exit code 7).
class FreeJsonOnExit {
 public:
  explicit FreeJsonOnExit(Json& json) : json_(json) {}
  ~FreeJsonOnExit();
  FreeJsonOnExit(const FreeJsonOnExit&) = delete;
  FreeJsonOnExit& operator=(const FreeJsonOnExit&) = delete;

 private:
  Json& json_;
};

// Typed access to an object's members, reporting E202 (missing or wrong type)
// and E203 (a value out of its domain) with the member's JSON Pointer.
class JsonFields {
 public:
  JsonFields(std::string file, Diagnostics& diags) : file_(std::move(file)), diags_(diags) {}

  static std::string pointer(const std::string& parent, const std::string& key);

  std::optional<std::string> string(const Json& obj, const std::string& parent, const std::string& key, bool required);
  std::optional<Date> date(const Json& obj, const std::string& parent, const std::string& key, bool required);
  std::optional<double> number(const Json& obj, const std::string& parent, const std::string& key, bool required);
  // An array member; reports when missing (if required) or not an array.
  const Json* array(const Json& obj, const std::string& parent, const std::string& key, bool required);
  const Json* object(const Json& obj, const std::string& parent, const std::string& key, bool required);

  void wrong_type(const std::string& ptr, const std::string& expected);
  void wrong_type(const std::string& ptr, const Words& expected);  // E202's words: "string", "number", …
  void invalid(const std::string& ptr, const std::string& message);
  void invalid(const std::string& ptr, const Words& words);  // E203 in words of the locale files
  void missing(const std::string& ptr);

 private:
  const Json* member(const Json& obj, const std::string& parent, const std::string& key, bool required);
  std::string file_;
  Diagnostics& diags_;
};

}  // namespace maaltal
