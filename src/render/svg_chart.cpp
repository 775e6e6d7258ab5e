#include "render/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "render/format.h"
#include "render/view_model.h"

namespace maaltal {

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// A narrow drawing, so that its 14px text stays readable when a phone scales
// the chart down to the screen's width.
constexpr double kWidth = 400;
constexpr double kLabelWidth = 104;
constexpr double kValueWidth = 58;
constexpr double kRowHeight = 28;
constexpr double kBarHeight = 18;
constexpr double kTop = 28;

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

struct Bar {
  std::string label;
  std::optional<double> value;  // a fraction: attainment or share
  std::string text;             // the value as printed
  bool total = false;
};

std::vector<Bar> bars_of(const Report& report, std::size_t i, const Locale& locale, bool ratio) {
  std::vector<Bar> bars;
  auto add = [&](const UnitFigures& unit, bool total) {
    const Figure& f = unit.values[i];
    Bar bar{row_name(unit.code, unit.name, locale), ratio ? f.actual : f.attainment, "", total};
    bar.text = ratio ? format_actual(report, i, f, locale) : format_attainment(report, f, locale);
    bars.push_back(bar);
  };
  for (const auto& unit : report.units) add(unit, false);
  add(report.total, true);
  return bars;
}

double row_y(std::size_t row) { return kTop + static_cast<double>(row) * kRowHeight; }

double bar_length(const Bar& bar, double scale_max, double bar_area) {
  return bar.value ? std::max(0.0, *bar.value) / scale_max * bar_area : 0;
}

std::string bar_rect(const Bar& bar, std::size_t row, double scale_max, double bar_area) {
  return "<rect x=\"" + num(kLabelWidth) + "\" y=\"" + num(row_y(row)) + "\" width=\"" +
         num(bar_length(bar, scale_max, bar_area)) + "\" height=\"" + num(kBarHeight) + "\" class=\"" +
         (bar.total ? "bar bar-total" : "bar") + "\"/>";
}

// The municipality's name left of its bar and the printed value right of it.
std::string bar_labels(const Bar& bar, std::size_t row, double scale_max, double bar_area) {
  double baseline = row_y(row) + kBarHeight - 4;
  std::string weight = bar.total ? " font-weight=\"bold\"" : "";
  return "<text x=\"" + num(kLabelWidth - 6) + "\" y=\"" + num(baseline) + "\" text-anchor=\"end\"" + weight + ">" +
         xml_escape(bar.label) + "</text><text x=\"" + num(kLabelWidth + bar_length(bar, scale_max, bar_area) + 5) +
         "\" y=\"" + num(baseline) + "\"" + weight + ">" + xml_escape(bar.text) + "</text>";
}

}  // namespace

std::string bar_chart_svg(const Report& report, std::size_t i, const Locale& locale) {
  const Indicator& ind = report.indicators[i];
  bool ratio = ind.kind == IndicatorKind::kRatio;
  if (!ratio && !report.total.values[i].target) return "";
  auto bars = bars_of(report, i, locale, ratio);
  double top_value = 1.0;
  for (const auto& b : bars) top_value = std::max(top_value, b.value.value_or(0));
  double scale_max = std::ceil(top_value * 4) / 4;  // a quarter above the largest bar
  double bar_area = kWidth - kLabelWidth - kValueWidth;
  double height = kTop + static_cast<double>(bars.size()) * kRowHeight + 6;

  std::string title = locale.fill(ratio ? "chart_share_title" : "chart_attainment_title", {{"indicator", ind.label}});
  std::string desc;
  for (const auto& unit : report.units) {
    desc += unit.name + ": " + figure_sentence(report, i, unit.values[i], locale) + ". ";
  }
  desc += locale.get("total") + ": " + figure_sentence(report, i, report.total.values[i], locale) + ".";

  std::string id = "chart-" + ind.id;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " + num(kWidth) + " " +
                    num(height) + "\" aria-labelledby=\"" + id + "-title " + id + "-desc\" class=\"chart\">";
  svg += "<title id=\"" + id + "-title\">" + xml_escape(title) + "</title>";
  svg += "<desc id=\"" + id + "-desc\">" + xml_escape(desc) + "</desc>";
  // Bars, then the target line over them, then the labels over both.
  for (std::size_t row = 0; row < bars.size(); ++row) svg += bar_rect(bars[row], row, scale_max, bar_area);
  if (!ratio) {
    double x = kLabelWidth + 1.0 / scale_max * bar_area;
    svg += "<line x1=\"" + num(x) + "\" y1=\"" + num(kTop - 6) + "\" x2=\"" + num(x) + "\" y2=\"" + num(height - 2) +
           "\" class=\"target-line\"/>";
    svg += "<text x=\"" + num(x) + "\" y=\"" + num(kTop - 10) + "\" text-anchor=\"middle\">" +
           xml_escape(locale.get("chart_target_marker")) + "</text>";
  }
  for (std::size_t row = 0; row < bars.size(); ++row) svg += bar_labels(bars[row], row, scale_max, bar_area);
  return svg + "</svg>";
}

}  // namespace maaltal
