#include "core/project_defaults.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/resources.h"

namespace maaltal {
namespace {

constexpr std::string_view kDefaultsFile = "config/project-defaults.json";

const nlohmann::json& defaults() {
  // Parsed once; the text is compiled in, so it cannot change while running.
  static const nlohmann::json parsed = nlohmann::json::parse(*embedded_resource(kDefaultsFile));
  return parsed;
}

const nlohmann::json& value_at(std::string_view pointer) {
  const auto& root = defaults();
  nlohmann::json::json_pointer at{std::string(pointer)};
  if (!root.contains(at)) throw std::logic_error(std::string(kDefaultsFile) + " has no " + std::string(pointer));
  return root.at(at);
}

template <typename T>
T typed_value(std::string_view pointer, bool has_type) {
  if (!has_type) throw std::logic_error(std::string(kDefaultsFile) + std::string(pointer) + " has the wrong type");
  return value_at(pointer).get<T>();
}

}  // namespace

double default_number(std::string_view pointer) { return typed_value<double>(pointer, value_at(pointer).is_number()); }

bool default_flag(std::string_view pointer) { return typed_value<bool>(pointer, value_at(pointer).is_boolean()); }

std::string default_text(std::string_view pointer) {
  return typed_value<std::string>(pointer, value_at(pointer).is_string());
}

}  // namespace maaltal
