// Small-cell suppression on hand-made tables: which cells are hidden, and
// that what a reader can work out of the rest never pins a small one.
#include "compute/suppression.h"

#include <catch2/catch.hpp>

#include "compute/disclosure_audit.h"

using namespace maaltal;

namespace {

// A row of parts and its visible total: total = sum of parts.
struct Row {
  SuppressionTable table;
  std::vector<int> parts;
  int total = 0;

  explicit Row(std::vector<double> values) {
    double sum = 0;
    for (double v : values) {
      parts.push_back(table.add(v));
      sum += v;
    }
    total = table.add(sum);
    table.relate(total, parts);
  }
};

bool pinned(const SuppressionTable& table, int cell, const PrivacySettings& s) {
  auto bounds = table.reader_bounds(s);
  return bounds[static_cast<std::size_t>(cell)].first == bounds[static_cast<std::size_t>(cell)].second;
}

}  // namespace

TEST_CASE("suppression: a small cell alone in its row takes the smallest other part with it") {
  Row row({40, 3, 12, 9});
  PrivacySettings s;
  row.table.suppress(s);
  CHECK(row.table.hidden(row.parts[1]) == Hidden::kSmall);
  CHECK(row.table.hidden(row.parts[3]) == Hidden::kProtecting);  // 9, the smallest visible part
  CHECK(row.table.hidden(row.parts[0]) == Hidden::kNo);
  CHECK(row.table.hidden(row.parts[2]) == Hidden::kNo);
  CHECK(row.table.hidden(row.total) == Hidden::kNo);
  CHECK_FALSE(pinned(row.table, row.parts[1], s));
}

TEST_CASE("suppression: two small cells that can only be 4 and 4 are protected further") {
  Row row({4, 4, 30});
  PrivacySettings s;
  // Hidden as small alone, they are pinned: 38 - 30 = 8 = 4 + 4.
  row.table.suppress(s);
  CHECK(row.table.hidden(row.parts[2]) == Hidden::kProtecting);
  CHECK_FALSE(pinned(row.table, row.parts[0], s));
  CHECK_FALSE(pinned(row.table, row.parts[1], s));
}

TEST_CASE("suppression: a zero is hidden unless zero_as_dash, and counts at the threshold are shown") {
  Row row({0, 5, 7, 6});
  PrivacySettings hide_zero;
  Row shown = row;
  row.table.suppress(hide_zero);
  CHECK(row.table.hidden(row.parts[0]) == Hidden::kSmall);
  CHECK(row.table.hidden(row.parts[1]) == Hidden::kProtecting);
  PrivacySettings dash;
  dash.zero_as_dash = true;
  shown.table.suppress(dash);
  for (int p : shown.parts) CHECK(shown.table.hidden(p) == Hidden::kNo);
}

TEST_CASE("suppression: a zero shown as a dash is never hidden to protect another cell") {
  // A "skjult" cell tells the reader it is at least the threshold; a 0 shown
  // as "–" hidden so would be a false statement, and the audit's model of it
  // infeasible. The 9 is hidden instead.
  Row row({0, 3, 9});
  PrivacySettings dash;
  dash.zero_as_dash = true;
  row.table.suppress(dash);
  CHECK(row.table.hidden(row.parts[1]) == Hidden::kSmall);
  CHECK(row.table.hidden(row.parts[0]) == Hidden::kNo);
  CHECK(row.table.hidden(row.parts[2]) == Hidden::kProtecting);
  CHECK(row.table.pinned(dash).empty());
}

TEST_CASE("suppression: in a two-way table the hidden cells close into a rectangle") {
  // Rows a, b; columns x, y, z; row and column totals.
  SuppressionTable t;
  PrivacySettings s;
  int ax = t.add(2), ay = t.add(10), az = t.add(8);
  int bx = t.add(9), by = t.add(11), bz = t.add(7);
  int a = t.add(20), b = t.add(27);
  int x = t.add(11), y = t.add(21), z = t.add(15);
  t.relate(a, {ax, ay, az});
  t.relate(b, {bx, by, bz});
  t.relate(x, {ax, bx});
  t.relate(y, {ay, by});
  t.relate(z, {az, bz});
  t.suppress(s);
  CHECK(t.hidden(ax) == Hidden::kSmall);
  CHECK_FALSE(pinned(t, ax, s));
  int hidden_in_a = 0, hidden_in_x = 0;
  for (int c : {ax, ay, az}) hidden_in_a += t.hidden(c) != Hidden::kNo;
  for (int c : {ax, bx}) hidden_in_x += t.hidden(c) != Hidden::kNo;
  CHECK(hidden_in_a >= 2);
  CHECK(hidden_in_x >= 2);
  // The reader's bounds on every hidden cell are wider than one value.
  auto bounds = t.reader_bounds(s);
  for (std::size_t c = 0; c < t.size(); ++c) {
    if (t.hidden(static_cast<int>(c)) != Hidden::kNo) CHECK(bounds[c].first < bounds[c].second);
  }
}

