#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "render/duration_view.h"
#include "render/format.h"
#include "render/range_view.h"
#include "render/reconciliation_view.h"
#include "render/survey_view.h"
#include "render/json_number.h"
#include "render/writers.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

Json optional_number(const std::optional<double>& v) { return json_number(v); }

// A count left out of a public output: its value is null and "hidden" says
// why ("small" or "protecting"). Internal outputs hide nothing and have no such member.
void mark_hidden(Json& j, Hidden hidden) {
  if (hidden != Hidden::kNo) j["hidden"] = hidden_name(hidden);
}

// A public series holds the months the public page shows; none at all when
// every month is hidden (a municipality's).
Json series_json(const Figure& f) {
  Json series = Json::array();
  bool all_hidden =
      std::all_of(f.series.begin(), f.series.end(), [](const MonthPoint& p) { return p.hidden != Hidden::kNo; });
  if (all_hidden) return series;
  for (const auto& p : f.series) {
    Json point = {
        {"month", p.month}, {"new", optional_number(p.new_count)}, {"cumulative", optional_number(p.cumulative)}};
    mark_hidden(point, p.hidden);
    series.push_back(point);
  }
  return series;
}

Json values_of(const Report& report, const UnitFigures& unit) {
  Json values = Json::object();
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    const Figure& f = unit.values[i];
    Json series = series_json(f);
    values[report.indicators[i].id] = {
        {"actual", optional_number(f.actual)},
        {"target", optional_number(f.target)},
        {"target_version", f.target_version.empty() ? Json(nullptr) : Json(f.target_version)},
        {"target_original", optional_number(f.target_original)},
        {"target_basis", f.target_basis.empty() ? Json(nullptr) : Json(f.target_basis)},
        {"target_basis_reason", f.target_basis_reason.empty() ? Json(nullptr) : Json(f.target_basis_reason)},
        {"attainment", optional_number(f.attainment)},
        {"expected", optional_number(f.expected)},
        {"gap", optional_number(f.gap)},
        {"needed_per_month", optional_number(f.needed_per_month)},
        {"forecast", optional_number(f.forecast)},
        {"status", f.status.empty() ? Json(nullptr) : Json(f.status)},
        {"series", series},
        {"trajectory", f.trajectory}};
    Json& v = values[report.indicators[i].id];
    mark_hidden(v, f.hidden);
    if (f.forecast_hidden) v["forecast_hidden"] = true;
    if (unit.code.empty()) {  // the total: the spread across municipalities (compute/ranges.h)
      if (report.indicators[i].kind == IndicatorKind::kRatio) v["range"] = range_json(f.range);
      v["attainment_range"] = range_json(f.attainment_range);
    }
  }
  return values;
}

Json indicator_json(const Indicator& ind) {
  Json j = {{"id", ind.id}, {"label", ind.label}, {"kind", kind_name(ind.kind)}};
  if (ind.kind == IndicatorKind::kRatio) {
    j["numerator"] = ind.numerator;
    j["denominator"] = ind.denominator;
  }
  if (ind.kind == IndicatorKind::kSum) j["of"] = ind.terms;
  if (ind.kind == IndicatorKind::kCount) {
    j["count"] = ind.first_only ? "first" : "any";
    if (!ind.after.empty()) j["after"] = ind.after;
  }
  return j;
}

Json funnel_row_json(const FunnelReport& funnel, const FunnelRow& row) {
  Json stages = Json::array();
  for (std::size_t k = 0; k < funnel.stages.size(); ++k) {
    Hidden hidden = row.hidden_at(k);
    Json stage = {{"indicator", funnel.stages[k]},
                  {"actual", hidden == Hidden::kNo ? optional_number(row.actual[k]) : Json(nullptr)},
                  {"conversion", optional_number(row.conversion[k])}};
    mark_hidden(stage, hidden);
    if (row.code.empty() && k > 0) {
      stage["conversion_range"] = range_json(k < row.conversion_range.size() ? row.conversion_range[k] : std::nullopt);
    }
    stages.push_back(stage);
  }
  Json out = {{"stages", stages}};
  if (!row.code.empty()) {
    out["code"] = row.code;
    out["name"] = row.name;
  }
  return out;
}

