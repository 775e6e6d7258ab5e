#include "core/report.h"

namespace maaltal {

int Report::indicator_index(const std::string& id) const {
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    if (indicators[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace maaltal
