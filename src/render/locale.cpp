#include "render/locale.h"

#include "core/error.h"
#include "core/resources.h"

namespace maaltal {
namespace {

constexpr const char* kDiagnosticsKey = "diagnostics";

std::map<std::string, std::string> diagnostics_of(const nlohmann::json& strings) {
  std::map<std::string, std::string> words;
  if (!strings.contains(kDiagnosticsKey)) return words;
  for (const auto& [key, value] : strings[kDiagnosticsKey].items()) words[key] = value.get<std::string>();
  return words;
}

// The words of the diagnostics: an object of strings, one per code (and variant).
void check_diagnostics(const std::string& name, const nlohmann::json& words) {
  if (!words.is_object()) throw Error(ErrorKind::kTemplate, name + ": 'diagnostics' is not an object of strings");
  for (const auto& [key, value] : words.items()) {
    if (!value.is_string()) throw Error(ErrorKind::kTemplate, name + ": 'diagnostics/" + key + "' is not a string");
  }
}

// The strings of locale file `name` (its text `text`): a flat object of
// strings, and the diagnostics' words in "diagnostics".
nlohmann::json parse_strings(const std::string& name, const std::string& text) {
  nlohmann::json strings;
  try {
    strings = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::kTemplate, name + ": " + e.what());
  }
  if (!strings.is_object()) throw Error(ErrorKind::kTemplate, name + ": expected an object of strings");
  for (const auto& [key, value] : strings.items()) {
    if (key == kDiagnosticsKey) {
      check_diagnostics(name, value);
      continue;
    }
    if (!value.is_string()) throw Error(ErrorKind::kTemplate, name + ": '" + key + "' is not a string");
  }
  return strings;
}

}  // namespace

Locale Locale::load(const TemplateSet& templates, const std::string& code) {
  std::string name = "locale/" + code + ".json";
  Locale locale;
  locale.code_ = code;
  auto built_in = built_in_file(name);
  std::string origin = templates.origin(name);
  if (!built_in || origin == TemplateSet::kBuiltIn) {
    locale.strings_ = parse_strings(name, templates.text(name));
    locale.diagnostics_ = DiagnosticWords(diagnostics_of(locale.strings_));
    return locale;
  }
  // A project's or --templates' locale file need only hold the words it
  // changes: it is laid over the built-in words, key by key.
  locale.strings_ = parse_strings(name, std::string(*built_in));
  nlohmann::json own = parse_strings(origin, templates.text(name));
  for (const auto& [key, value] : own.items()) {
    if (key == kDiagnosticsKey) continue;
    if (!locale.strings_.contains(key)) locale.unknown_keys_.push_back(key);
    locale.strings_[key] = value;
  }
  // The diagnostics' words too, one by one.
  auto words = diagnostics_of(locale.strings_);
  for (const auto& [key, value] : diagnostics_of(own)) {
    if (!words.contains(key)) locale.unknown_keys_.push_back(std::string(kDiagnosticsKey) + "/" + key);
    words[key] = value;
  }
  locale.diagnostics_ = DiagnosticWords(std::move(words));
  locale.origin_ = origin;
  return locale;
}

std::string Locale::get(const std::string& key) const {
  auto it = strings_.find(key);
  if (it == strings_.end()) throw Error(ErrorKind::kTemplate, "locale/" + code_ + ".json: no string '" + key + "'");
  return it->get<std::string>();
}

std::string Locale::fill(const std::string& key, const std::map<std::string, std::string>& values) const {
  std::string text = get(key);
  for (const auto& [name, value] : values) {
    std::string placeholder = "{" + name + "}";
    for (auto pos = text.find(placeholder); pos != std::string::npos;
         pos = text.find(placeholder, pos + value.size())) {
      text.replace(pos, placeholder.size(), value);
    }
  }
  return text;
}

}  // namespace maaltal
