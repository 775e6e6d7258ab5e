#include "core/date.h"

#include <catch2/catch.hpp>

using maaltal::Date;
using maaltal::parse_date;

TEST_CASE("date: the four written forms give the same day") {
  for (const char* text : {"2019-12-31", "31-12-2019", "31.12.2019", "31/12/2019", " 31-12-2019 "}) {
    INFO(text);
    REQUIRE(parse_date(text) == Date::from_ymd(2019, 12, 31));
  }
}

TEST_CASE("date: single-digit day and month are accepted day first") {
  REQUIRE(parse_date("1.6.2022") == Date::from_ymd(2022, 6, 1));
}

TEST_CASE("date: impossible or malformed dates are rejected") {
  for (const char* text : {"2019-02-30", "2019-13-01", "31-12-19", "2019/12/31", "", "ja", "31-12.2019", "2019-1-01"}) {
    INFO(text);
    REQUIRE_FALSE(parse_date(text).has_value());
  }
}

TEST_CASE("date: leap days exist only in leap years") {
  REQUIRE(parse_date("29-02-2020").has_value());
  REQUIRE_FALSE(parse_date("29-02-2019").has_value());
}

TEST_CASE("date: prints ISO and orders by day") {
  REQUIRE(Date::from_ymd(2022, 6, 30).iso() == "2022-06-30");
  REQUIRE(Date::from_ymd(2022, 6, 30).year_month() == "2022-06");
  REQUIRE(Date::from_ymd(2019, 12, 31) < Date::from_ymd(2020, 1, 1));
}

TEST_CASE("date: Excel serial days, as a date cell saved as a number") {
  CHECK(parse_date("43830") == Date::from_ymd(2019, 12, 31));
  CHECK(parse_date(" 44742 ") == Date::from_ymd(2022, 6, 30));
  CHECK(parse_date("61") == Date::from_ymd(1900, 3, 1));
  CHECK_FALSE(parse_date("60"));  // Excel's 29 February 1900 never was
  CHECK_FALSE(parse_date("123456"));
  CHECK_FALSE(parse_date("4383O"));
}
