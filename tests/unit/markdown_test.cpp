// The project's own Markdown in the dashboard: GitHub tables, shifted
// headings, and nothing raw or unsafe passing through.
#include "render/markdown.h"

#include <catch2/catch.hpp>

using namespace maaltal;

TEST_CASE("markdown: headings move down a level, never past h6") {
  CHECK(markdown_to_html("# Om projektet\n", 1) == "<h2>Om projektet</h2>\n");
  CHECK(markdown_to_html("###### Fod\n", 1) == "<h6>Fod</h6>\n");
}

TEST_CASE("markdown: GitHub tables are tables") {
  std::string html = markdown_to_html("| a | b |\n| --- | --- |\n| 1 | 2 |\n", 1);
  CHECK(html.find("<table>") != std::string::npos);
  CHECK(html.find("<td>2</td>") != std::string::npos);
}

TEST_CASE("markdown: raw HTML and javascript: links do not pass through") {
  std::string html = markdown_to_html(
      "<script>alert(1)</script>\n\nTekst <b onclick=\"x()\">fed</b> [klik](javascript:alert(1))\n", 1);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("onclick") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("klik") != std::string::npos);  // the link's text stays
}
