// How every summary.json writes a figure: a whole number as a JSON integer
// (52, not 52.0), anything else unrounded, a missing one as null. One place,
// so the project's, the pool's and each capability's summary agree.
#pragma once
#include <cmath>
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

namespace maaltal {

inline nlohmann::json json_number(const std::optional<double>& v) {
  if (!v) return nullptr;
  if (*v == std::floor(*v) && std::abs(*v) < 9.0e15) return static_cast<std::int64_t>(*v);
  return *v;
}

}  // namespace maaltal
