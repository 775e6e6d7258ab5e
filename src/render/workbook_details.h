// The workbook's sheets that are one long table each, for filtering and
// pivot tables: Måneder (the monthly series), Fordelinger (breakdowns), Tragt
// (funnels), Mål (goals), Datakvalitet (every diagnostic, under the row
// accounting) and Definitioner. Breakdowns, funnels and goals are written only
// when the project has them.
#pragma once
#include "core/report.h"
#include "render/locale.h"
#include "render/templates.h"
#include "render/workbook_layout.h"
#include "render/xlsx_book.h"

namespace maaltal {

// Writes sheet `s` when it is one of these; false when `s` is another kind.
bool write_detail_sheet(const Report& report, const SheetLayout& s, const WorkbookLayout& layout, const Locale& locale,
                        Workbook& book);

// workbook.layout.json from the templates, parsed for this report.
WorkbookLayout layout_for(const Report& report, const TemplateSet& templates);

// The document properties: title, subject, author, and the report's date
// as its creation time (never the clock: the same inputs give the same bytes).
void set_properties(const Report& report, const Locale& locale, Workbook& book);

// What each printed page of the project's workbooks carries: its title and as-of date.
PageHeading workbook_heading(const Report& report, const Locale& locale);

}  // namespace maaltal
