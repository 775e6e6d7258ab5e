#include "core/resources.h"

namespace maaltal {

std::optional<std::string_view> embedded_resource(std::string_view key) {
  const auto& resources = embedded_resources();
  auto it = resources.find(key);
  if (it == resources.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string_view> built_in_file(std::string_view name) {
  for (std::string_view folder : kBuiltInFolders) {
    if (auto text = embedded_resource(std::string(folder) + "/" + std::string(name))) return text;
  }
  return std::nullopt;
}

std::vector<std::string> built_in_names(std::string_view folder) {
  std::string prefix = std::string(folder) + "/";
  std::vector<std::string> names;
  for (const auto& [key, text] : embedded_resources()) {
    if (key.starts_with(prefix)) names.emplace_back(key.substr(prefix.size()));
  }
  return names;
}

}  // namespace maaltal
