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

TEST_CASE("markdown: an image from another host becomes its description, in HTML and in Markdown") {
  std::string text = "![kort](http://tracker.example/a.png) ![logo](//tracker.example/b.png) ![lokal](billede.png)\n";
  std::string html = markdown_to_html(text, 1);
  CHECK(html == "<p>kort logo <img src=\"billede.png\" alt=\"lokal\" /></p>\n");
  CHECK(markdown_shift_headings(text, 1) == "kort logo ![lokal](billede.png)\n");
}

TEST_CASE("markdown: an address is on another host when it has a scheme or starts with two slashes") {
  for (const char* remote : {"http://a.example/x.png", "HTTPS://a.example", "//a.example/x", "/\\a.example/x",
                             " \thttp://a.example", "ht\ntp://a.example", "file:///etc/passwd", "ftp://a.example"}) {
    INFO(remote);
    CHECK(is_remote_url(remote));
  }
  for (const char* local : {"billede.png", "/billeder/x.png", "./x.png", "data:image/png;base64,AAAA", "#top", ""}) {
    INFO(local);
    CHECK_FALSE(is_remote_url(local));
  }
}

TEST_CASE("markdown: a remote image is a warning at its line and column") {
  auto problems = check_markdown("# Titel\n\nSe ![logo](https://a.example/l.png)\n");
  REQUIRE(problems.size() == 1);
  CHECK_FALSE(problems[0].error);
  CHECK(problems[0].line == 3);
  CHECK(problems[0].column == 4);
  CHECK(problems[0].message ==
        "an image from another host, 'https://a.example/l.png', is left out: a published page loads nothing from "
        "another host; put the image beside the page instead");
}

TEST_CASE("markdown: a text over its limits is refused before any parse") {
  CHECK(check_markdown(std::string(kMaxTextBytes + 1, 'a'))[0].message ==
        "the text is 262145 bytes (at most 262144)");
  std::string wide = "Tekst\n\n| a |";
  std::string rule = "|";
  for (int c = 0; c < 65; ++c) wide += " b |", rule += "-|";
  auto problems = check_markdown(wide + "\n" + rule + "\n");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 3);
  CHECK(problems[0].message == "a table of 65 columns (at most 64)");
  problems = check_markdown("ok\n" + std::string(40, '>') + " citat\n");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 2);
  CHECK(problems[0].message == "block quotes and lists nested 40 deep (at most 32)");
}

TEST_CASE("markdown: ordinary texts are within the limits") {
  CHECK(check_markdown("# Om\n\n> citat\n> > svar\n\n- a\n  - b\n    1. c\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n"
                       "                                                                 kode\n")
            .empty());
}
