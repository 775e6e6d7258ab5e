#include "core/report.h"

namespace maaltal {

std::string Report::label_of(const std::string& id) const {
  int i = indicator_index(id);
  return i < 0 ? id : indicators[static_cast<std::size_t>(i)].label;
}

}  // namespace maaltal
