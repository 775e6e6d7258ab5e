// The masking of personal data in what maaltal prints: CPR numbers in every
// common spelling, and offending lines shown with only one value readable.
#include "core/text.h"
#include "core/diagnostics.h"

#include <catch2/catch.hpp>

using namespace maaltal;

TEST_CASE("text: CPR numbers are starred out in every common spelling, the separators kept") {
  REQUIRE(mask_cpr_numbers("010190-1234") == "******-****");
  REQUIRE(mask_cpr_numbers("0101901234") == "**********");
  REQUIRE(mask_cpr_numbers("01.01.90-1234") == "**.**.**-****");
  REQUIRE(mask_cpr_numbers("010190 1234") == "****** ****");
  REQUIRE(mask_cpr_numbers("010190\u20131234") == "******\u2013****");  // an en dash
  REQUIRE(mask_cpr_numbers("010190\u20141234") == "******\u2014****");  // an em dash
  REQUIRE(mask_cpr_numbers("010190\u00a01234") == "******\u00a0****");  // a no-break space
  REQUIRE(mask_cpr_numbers("01/01/90-1234") == "**/**/**-****");
  REQUIRE(mask_cpr_numbers("01-01-90-1234") == "**-**-**-****");
  REQUIRE(mask_cpr_numbers("01 01 90 1234") == "** ** ** ****");
  REQUIRE(mask_cpr_numbers("010190/1234") == "******/****");
  REQUIRE(mask_cpr_numbers("010190.1234") == "******.****");
}

TEST_CASE("text: CPR numbers with a hyphen, a figure dash, an underscore or a dash between spaces are starred out") {
  REQUIRE(mask_cpr_numbers("010190\u20101234") == "******\u2010****");  // a hyphen
  REQUIRE(mask_cpr_numbers("010190\u20121234") == "******\u2012****");  // a figure dash
  REQUIRE(mask_cpr_numbers("010190_1234") == "******_****");
  REQUIRE(mask_cpr_numbers("010190 - 1234") == "****** - ****");
  REQUIRE(mask_cpr_numbers("010190 -1234") == "****** -****");
  REQUIRE(mask_cpr_numbers("010190- 1234") == "******- ****");
  REQUIRE(mask_cpr_numbers("01.01.90 \u2013 1234") == "**.**.** \u2013 ****");
  for (const char* text : {"010190\u20101234", "010190 - 1234", "010190 -1234", "010190- 1234", "010190_1234"}) {
    INFO(text);
    REQUIRE(is_cpr_number(text));
  }
}

TEST_CASE("text: CPR numbers are found between letters and in a sentence") {
  REQUIRE(mask_cpr_numbers("CPR0101901234") == "CPR**********");
  REQUIRE(mask_cpr_numbers("cpr:01.01.90-1234x") == "cpr:**.**.**-****x");
  REQUIRE(mask_cpr_numbers("borger 311299-1234 og 010100 4321.") == "borger ******-**** og ****** ****.");
}

TEST_CASE("text: dates, amounts and longer numbers are not CPR numbers") {
  for (const char* text : {"2019-12-31", "31.12.2019", "31-12-2019", "2019-12-31 1234", "31.12.2019 1234",
                           "01.01.2001-1234", "1.234.567,89", "12345678901", "320190-1234", "011390-1234",
                           "000190-1234", "01.01-90-1234", "01.01.90-123", "43830", "+4512345678",
                           "2019-12-31 - 1234", "31.12.2019 - 1234", "010190 -  - 1234", "010190    - 1234",
                           "010190__1234", "1.234 - 5678", "12.500 - 1234,50"}) {
    INFO(text);
    REQUIRE(mask_cpr_numbers(text) == text);
    REQUIRE_FALSE(is_cpr_number(text));
  }
}

TEST_CASE("text: a value is a CPR number in any spelling, surrounding spaces allowed") {
  REQUIRE(is_cpr_number(" 01.01.90\u20131234 "));
  REQUIRE(is_cpr_number("0101901234"));
  REQUIRE_FALSE(is_cpr_number("0101901234 og mere"));
  REQUIRE_FALSE(is_cpr_number(""));
}

TEST_CASE("text: a line is starred out but its structure and the kept bytes") {
  REQUIRE(star_out_except("A1;Søren;\"a;b\";746", ";\"") == "**;*****;\"*;*\";***");
  REQUIRE(star_out_except("A1;Søren;746", ";", 10, 13) == "**;*****;746");
  REQUIRE(star_out_except("A1;Søren;746", ";", 3, SIZE_MAX) == "**;Søren;746");
}

TEST_CASE("text: control characters and escape sequences are shown as one ? each, the caret still aligned") {
  REQUIRE(show_controls("751;\x1b]0;PWNED\x07\x1b[2J;2021-02;4") == "751;?]0;PWNED??[2J;2021-02;4");
  REQUIRE(show_controls(std::string_view("internal\0x\x7f\u0085\tend", 17)) == "internal?x??\tend");
  REQUIRE(show_controls("Søren\u00a0") == "Søren\u00a0");
  Diagnostic d{Severity::kError, "E102", "'\x1b[2J' in column 'visiteret'", {"antal.csv", 2, 5, "", "751;\x1b[2J;4"}};
  REQUIRE(format_diagnostic(d) ==
          "antal.csv:2:5: error: '?[2J' in column 'visiteret' [E102]\n"
          "751;?[2J;4\n"
          "    ^\n");
}

TEST_CASE("text: category values are folded for matching: case, Danish capitals and surrounding spaces") {
  CHECK(fold_category("  Ordinære Timer\t") == "ordinære timer");
  CHECK(fold_category("ÆBLE ØRE ÅEN") == "æble øre åen");
  CHECK(same_category("Fleksjob ", "fleksjob"));
  CHECK_FALSE(same_category("fleks job", "fleksjob"));  // inner spaces are part of the value
}

TEST_CASE("text: typo distance counts a swap of two neighbours as one edit") {
  CHECK(typo_distance("vejel", "vejle") == 1);
  CHECK(typo_distance("vejel", "vejen") == 1);
  CHECK(typo_distance("fleksjb", "fleksjob") == 1);
  CHECK(typo_distance("", "abc") == 3);
  CHECK(typo_distance("abc", "abc") == 0);
  CHECK(closest_spelling("Flexjob", {"Ordinære timer", "Fleksjob"}) == "Fleksjob");
  CHECK(closest_spelling("Dagpnge", {"dagpenge", "Kontanthjælp"}) == "dagpenge");
  CHECK(closest_spelling("helt andet", {"Fleksjob"}).empty());
  CHECK(closest_spelling("b", {"a"}).empty());  // one edit, but the whole value
}
