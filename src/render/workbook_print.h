// How the workbooks print (README "Printing the workbook"): every sheet on A4,
// a header with the project's name and its as-of date and a footer with the
// sheet's name and "side N af M" on every page, fit to the page's width with
// its header row repeated. STAR files the workbook on paper or as PDF.
#pragma once
#include <xlsxwriter.h>

#include <string>
#include <vector>

#include "core/date.h"
#include "render/locale.h"

namespace maaltal {

// What each printed page of a workbook carries, as plain text.
struct PageHeading {
  std::string title;  // the project's or the pool's name
  std::string as_of;  // "Opgjort pr. 31. maj 2025"
  std::string pages;  // "side &P af &N": Excel's codes for the page and the number of pages
};

// How one sheet prints.
struct PrintAs {
  bool landscape = true;   // a sheet wider than a portrait page
  bool header_row = true;  // row 1 is a table's header: repeated on every page
  bool fit_width = true;   // scaled to one page wide (the wide month tables are not)
};

// The heading from a locale: `as_of_key` names the as-of label ("as_of_label"
// in a project's locale, "as_of" in a pool's), "print_pages" the page number.
// `language` ("da", "en") writes the date.
PageHeading page_heading(const Locale& locale, const std::string& language, const std::string& title,
                         const std::string& as_of_key, Date as_of);

// The header and footer strings in Excel's codes: '&' in a text doubled; the
// title in the header, shortened with "…" to 80 characters (a line of a
// portrait page, well inside Excel's 255); the sheet's name, the as-of date
// and the page number in the footer.
std::string page_header_text(const PageHeading& heading);
std::string page_footer_text(const PageHeading& heading);

// The print scale (10–100 %) at which columns of these widths (Excel's
// character widths) fill no more than a landscape A4 page's width.
int landscape_scale_for(const std::vector<double>& widths);

// The print scale (10–100 %) at which `rows` rows of the default height fit
// a landscape A4 page's height.
int landscape_scale_for_rows(int rows);

// Whether columns of these widths fit a portrait A4 page at full size.
bool fits_portrait(const std::vector<double>& widths);

// Sets `sheet` up for printing. Throws Error(kWrite) when libxlsxwriter refuses.
void set_print_layout(lxw_worksheet* sheet, const PageHeading& heading, const PrintAs& how);

}  // namespace maaltal
