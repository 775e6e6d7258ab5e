#include "render/format.h"

#include <catch2/catch.hpp>

using namespace maaltal;

TEST_CASE("format: Danish thousands dots and decimal comma") {
  REQUIRE(format_number(1017, 0, "da") == "1.017");
  REQUIRE(format_number(1234567, 0, "da") == "1.234.567");
  REQUIRE(format_number(39.44, 1, "da") == "39,4");
  REQUIRE(format_number(1017, 0, "en") == "1,017");
  REQUIRE(format_number(-1017.25, 1, "da") == "-1.017,3");
}

TEST_CASE("format: percentages round half up, with a space in Danish") {
  REQUIRE(format_percent(38.0 / 52, 0, "da") == "73 %");    // the published report printed 74
  REQUIRE(format_percent(38.0 / 59, 0, "da") == "64 %");    // printed 65
  REQUIRE(format_percent(45.0 / 65, 0, "da") == "69 %");    // printed 65
  REQUIRE(format_percent(121.0 / 176, 0, "da") == "69 %");  // 68,75 rounds up
  REQUIRE(format_percent(0.565, 0, "da") == "57 %");        // binary 56.4999... still rounds up
  REQUIRE(format_percent(0.394, 1, "da") == "39,4 %");
  REQUIRE(format_percent(201.0 / 173, 0, "en") == "116%");  // never capped
}

TEST_CASE("format: round_half_up on exact halves") {
  REQUIRE(round_half_up(0.5, 0) == 1.0);
  REQUIRE(round_half_up(2.5, 0) == 3.0);
  REQUIRE(round_half_up(1.005, 2) == 1.01);
  REQUIRE(round_half_up(-2.5, 0) == -3.0);
}

TEST_CASE("format: long dates in Danish and English") {
  REQUIRE(format_date_long(Date::from_ymd(2019, 12, 31), "da") == "31. december 2019");
  REQUIRE(format_date_long(Date::from_ymd(2022, 6, 30), "da") == "30. juni 2022");
  REQUIRE(format_date_long(Date::from_ymd(2022, 6, 3), "en") == "3 June 2022");
}

TEST_CASE("format: SOURCE_DATE_EPOCH as a UTC timestamp") {
  REQUIRE(format_utc_timestamp(0) == "1970-01-01T00:00:00Z");
  REQUIRE(format_utc_timestamp(1656590400) == "2022-06-30T12:00:00Z");
}
