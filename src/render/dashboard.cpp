#include "render/locale.h"
#include "render/svg_chart.h"
#include "render/view_model.h"
#include "render/writers.h"

namespace maaltal {

std::string render_dashboard(const Report& report, const TemplateSet& templates) {
  Locale locale = Locale::load(templates, report.project.locale);
  nlohmann::json view = build_view(report, locale);
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    std::string svg = bar_chart_svg(report, i, locale);
    view["indicators"][i]["chart"] = svg;
    view["indicators"][i]["has_chart"] = !svg.empty();
  }
  const std::string name = "dashboard.html.mustache";
  return render_template(name, templates.text(name), view, xml_escape);
}

}  // namespace maaltal
