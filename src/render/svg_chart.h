// Inline SVG charts for the dashboard, drawn by maaltal itself so the page
// needs no script and no chart library. Each chart is an accessible image:
// role="img", a <title>, and a <desc> that says in words what the bars show.
#pragma once
#include <string>

#include "core/report.h"
#include "render/locale.h"

namespace maaltal {

// Horizontal bars per municipality and the total: attainment (with a line at
// 100 %) for indicators with targets, the share itself for ratios. Returns ""
// when the indicator has nothing to draw.
std::string bar_chart_svg(const Report& report, std::size_t indicator, const Locale& locale);

// Text escaped for XML and HTML content and attribute values.
std::string xml_escape(const std::string& text);

}  // namespace maaltal
