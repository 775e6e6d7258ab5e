// The workbook's detail sheets, in long form for filtering and pivot tables:
// Fordelinger (breakdowns), Tragt (funnels) and Mål (qualitative goals). Each
// is written only when the project has such figures.
#pragma once
#include <nlohmann/json.hpp>

#include "core/report.h"
#include "render/locale.h"
#include "render/xlsx_book.h"

namespace maaltal {

void write_detail_sheets(const Report& report, const Locale& locale, const nlohmann::json& layout, Workbook& book);

}  // namespace maaltal
