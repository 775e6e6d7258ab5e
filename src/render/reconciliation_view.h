// Two registration sources compared (Report::reconciliation), as each output
// shows it: the table of rows, exclusions, matched and unmatched per source
// (like the evaluations print it), which source the report's counts come
// from, and, in an internal report only, the unmatched rows by file and line.
// Sees only the Report; a hidden count is shown by its mark.
#pragma once
#include <nlohmann/json.hpp>

#include "core/report.h"
#include "render/locale.h"
#include "render/xlsx_book.h"

namespace maaltal {

// summary.json's "reconciliation" (README "summary.json").
nlohmann::json reconciliation_json(const ReconciliationReport& rec, Audience audience);

// The templates' "reconciliation": every key present, `shown` false without one.
nlohmann::json reconciliation_view(const Report& report, const Locale& locale);

// The workbook's sheet "To kilder", when the report has a reconciliation.
void write_reconciliation_sheet(const Report& report, const Locale& locale, Workbook& book);

}  // namespace maaltal
