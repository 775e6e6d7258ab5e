#include "render/duration_view.h"

#include <algorithm>
#include <cmath>

#include "render/format.h"
#include "render/json_number.h"
#include "render/range_view.h"
#include "render/row_chart.h"
#include "render/svg_chart.h"
#include "render/view_model.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

bool hidden(const DurationFigure& f) { return f.hidden != Hidden::kNo; }

std::string n_text(const Report& report, const DurationFigure& f, const Locale& locale) {
  if (hidden(f)) return hidden_mark(report, f.hidden, locale);
  return format_number(f.n, 0, locale.code());
}

std::string open_text(const Report& report, const DurationFigure& f, const Locale& locale) {
  if (f.open_hidden != Hidden::kNo) return hidden_mark(report, f.open_hidden, locale);
  return format_number(f.open, 0, locale.code());
}

std::string days_text(const Report& report, const DurationFigure& f, const std::optional<double>& v,
                      const Locale& locale) {
  if (hidden(f)) return hidden_mark(report, f.hidden, locale);
  return v ? format_days(*v, locale.code()) : locale.get("not_set");
}

std::string share_text(const Report& report, const DurationFigure& f, const std::optional<double>& v,
                       const Locale& locale) {
  if (hidden(f)) return hidden_mark(report, f.hidden, locale);
  return v ? format_percent(*v, report.project.percent_decimals, locale.code()) : locale.get("not_set");
}

// The chosen statistic as the key figure shows it: days, or a share.
std::string actual_text(const Report& report, const DurationReport& d, const DurationFigure& f, const Locale& locale) {
  if (d.indicator.statistic == "within_share") return share_text(report, f, f.actual, locale);
  if (hidden(f) || !f.actual) return days_text(report, f, f.actual, locale);
  return locale.fill("duration_days", {{"value", format_days(*f.actual, locale.code())}});
}

std::string sentence(const Report& report, const DurationReport& d, const DurationUnit& u, const Locale& locale) {
  const DurationFigure& f = u.figure;
  std::string label = u.code.empty() ? d.indicator.label : u.name;
  if (hidden(f) || f.n == 0)
    return locale.fill("duration_sentence_hidden",
                       {{"indicator", label}, {"threshold", std::to_string(report.privacy.suppress_below)}});
  return locale.fill("duration_sentence", {{"indicator", label},
                                           {"median", days_text(report, f, f.median, locale)},
                                           {"mean", days_text(report, f, f.mean, locale)},
                                           {"within", share_text(report, f, f.within_share, locale)},
                                           {"days", std::to_string(d.indicator.within_days)},
                                           {"n", n_text(report, f, locale)},
                                           {"open", open_text(report, f, locale)}});
}

// The total's range across municipalities beside its key figure (README "Ranges
// across municipalities"): in days, or in per cent for a within-share.
Json range_view(const Report& report, const DurationReport& d, const Locale& locale) {
  const auto& range = d.total.figure.range;
  if (d.indicator.statistic == "within_share" || !range)
    return percent_range_view(range, report.project.percent_decimals, locale);
  auto days = [&](double v) { return locale.fill("duration_days", {{"value", format_days(v, locale.code())}}); };
  std::string min = format_days(range->min, locale.code());
  return {{"has_range", true},
          {"text", locale.fill("range_short", {{"min", min}, {"max", days(range->max)}})},
          {"spoken", locale.fill("range_spoken", {{"min", min}, {"max", days(range->max)}})},
          {"names", locale.fill("range_names", {{"min_name", range->min_name},
                                                {"min", days(range->min)},
                                                {"max_name", range->max_name},
                                                {"max", days(range->max)}})},
          {"n", locale.fill("range_n", {{"n", std::to_string(range->n)}})}};
}

Json row_view(const Report& report, const DurationUnit& u, const Locale& locale,
              const std::vector<std::string>& labels, bool with_target) {
  const DurationFigure& f = u.figure;
  std::vector<std::string> texts{n_text(report, f, locale),
                                 open_text(report, f, locale),
                                 days_text(report, f, f.median, locale),
                                 days_text(report, f, f.mean, locale),
                                 share_text(report, f, f.within_share, locale)};
  if (with_target) {
    texts.push_back(f.target ? format_percent(*f.target, report.project.percent_decimals, locale.code())
                             : locale.get("not_set"));
    texts.push_back(share_text(report, f, f.attainment, locale));
  }
  Json cells = Json::array();
  for (std::size_t k = 0; k < texts.size(); ++k) cells.push_back({{"label", labels[k]}, {"text", texts[k]}});
  return {{"name", row_name(u.code, u.name, locale)}, {"cells", cells}};
}

}  // namespace

