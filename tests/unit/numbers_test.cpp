#include "core/numbers.h"

#include <catch2/catch.hpp>

using maaltal::parse_number;

TEST_CASE("numbers: Danish decimal comma and thousands dots") {
  REQUIRE(parse_number("50") == 50.0);
  REQUIRE(parse_number("12,5") == 12.5);
  REQUIRE(parse_number("1.017") == 1017.0);
  REQUIRE(parse_number("1.017,5") == 1017.5);
  REQUIRE(parse_number(" -3 ") == -3.0);
}

TEST_CASE("numbers: a decimal point that cannot be a thousands separator") {
  REQUIRE(parse_number("12.5") == 12.5);
  REQUIRE(parse_number("0.125") == 0.125);
}

TEST_CASE("numbers: text that is not a number") {
  for (const char* text : {"", "ja", "12a", "1,2,3", "1e5", "inf", "12.50,1"}) {
    INFO(text);
    REQUIRE_FALSE(parse_number(text).has_value());
  }
}
