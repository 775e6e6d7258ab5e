#include "core/report.h"

namespace maaltal {

const char* hidden_name(Hidden hidden) {
  switch (hidden) {
    case Hidden::kNo:
      return "";
    case Hidden::kSmall:
      return "small";
    case Hidden::kProtecting:
      return "protecting";
  }
  return "";
}

std::string Report::label_of(const std::string& id) const {
  int i = indicator_index(id);
  if (i >= 0) return indicators[static_cast<std::size_t>(i)].label;
  i = find_indicator(left_out, id);
  return i < 0 ? id : left_out[static_cast<std::size_t>(i)].label;
}

}  // namespace maaltal
