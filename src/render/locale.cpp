#include "render/locale.h"

#include "core/error.h"

namespace maaltal {

Locale Locale::load(const TemplateSet& templates, const std::string& code) {
  std::string name = "locale/" + code + ".json";
  Locale locale;
  locale.code_ = code;
  try {
    locale.strings_ = nlohmann::json::parse(templates.text(name));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::kTemplate, name + ": " + e.what());
  }
  if (!locale.strings_.is_object()) throw Error(ErrorKind::kTemplate, name + ": expected an object of strings");
  for (const auto& [key, value] : locale.strings_.items()) {
    if (!value.is_string()) throw Error(ErrorKind::kTemplate, name + ": '" + key + "' is not a string");
  }
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
