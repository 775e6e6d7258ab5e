#include "render/workbook_print.h"

#include <catch2/catch.hpp>

#include "render/xlsx_book.h"

using namespace maaltal;

namespace {

PageHeading heading(const std::string& title) { return {title, "Opgjort pr. 30. juni 2022", "side &P af &N"}; }

}  // namespace

TEST_CASE("print: an '&' in the name is doubled, so Excel prints it and reads no code") {
  REQUIRE(page_header_text(heading("Job & trivsel")) == "&LJob && trivsel");
  REQUIRE(page_footer_text(heading("x")) == "&L&A&COpgjort pr. 30. juni 2022&Rside &P af &N");
  REQUIRE(page_footer_text({"x", "As of 1 May 2025 & later", "page &P of &N"}) ==
          "&L&A&CAs of 1 May 2025 && later&Rpage &P of &N");
}

TEST_CASE("print: a long name is cut with '…' to a line, never past Excel's 255 characters") {
  std::string name;
  for (int i = 0; i < 40; ++i) name += "Æ&ø ";  // multi-byte letters, and '&' that doubles
  std::string header = page_header_text(heading(name));
  REQUIRE(text_width(header) <= 80 + 2);  // "&L" and the cut name
  REQUIRE(header.substr(header.size() - 3) == "…");
  REQUIRE(header.rfind("&L", 0) == 0);
  // No '&' left single at the cut: every '&' after the code is one of a pair.
  std::string body = header.substr(2);
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '&') continue;
    REQUIRE(i + 1 < body.size());
    REQUIRE(body[i + 1] == '&');
    ++i;
  }
  REQUIRE(page_header_text(heading("Vi gør en forskel")) == "&LVi gør en forskel");
}

TEST_CASE("print: the scale fits the columns to a landscape page, within 10-100 %") {
  REQUIRE(landscape_scale_for({10, 10}) == 100);
  std::vector<double> wide(40, 15);  // 40 columns of 15 characters: 4400 pixels
  int scale = landscape_scale_for(wide);
  REQUIRE(scale == 20);  // 10.29 in × 96 × 0.9 / 4400 px
  REQUIRE(landscape_scale_for(std::vector<double>(1000, 50)) == 10);
  REQUIRE(fits_portrait(std::vector<double>(5, 16)));
  REQUIRE_FALSE(fits_portrait(std::vector<double>(6, 16)));
}
