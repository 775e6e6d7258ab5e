#include "render/workbook_print.h"

#include <algorithm>

#include "render/format.h"
#include "render/xlsx_book.h"

namespace maaltal {

namespace {

constexpr int kMaxHeaderChars = 255;  // Excel's limit, codes included (libxlsxwriter counts code points)
constexpr int kMaxTitleChars = 80;    // what one line of a portrait A4 page's header holds
constexpr uint8_t kPaperA4 = 9;

// '&' starts a code in a header: a literal one is "&&".
std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '&' ? std::string("&&") : std::string(1, c);
  return out;
}

// `text` escaped, cut at a code point so that it takes at most `room`
// characters, "…" marking the cut.
std::string escaped_within(const std::string& text, int room) {
  std::string whole = escaped(text);
  if (text_width(whole) <= room) return whole;
  std::string kept;
  int used = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t next = i + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    std::string piece = escaped(text.substr(i, next - i));
    if (used + text_width(piece) + 1 > room) break;  // 1: the "…"
    kept += piece;
    used += text_width(piece);
    i = next;
  }
  return kept + "…";
}

// A column's width in pixels at 96 dpi, as Excel draws a width of `chars`
// characters of its default font (7 pixels each, 5 of padding).
double column_pixels(double chars) { return chars * 7 + 5; }

double pixels_of(const std::vector<double>& widths) {
  double pixels = 0;
  for (double w : widths) pixels += column_pixels(w);
  return pixels;
}

// 10 % to spare: a spreadsheet program's font and rounding draw columns a little wider than Excel's rule says.
constexpr double kSpare = 0.9;

// A4 is 8.27 × 11.69 inches; Excel's default margins take 0.7 each side.
constexpr double kPortraitInches = 8.27 - 2 * 0.7;
constexpr double kLandscapeInches = 11.69 - 2 * 0.7;

}  // namespace

int landscape_scale_for(const std::vector<double>& widths) {
  double pixels = pixels_of(widths);
  if (pixels <= 0) return 100;
  int scale = static_cast<int>(kLandscapeInches * 96 * kSpare / pixels * 100);
  return std::clamp(scale, 10, 100);
}

int landscape_scale_for_rows(int rows) {
  // A4 landscape is 8.27 inches high; Excel's default margins take 0.75 at top and bottom. A row is 20 pixels.
  constexpr double kPrintableInches = 8.27 - 2 * 0.75;
  if (rows <= 0) return 100;
  return std::clamp(static_cast<int>(kPrintableInches * 96 * kSpare / (rows * 20.0) * 100), 10, 100);
}

bool fits_portrait(const std::vector<double>& widths) { return pixels_of(widths) <= kPortraitInches * 96; }

PageHeading page_heading(const Locale& locale, const std::string& language, const std::string& title,
                         const std::string& as_of_key, Date as_of) {
  return {title, locale.get(as_of_key) + " " + format_date_long(as_of, language),
          locale.fill("print_pages", {{"page", "&P"}, {"pages", "&N"}})};
}

std::string page_header_text(const PageHeading& heading) {
  // The name alone across the top; a long one cut where it would wrap into the page.
  std::string left = "&L";
  return left + escaped_within(heading.title, std::min(kMaxTitleChars, kMaxHeaderChars - text_width(left)));
}

std::string page_footer_text(const PageHeading& heading) {
  // The sheet's name (&A) at the left, so a loose page says where it belongs.
  return "&L&A&C" + escaped(heading.as_of) + "&R" + heading.pages;
}

void set_print_layout(lxw_worksheet* sheet, const PageHeading& heading, const PrintAs& how) {
  worksheet_set_paper(sheet, kPaperA4);
  if (how.landscape) worksheet_set_landscape(sheet);
  if (how.fit_width) worksheet_fit_to_pages(sheet, 1, 0);
  if (how.header_row) check(worksheet_repeat_rows(sheet, 0, 0), "print titles");
  check(worksheet_set_header(sheet, page_header_text(heading).c_str()), "page header");
  check(worksheet_set_footer(sheet, page_footer_text(heading).c_str()), "page footer");
}

}  // namespace maaltal
