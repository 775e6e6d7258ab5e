// The dashboard's pages: the shared view model plus what only the dashboard
// shows (charts, municipality sections, definitions, the project's own
// texts), laid out as one file, a site of pages, or a fragment for a CMS.
#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "render/format.h"
#include "render/locale.h"
#include "render/markdown.h"
#include "render/svg_chart.h"
#include "render/view_model.h"
#include "render/writers.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

constexpr const char* kCss = "dashboard.css";
constexpr const char* kTemplate = "dashboard.html.mustache";

std::string unit_anchor(const UnitFigures& unit) { return "kommune-" + unit.code; }
std::string unit_page(const UnitFigures& unit) { return unit_anchor(unit) + ".html"; }

// The style sheet, checked before it is inlined in a <style> element: a '<'
// could end the element and start markup (</style><script>), a url(),
// image-set() or @import would load from elsewhere, and a backslash escape
// could spell either past this check. Error(kTemplate) at its line and column.
std::string checked_style_sheet(const std::string& css, const std::string& origin) {
  auto refuse = [&](std::size_t pos, const std::string& why) {
    throw Error(ErrorKind::kTemplate, text_position(origin, css, pos) + ": a style sheet may not " + why);
  };
  if (auto pos = css.find('<'); pos != std::string::npos)
    refuse(pos, "contain '<' (it could end the page's <style> element)");
  if (auto pos = css.find('\\'); pos != std::string::npos)
    refuse(pos, "contain '\\' (an escape could spell what is refused here)");
  std::string lower = css;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* loads : {"url(", "image-set(", "image(", "src(", "@import"}) {
    if (auto pos = lower.find(loads); pos != std::string::npos)
      refuse(pos, std::string("load anything ('") + loads + "'): the dashboard loads nothing from elsewhere");
  }
  return css;
}

// The project's Markdown placed at `place`, as safe HTML whose "#" headings
// become h2, under the page's own h1.
Json texts_at(const Report& report, const std::string& place) {
  Json texts = Json::array();
  for (const auto& text : report.texts) {
    if (text.place == place) texts.push_back({{"html", markdown_to_html(text.markdown, 1)}});
  }
  return texts;
}

// A progress chart and, for its table, the months up to the as-of month.
Json progress_view(const Report& report, const UnitFigures& unit, std::size_t i, const Locale& locale) {
  const Figure& f = unit.values[i];
  std::string id = "forloeb-" + (unit.code.empty() ? std::string("i-alt") : unit.code) + "-" + report.indicators[i].id;
  std::string chart = progress_chart_svg(report, unit, i, locale, id);
  if (chart.empty()) return nullptr;
  Json months = Json::array();
  for (std::size_t m = 0; m < f.series.size() && m < f.trajectory.size(); ++m) {
    const MonthPoint& p = f.series[m];
    // In a public output a hidden month has neither a running total nor a
    // new count; a shown month has no new count when the month before is hidden.
    auto count = [&](std::optional<double> value) {
      return value ? format_number(*value, 0, locale.code()) : hidden_mark(report, Hidden::kProtecting, locale);
    };
    months.push_back({{"month", format_year_month(p.month, locale.code())},
                      {"new", count(p.new_count)},
                      {"cumulative", count(p.cumulative)},
                      {"trajectory", format_number(f.trajectory[m], 0, locale.code())}});
  }
  std::string name = row_name(unit.code, unit.name, locale);
  return {{"chart", chart},
          {"has_forecast", f.forecast.has_value()},
          {"title", locale.fill("chart_progress_title", {{"unit", name}, {"indicator", report.indicators[i].label}})},
          {"table_summary", locale.fill("progress_table_summary", {{"indicator", report.indicators[i].label}})},
          {"months", months}};
}

// A municipality's own row of each breakdown and funnel of the shared view
// (whose rows are in the order of Report::units), as one-row tables.
Json unit_tables(const Json& view, std::size_t u, const Locale& locale) {
  Json tables = Json::array();
  for (const char* kind : {"breakdowns", "funnels"}) {
    for (const auto& table : view[kind]) {
      std::string caption =
          table.contains("caption") ? table["caption"].get<std::string>() : table["label"].get<std::string>();
      tables.push_back({{"id", std::string(kind) + "-" + table["id"].get<std::string>() + "-" + std::to_string(u)},
                        {"caption", caption},
                        {"first_header", locale.get("municipality")},
                        {"headers", table["headers"]},
                        {"row", table["rows"][u]}});
    }
  }
  return tables;
}

// One municipality's section (or, with the total, the whole project's): its
// bullet chart with the same figures as a table, the progress of each
// indicator month by month, and its rows of the breakdowns and funnels.
Json unit_view(const Report& report, const UnitFigures& unit, const Locale& locale, Json tables) {
  bool total = unit.code.empty();
  std::string anchor = total ? "hele-projektet" : unit_anchor(unit);
  std::string bullet = total ? "" : bullet_chart_svg(report, unit, locale, "maal-" + anchor);
  Json figures = Json::array();
  Json progress = Json::array();
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    const Figure& f = unit.values[i];
    if (f.target) {
      Json row = figure_view(report, i, unit, locale);
      row["label"] = report.indicators[i].label;
      figures.push_back(std::move(row));
    }
    Json chart = progress_view(report, unit, i, locale);
    if (!chart.is_null()) progress.push_back(chart);
  }
  return {{"anchor", anchor},
          {"heading", total ? locale.get("whole_project_progress") : unit.name},
          {"bullet", bullet},
          {"has_bullet", !bullet.empty()},
          {"bullet_caption", locale.fill("bullet_table_caption", {{"unit", unit.name}})},
          {"figures", figures},
          {"progress", progress},
          {"tables", std::move(tables)}};
}

