// The workbook's survey sheet: one row per survey, question, group and
// answer, counts and n as numbers, each share a formula of its count and its
// denominator (with its value cached), so that STAR can filter, pivot and
// re-add. A public workbook shows a hidden count's mark and no share.
#pragma once
#include "core/report.h"
#include "render/locale.h"
#include "render/xlsx_book.h"

namespace maaltal {

// Adds the sheet when the report has surveys.
void write_survey_sheet(const Report& report, const Locale& locale, Workbook& book);

}  // namespace maaltal
