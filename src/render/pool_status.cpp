// The pool's status.md (pool_status.md.mustache) for STAR's case officer:
// which projects are behind and by how much, which have no data for the
// latest month, the pool's figures with their spread, projects × indicators,
// municipalities across projects, each project's data quality and the inputs.
// Every value is worded here; the template holds no logic.
#include <cmath>

#include "render/format.h"
#include "render/locale.h"
#include "render/markdown.h"
#include "render/pool_words.h"
#include "render/pool_writers.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

constexpr const char* kTemplate = "pool_status.md.mustache";

bool short_of_target(const std::string& status) {
  return status == "behind" || status == "at_risk" || status == "not_met" || status == "partly_met";
}

Json behind(const PoolReport& pool, const Locale& words, const PoolWords& w) {
  Json out = Json::array();
  for (const auto& p : pool.projects) {
    for (std::size_t k = 0; k < pool.indicators.size(); ++k) {
      const PoolFigure& f = p.values[k];
      if (!f.part_of || !f.actual || !f.target || !short_of_target(f.status)) continue;
      double short_now = std::max(0.0, std::ceil(f.expected.value_or(*f.target) - *f.actual - 1e-9));
      double gap = std::max(0.0, *f.target - *f.actual);
      out.push_back({{"text", words.fill("behind_line", {{"project", p.title},
                                                         {"status", w.status(f.status)},
                                                         {"indicator", pool.indicators[k].label},
                                                         {"actual", w.count(f.actual)},
                                                         {"target", w.count(f.target)},
                                                         {"attainment", w.percent(f.attainment)},
                                                         {"expected", w.count(std::round(*f.expected))},
                                                         {"short", w.count(short_now)},
                                                         {"gap", w.count(gap)}})}});
    }
  }
  return out;
}

std::string latest_month(const PoolReport& pool) {
  return (pool.as_of ? *pool.as_of : pool.latest_as_of).iso().substr(0, 7);
}

Json missing(const PoolReport& pool, const Locale& words) {
  Json out = Json::array();
  std::string month = format_year_month(latest_month(pool), pool.locale);
  for (const auto& p : pool.projects) {
    if (p.has_latest_month) continue;
    bool in_month = p.as_of.iso().substr(0, 7) == latest_month(pool);
    out.push_back(
        {{"text",
          words.fill(in_month ? "missing_line_empty" : "missing_line",
                     {{"project", p.title}, {"as_of", format_date_long(p.as_of, pool.locale)}, {"month", month}})}});
  }
  return out;
}

Json cells(const std::vector<PoolFigure>& values, const PoolWords& w) {
  Json out = Json::array();
  for (const auto& f : values) out.push_back({{"text", w.cell(f)}});
  return out;
}

Json tables(const PoolReport& pool, const Locale& words, const PoolWords& w, Json& view) {
  Json totals = Json::array(), indicators = Json::array();
  for (std::size_t k = 0; k < pool.indicators.size(); ++k) {
    const PoolFigure& f = pool.total[k].figure;
    indicators.push_back({{"label", pool.indicators[k].label}});
    totals.push_back({{"label", pool.indicators[k].label},
                      {"actual", w.count(f.actual)},
                      {"target", w.count(f.target)},
                      {"attainment", w.percent(f.attainment)},
                      {"expected", f.expected ? w.count(std::round(*f.expected)) : "–"},
                      {"status", w.status(f.status)},
                      {"range_projects", w.range(pool.total[k].across_projects, false)},
                      {"range_units", w.range(pool.total[k].across_units, true)}});
  }
  Json projects = Json::array(), quality = Json::array();
  for (const auto& p : pool.projects) {
    projects.push_back({{"title", p.title},
                        {"as_of", format_date_long(p.as_of, pool.locale)},
                        {"source", words.get("source_" + p.source)},
                        {"cells", cells(p.values, w)}});
    quality.push_back({{"title", p.title},
                       {"rows_read", w.count(p.data_quality.rows_read)},
                       {"rows_counted", w.count(p.data_quality.rows_counted)},
                       {"rows_rejected", w.count(p.data_quality.rows_rejected)},
                       {"events_after", w.count(p.data_quality.events_after_as_of)}});
  }
  Json units = Json::array(), shared = Json::array();
  for (const auto& u : pool.units) {
    std::vector<PoolFigure> sums;
    for (const auto& v : u.values) sums.push_back(v.sum);
    std::string names;
    for (const auto& id : u.projects) names += (names.empty() ? "" : ", ") + id;
    Json row = {{"name", u.name}, {"projects", names}, {"cells", Json::array()}};
    for (const auto& v : u.values) {
      std::string text = w.cell(v.sum);
      // Each project's actual beside the sum, where two or more add up to it.
      std::string parts;
      int terms = 0;
      for (const auto& c : v.by_project) {
        if (!c.figure.part_of) continue;
        parts += (parts.empty() ? "" : " + ") + w.count(c.figure.actual);
        ++terms;
      }
      if (terms > 1) text += "; " + parts;
      row["cells"].push_back({{"text", text}});
    }
    units.push_back(row);
    if (u.shared_participants > 0) {
      shared.push_back(
          {{"text", words.fill("shared_line", {{"name", u.name}, {"count", std::to_string(u.shared_participants)}})}});
    }
  }
  view["indicators"] = indicators;
  view["projects"] = projects;
  view["quality"] = quality;
  view["units"] = units;
  view["shared"] = shared;
  return totals;
}

}  // namespace

std::string render_pool_status_markdown(const PoolReport& pool, const TemplateSet& templates) {
  Locale words = Locale::load(templates, "pool-" + pool.locale);
  PoolWords w(pool, words);
  Json view;
  view["t"] = words.strings();
  view["title"] = words.fill("title", {{"title", pool.title}});
  std::string aggregation = words.get("aggregation_" + pool.aggregation);
  view["intro"] = pool.as_of ? words.fill("intro_as_of", {{"date", format_date_long(*pool.as_of, pool.locale)},
                                                          {"aggregation", aggregation}})
                             : words.fill("intro_own", {{"date", format_date_long(pool.latest_as_of, pool.locale)},
                                                        {"aggregation", aggregation}});
  view["behind"] = behind(pool, words, w);
  view["missing"] = missing(pool, words);
  view["t"]["missing_heading"] =
      words.fill("missing_heading", {{"month", format_year_month(latest_month(pool), pool.locale)}});
  view["totals"] = tables(pool, words, w, view);
  view["inputs"] = Json::array();
  for (const auto& f : pool.inputs) view["inputs"].push_back({{"name", f.name}, {"sha256", f.sha256}});
  view["footer"] = words.fill("footer", {{"version", pool.generator_version}});
  return render_template(kTemplate, templates.text(kTemplate), view, markdown_escape);
}

}  // namespace maaltal
