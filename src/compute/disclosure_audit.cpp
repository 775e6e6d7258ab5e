#include "compute/disclosure_audit.h"

#include <glpk.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace maaltal {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kTolerance = 1e-6;

bool whole(double x) { return std::fabs(x - std::round(x)) < kTolerance; }

}  // namespace

// The problem is kept between questions: only the objective changes, so the
// simplex starts from the last basis and a range takes a few pivots.
struct DisclosureAudit::Solver {
  glp_prob* lp = glp_create_prob();
  std::vector<int> objective;  // the columns with a coefficient now
  bool has_basis = false;
  ~Solver() { glp_delete_prob(lp); }
};

DisclosureAudit::DisclosureAudit() : solver_(std::make_unique<Solver>()) { glp_term_out(GLP_OFF); }
DisclosureAudit::~DisclosureAudit() = default;

int DisclosureAudit::add_variable(double low, double high) {
  int column = glp_add_cols(solver_->lp, 1);
  glp_set_col_kind(solver_->lp, column, GLP_IV);
  set_bounds(column - 1, low, high);
  return column - 1;
}

void DisclosureAudit::set_bounds(int variable, double low, double high) {
  int type = std::isinf(high) ? GLP_LO : low == high ? GLP_FX : GLP_DB;
  glp_set_col_bnds(solver_->lp, variable + 1, type, low, std::isinf(high) ? 0 : high);
}

namespace {

void add_row(glp_prob* lp, const LinearTerms& terms, int type, double rhs) {
  int row = glp_add_rows(lp, 1);
  glp_set_row_bnds(lp, row, type, type == GLP_UP ? 0 : rhs, rhs);
  std::vector<int> index{0};
  std::vector<double> value{0};
  for (const auto& [variable, coefficient] : terms) index.push_back(variable + 1), value.push_back(coefficient);
  glp_set_mat_row(lp, row, static_cast<int>(terms.size()), index.data(), value.data());
}

}  // namespace

void DisclosureAudit::add_equation(const LinearTerms& terms, double rhs) { add_row(solver_->lp, terms, GLP_FX, rhs); }

void DisclosureAudit::add_at_most(int smaller, int larger) {
  add_row(solver_->lp, {{smaller, 1}, {larger, -1}}, GLP_UP, 0);
}

std::pair<double, bool> DisclosureAudit::relaxed_optimum(const LinearTerms& terms, bool maximise) {
  glp_prob* lp = solver_->lp;
  for (int column : solver_->objective) glp_set_obj_coef(lp, column, 0);
  solver_->objective.clear();
  for (const auto& [variable, coefficient] : terms) {
    glp_set_obj_coef(lp, variable + 1, coefficient);
    solver_->objective.push_back(variable + 1);
  }
  glp_set_obj_dir(lp, maximise ? GLP_MAX : GLP_MIN);
  glp_smcp simplex;
  glp_init_smcp(&simplex);
  if (!solver_->has_basis) glp_adv_basis(lp, 0), solver_->has_basis = true;
  ++lp_solves_;
  if (glp_simplex(lp, &simplex) != 0) {
    // A basis made singular by a change of bounds: start again from a fresh one.
    glp_adv_basis(lp, 0);
    if (glp_simplex(lp, &simplex) != 0) throw std::runtime_error("the disclosure audit's LP solver failed");
  }
  int status = glp_get_status(lp);
  if (status == GLP_UNBND) return {maximise ? kInfinity : -kInfinity, true};
  if (status != GLP_OPT) throw std::runtime_error("the disclosure audit found the published figures infeasible");
  double value = glp_get_obj_val(lp);
  bool integral = whole(value);
  for (int column = 1, n = glp_get_num_cols(lp); integral && column <= n; ++column) {
    integral = whole(glp_get_col_prim(lp, column));
  }
  return {value, integral};
}

namespace {

// Branch and bound stops at a whole-number solution past `value` (one is
// all takes_another_value needs), and after kNodeLimit subproblems: a
// count, not a clock, so that the same inputs give the same pattern.
constexpr int kNodeLimit = 200;

struct Search {
  double value = 0;
  bool maximise = true;
  bool found = false;
  int nodes = 0;
  bool limited = false;
};

void search_callback(glp_tree* tree, void* info) {
  auto& search = *static_cast<Search*>(info);
  switch (glp_ios_reason(tree)) {
    case GLP_IBINGO: {
      double objective = glp_mip_obj_val(glp_ios_get_prob(tree));
      if ((search.maximise ? objective - search.value : search.value - objective) >= 1 - kTolerance) {
        search.found = true;
        glp_ios_terminate(tree);
      }
      break;
    }
    case GLP_ISELECT:
      if (++search.nodes > kNodeLimit) search.limited = true, glp_ios_terminate(tree);
      break;
    default:
      break;
  }
}

}  // namespace

// The integer optimum of the objective just solved as an LP (from its basis).
double DisclosureAudit::mip_optimum() {
  glp_iocp mip;
  glp_init_iocp(&mip);
  ++mip_solves_;
  if (glp_intopt(solver_->lp, &mip) != 0 || glp_mip_status(solver_->lp) != GLP_OPT) {
    throw std::runtime_error("the disclosure audit's MIP solver failed");
  }
  return std::round(glp_mip_obj_val(solver_->lp));
}

// Whether the MIP finds a whole-number solution a whole step past `value`.
// A search cut off by the node limit counts as not found: the cell is then
// protected further, never left narrower than stated.
bool DisclosureAudit::mip_passes(double value, bool maximise) {
  Search search{value, maximise};
  glp_iocp mip;
  glp_init_iocp(&mip);
  mip.cb_func = search_callback;
  mip.cb_info = &search;
  ++mip_solves_;
  int failed = glp_intopt(solver_->lp, &mip);
  if (search.found) return true;
  if (search.limited || failed == GLP_ESTOP) return false;
  if (failed != 0 || glp_mip_status(solver_->lp) != GLP_OPT) {
    throw std::runtime_error("the disclosure audit's MIP solver failed");
  }
  double objective = glp_mip_obj_val(solver_->lp);
  return (maximise ? objective - value : value - objective) >= 1 - kTolerance;
}

std::vector<double> DisclosureAudit::whole_solution(const LinearTerms& terms, bool maximise) {
  auto [value, integral] = relaxed_optimum(terms, maximise);
  if (!integral || std::isinf(value)) return {};
  std::vector<double> x;
  for (int column = 1, n = glp_get_num_cols(solver_->lp); column <= n; ++column) {
    x.push_back(std::round(glp_get_col_prim(solver_->lp, column)));
  }
  return x;
}

double DisclosureAudit::optimum(const LinearTerms& terms, bool maximise) {
  auto [value, integral] = relaxed_optimum(terms, maximise);
  if (integral) return std::isinf(value) ? value : std::round(value);
  // The LP's optimum is not a whole-number point: the integer optimum may
  // lie further in, so the MIP decides.
  return mip_optimum();
}

bool DisclosureAudit::takes_another_value(const LinearTerms& terms, double value, bool mip) {
  for (bool maximise : {true, false}) {
    auto [bound, integral] = relaxed_optimum(terms, maximise);
    double beyond = maximise ? bound - value : value - bound;
    if (beyond < 1 - kTolerance) continue;  // not even the LP goes a whole step further
    if (integral || (mip && mip_passes(value, maximise))) return true;
  }
  return false;
}

std::pair<double, double> DisclosureAudit::range(const LinearTerms& terms) {
  return {optimum(terms, false), optimum(terms, true)};
}

}  // namespace maaltal
