// The computed figures of duration indicators (compute/durations.h): per
// municipality and in total, unrounded. Part of the Report; writers only.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/project.h"
#include "core/range.h"

namespace maaltal {

enum class Hidden : unsigned char;

// One municipality's (or the total's) durations as of the as-of date.
struct DurationFigure {
  int n = 0;         // both dates on or before the as-of date, the end not before the start
  int open = 0;      // the start on or before the as-of date, no end date by then
  int negative = 0;  // both dates by the as-of date, the end before the start: left out (W170)
  int no_start = 0;  // an end date by the as-of date without a start date: left out (W171)
  std::optional<double> mean;          // days; null when n is 0
  std::optional<double> median;        // days; of an even n, the mean of the two middle ones
  std::optional<double> within_share;  // the share of n at most within_days
  std::optional<double> actual;        // the indicator's statistic: one of the three
  std::optional<double> target;        // on within_share (0.8 is 80 %): the version in force
  std::string target_version;
  std::optional<double> attainment;  // within_share / target
  std::optional<Range> range;        // the total's only: the municipalities' actual (compute/ranges.h)
  Hidden hidden{};                   // public: n and every statistic left out
  Hidden open_hidden{};              // public: open left out
};

struct DurationUnit {
  std::string code;  // empty for the total
  std::string name;
  DurationFigure figure;
};

// The total's chosen statistic at the end of each month (the last: the as-of date).
struct DurationMonth {
  std::string month;  // "2022-06"
  int n = 0;
  std::optional<double> actual;
};

struct DurationReport {
  DurationIndicator indicator;
  std::vector<DurationUnit> units;  // in the order of Report::units
  DurationUnit total;
  std::vector<DurationMonth> series;  // internal outputs only: a public report has none
};

}  // namespace maaltal