Json funnel_json(const FunnelReport& funnel) {
  Json units = Json::array();
  for (const auto& row : funnel.units) units.push_back(funnel_row_json(funnel, row));
  return {{"id", funnel.id},
          {"label", funnel.label},
          {"stages", funnel.stages},
          {"units", units},
          {"total", funnel_row_json(funnel, funnel.total)}};
}

Json breakdown_row_json(const BreakdownReport& b, const BreakdownRow& row) {
  Json counts = Json::object();
  Json hidden = Json::object();
  for (std::size_t c = 0; c < b.categories.size(); ++c) {
    bool shown = row.hidden_at(c) == Hidden::kNo;
    counts[b.categories[c]] = shown ? optional_number(row.counts[c]) : Json(nullptr);
    if (!shown) hidden[b.categories[c]] = hidden_name(row.hidden_at(c));
  }
  bool other_shown = row.other_hidden == Hidden::kNo;
  Json out = {{"counts", counts}, {"other", other_shown ? optional_number(row.other) : Json(nullptr)}};
  if (!other_shown) out["other_hidden"] = hidden_name(row.other_hidden);
  if (!hidden.empty()) out["hidden"] = hidden;
  if (!row.code.empty()) {
    out["code"] = row.code;
    out["name"] = row.name;
  }
  return out;
}

Json breakdown_json(const BreakdownReport& b) {
  Json units = Json::array();
  for (const auto& row : b.units) units.push_back(breakdown_row_json(b, row));
  return {{"id", b.id},
          {"label", b.label},
          {"indicator", b.indicator},
          {"field", b.field},
          {"categories", b.categories},
          {"units", units},
          {"total", breakdown_row_json(b, b.total)}};
}

Json changes_json(const Changes& c) {
  Json changes = Json::array();
  for (const auto& change : c.changes) {
    changes.push_back({{"code", change.unit_code.empty() ? Json(nullptr) : Json(change.unit_code)},
                       {"indicator", change.indicator},
                       {"previous", optional_number(change.previous)},
                       {"actual", optional_number(change.actual)}});
  }
  Json revisions = Json::array();
  for (const auto& r : c.revisions) {
    revisions.push_back({{"code", r.unit_code.empty() ? Json(nullptr) : Json(r.unit_code)},
                         {"indicator", r.indicator},
                         {"month", r.month},
                         {"previous", r.previous},
                         {"now", r.now}});
  }
  return {{"previous_file", c.previous_file},
          {"previous_as_of", c.previous_as_of.iso()},
          {"changes", changes},
          {"revisions", revisions}};
}

}  // namespace

