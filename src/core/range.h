// The spread of a figure across municipalities: the lowest and the highest
// municipality's value with its code and name, and how many municipalities
// have a value at all. Made by compute/ranges.h; a writer only shows it.
#pragma once
#include <string>

namespace maaltal {

struct Range {
  double min = 0;
  std::string min_code;
  std::string min_name;
  double max = 0;
  std::string max_code;
  std::string max_name;
  int n = 0;  // municipalities with a value (shown, in a public report): at least 2
};

}  // namespace maaltal
