#include "read/municipalities.h"

#include <algorithm>

#include "core/diagnostics.h"
#include "core/error.h"
#include "core/resources.h"
#include "core/text.h"
#include "read/csv.h"
#include "read/project_limits.h"

namespace maaltal {

const std::map<std::string, Municipality>& municipalities() {
  static const std::map<std::string, Municipality> kList = [] {
    std::string_view text = *embedded_resource("config/kommuner.csv");
    Diagnostics diags;
    LineIndex lines(text);
    CsvTable table = parse_csv(text, ',', "config/kommuner.csv", lines, diags);
    std::map<std::string, Municipality> list;
    for (std::size_t i = 1; i < table.records.size(); ++i) {
      const auto& f = table.records[i].fields;
      if (f.size() < 3) continue;
      list[f[0].value] = {f[0].value, f[1].value, f[2].value};
    }
    return list;
  }();
  return kList;
}

std::string normalise_municipality_code(const std::string& text) {
  std::string code;
  for (char c : text) {
    if (c != ' ' && c != '\t') code += c;
  }
  bool digits = !code.empty() && code.size() <= 3 && code.find_first_not_of("0123456789") == std::string::npos;
  if (digits) code.insert(0, 3 - code.size(), '0');
  return code;
}

namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string_view trimmed(std::string_view text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

// The key without dropping a "Kommune" suffix.
std::string spelled_key(std::string_view name) {
  std::string key;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '\xC3' && i + 1 < name.size()) {
      switch (name[i + 1]) {  // Æ æ, Ø ø, Å å in UTF-8
        case '\x86':
        case '\xA6':
          key += "ae";
          ++i;
          continue;
        case '\x98':
        case '\xB8':
          key += "oe";
          ++i;
          continue;
        case '\x85':
        case '\xA5':
          key += "aa";
          ++i;
          continue;
        default:
          break;
      }
    }
    if (c == '-' || c == ' ' || c == '\t' || c == '\xA0') {
      if (!key.empty() && key.back() != ' ') key += ' ';
      continue;
    }
    if (c == '\xC2' && i + 1 < name.size() && name[i + 1] == '\xA0') continue;  // a no-break space's lead byte
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

// Drops a "kommune" suffix from `key`; whether there was one.
bool drop_suffix(std::string& key) {
  constexpr std::string_view kSuffix = " kommune";
  if (!key.ends_with(kSuffix)) return false;
  key.resize(key.size() - kSuffix.size());
  return true;
}

}  // namespace

std::string municipality_key(std::string_view name) {
  std::string key = spelled_key(name);
  drop_suffix(key);
  return key;
}

namespace {

// config/kommuner-andre-navne.csv: names a municipality goes by besides its
// own that no spelling rule derives ("Copenhagen"), as (code, name) pairs.
const std::vector<std::pair<std::string, std::string>>& other_names() {
  static const std::vector<std::pair<std::string, std::string>> kNames = [] {
    std::string_view text = *embedded_resource("config/kommuner-andre-navne.csv");
    Diagnostics diags;
    LineIndex lines(text);
    CsvTable table = parse_csv(text, ',', "config/kommuner-andre-navne.csv", lines, diags);
    std::vector<std::pair<std::string, std::string>> names;
    for (std::size_t i = 1; i < table.records.size(); ++i) {
      const auto& f = table.records[i].fields;
      if (f.size() >= 2) names.emplace_back(f[0].value, f[1].value);
    }
    return names;
  }();
  return kNames;
}

}  // namespace

MunicipalityNames::MunicipalityNames(const std::map<std::string, Municipality>& list) : list_(list) {
  for (const auto& [code, m] : list) by_key_[municipality_key(m.name)].push_back(code);
  for (const auto& [code, name] : other_names()) {
    if (list.contains(code)) by_key_[municipality_key(name)].push_back(code);
  }
}

// The codes of the municipalities a key names. With `genitive`, a name
// followed by "Kommune" may carry its genitive s: "Københavns Kommune".
std::vector<std::string> MunicipalityNames::codes_of(const std::string& key, bool genitive) const {
  if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
  if (genitive && key.ends_with('s')) {
    if (auto it = by_key_.find(key.substr(0, key.size() - 1)); it != by_key_.end()) return it->second;
  }
  return {};
}

std::string MunicipalityNames::named(const std::string& code) const { return code + " (" + list_.at(code).name + ")"; }

std::string MunicipalityMatch::message() const {
  Diagnostic d{Severity::kError, error, "", {}};
  set_words(d, words);
  return d.message;
}

MunicipalityMatch MunicipalityNames::find(std::string_view text, const std::vector<std::string>& preferred) const {
  std::string_view given = trimmed(text);
  if (all_digits(given)) {
    std::string code = normalise_municipality_code(std::string(given));
    if (list_.contains(code)) return {code, "", {}};
    return {"", "E104", Words("code", {{"quoted", quote_value(given)}})};
  }
  std::string key = spelled_key(given);
  bool suffixed = drop_suffix(key);
  std::vector<std::string> codes = codes_of(key, suffixed);
  if (codes.size() == 1) return {codes[0], "", {}};
  if (codes.size() > 1) {
    std::string others = named(codes[0]);  // all but the last, which "and" joins
    for (std::size_t k = 1; k + 1 < codes.size(); ++k) others += ", " + named(codes[k]);
    return {"", "E115", Words{{"quoted", quote_value(given)}, {"names", others}, {"last", named(codes.back())}}};
  }
  std::string hint = suggestion(key, preferred);
  if (hint.empty()) return {"", "E104", Words{{"quoted", quote_value(given)}}};
  return {"", "E104", Words("hint", {{"quoted", quote_value(given)}, {"hint", hint}})};
}

// The municipalities whose names are fewest edits from `key` (two at most,
// one for a short name), the project's own only when one is among them:
// "630 (Vejle)" for "Vejel", though Vejen is as close.
std::string MunicipalityNames::suggestion(const std::string& key, const std::vector<std::string>& preferred) const {
  const std::size_t allowed = std::clamp<std::size_t>(key.size() / 3, 1, 2);
  std::size_t best = allowed;
  std::vector<std::string> codes;
  for (const auto& [name, named_codes] : by_key_) {
    std::size_t d = typo_distance(key, name);
    if (d > best) continue;
    if (d < best) codes.clear(), best = d;
    codes.insert(codes.end(), named_codes.begin(), named_codes.end());
  }
  if (codes.empty()) return "";
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  std::vector<std::string> own;
  for (const auto& c : codes) {
    if (std::find(preferred.begin(), preferred.end(), c) != preferred.end()) own.push_back(c);
  }
  if (!own.empty()) codes = own;
  std::string text = named(codes[0]);
  for (std::size_t k = 1; k < codes.size(); ++k) text += " or " + named(codes[k]);
  return text;
}

MunicipalityMatch find_municipality(std::string_view text, const std::vector<std::string>& preferred) {
  static const MunicipalityNames kNames(municipalities());
  return kNames.find(text, preferred);
}

}  // namespace maaltal
