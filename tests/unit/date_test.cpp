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
  for (const char* text : {"2019-02-30", "2019-13-01", "31-12-019", "2019/12/31", "", "ja", "31-12.2019", "2019-1-01", "31 12 2019"}) {
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

TEST_CASE("date: Danish and English month names and abbreviations, any case") {
  for (const char* text : {"2. maj 2025", "2 maj 2025", "02-maj-2025", "2-May-2025", "2. MAJ 2025", "2.maj.2025",
                           "02-May-25", "2 may 2025", " 2. maj 2025 "}) {
    INFO(text);
    CHECK(parse_date(text) == Date::from_ymd(2025, 5, 2));
  }
  const char* danish[] = {"januar", "februar", "marts", "april", "maj", "juni",
                          "juli", "august", "september", "oktober", "november", "december"};
  const char* short_danish[] = {"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
  const char* english[] = {"January", "February", "March", "April", "May", "June",
                           "July", "August", "September", "October", "November", "December"};
  const char* short_english[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (unsigned m = 1; m <= 12; ++m) {
    for (const char* name : {danish[m - 1], short_danish[m - 1], english[m - 1], short_english[m - 1]}) {
      std::string text = std::string("1. ") + name + " 2024";
      INFO(text);
      CHECK(parse_date(text) == Date::from_ymd(2024, m, 1));
    }
  }
  CHECK(parse_date("30. sept. 2024") == Date::from_ymd(2024, 9, 30));
  CHECK(parse_date("30-Sept-2024") == Date::from_ymd(2024, 9, 30));
}

TEST_CASE("date: two-digit years, 00-69 in 2000-2069 and 70-99 in 1970-1999") {
  CHECK(parse_date("02.05.25") == Date::from_ymd(2025, 5, 2));
  CHECK(parse_date("02-05-25") == Date::from_ymd(2025, 5, 2));
  CHECK(parse_date("2/5/00") == Date::from_ymd(2000, 5, 2));
  CHECK(parse_date("31-12-69") == Date::from_ymd(2069, 12, 31));
  CHECK(parse_date("01-01-70") == Date::from_ymd(1970, 1, 1));
  CHECK(parse_date("2-maj-99") == Date::from_ymd(1999, 5, 2));
  CHECK(maaltal::has_two_digit_year("02-05-25"));
  CHECK(maaltal::has_two_digit_year(" 2. maj 89 "));
  CHECK_FALSE(maaltal::has_two_digit_year("02-05-2025"));
  CHECK_FALSE(maaltal::has_two_digit_year("2025-05-02"));
}

TEST_CASE("date: a spelled month does not make an impossible or unknown date") {
  for (const char* text : {"31. november 2024", "31-11-2024", "29-feb-2023", "2. mai 2025", "2 maj", "maj 2025",
                           "2. maj 202", "2 maj 20255", "0. maj 2025", "2.. maj 2025x", "2 - maj - 2025",
                           "02-05-205", "2. ma 2025", "2. majj 2025"}) {
    INFO(text);
    CHECK_FALSE(parse_date(text).has_value());
  }
}
