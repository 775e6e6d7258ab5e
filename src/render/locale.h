// The words of the human-facing outputs, from config/locale/<code>.json, so
// that every visible string can be translated or reworded without a rebuild.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "render/templates.h"

namespace maaltal {

class Locale {
 public:
  // Loads locale/<code>.json through `templates`: a --templates or project
  // file is laid over the built-in words, so it may hold only the words it
  // changes. Throws Error(kTemplate) when a file is not a flat object of strings.
  static Locale load(const TemplateSet& templates, const std::string& code);

  const std::string& code() const { return code_; }
  const nlohmann::json& strings() const { return strings_; }
  // The file laid over the built-in words ("" when none), and its keys that
  // name no built-in word (kept for a template of one's own, but likely typos).
  const std::string& origin() const { return origin_; }
  const std::vector<std::string>& unknown_keys() const { return unknown_keys_; }
  // The diagnostics' words in this language (its "diagnostics" object).
  const DiagnosticWords& diagnostics() const { return diagnostics_; }
  // The string `key`; throws Error(kTemplate) naming the locale file when absent.
  std::string get(const std::string& key) const;
  // The string `key` with each "{name}" replaced by its value.
  std::string fill(const std::string& key, const std::map<std::string, std::string>& values) const;

 private:
  std::string code_;
  nlohmann::json strings_;
  std::string origin_;
  std::vector<std::string> unknown_keys_;
  DiagnosticWords diagnostics_;
};

}  // namespace maaltal