std::string render_summary_json(const Report& report) {
  Json j;
  j["generator"] = {{"name", "maaltal"}, {"version", report.generator_version}};
  if (report.generated_at) j["generated_at"] = format_utc_timestamp(*report.generated_at);
  const ProjectInfo& p = report.project;
  j["project"] = {{"id", p.id},
                  {"title", p.title},
                  {"owner", p.owner},
                  {"period", {{"start", p.start.iso()}, {"end", p.end.iso()}}},
                  {"locale", p.locale}};
  j["as_of"] = report.as_of.iso();
  if (const auto& source = report.as_of_source) {  // the data set it: the row with the latest date
    j["as_of_source"] = {{"from", "data"}, {"file", source->file}};
    if (source->index >= 0)
      j["as_of_source"]["index"] = source->index;
    else
      j["as_of_source"]["line"] = source->line;
    // The next-latest date is another participant's event: internal only.
    if (report.audience == Audience::kInternal)
      j["as_of_source"]["next_latest"] = source->next_latest ? Json(source->next_latest->iso()) : Json(nullptr);
  }
  j["audience"] = audience_name(report.audience);
  if (report.audience == Audience::kPublic) {
    j["privacy"] = {{"suppress_below", report.privacy.suppress_below}, {"zero_as_dash", report.privacy.zero_as_dash},
                      {"monthly_releases", report.privacy.monthly_releases}};
  }
  j["indicators"] = Json::array();
  for (const auto& ind : report.indicators) j["indicators"].push_back(indicator_json(ind));
  j["units"] = Json::array();
  for (const auto& unit : report.units) {
    j["units"].push_back({{"code", unit.code}, {"name", unit.name}, {"values", values_of(report, unit)}});
  }
  j["total"] = {{"aggregation", report.aggregation}, {"values", values_of(report, report.total)}};
  // Duration indicators: beside the others in "indicators" and in each "values" (README "Durations").
  for (const auto& d : report.durations) {
    j["indicators"].push_back(duration_indicator_json(d.indicator));
    for (std::size_t k = 0; k < d.units.size() && k < report.units.size(); ++k) {
      j["units"][k]["values"][d.indicator.id] = duration_values_json(report, d, d.units[k]);
    }
    j["total"]["values"][d.indicator.id] = duration_values_json(report, d, d.total);
  }
  const ProgressSettings& s = report.progress;
  j["progress"] = {{"on_track", s.on_track},
                   {"at_risk", s.at_risk},
                   {"partly_met", s.partly_met},
                   {"forecast_method", s.forecast_whole_period ? "average_pace" : "recent_pace"},
                   {"forecast_window_months", s.forecast_window_months}};
  j["funnels"] = Json::array();
  for (const auto& funnel : report.funnels) j["funnels"].push_back(funnel_json(funnel));
  j["breakdowns"] = Json::array();
  for (const auto& b : report.breakdowns) j["breakdowns"].push_back(breakdown_json(b));
  j["goals"] = Json::array();
  for (const auto& g : report.goals) {
    j["goals"].push_back({{"id", g.goal.id},
                          {"level", g.goal.level},
                          {"goal", g.goal.goal},
                          {"target", g.goal.target_text},
                          {"status", g.goal.status.empty() ? Json(nullptr) : Json(g.goal.status)},
                          {"suggested_status", g.suggested_status.empty() ? Json(nullptr) : Json(g.suggested_status)},
                          {"overridden", g.overridden},
                          {"override_reason", g.goal.override_reason},
                          {"evidence", g.goal.evidence},
                          {"indicator", g.goal.indicator.empty() ? Json(nullptr) : Json(g.goal.indicator)}});
  }
  j["goal_tally"] = report.goal_tally;
  if (!report.surveys.empty()) j["surveys"] = surveys_json(report);  // render/survey_view.h
  const DataQuality& dq = report.data_quality;
  // The row accounting counts participants' rows: a sum over them that the
  // suppression does not model, so a public summary leaves it out.
  if (report.audience == Audience::kPublic) {
    j["data_quality"] = nullptr;
  } else {
    j["data_quality"] = {{"rows_read", dq.rows_read},
                         {"rows_counted", dq.rows_counted},
                         {"rows_rejected", dq.rows_rejected},
                         {"events_after_as_of", dq.events_after_as_of},
                         {"rows_blank", dq.rows_blank},
                         {"rows_total", dq.rows_total},
                         {"by_code", dq.by_code}};
    if (dq.skip_bad_rows) {  // --skip-bad-rows: the rows left out, each by its first error
      j["data_quality"]["skip_bad_rows"] = true;
      j["data_quality"]["rows_skipped"] = dq.rows_skipped;
      Json listed = Json::array();
      for (const auto& d : dq.skipped_rows) {
        listed.push_back({{"location", format_location(d.where)},
                          {"code", d.code},
                          {"message", DiagnosticWords::built_in(p.locale).message(d)}});
      }
      j["data_quality"]["skipped_rows"] = listed;
    }
  }
  j["changes"] = report.changes ? changes_json(*report.changes) : Json(nullptr);
  if (report.reconciliation) j["reconciliation"] = reconciliation_json(*report.reconciliation, report.audience);
  j["inputs"] = Json::array();
  j["input_sha256"] = Json::object();
  j["input_encoding"] = Json::object();
  for (const auto& file : report.input_files) {
    j["inputs"].push_back(file.name);
    j["input_sha256"][file.name] = file.sha256;
    j["input_encoding"][file.name] = file.encoding;
  }
  return j.dump(2) + "\n";
}

}  // namespace maaltal
