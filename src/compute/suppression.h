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
//  3. Audit (compute/disclosure_audit.h): every published relation, the sums
//     and the inequalities that hold by the indicators' definitions (an
//     outcome counted `after` another is at most it), is given to an exact
//     solver; while some small cell can take fewer than two whole values,
//     one more cell is hidden (the rule of step 2) and the audit asked again.
//     With the previous month's public release, each cell's monthly step of
//     1 to threshold-1 must keep two values as well (differencing); every
//     step is checked, however many (a step between two shown cells needs
//     no solver: this month's cell is hidden).
//  4. Every figure made from a hidden count is hidden with it: attainment,
//     gap, needed per month, forecast, status, ratios and conversions.
//  5. Monthly series: only the project total's is public. A month's running
//     total is shown only when it, and its step from the next shown month,
//     is 0 or at least the threshold, so that no small monthly count can be
//     read off as a difference.
#pragma once
#include <functional>
#include <vector>

#include "core/report.h"

namespace maaltal {

class DisclosureAudit;

// Counts tied by sums: `whole` = the sum of `parts`.
class SuppressionTable {
 public:
  struct Relation {
    int whole = 0;
    std::vector<int> parts;
  };

  // A cell; returns its index. A `known` one is never hidden: a reader knows
  // it without its being shown (an "other" column left out is 0).
  int add(double value, bool known = false);
  // A cell already hidden elsewhere (a project's own public release, which a
  // pool republishes): it stays hidden with its mark, and is checked as any
  // hidden cell is.
  int add_hidden(double value, Hidden mark);
  void relate(int whole, std::vector<int> parts);
  // smaller <= larger by definition (an outcome counted after a referral).
  void at_most(int smaller, int larger);

  // Marks the small cells and protects them (steps 1 to 3 above). With
  // `previous`, the table of the previous month's release in the same layout
  // as published, the two are audited together and only this one is changed.
  void suppress(const PrivacySettings& settings, const SuppressionTable* previous = nullptr);

  Hidden hidden(int cell) const { return hidden_[static_cast<std::size_t>(cell)]; }
  double value(int cell) const { return values_[static_cast<std::size_t>(cell)]; }
  std::size_t size() const { return values_.size(); }

  // The small cells (and, with `previous`, small monthly steps) that the
  // exact audit finds pinned to one value: empty once suppress() is done.
  std::vector<int> pinned(const PrivacySettings& settings, const SuppressionTable* previous = nullptr) const;
  // Steps 1 and 2 alone, as before the audit: for tests that show what it adds.
  void suppress_by_intervals_for_test(const PrivacySettings& settings) { protect_by_intervals(settings); }

  // A reader's bounds on every cell, from the visible cells, the marks and the
  // sums (step 2); the same for a visible cell's lower and upper bound.
  std::vector<std::pair<double, double>> reader_bounds(const PrivacySettings& settings) const;

 private:
  void protect_by_intervals(const PrivacySettings& settings);
  bool hideable(int cell) const;
  // Each hides one more cell and returns it, or -1 when none is left to hide.
  int protect_one(int pinned);
  int hide_more(int failing);
  void audit(const PrivacySettings& settings, const SuppressionTable* previous);
  int model(DisclosureAudit& model, const PrivacySettings& settings) const;
  struct Check;
  std::vector<Check> checks(DisclosureAudit& model, const PrivacySettings& settings, const SuppressionTable* previous,
                            int& now) const;
  std::vector<double> values_;
  std::vector<Hidden> hidden_;
  std::vector<bool> known_;
  std::vector<Relation> relations_;
  std::vector<std::pair<int, int>> at_most_;  // smaller, larger
  std::vector<std::vector<int>> relations_of_;  // by cell
};

// The report as a public output may show it (audience public): hidden
// figures are null and marked, and nothing derived from them is left.
Report public_report(const Report& report, const PrivacySettings& settings);

// The public report as of `as_of`'s month: public figures are as of the end
// of the last whole month (`as_of` itself when it ends a month). Each month's
// release from the period's first month on is suppressed together with the
// one before it (step 3), so a month's release is the same whenever it is
// made from the same data. `report_at(d)` is the report as of date `d`.
Report public_release(const std::function<Report(Date)>& report_at, Date period_start, Date as_of,
                      const PrivacySettings& settings);

// The end of the last whole month on or before `d`: `d` when it ends a month.
Date month_end_on_or_before(Date d);

}  // namespace maaltal
