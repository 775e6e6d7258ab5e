// Small-cell suppression: what a public output may show. A count below the
// threshold could point at a person, so it is hidden ("<5"); then, so that no
// hidden count can be worked out by subtracting the visible cells from a
// visible total, further cells are hidden ("skjult"). Pure: no I/O.
//
// The method (README "Privacy"):
//  1. Primary: every count below `suppress_below` is hidden (0 too, unless
//     `zero_as_dash`).
//  2. Secondary: the published counts are tied by sums (a total is the sum of
//     its municipalities, a breakdown row the sum of its categories, a sum
//     indicator the sum of its terms). Knowing what a reader knows (every
//     visible cell, that a "<5" cell is 0-4 and a "skjult" cell at least 5),
//     the bounds of every hidden cell are narrowed through those sums until
//     nothing changes. While one small cell is pinned to a single value, the
//     smallest visible cell of the sum with the fewest hidden cells through it
//     is hidden too. Every choice depends only on what a reader sees, so the
//     pattern itself gives nothing away.
//  3. Every figure made from a hidden count is hidden with it: attainment,
//     gap, needed per month, forecast, status, ratios and conversions.
//  4. Monthly series: only the project total's is public. A month's running
//     total is shown only when it, and its step from the next shown month,
//     is 0 or at least the threshold, so that no small monthly count can be
//     read off as a difference.
#pragma once
#include <vector>

#include "core/report.h"

namespace maaltal {

// Counts tied by sums: `whole` = the sum of `parts`.
class SuppressionTable {
 public:
  struct Relation {
    int whole = 0;
    std::vector<int> parts;
  };

  int add(double value);  // a cell; returns its index
  void relate(int whole, std::vector<int> parts);

  // Marks the small cells and protects them (steps 1 and 2 above).
  void suppress(const PrivacySettings& settings);

  Hidden hidden(int cell) const { return hidden_[static_cast<std::size_t>(cell)]; }
  double value(int cell) const { return values_[static_cast<std::size_t>(cell)]; }
  std::size_t size() const { return values_.size(); }

  // A reader's bounds on every cell, from the visible cells, the marks and the
  // sums (step 2); the same for a visible cell's lower and upper bound.
  std::vector<std::pair<double, double>> reader_bounds(const PrivacySettings& settings) const;

 private:
  bool protect_one(int pinned);
  std::vector<double> values_;
  std::vector<Hidden> hidden_;
  std::vector<Relation> relations_;
  std::vector<std::vector<int>> relations_of_;  // by cell
};

// The report as a public output may show it (audience public): hidden
// figures are null and marked, and nothing derived from them is left.
Report public_report(const Report& report, const PrivacySettings& settings);

}  // namespace maaltal
