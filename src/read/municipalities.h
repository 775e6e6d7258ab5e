// The reference list of Denmark's 98 municipalities (kommunekode -> name),
// compiled in from config/kommuner.csv, the project's copy of the shared facts.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostics.h"

namespace maaltal {

struct Municipality {
  std::string code;    // three digits, "101"
  std::string name;    // "København"
  std::string region;  // "Region Hovedstaden"
};

const std::map<std::string, Municipality>& municipalities();

// "746" for "746", 746 or " 746 "; "101" for "101"; leading zeros restored.
std::string normalise_municipality_code(const std::string& text);

// A municipality as an input names it, by code or by name: its code, or the
// diagnostic to report (E104 unknown, E115 a name that fits two).
struct MunicipalityMatch {
  std::string code;     // "630", or "" with the error
  std::string error;    // "E104" or "E115"
  Words words;          // the message's, without a location
  std::string message() const;  // in English
};

// A name as compared: lower case (Danish letters too), the Danish letters in
// their two-letter forms (æ ae, ø oe, å aa: "Åbenrå" is "aabenraa", as is
// "Aabenraa"), a hyphen as a space, runs of spaces as one, and without a
// "Kommune" suffix. "" for a text with no letters.
std::string municipality_key(std::string_view name);

// The names of a list of municipalities, by key, and the other names of
// config/kommuner-andre-navne.csv (the English name of the capital,
// "Copenhagen", which English-language registers use).
class MunicipalityNames {
 public:
  explicit MunicipalityNames(const std::map<std::string, Municipality>& list);

  // The municipality `text` names: a code (digits) or a name. An unknown name
  // gets the likeliest intended ones ("did you mean 630 (Vejle)?"), those of
  // `preferred` (the project's) first when as close.
  MunicipalityMatch find(std::string_view text, const std::vector<std::string>& preferred = {}) const;

 private:
  std::vector<std::string> codes_of(const std::string& key, bool genitive) const;
  std::string suggestion(const std::string& key, const std::vector<std::string>& preferred) const;
  std::string named(const std::string& code) const;  // "630 (Vejle)"

  const std::map<std::string, Municipality>& list_;
  std::unordered_map<std::string, std::vector<std::string>> by_key_;  // key -> codes, in code order
};

// find() over the reference list: what every reader calls.
MunicipalityMatch find_municipality(std::string_view text, const std::vector<std::string>& preferred = {});

}  // namespace maaltal