std::string format_days(double days, const std::string& locale) {
  double rounded = round_half_up(days, 1);
  return format_number(rounded, rounded == std::floor(rounded) ? 0 : 1, locale);
}

std::string duration_chart_svg(const Report& report, const DurationReport& d, const Locale& locale) {
  std::vector<const DurationUnit*> rows;
  for (const auto& u : d.units) rows.push_back(&u);
  rows.push_back(&d.total);
  double most = d.indicator.within_days;
  bool any = false;
  for (const auto* u : rows) {
    if (!hidden(u->figure) && u->figure.median) {
      most = std::max(most, *u->figure.median);
      any = true;
    }
  }
  if (!any) return "";
  double full = std::max(most, 1.0) * 1.05;  // room past the longest bar (and no 0 when every median is 0)
  std::string title = locale.fill("duration_chart_title", {{"indicator", d.indicator.label},
                                                           {"days", std::to_string(d.indicator.within_days)}});
  std::string desc;
  std::vector<ChartRow> bars;
  for (const auto* u : rows) {
    std::string name = row_name(u->code, u->name, locale);
    std::string median = days_text(report, u->figure, u->figure.median, locale);
    desc += (desc.empty() ? "" : ". ") +
            (hidden(u->figure) ? locale.fill("duration_unit_hidden", {{"name", name}})
                               : locale.fill("duration_unit_sentence", {{"name", name}, {"median", median}}));
    double v = !hidden(u->figure) && u->figure.median ? *u->figure.median : 0;
    bars.push_back({name, median, v / full, u->code.empty()});
  }
  std::string benchmark = locale.fill("duration_benchmark", {{"days", std::to_string(d.indicator.within_days)}});
  desc += ". " + benchmark + ".";
  return row_chart_svg("chart-varighed-" + d.indicator.id, title, with_spoken_marks(report, desc, locale), bars,
                       ChartReference{d.indicator.within_days / full, benchmark});
}

Json durations_view(const Report& report, const Locale& locale) {
  Json out = Json::array();
  for (const auto& d : report.durations) {
    const std::string days = std::to_string(d.indicator.within_days);
    bool with_target = d.total.figure.target.has_value() ||
                       std::any_of(d.units.begin(), d.units.end(), [](const DurationUnit& u) { return u.figure.target.has_value(); });
    std::vector<std::string> labels{locale.get("duration_n"), locale.get("duration_open"),
                                    locale.get("duration_median"), locale.get("duration_mean"),
                                    locale.fill("duration_within", {{"days", days}})};
    if (with_target) {
      labels.push_back(locale.fill("duration_target", {{"days", days}}));
      labels.push_back(locale.get("duration_attainment"));
    }
    Json headers = Json::array();
    for (const auto& l : labels) headers.push_back({{"label", l}});
    Json rows = Json::array();
    int left_out = d.total.figure.negative + d.total.figure.no_start;
    for (const auto& u : d.units) rows.push_back(row_view(report, u, locale, labels, with_target));
    Json series = Json::array();
    for (const auto& m : d.series) {
      std::string value = !m.actual ? locale.get("not_set")
                          : d.indicator.statistic == "within_share"
                              ? format_percent(*m.actual, report.project.percent_decimals, locale.code())
                              : format_days(*m.actual, locale.code());
      series.push_back({{"month", format_year_month(m.month, locale.code())},
                        {"n", format_number(m.n, 0, locale.code())},
                        {"value", value}});
    }
    const DurationFigure& t = d.total.figure;
    out.push_back(
        {{"id", d.indicator.id},
         {"label", d.indicator.label},
         {"label_lang", own_lang_attr(d.indicator.label_texts, locale.code())},
         {"caption", locale.fill("duration_caption", {{"indicator", d.indicator.label},
                                                      {"start", d.indicator.start_field},
                                                      {"end", d.indicator.end_field},
                                                      {"date", format_date_long(report.as_of, locale.code())}})},
         {"key_value", actual_text(report, d, t, locale)},
         {"key_detail", sentence(report, d, d.total, locale)},
         {"range", range_view(report, d, locale)},
         {"has_target", t.target.has_value() && !hidden(t)},
         {"attainment", share_text(report, t, t.attainment, locale)},
         {"chart", duration_chart_svg(report, d, locale)},
         {"headers", headers},
         {"rows", rows},
         {"total", row_view(report, d.total, locale, labels, with_target)},
         {"open_note", locale.fill("duration_open_note", {{"date", format_date_long(report.as_of, locale.code())}})},
         {"has_left_out", left_out > 0},
         {"left_out_note", locale.fill("duration_left_out_note", {{"count", std::to_string(left_out)}})},
         {"has_series", !series.empty()},
         {"series", series}});
  }
  return out;
}

