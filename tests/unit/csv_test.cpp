#include "read/csv.h"

#include <catch2/catch.hpp>

#include "core/diagnostics.h"

using namespace maaltal;

namespace {

// A text and what parse_csv made of it; the line index points into the text.
struct Parsed {
  explicit Parsed(std::string t) : text(std::move(t)), lines(text) {
    table = parse_csv(text, 0, "data.csv", lines, diags);
  }
  std::string text;
  LineIndex lines;
  Diagnostics diags;
  CsvTable table;
};

std::vector<std::string> values(const CsvRecord& r) {
  std::vector<std::string> out;
  for (const auto& f : r.fields) out.push_back(f.value);
  return out;
}

}  // namespace

TEST_CASE("csv: the delimiter is detected from the header line") {
  REQUIRE(detect_delimiter("a;b;c\n1,5;2;3\n") == ';');
  REQUIRE(detect_delimiter("a,b,c\n") == ',');
  REQUIRE(detect_delimiter("a\tb\tc\n") == '\t');
  REQUIRE(detect_delimiter("\"a;b\",c\n") == ',');
}

TEST_CASE("csv: a quoted field may hold delimiters, doubled quotes and span lines") {
  Parsed p("id;note\r\n1;\"a;b \"\"c\"\"\r\nnext line\"\r\n2;plain\r\n");
  const auto& table = p.table;
  REQUIRE(p.diags.all().empty());
  REQUIRE(table.records.size() == 3);
  REQUIRE(values(table.records[1]) == std::vector<std::string>{"1", "a;b \"c\"\r\nnext line"});
  REQUIRE(table.records[2].line == 4);
  REQUIRE(values(table.records[2]) == std::vector<std::string>{"2", "plain"});
}

TEST_CASE("csv: blank lines are skipped and an empty last field is kept") {
  Parsed p("a,b\n\n1,\n\n");
  const auto& table = p.table;
  REQUIRE(table.records.size() == 2);
  REQUIRE(values(table.records[1]) == std::vector<std::string>{"1", ""});
  REQUIRE(table.records[1].line == 3);
}

TEST_CASE("csv: an unclosed quote is one error with line, column and caret, every value starred out") {
  // The parser cannot know which value is a participant's id (3391 here).
  Parsed p("id;kommune;note\n3391;746;\"sygemeldt\n2;x\n");
  REQUIRE(p.diags.all().size() == 1);
  REQUIRE(format_diagnostic(p.diags.all()[0]) ==
          "data.csv:2:10: error: quoted field is not closed before the end of the file [E101]\n"
          "****;***;\"*********\n"
          "         ^\n");
}

TEST_CASE("csv: header names match without regard to case and surrounding spaces") {
  REQUIRE(normalise_header("  KommuneKode ") == "kommunekode");
}