struct Page {
  const UnitFigures* unit = nullptr;  // null for the overview
  bool site = false;                  // links go to other files, not to anchors
};

Json nav_view(const Report& report, const Page& page, const Locale& locale, const Json& view) {
  Json nav = Json::array();
  auto add = [&](const std::string& href, const std::string& label, bool current = false) {
    nav.push_back({{"href", href}, {"label", label}, {"current", current}});
  };
  if (page.unit) {
    add("index.html", locale.get("overview"));
  } else {
    add("#hovedtal", locale.get("headline_short"));
    add("#resultater", locale.get("results_heading"));
    add("#hele-projektet", locale.get("whole_project_progress"));
  }
  for (const auto& unit : report.units) {
    add(page.site ? unit_page(unit) : "#" + unit_anchor(unit), unit.name, page.unit == &unit);
  }
  if (!page.unit) {
    if (view["has_goals"]) add("#maal", locale.get("goals_heading"));
    if (view["has_breakdowns"]) add("#fordelinger", locale.get("breakdowns_heading"));
    if (view["has_funnels"]) add("#forloeb", locale.get("funnels_heading"));
  }
  add("#definitioner", locale.get("definitions_heading"));
  return nav;
}

Json page_view(const Report& report, const Page& page, const Locale& locale, bool standalone) {
  const std::string& project = report.project.title;
  std::string heading = page.unit ? page.unit->name + ": " + project : project;
  return {{"title", locale.get("dashboard_title") + ": " + heading},
          {"heading", heading},
          {"title_tag", standalone ? "h1" : "h2"},
          {"is_overview", page.unit == nullptr},
          {"is_unit", page.unit != nullptr},
          {"index_href", "index.html"},
          {"headline_heading", page.unit ? locale.fill("headline_unit_heading", {{"unit", page.unit->name}})
                                         : locale.get("headline_heading")}};
}

// Renders the pages of one dashboard. What every page shares (the view
// model, the charts per indicator, the texts, the definitions, the template
// and style sheet) is made once; each page adds its own parts to a copy.
class PageRenderer {
 public:
  PageRenderer(const Report& report, const TemplateSet& templates)
      : report_(report),
        locale_(Locale::load(templates, report.project.locale)),
        css_(checked_style_sheet(templates.text(kCss), templates.origin(kCss))),
        template_(templates.text(kTemplate)),
        shared_(build_view(report, locale_)) {
    shared_["texts_top"] = texts_at(report, "top");
    shared_["texts_bottom"] = texts_at(report, "bottom");
    shared_["definitions"] = definitions_view(report, locale_);
    for (std::size_t i = 0; i < report.indicators.size(); ++i) {
      std::string svg = bar_chart_svg(report, i, locale_);
      Json& indicator = shared_["indicators"][i];
      indicator["chart"] = svg;
      indicator["has_chart"] = !svg.empty();
    }
  }

  const std::string& css() const { return css_; }

  std::string render(const Page& page, bool standalone) const {
    Json view = shared_;
    view["standalone"] = standalone;
    view["css"] = standalone ? css_ : "";
    view["page"] = page_view(report_, page, locale_, standalone);
    view["nav"] = nav_view(report_, page, locale_, view);
    Json units = Json::array();
    if (page.unit) {
      auto u = static_cast<std::size_t>(page.unit - report_.units.data());
      units.push_back(unit_view(report_, *page.unit, locale_, unit_tables(view, u, locale_)));
      Json headline = Json::array();
      for (std::size_t i = 0; i < report_.indicators.size(); ++i)
        headline.push_back(headline_view(report_, *page.unit, i, locale_));
      view["headline"] = headline;
      view["changes"] = dashboard_changes_view(report_, page.unit, locale_);
    } else {
      units.push_back(unit_view(report_, report_.total, locale_, Json::array()));
      for (std::size_t u = 0; u < report_.units.size() && !page.site; ++u) {
        units.push_back(unit_view(report_, report_.units[u], locale_, unit_tables(view, u, locale_)));
      }
    }
    view["units"] = units;
    for (auto& indicator : view["indicators"]) {
      for (std::size_t u = 0; u < report_.units.size(); ++u) {
        const UnitFigures& unit = report_.units[u];
        indicator["rows"][u]["href"] = page.site ? unit_page(unit) : "#" + unit_anchor(unit);
      }
    }
    std::string html = render_template(kTemplate, template_, view, xml_escape);
    html.erase(0, html.find_first_not_of('\n'));  // a fragment starts at its <section>
    return html;
  }

 private:
  const Report& report_;
  Locale locale_;
  std::string css_;
  std::string template_;
  Json shared_;
};

}  // namespace

DashboardForm parse_dashboard_form(const std::string& name) {
  if (name == "single") return DashboardForm::kSingle;
  if (name == "site") return DashboardForm::kSite;
  if (name == "fragment") return DashboardForm::kFragment;
  throw Error(ErrorKind::kUsage, "unknown dashboard form '" + name + "' (expected single, site or fragment)");
}

std::vector<OutputFile> render_dashboard(const Report& report, const TemplateSet& templates, DashboardForm form) {
  PageRenderer pages(report, templates);
  switch (form) {
    case DashboardForm::kSingle:
      return {{OutputNames::kDashboard, pages.render({}, true)}};
    case DashboardForm::kFragment:
      return {{OutputNames::kFragment, pages.render({}, false)}, {OutputNames::kFragmentCss, pages.css()}};
    case DashboardForm::kSite: {
      std::vector<OutputFile> files{{OutputNames::kDashboard, pages.render({nullptr, true}, true)}};
      for (const auto& unit : report.units) files.push_back({unit_page(unit), pages.render({&unit, true}, true)});
      return files;
    }
  }
  return {};
}

}  // namespace maaltal
