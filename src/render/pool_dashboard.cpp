// The pool's dashboard (index.html, pool_dashboard.html.mustache): the
// pool's figures, projects × indicators, each municipality across its
// projects and a section per project linking to its own dashboard. Public by
// default: the PoolReport it is given is then public_pool()'s, every hidden
// count shown by its mark. Same style sheet as the project's dashboard.
#include <cmath>

#include "render/format.h"
#include "render/locale.h"
#include "render/pool_words.h"
#include "render/pool_writers.h"
#include "render/svg_chart.h"
#include "render/templates.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

constexpr const char* kTemplate = "pool_dashboard.html.mustache";
constexpr const char* kCss = "dashboard.css";

std::string project_anchor(const std::string& id) { return "projekt-" + id; }

Json figure_cell(const PoolFigure& f, const PoolWords& w, const std::string& label) {
  return {{"text", w.cell(f)}, {"label", label}, {"status", f.status}, {"status_text", w.status(f.status)}};
}

Json totals_view(const PoolReport& pool, const PoolWords& w) {
  Json rows = Json::array();
  for (std::size_t k = 0; k < pool.indicators.size(); ++k) {
    const PoolFigure& f = pool.total[k].figure;
    rows.push_back({{"label", pool.indicators[k].label},
                    {"actual", f.part_of ? w.actual(f) : "–"},
                    {"target", w.count(f.target)},
                    {"attainment", w.percent(f.attainment)},
                    {"status", f.status},
                    {"status_text", w.status(f.status)},
                    {"range_projects", w.range(pool.total[k].across_projects, false)},
                    {"range_units", w.range(pool.total[k].across_units, true)}});
  }
  return rows;
}

Json project_rows(const PoolReport& pool, const PoolWords& w, const Locale& words) {
  Json rows = Json::array();
  for (const auto& p : pool.projects) {
    Json cells = Json::array();
    for (std::size_t k = 0; k < pool.indicators.size(); ++k)
      cells.push_back(figure_cell(p.values[k], w, pool.indicators[k].label));
    rows.push_back({{"title", p.title},
                    {"href", "#" + project_anchor(p.id)},
                    {"as_of", format_date_long(p.as_of, pool.locale)},
                    {"as_of_label", words.get("as_of")},
                    {"cells", cells}});
  }
  return rows;
}

// One table per indicator: a row per municipality, a column per project and the sum.
Json unit_tables(const PoolReport& pool, const PoolWords& w, const Locale& words) {
  Json tables = Json::array();
  for (std::size_t k = 0; k < pool.indicators.size(); ++k) {
    Json heads = Json::array(), rows = Json::array();
    for (const auto& p : pool.projects) heads.push_back({{"title", p.title}});
    for (const auto& u : pool.units) {
      Json cells = Json::array();
      for (const auto& p : pool.projects) {
        std::string text = "";
        for (const auto& c : u.values[k].by_project) {
          if (c.project == p.id) text = c.figure.part_of ? w.actual(c.figure) : words.get("not_part_of");
        }
        cells.push_back({{"text", text.empty() ? words.get("not_in_project") : text}, {"label", p.title}});
      }
      const PoolFigure& sum = u.values[k].sum;
      rows.push_back({{"name", u.name},
                      {"cells", cells},
                      {"sum", figure_cell(sum, w, words.get("sum"))},
                      {"projects", std::to_string(u.projects.size())}});
    }
    tables.push_back({{"label", pool.indicators[k].label},
                      {"caption", words.fill("units_caption", {{"indicator", pool.indicators[k].label}})},
                      {"projects", heads},
                      {"rows", rows}});
  }
  return tables;
}

Json project_sections(const PoolReport& pool, const PoolWords& w, const Locale& words) {
  Json sections = Json::array();
  for (const auto& p : pool.projects) {
    Json rows = Json::array();
    for (const auto& u : p.units) {
      Json cells = Json::array();
      for (std::size_t k = 0; k < pool.indicators.size(); ++k)
        cells.push_back(figure_cell(u.values[k], w, pool.indicators[k].label));
      rows.push_back({{"name", u.name}, {"cells", cells}});
    }
    Json total = Json::array();
    for (std::size_t k = 0; k < pool.indicators.size(); ++k)
      total.push_back(figure_cell(p.values[k], w, pool.indicators[k].label));
    sections.push_back({{"id", project_anchor(p.id)},
                        {"title", p.title},
                        {"as_of", format_date_long(p.as_of, pool.locale)},
                        {"as_of_iso", p.as_of.iso()},
                        {"period", format_date_long(p.start, pool.locale) + " – " + format_date_long(p.end, pool.locale)},
                        {"source", words.get("source_" + p.source)},
                        {"dashboard", p.dashboard},
                        {"has_dashboard", !p.dashboard.empty()},
                        {"link_text", words.fill("dashboard_link", {{"project", p.title}})},
                        {"caption", words.fill("project_caption", {{"project", p.title}})},
                        {"rows", rows},
                        {"total", total}});
  }
  return sections;
}

Json indicator_heads(const PoolReport& pool) {
  Json heads = Json::array();
  for (const auto& ind : pool.indicators) heads.push_back({{"label", ind.label}});
  return heads;
}

std::string audience_note(const PoolReport& pool, const Locale& words) {
  if (pool.audience != Audience::kPublic) return words.get("internal_note");
  return words.fill("privacy_note", {{"threshold", std::to_string(pool.privacy.suppress_below)}});
}

}  // namespace

std::string render_pool_dashboard(const PoolReport& pool, const TemplateSet& templates) {
  Locale words = Locale::load(templates, "pool-" + pool.locale);
  PoolWords w(pool, words);
  Json view;
  view["t"] = words.strings();
  view["lang"] = pool.locale;
  view["css"] = checked_style_sheet(templates.text(kCss), templates.origin(kCss));
  view["version"] = pool.generator_version;
  view["title"] = pool.title;
  view["is_public"] = pool.audience == Audience::kPublic;
  view["audience"] = words.get(pool.audience == Audience::kPublic ? "audience_public" : "audience_internal");
  view["audience_note"] = audience_note(pool, words);
  view["aggregation"] = words.get("aggregation_" + pool.aggregation);
  view["as_of"] = pool.as_of ? format_date_long(*pool.as_of, pool.locale) : words.get("as_of_own");
  view["indicators"] = indicator_heads(pool);
  view["totals"] = totals_view(pool, w);
  view["projects"] = project_rows(pool, w, words);
  view["unit_tables"] = unit_tables(pool, w, words);
  view["sections"] = project_sections(pool, w, words);
  view["inputs"] = Json::array();
  for (const auto& f : pool.inputs) view["inputs"].push_back({{"name", f.name}, {"sha256", f.sha256}});
  view["footer"] = words.fill("footer", {{"version", pool.generator_version}});
  // Marks speech drops or misreads get their words, as on the project's dashboard.
  std::string threshold = std::to_string(pool.privacy.suppress_below);
  std::string html = render_template(kTemplate, templates.text(kTemplate), view, xml_escape);
  html = cells_with_words(html, "–", words.get("no_value"));
  return cells_with_words(html, "&lt;" + threshold, words.fill("hidden_small_spoken", {{"threshold", threshold}}));
}

}  // namespace maaltal
