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

// Per municipality: a bullet chart with a row per indicator that has a target:
// the actual as a bar, the target as a tall line, expected-by-now as a
// triangle. Each row has its own scale. "" when no indicator has a target.
std::string bullet_chart_svg(const Report& report, const UnitFigures& unit, const Locale& locale,
                             const std::string& id);

// Per municipality (or the total) and count or sum indicator with a target:
// the cumulative count month by month, the target trajectory over the whole
// period and the forecast from the as-of month to the end. "" without a
// trajectory.
std::string progress_chart_svg(const Report& report, const UnitFigures& unit, std::size_t indicator,
                               const Locale& locale, const std::string& id);

// The sentence a chart's <desc> and its table caption share for one figure:
// "Visiterede: 86 af 120 (72 %); forventet på dette tidspunkt: 100."
std::string bullet_sentence(const Report& report, std::size_t indicator, const Figure& f, const Locale& locale);

// Text escaped for XML and HTML content and attribute values.
std::string xml_escape(const std::string& text);

}  // namespace maaltal
