// The surveys in every output: summary.json's "surveys", the view the status
// report's and the dashboard's templates show (a table per question, a
// sentence, and on the dashboard a diverging stacked bar chart as SVG), and
// the workbook's sheet. Sees only the Report.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/report.h"
#include "render/locale.h"

namespace maaltal {

// summary.json's "surveys": per survey, per question, each group's and the
// total's {group, n, answered, counts, shares}; a hidden count is null.
nlohmann::json surveys_json(const Report& report);

// The templates' "surveys": per survey its title, who answered, n and the
// denominator of the shares, and per question a table, a sentence per group
// and (for the dashboard) the chart.
nlohmann::json surveys_view(const Report& report, const Locale& locale);

// The chart of one question: a bar per group and the total, the positive
// answers right of the middle, the negative left, "not answered" apart at
// the right end; named by its title, described once, patterns beside colour.
std::string survey_chart_svg(const Report& report, const SurveyReport& survey, const SurveyQuestion& question,
                             const std::string& chart_id, const Locale& locale);

}  // namespace maaltal
