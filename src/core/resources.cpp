#include "core/resources.h"

namespace maaltal {

std::optional<std::string_view> embedded_resource(std::string_view key) {
  const auto& resources = embedded_resources();
  auto it = resources.find(key);
  if (it == resources.end()) return std::nullopt;
  return it->second;
}

}  // namespace maaltal
