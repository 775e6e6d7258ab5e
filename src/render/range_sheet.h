// The workbook's sheet of ranges across municipalities ("Spænd"): for each
// ratio and attainment of the total, the total, the lowest and the highest
// municipality's value and name, and how many municipalities have one. Every
// figure is a formula over the overview's municipality cells (MIN, MAX,
// COUNT, and INDEX/MATCH for the names), so STAR can trace and recalculate
// it; maaltal's values are cached. MATCH finds the first row with the value,
// and the overview lists municipalities in the report's collation: the same
// tie rule as compute/ranges.h. A public workbook holds values instead, as its
// overview does: the range over the figures shown, as maaltal computed it.
#pragma once
#include <functional>
#include <string>

#include "core/report.h"
#include "render/locale.h"
#include "render/xlsx_book.h"

namespace maaltal {

// Where the overview sheet holds each figure.
struct OverviewCells {
  std::string sheet_name;
  std::function<int(std::size_t indicator, int unit)> row_of;  // unit == units.size(): the total
  int municipality_col = -1;                                    // -1: the layout has no such column
  int actual_col = -1;
  int attainment_col = -1;
};

// Writes the sheet when the report has any range and the overview holds the
// cells it is made from; otherwise writes nothing.
void write_range_sheet(const Report& report, const Locale& locale, const OverviewCells& overview,
                       const std::string& percent_format, Workbook& book);

}  // namespace maaltal