std::vector<Row> duration_rows(const Report& report, const Locale& locale) {
  std::vector<Row> rows;
  for (const auto& d : report.durations) {
    auto add = [&](const DurationUnit& u) {
      const DurationFigure& f = u.figure;
      Row r{{"duration", text_cell(d.indicator.label)},
            {"duration_id", text_cell(d.indicator.id)},
            {"code", text_cell(u.code)},
            {"municipality", text_cell(row_name(u.code, u.name, locale))},
            {"within_days", number_cell(d.indicator.within_days, "integer")}};
      bool total = u.code.empty();
      auto value = [&](const std::optional<double>& v, const char* format) {
        if (hidden(f)) return text_cell(hidden_mark(report, f.hidden, locale), total);
        return v ? number_cell(*v, format, total) : text_cell("", total);
      };
      r["n"] = hidden(f) ? text_cell(hidden_mark(report, f.hidden, locale), total) : number_cell(f.n, "count", total);
      r["open"] = f.open_hidden != Hidden::kNo ? text_cell(hidden_mark(report, f.open_hidden, locale), total)
                                               : number_cell(f.open, "count", total);
      r["median"] = value(f.median, "days");
      r["mean"] = value(f.mean, "days");
      r["within_share"] = value(f.within_share, "percent");
      r["attainment"] = value(f.attainment, "percent");
      if (f.target) r["target"] = number_cell(*f.target, "percent", total);
      rows.push_back(std::move(r));
    };
    for (const auto& u : d.units) add(u);
    add(d.total);
  }
  return rows;
}

Json duration_indicator_json(const DurationIndicator& d) {
  return {{"id", d.id},          {"label", d.label},           {"kind", "duration"},
          {"start_field", d.start_field}, {"end_field", d.end_field}, {"within_days", d.within_days},
          {"statistic", d.statistic}};
}

Json duration_values_json(const Report& report, const DurationReport& d, const DurationUnit& unit) {
  const DurationFigure& f = unit.figure;
  auto number = [](const std::optional<double>& v) { return json_number(v); };
  bool shown = !hidden(f);
  Json j = {{"actual", number(f.actual)},
            {"statistic", d.indicator.statistic},
            {"mean", number(f.mean)},
            {"median", number(f.median)},
            {"within_share", number(f.within_share)},
            {"within_days", d.indicator.within_days},
            {"n", shown ? Json(f.n) : Json(nullptr)},
            {"open", f.open_hidden == Hidden::kNo ? Json(f.open) : Json(nullptr)},
            {"target", number(f.target)},
            {"target_version", f.target_version.empty() ? Json(nullptr) : Json(f.target_version)},
            {"attainment", number(f.attainment)}};
  if (unit.code.empty()) j["range"] = range_json(f.range);  // the total's only
  if (!shown) j["hidden"] = hidden_name(f.hidden);
  if (f.open_hidden != Hidden::kNo) j["open_hidden"] = hidden_name(f.open_hidden);
  if (report.audience == Audience::kInternal) {
    j["negative"] = f.negative;
    j["no_start"] = f.no_start;
    if (unit.code.empty()) {
      Json series = Json::array();
      for (const auto& m : d.series) series.push_back({{"month", m.month}, {"n", m.n}, {"actual", number(m.actual)}});
      j["series"] = series;
    }
  }
  return j;
}

}  // namespace maaltal
