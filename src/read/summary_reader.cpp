#include "read/summary_reader.h"

#include <cmath>

#include "read/json_input.h"

namespace maaltal {

namespace {

constexpr double kMaxFigure = 1e9;  // as a count's limit

class SummaryReader {
 public:
  SummaryReader(std::string display, Diagnostics& diags)
      : display_(std::move(display)), diags_(diags), fields_(display_, diags) {}

  std::optional<Report> read(const Json& root) {
    int before = diags_.error_count();
    Report report;
    read_project(root, report);
    if (auto as_of = fields_.date(root, "", "as_of", true)) report.as_of = *as_of;
    auto audience = fields_.string(root, "", "audience", true).value_or("internal");
    if (auto parsed = parse_audience(audience)) {
      report.audience = *parsed;
    } else {
      fields_.invalid("/audience", Words("audience", {{"value", audience}}));
    }
    read_indicators(root, report);
    if (const Json* units = fields_.array(root, "", "units", true)) {
      for (std::size_t u = 0; u < units->size(); ++u) {
        std::string ptr = "/units/" + std::to_string(u);
        UnitFigures unit;
        unit.code = fields_.string((*units)[u], ptr, "code", true).value_or("");
        unit.name = fields_.string((*units)[u], ptr, "name", true).value_or(unit.code);
        unit.values = values((*units)[u], ptr, report);
        report.units.push_back(std::move(unit));
      }
    }
    if (const Json* total = fields_.object(root, "", "total", true)) {
      report.aggregation = fields_.string(*total, "/total", "aggregation", false).value_or("sum");
      report.total.values = values(*total, "/total", report);
    }
    read_data_quality(root, report);
    read_inputs(root, report);
    if (diags_.error_count() > before) return std::nullopt;
    return report;
  }

 private:
  void read_project(const Json& root, Report& report) {
    const Json* project = fields_.object(root, "", "project", true);
    if (!project) return;
    report.project.id = fields_.string(*project, "/project", "id", true).value_or("");
    report.project.title = fields_.string(*project, "/project", "title", true).value_or("");
    report.project.owner = fields_.string(*project, "/project", "owner", false).value_or("");
    if (const Json* period = fields_.object(*project, "/project", "period", true)) {
      if (auto d = fields_.date(*period, "/project/period", "start", true)) report.project.start = *d;
      if (auto d = fields_.date(*period, "/project/period", "end", true)) report.project.end = *d;
    }
  }

  void read_indicators(const Json& root, Report& report) {
    const Json* indicators = fields_.array(root, "", "indicators", true);
    if (!indicators) return;
    for (std::size_t i = 0; i < indicators->size(); ++i) {
      std::string ptr = "/indicators/" + std::to_string(i);
      Indicator ind;
      ind.id = fields_.string((*indicators)[i], ptr, "id", true).value_or("");
      ind.label = fields_.string((*indicators)[i], ptr, "label", false).value_or(ind.id);
      std::string kind = fields_.string((*indicators)[i], ptr, "kind", true).value_or("count");
      if (kind == "duration") continue;  // not a count: --previous compares counts, sums and ratios
      ind.kind = kind == "ratio" ? IndicatorKind::kRatio : kind == "sum" ? IndicatorKind::kSum : IndicatorKind::kCount;
      report.indicators.push_back(std::move(ind));
    }
  }

  // A figure maaltal wrote: null, or a finite number from 0 to 10^9.
  std::optional<double> figure(const Json& obj, const std::string& ptr, const std::string& key) {
    if (!obj.is_object() || !obj.contains(key) || obj[key].is_null()) return std::nullopt;
    const Json& v = obj[key];
    double x = v.is_number() ? v.get<double>() : -1;
    if (!v.is_number() || !std::isfinite(x) || x < 0 || x > kMaxFigure) {
      fields_.invalid(JsonFields::pointer(ptr, key), Words("summary_number"));
      return std::nullopt;
    }
    return x;
  }

  std::vector<Figure> values(const Json& obj, const std::string& ptr, const Report& report) {
    std::vector<Figure> out(report.indicators.size());
    const Json* values = fields_.object(obj, ptr, "values", true);
    if (!values) return out;
    for (std::size_t i = 0; i < report.indicators.size(); ++i) {
      const std::string& id = report.indicators[i].id;
      if (!values->contains(id)) continue;
      std::string at = JsonFields::pointer(ptr + "/values", id);
      const Json& v = (*values)[id];
      if (!v.is_object()) {
        fields_.wrong_type(at, Words("object"));
        continue;
      }
      Figure& f = out[i];
      f.actual = figure(v, at, "actual");
      f.target = figure(v, at, "target");
      f.attainment = figure(v, at, "attainment");
      f.expected = figure(v, at, "expected");
      if (v.contains("status") && v["status"].is_string()) f.status = v["status"].get<std::string>();
      if (v.contains("hidden") && v["hidden"].is_string() && !v["hidden"].get<std::string>().empty())
        f.hidden = Hidden::kSmall;
    }
    return out;
  }

  void read_data_quality(const Json& root, Report& report) {
    const Json* dq = fields_.object(root, "", "data_quality", false);
    if (!dq) return;
    auto count = [&](const char* key) { return static_cast<int>(figure(*dq, "/data_quality", key).value_or(0)); };
    report.data_quality.rows_read = count("rows_read");
    report.data_quality.rows_counted = count("rows_counted");
    report.data_quality.rows_rejected = count("rows_rejected");
    report.data_quality.events_after_as_of = count("events_after_as_of");
  }

  // The project's own inputs, with the SHA-256 its summary gives them.
  void read_inputs(const Json& root, Report& report) {
    const Json* inputs = fields_.array(root, "", "inputs", false);
    if (!inputs) return;
    const Json* sha = fields_.object(root, "", "input_sha256", false);
    for (const auto& name : *inputs) {
      if (!name.is_string()) continue;
      InputFile file{name.get<std::string>(), "", "utf-8"};
      if (sha && sha->contains(file.name) && (*sha)[file.name].is_string()) file.sha256 = (*sha)[file.name];
      report.input_files.push_back(std::move(file));
    }
  }

  std::string display_;
  Diagnostics& diags_;
  JsonFields fields_;
};

}  // namespace

bool looks_like_summary(const std::string& text) {
  auto parsed = parse_json_document(text);
  const Json* root = std::get_if<Json>(&parsed);
  return root && root->is_object() && root->contains("generator");
}

std::optional<Report> read_project_summary(const std::string& text, const std::string& display, Diagnostics& diags) {
  auto root = parse_json(text, display, diags);
  if (!root) return std::nullopt;
  FreeJsonOnExit free_root(*root);
  if (!root->is_object()) {
    diags.error("E202", Words("object"), {display, 0, 0, "", ""});
    return std::nullopt;
  }
  return SummaryReader(display, diags).read(*root);
}

}  // namespace maaltal
