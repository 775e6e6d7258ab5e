#include <cmath>
#include <nlohmann/json.hpp>

#include "render/format.h"
#include "render/json_number.h"
#include "render/markdown.h"
#include "render/pool_writers.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

Json number(const std::optional<double>& v) { return json_number(v); }

// A figure; one that is not part of its project has every value null and
// "part_of": false, never a 0.
Json figure_json(const PoolFigure& f) {
  return {{"part_of", f.part_of},           {"actual", number(f.actual)},
          {"target", number(f.target)},     {"attainment", number(f.attainment)},
          {"expected", number(f.expected)}, {"status", f.status.empty() ? Json(nullptr) : Json(f.status)}};
}

Json values_json(const PoolReport& pool, const std::vector<PoolFigure>& values) {
  Json out = Json::object();
  for (std::size_t k = 0; k < pool.indicators.size(); ++k) out[pool.indicators[k].id] = figure_json(values[k]);
  return out;
}

Json range_json(const PoolRange& r) {
  return {{"low", number(r.low)}, {"high", number(r.high)}, {"low_at", r.low_id}, {"high_at", r.high_id}};
}

Json data_quality_json(const DataQuality& dq) {
  return {{"rows_read", dq.rows_read},
          {"rows_counted", dq.rows_counted},
          {"rows_rejected", dq.rows_rejected},
          {"events_after_as_of", dq.events_after_as_of},
          {"by_code", dq.by_code}};
}

Json project_json(const PoolReport& pool, const PoolProject& p) {
  Json units = Json::array();
  for (const auto& u : p.units) {
    units.push_back({{"code", u.code}, {"name", u.name}, {"values", values_json(pool, u.values)}});
  }
  Json inputs = Json::array();
  for (const auto& f : p.inputs) inputs.push_back({{"name", f.name}, {"sha256", f.sha256}});
  return {{"id", p.id},
          {"title", p.title},
          {"source", p.source},
          {"file", p.file},
          {"as_of", p.as_of.iso()},
          {"period", {{"start", p.start.iso()}, {"end", p.end.iso()}}},
          {"aggregation", p.aggregation},
          {"has_latest_month", p.has_latest_month},
          {"values", values_json(pool, p.values)},
          {"units", units},
          {"inputs", inputs}};
}

Json unit_json(const PoolReport& pool, const PoolUnit& u) {
  Json values = Json::object();
  for (std::size_t k = 0; k < pool.indicators.size(); ++k) {
    Json v = figure_json(u.values[k].sum);
    Json by_project = Json::object();
    for (const auto& cell : u.values[k].by_project) by_project[cell.project] = figure_json(cell.figure);
    v["by_project"] = by_project;
    values[pool.indicators[k].id] = v;
  }
  return {{"code", u.code},
          {"name", u.name},
          {"projects", u.projects},
          {"shared_participants", u.shared_participants},
          {"values", values}};
}

}  // namespace

std::string render_pool_summary_json(const PoolReport& pool) {
  Json j;
  j["generator"] = {{"name", "maaltal"}, {"version", pool.generator_version}};
  if (pool.generated_at) j["generated_at"] = format_utc_timestamp(*pool.generated_at);
  j["audience"] = "internal";
  j["pool"] = {{"id", pool.id}, {"title", pool.title}, {"aggregation", pool.aggregation}};
  j["as_of"] = pool.as_of ? Json(pool.as_of->iso()) : Json(nullptr);
  j["latest_as_of"] = pool.latest_as_of.iso();
  j["indicators"] = Json::array();
  for (const auto& ind : pool.indicators) {
    j["indicators"].push_back({{"id", ind.id}, {"label", ind.label}, {"from", ind.from}});
  }
  j["projects"] = Json::array();
  j["data_quality"] = Json::object();
  for (const auto& p : pool.projects) {
    j["projects"].push_back(project_json(pool, p));
    j["data_quality"][p.id] = data_quality_json(p.data_quality);
  }
  j["units"] = Json::array();
  for (const auto& u : pool.units) j["units"].push_back(unit_json(pool, u));
  Json total = Json::object();
  for (std::size_t k = 0; k < pool.indicators.size(); ++k) {
    Json v = figure_json(pool.total[k].figure);
    v["range_projects"] = range_json(pool.total[k].across_projects);
    v["range_units"] = range_json(pool.total[k].across_units);
    total[pool.indicators[k].id] = v;
  }
  j["total"] = {{"aggregation", pool.aggregation}, {"values", total}};
  j["inputs"] = Json::array();
  j["input_sha256"] = Json::object();
  for (const auto& file : pool.inputs) {
    j["inputs"].push_back(file.name);
    j["input_sha256"][file.name] = file.sha256;
  }
  return j.dump(2) + "\n";
}

std::vector<OutputFile> render_pool_texts(const PoolReport& pool, const TemplateSet& templates) {
  std::string markdown = render_pool_status_markdown(pool, templates);
  std::string html = markdown_email_page(markdown, pool.locale, pool.title);
  return {{OutputNames::kStatus, std::move(markdown)},
          {OutputNames::kStatusHtml, std::move(html)},
          {OutputNames::kSummary, render_pool_summary_json(pool)}};
}

}  // namespace maaltal
