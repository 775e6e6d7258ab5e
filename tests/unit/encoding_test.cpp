// Input files as Danish Excel and municipal systems save them.
#include "core/encoding.h"

#include <catch2/catch.hpp>

using namespace maaltal;

TEST_CASE("encoding: UTF-8 with or without a byte-order mark is read as it is") {
  CHECK(decode_text("Furesø").text == "Furesø");
  DecodedText bom = decode_text(
      "\xEF\xBB\xBF"
      "Furesø");
  CHECK(bom.text == "Furesø");
  CHECK(bom.encoding == "utf-8");
}

TEST_CASE("encoding: Windows-1252 is recognised as not UTF-8 and converted") {
  DecodedText t = decode_text(
      "Fures\xF8;\xC6r\xF8; \xE5"
      "b\x80");  // ø Æ ø å €
  CHECK(t.encoding == "windows-1252");
  CHECK(t.text == "Furesø;Ærø; åb€");
}

TEST_CASE("encoding: UTF-16 with a byte-order mark, as Excel's Unicode text") {
  std::string le(
      "\xFF\xFE"
      "F\0"
      "\xF8\0"
      "\t\0"
      "1\0",
      10);
  CHECK(decode_text(le).text == "Fø\t1");
  CHECK(decode_text(le).encoding == "utf-16");
  std::string be("\xFE\xFF\0F\0\xF8", 6);
  CHECK(decode_text(be).text == "Fø");
}

TEST_CASE("encoding: what is not UTF-8") {
  CHECK(is_valid_utf8("æøå €"));
  CHECK_FALSE(is_valid_utf8("\xC3"));          // cut short
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a surrogate
  CHECK_FALSE(is_valid_utf8("\xF8"));          // Windows-1252 ø
}
