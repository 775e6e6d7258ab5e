// The workbook's sheets that are one long table each, for filtering and
// pivot tables: Måneder (the monthly series), Fordelinger (breakdowns), Tragt
// (funnels), Mål (goals), Datakvalitet (every diagnostic, under the row
// accounting) and Definitioner. Breakdowns, funnels and goals are written only
// when the project has them.
#pragma once
#include "core/report.h"
#include "render/locale.h"
#include "render/workbook_layout.h"
#include "render/xlsx_book.h"

namespace maaltal {

// Writes sheet `s` when it is one of these; false when `s` is another kind.
bool write_detail_sheet(const Report& report, const SheetLayout& s, const WorkbookLayout& layout, const Locale& locale,
                        Workbook& book);

// With --raw-rows (an internal report only): one row per registration, the
// participant as a pseudonym, on as many sheets as Excel's row limit needs.
// Written cell by cell, not through a table of rows, as there may be millions.
void write_raw_rows(const Report& report, const WorkbookLayout& layout, const Locale& locale, Workbook& book);

}  // namespace maaltal
