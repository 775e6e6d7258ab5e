// Auditing a suppression pattern the way a statistical office does (τ-ARGUS,
// sdcTable): everything a public output publishes is written as linear
// equations and inequalities over whole, non-negative numbers, and a solver
// (GLPK) is asked how low and how high a hidden count can be. Separate from
// deciding the pattern (compute/suppression.h), which asks this module
// whether a pattern holds. Pure: no I/O.
#pragma once
#include <memory>
#include <utility>
#include <vector>

namespace maaltal {

// Linear terms: coefficient times variable.
using LinearTerms = std::vector<std::pair<int, double>>;

// Whole-number variables (a reader's bounds on each published count) tied by
// equations and inequalities; asks for the exact range of a linear expression.
class DisclosureAudit {
 public:
  DisclosureAudit();
  ~DisclosureAudit();
  DisclosureAudit(const DisclosureAudit&) = delete;
  DisclosureAudit& operator=(const DisclosureAudit&) = delete;

  // A variable low..high (high infinite: no upper bound); returns its index.
  int add_variable(double low, double high);
  void set_bounds(int variable, double low, double high);
  void add_equation(const LinearTerms& terms, double rhs);  // sum of terms = rhs
  void add_at_most(int smaller, int larger);                // smaller <= larger

  // The least and greatest whole-number value `terms` takes over every
  // solution (the greatest infinite when unbounded). The LP relaxation
  // first; where its optimum is not a whole-number point, the MIP.
  std::pair<double, double> range(const LinearTerms& terms);

  // Whether some whole-number solution gives `terms` a value other than
  // `value` (a solution's): the LP first, the MIP only where the LP's
  // optimum is a fractional point. Cheaper than range(): one side often settles it.
  // Without `mip`, a fractional LP optimum counts as no: stricter, and fast.
  bool takes_another_value(const LinearTerms& terms, double value, bool mip = true);

  // A whole-number solution at the LP optimum of `terms`, when the optimum
  // is a whole-number point; empty otherwise. Values by variable.
  std::vector<double> whole_solution(const LinearTerms& terms, bool maximise);

  int lp_solves() const { return lp_solves_; }
  int mip_solves() const { return mip_solves_; }

 private:
  double optimum(const LinearTerms& terms, bool maximise);
  // The LP optimum, and whether it lies at a whole-number point.
  std::pair<double, bool> relaxed_optimum(const LinearTerms& terms, bool maximise);
  double mip_optimum();
  bool mip_passes(double value, bool maximise);
  struct Solver;
  std::unique_ptr<Solver> solver_;
  int lp_solves_ = 0;
  int mip_solves_ = 0;
};

}  // namespace maaltal