// The exact audit (compute/disclosure_audit.h): what the interval pass misses.

TEST_CASE("disclosure audit: a sum of two small cells that must be 0 pins both") {
  DisclosureAudit audit;
  int x = audit.add_variable(0, 4);
  int y = audit.add_variable(0, 4);
  audit.add_equation({{x, 1}, {y, 1}}, 1);
  CHECK(audit.range({{x, 1}}) == std::pair<double, double>{0, 1});
  audit.add_equation({{x, 1}, {y, -1}}, 1);  // x - y = 1: x is 1
  CHECK(audit.range({{x, 1}}) == std::pair<double, double>{1, 1});
  CHECK_FALSE(audit.takes_another_value({{x, 1}}, 1));
}

TEST_CASE("disclosure audit: whole numbers only, where the LP alone would leave two values") {
  // 2x - y = 1 with x and y 0 or 1: the LP lets x be anything from 0.5 to
  // 1, but the only whole-number solution is x = y = 1.
  DisclosureAudit audit;
  int x = audit.add_variable(0, 1);
  int y = audit.add_variable(0, 1);
  audit.add_equation({{x, 2}, {y, -1}}, 1);
  CHECK(audit.range({{x, 1}}) == std::pair<double, double>{1, 1});
  CHECK(audit.mip_solves() == 1);
  CHECK_FALSE(audit.takes_another_value({{x, 1}}, 1));
}

TEST_CASE("suppression: an outcome counted after the referral is at most it, and the audit sees it") {
  // Referred A 5, B 20 (25); in a job A 5, B 3 (8). B's 3 is hidden, A's 5
  // protects it ("skjult", so at least 5): but A's job count is at most A's 5
  // referred, so it is 5, and B's is 8 - 5 = 3.
  SuppressionTable table;
  int ra = table.add(5), rb = table.add(20), rt = table.add(25);
  int ja = table.add(5), jb = table.add(3), jt = table.add(8);
  table.relate(rt, {ra, rb});
  table.relate(jt, {ja, jb});
  table.at_most(ja, ra);
  table.at_most(jb, rb);
  table.at_most(jt, rt);
  PrivacySettings s;
  SuppressionTable intervals_only = table;
  intervals_only.suppress_by_intervals_for_test(s);
  CHECK(intervals_only.hidden(ja) == Hidden::kProtecting);
  CHECK(intervals_only.pinned(s) == std::vector<int>{jb});  // what main published
  table.suppress(s);
  CHECK(table.pinned(s).empty());
  CHECK(table.hidden(jb) == Hidden::kSmall);
  CHECK(table.hidden(jt) == Hidden::kProtecting);  // the rule of step 2: the sum's only visible cell
}

TEST_CASE("suppression: a small monthly step between two releases is not left to subtraction") {
  // May: 20 and 30 (50); June: 22 and 35 (57). Both releases show every
  // cell, so June - May gives the first municipality's step of 2.
  PrivacySettings s;
  SuppressionTable may, june;
  for (auto* t : {&may, &june}) {
    bool is_may = t == &may;
    int a = t->add(is_may ? 20 : 22), b = t->add(is_may ? 30 : 35), total = t->add(is_may ? 50 : 57);
    t->relate(total, {a, b});
  }
  may.suppress(s);
  SuppressionTable alone = june;
  alone.suppress(s);
  CHECK(alone.pinned(s, &may) == std::vector<int>{0});  // the total's step of 7 is no small one
  june.suppress(s, &may);
  CHECK(june.pinned(s, &may).empty());
  CHECK(june.hidden(0) == Hidden::kProtecting);
}

TEST_CASE("suppression: the joint monthly audit checks every step, however many") {
  // 3,200 municipalities and their total, each growing by 1 to 4 from May to
  // June: 3,200 small steps, more than the 3,000 solver calls after which
  // the joint audit used to stop, leaving the rest shown. Every one is checked.
  PrivacySettings s;
  constexpr int kCells = 3200;
  SuppressionTable may, june;
  for (auto* t : {&may, &june}) {
    std::vector<int> parts;
    double total = 0;
    for (int c = 0; c < kCells; ++c) {
      double value = 10 + c % 20 + (t == &june ? 1 + c % 4 : 0);
      parts.push_back(t->add(value));
      total += value;
    }
    t->relate(t->add(total), parts);
  }
  may.suppress(s);
  june.suppress(s, &may);
  // Each step lies between two shown cells unless June's is hidden.
  int shown = 0;
  for (int c = 0; c < kCells; ++c) shown += june.hidden(c) == Hidden::kNo ? 1 : 0;
  CHECK(shown == 0);
  CHECK(june.hidden(kCells) == Hidden::kNo);  // the total's step is no small one
}
