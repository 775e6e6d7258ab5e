// The words of the human-facing outputs, from templates/locale/<code>.json, so
// that every visible string can be translated or reworded without a rebuild.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "render/templates.h"

namespace maaltal {

class Locale {
 public:
  // Loads locale/<code>.json through `templates`; throws Error(kTemplate) when
  // it is missing or not a flat object of strings.
  static Locale load(const TemplateSet& templates, const std::string& code);

  const std::string& code() const { return code_; }
  const nlohmann::json& strings() const { return strings_; }
  // The string `key`; throws Error(kTemplate) naming the locale file when absent.
  std::string get(const std::string& key) const;
  // The string `key` with each "{name}" replaced by its value.
  std::string fill(const std::string& key, const std::map<std::string, std::string>& values) const;

 private:
  std::string code_;
  nlohmann::json strings_;
};

}  // namespace maaltal
