// The previous report as `--previous` gives it: the figures of its
// summary.json that "what changed" compares with.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"

namespace maaltal {

// The previous report's figures, as read from its summary.json: per
// municipality (empty code for the total) and indicator, the actual, the
// target, attainment and status then, and the new count per month.
struct PreviousFigure {
  std::string unit_code;
  std::string indicator;
  std::optional<double> actual;
  std::optional<double> target;
  std::optional<double> attainment;
  std::string status;  // as Figure::status; "" for none
  std::vector<std::pair<std::string, double>> new_by_month;  // "YYYY-MM" -> new
};

struct PreviousReport {
  std::string file;  // as named on the command line
  Date as_of;
  std::vector<PreviousFigure> figures;
};

}  // namespace maaltal
