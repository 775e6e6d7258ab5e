// Small-cell suppression on hand-made tables: which cells are hidden, and
// that what a reader can work out of the rest never pins a small one.
#include "compute/suppression.h"

#include <catch2/catch.hpp>

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
