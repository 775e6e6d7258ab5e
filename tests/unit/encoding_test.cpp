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

TEST_CASE("encoding: a UTF-8 text with a stray byte is read, marked with where the byte is") {
  DecodedText t = decode_text("navn;by\nFures\xC3\xB8;ok\nK\xF8ge;x\n");  // ø as UTF-8, then ø as Windows-1252
  REQUIRE(t.stray.has_value());
  CHECK(t.stray->line == 3);
  CHECK(t.stray->column == 2);
  CHECK(t.stray->value == 0xF8);
  CHECK_FALSE(decode_text("K\xF8ge;\xE6\xF8\xE5").stray.has_value());  // Windows-1252 throughout
  CHECK_FALSE(decode_text("K\xC3\xB8ge").stray.has_value());           // UTF-8 throughout
}

TEST_CASE("encoding: the checker finds a stray byte across pieces, before or after the UTF-8 letters") {
  Utf8Checker before;
  before.add("a\nb\xE6", false);  // the stray on line 2, column 2
  before.add("c\n", false);
  CHECK_FALSE(before.mixed());
  before.add("\xC3", false);   // a sequence cut at a piece's end is no stray ...
  before.add("\xA6\n", true);  // ... once the next piece finishes it
  CHECK(before.mixed());
  CHECK(before.stray()->line == 2);
  CHECK(before.stray()->column == 2);

  Utf8Checker after;
  after.add("\xC3\xA6\xC3", false);
  after.add("\xB8x\xC3", false);
  CHECK(after.valid());
  after.add("", true);  // the file ends in the middle of a sequence
  CHECK(after.mixed());
  CHECK(after.stray()->line == 1);
  CHECK(after.stray()->column == 4);
}

TEST_CASE("encoding: a Windows-1252 word that happens to form UTF-8 is still Windows-1252") {
  // “ÆRØ” in Windows-1252: Ø and ” (D8 94) form a valid UTF-8 sequence, U+0614,
  // which no Danish file holds as UTF-8: the file is read as Windows-1252.
  DecodedText t = decode_text("\x93\xC6R\xD8\x94 og S\xF8nderborg");
  CHECK_FALSE(t.stray.has_value());
  CHECK(t.encoding == "windows-1252");
  CHECK(t.text == "“ÆRØ” og Sønderborg");
  // An en dash or a euro sign written as UTF-8 is UTF-8 text, like æ.
  CHECK(decode_text("10 \xE2\x82\xAC; K\xF8ge").stray.has_value());
  CHECK(decode_text("2020\xE2\x80\x93"
                    "2021; K\xF8ge")
            .stray.has_value());
}
