// "Since the last report" in a public output: only between figures both
// public releases show, and never a movement of 1 to threshold-1.
#include "compute/public_changes.h"

#include <catch2/catch.hpp>

using namespace maaltal;

namespace {

Figure shown(double actual) {
  Figure f;
  f.actual = actual;
  return f;
}

Figure hidden() {
  Figure f;
  f.hidden = Hidden::kProtecting;
  return f;
}

// A public release of one count indicator: municipalities A, B, C and the total.
Report release(Date as_of, Figure a, Figure b, Figure c, Figure total) {
  Report r;
  r.audience = Audience::kPublic;
  r.as_of = as_of;
  Indicator ind;
  ind.id = "visiterede";
  r.indicators = {ind};
  r.units = {{"101", "A", {a}}, {"102", "B", {b}}, {"103", "C", {c}}};
  r.total = {"", "", {total}};
  return r;
}

}  // namespace

TEST_CASE("public changes: shown in both releases and at least the threshold apart, else left out") {
  Date may = Date::from_ymd(2026, 5, 31);
  Date june = Date::from_ymd(2026, 6, 30);
  Report then = release(may, shown(17), shown(5), hidden(), shown(40));
  Report now = release(june, shown(20), shown(12), shown(9), shown(50));
  compare_public_releases(now, then, "maj/summary.json");
  REQUIRE(now.changes);
  CHECK(now.changes->previous_as_of == may);
  CHECK(now.changes->previous_file == "maj/summary.json");
  CHECK(now.changes->revisions.empty());
  REQUIRE(now.changes->changes.size() == 2);
  // A moved by 3: a small count of participants, left out; C was hidden.
  CHECK(now.changes->changes[0].unit_code == "102");
  CHECK(*now.changes->changes[0].previous == 5);
  CHECK(*now.changes->changes[0].actual == 12);
  CHECK(now.changes->changes[1].unit_code.empty());
  CHECK(*now.changes->changes[1].actual - *now.changes->changes[1].previous == 10);
}

TEST_CASE("public changes: an unchanged figure only with zero_as_dash; a figure hidden now is left out") {
  Date may = Date::from_ymd(2026, 5, 31);
  Date june = Date::from_ymd(2026, 6, 30);
  Report then = release(may, shown(20), shown(30), shown(8), shown(58));
  Report now = release(june, shown(20), hidden(), shown(8), shown(63));
  compare_public_releases(now, then, "");
  REQUIRE(now.changes);
  REQUIRE(now.changes->changes.size() == 1);  // the total's +5; 0 is hidden like a small count
  CHECK(now.changes->changes[0].unit_code.empty());
  now.privacy.zero_as_dash = true;
  compare_public_releases(now, then, "");
  CHECK(now.changes->changes.size() == 3);  // A and C unchanged, and the total
}

TEST_CASE("public changes: the same release twice is no change") {
  Date june = Date::from_ymd(2026, 6, 30);
  Report now = release(june, shown(20), shown(12), shown(9), shown(41));
  compare_public_releases(now, release(june, shown(20), shown(12), shown(9), shown(41)), "");
  CHECK_FALSE(now.changes);
}
