#include "render/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "render/format.h"
#include "render/row_chart.h"
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

// Above this many bars a chart's description sums the bars up in a sentence
// (the table under it has every figure) rather than reading out each bar.
constexpr std::size_t kSummaryAbove = 12;

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
    bar.text =
        ratio || f.hidden != Hidden::kNo ? format_actual(report, i, f, locale) : format_attainment(report, f, locale);
    bars.push_back(bar);
  };
  for (const auto& unit : report.units) add(unit, false);
  add(report.total, true);
  return bars;
}

// Every bar in words: "Odense: 86 af 120 (72 %). … I alt: …".
std::string bar_sentences(const Report& report, std::size_t i, const Locale& locale) {
  std::string desc;
  for (const auto& unit : report.units) {
    desc += unit.name + ": " + figure_sentence(report, i, unit.values[i], locale) + ". ";
  }
  return desc + locale.get("total") + ": " + figure_sentence(report, i, report.total.values[i], locale) + ".";
}

// "Odense (45 %), Aarhus (52 %) og Vejle (60 %)": the municipalities with
// the value each bar shows.
std::string ranked_names(const Report& report, std::size_t i, const std::vector<const UnitFigures*>& ranked,
                         const Locale& locale) {
  std::vector<std::string> names;
  bool ratio = report.indicators[i].kind == IndicatorKind::kRatio;
  for (const UnitFigures* unit : ranked) {
    const Figure& f = unit->values[i];
    names.push_back(unit->name + " (" +
                    (ratio ? format_actual(report, i, f, locale) : format_attainment(report, f, locale)) + ")");
  }
  return join_words(names, locale.get("and"));
}

// Many bars in one sentence: how many are on track, at risk and behind, the
// three lowest and the three highest (hidden values are not ranked), and
// where every figure is. Read out bar by bar, 98 municipalities took minutes.
std::string bar_summary(const Report& report, std::size_t i, const Locale& locale) {
  bool ratio = report.indicators[i].kind == IndicatorKind::kRatio;
  std::vector<const UnitFigures*> ranked;
  std::map<std::string, int> statuses;
  for (const auto& unit : report.units) {
    const Figure& f = unit.values[i];
    if (!f.status.empty()) ++statuses[f.status];
    if (f.hidden == Hidden::kNo && (ratio ? f.actual : f.attainment)) ranked.push_back(&unit);
  }
  auto value = [&](const UnitFigures* unit) {
    const Figure& f = unit->values[i];
    return ratio ? *f.actual : *f.attainment;
  };
  std::stable_sort(ranked.begin(), ranked.end(), [&](auto* a, auto* b) { return value(a) < value(b); });
  std::string units = std::to_string(report.units.size());
  std::string text;
  if (!statuses.empty()) {
    text = locale.fill("chart_summary_status", {{"units", units},
                                                {"on_track", std::to_string(statuses["on_track"])},
                                                {"at_risk", std::to_string(statuses["at_risk"])},
                                                {"behind", std::to_string(statuses["behind"])}}) +
           " ";
  }
  std::size_t n = std::min<std::size_t>(3, ranked.size() / 2);
  if (n > 0) {
    std::vector<const UnitFigures*> lowest(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n));
    std::vector<const UnitFigures*> highest(ranked.rbegin(), ranked.rbegin() + static_cast<std::ptrdiff_t>(n));
    text += locale.fill("chart_summary_range", {{"lowest", ranked_names(report, i, lowest, locale)},
                                                {"highest", ranked_names(report, i, highest, locale)}}) +
            " ";
  }
  return text + locale.get("total") + ": " + figure_sentence(report, i, report.total.values[i], locale) + ". " +
         locale.get("chart_summary_table");
}

}  // namespace


std::string bullet_sentence(const Report& report, std::size_t i, const Figure& f, const Locale& locale) {
  std::string sentence = report.indicators[i].label + ": " + figure_sentence(report, i, f, locale);
  if (f.expected && report.indicators[i].kind != IndicatorKind::kRatio) {
    sentence += locale.fill("expected_clause", {{"expected", format_estimate(report, i, f.expected, locale)}});
  }
  return sentence + ".";
}

std::string bullet_chart_svg(const Report& report, const UnitFigures& unit, const Locale& locale,
                             const std::string& id) {
  std::vector<BulletRow> rows;
  std::string desc;
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    const Figure& f = unit.values[i];
    if (!(f.target && f.actual && *f.target > 0)) continue;
    desc += (desc.empty() ? "" : " ") + bullet_sentence(report, i, f, locale);
    // Each indicator on its own scale, with room past the largest mark.
    double scale = std::max({*f.target, *f.actual, f.expected.value_or(0)}) * 1.1;
    auto at = [&](double v) { return std::max(0.0, v) / scale; };
    std::optional<double> expected;
    if (f.expected) expected = at(*f.expected);
    rows.push_back({report.indicators[i].label, figure_sentence(report, i, f, locale), at(*f.actual), at(*f.target),
                    expected});
  }
  if (rows.empty()) return "";
  return bullet_rows_svg(id, locale.fill("chart_bullet_title", {{"unit", row_name(unit.code, unit.name, locale)}}),
                         with_spoken_marks(report, desc, locale), rows);
}

namespace {

// The progress chart in em of its text, down the drawing: above the plot,
// the plot, then the years under it.
constexpr double kPlotTop = 0.9;
constexpr double kPlotHeight = 13;
constexpr double kYearsBaseline = kPlotTop + kPlotHeight + 1.45;
constexpr double kProgressHeight = kYearsBaseline + 0.6;
// At most about this many years labelled, so they keep apart on a phone at a large font size.
constexpr std::size_t kMostYearLabels = 2;

// Month m's place across the plot, as a share of its width.
double month_fraction(std::size_t m, std::size_t months) {
  return months > 1 ? static_cast<double>(m) / static_cast<double>(months - 1) : 0;
}

// The months' ticks at the first month and each January, none squeezed
// against the end; a year's label at every other tick or fewer, so that
// the labels keep apart on a phone at a large font size (two at most).
std::string year_labels(const Figure& f, std::size_t months) {
  const std::string& start_month = f.series.front().month;
  int first_month = std::stoi(start_month.substr(5, 2));
  int first_year = std::stoi(start_month.substr(0, 4));
  // The start month is labelled only when the first January is half a year away.
  bool label_start = first_month == 1 || 13 - first_month >= 6;
  std::vector<std::size_t> ticks;
  for (std::size_t m = 0; m < months; ++m) {
    int month_of_year = (first_month - 1 + static_cast<int>(m)) % 12 + 1;
    if (m == 0 ? !label_start : month_of_year != 1) continue;
    if (m != 0 && m + 2 >= months) continue;
    ticks.push_back(m);
  }
  std::size_t every = std::max<std::size_t>(1, (ticks.size() + kMostYearLabels - 1) / kMostYearLabels);
  std::string out;
  for (std::size_t k = 0; k < ticks.size(); ++k) {
    std::size_t m = ticks[k];
    std::string x = percent_length(month_fraction(m, months));
    out += "<line x1=\"" + x + "\" y1=\"" + em_length(kPlotTop + kPlotHeight) + "\" x2=\"" + x + "\" y2=\"" +
           em_length(kPlotTop + kPlotHeight + 0.35) + "\" class=\"grid\"/>";
    if (k % every != 0) continue;
    int year = first_year + (first_month - 1 + static_cast<int>(m)) / 12;
    // Centred under its tick, but from the left edge at the start and ending at it near the end.
    std::string anchor = m == 0 ? "" : month_fraction(m, months) > 0.85 ? " text-anchor=\"end\"" : " text-anchor=\"middle\"";
    out += "<text x=\"" + x + "\" y=\"" + em_length(kYearsBaseline) + "\"" + anchor + ">" + std::to_string(year) +
           "</text>";
  }
  return out;
}

// A line of the plot, in the plot's own 1000 x 1000 units stretched to its
// box; its stroke keeps its width (vector-effect).
std::string plot_line(const std::vector<std::pair<double, double>>& points, const std::string& cls) {
  std::string out = "<polyline vector-effect=\"non-scaling-stroke\" points=\"";
  for (std::size_t k = 0; k < points.size(); ++k) {
    out += (k ? " " : "") + num(points[k].first * 1000) + "," + num(points[k].second * 1000);
  }
  return out + "\" class=\"" + cls + "\"/>";
}

}  // namespace

// Drawn in the page's units like the row charts, so its text keeps the
// reader's size on a phone: the plot across the whole width, its lines in a
// nested drawing stretched to the plot's box. (Not a gutter for the labels
// beside it: its width would need calc(), which Firefox and Safari do not
// take in an SVG attribute.)
std::string progress_chart_svg(const Report& report, const UnitFigures& unit, std::size_t i, const Locale& locale,
                               const std::string& id) {
  const Figure& f = unit.values[i];
  if (f.trajectory.empty() || f.series.empty() || !f.target) return "";
  // A public output shows a running total only in the months it may.
  auto shown = [](const MonthPoint& p) { return p.hidden == Hidden::kNo && p.cumulative.has_value(); };
  if (std::none_of(f.series.begin(), f.series.end(), shown)) return "";
  const std::size_t months = f.trajectory.size();
  double top_value = std::max({*f.target, f.actual.value_or(0), f.forecast.value_or(0), 1.0});
  for (double v : f.trajectory) top_value = std::max(top_value, v);
  top_value *= 1.08;
  // Across as a share of the plot's width, down as a share of its height (0 at the top).
  auto x = [&](std::size_t m) { return month_fraction(m, months); };
  auto y = [&](double v) { return 1 - v / top_value; };

  std::string name = row_name(unit.code, unit.name, locale);
  std::string title = locale.fill("chart_progress_title", {{"unit", name}, {"indicator", report.indicators[i].label}});
  std::string desc = locale.fill("chart_progress_desc", {{"unit", name},
                                                         {"actual", format_actual(report, i, f, locale)},
                                                         {"date", format_date_long(report.as_of, locale.code())},
                                                         {"expected", format_estimate(report, i, f.expected, locale)},
                                                         {"target", format_target(report, i, f, locale)},
                                                         {"end", format_date_long(report.project.end, locale.code())}});
  if (f.forecast)
    desc += " " + locale.fill("chart_forecast_desc", {{"forecast", format_estimate(report, i, f.forecast, locale)}});
  std::string svg = page_units_svg_open(id, title, with_spoken_marks(report, desc, locale), kProgressHeight);
  // Gridlines at zero and the target, each labelled just above it where the
  // lines are not: the target at the left (the lines start low), zero at the
  // right (they end high).
  for (double v : {0.0, *f.target}) {
    std::string at = em_length(kPlotTop + y(v) * kPlotHeight);
    svg += "<line x1=\"0\" y1=\"" + at + "\" x2=\"100%\" y2=\"" + at + "\" class=\"grid\"/>";
    svg += edge_text(v == 0, kPlotTop + y(v) * kPlotHeight - 0.3, format_number(v, 0, locale.code()));
  }
  svg += year_labels(f, months);
  svg += "<svg y=\"" + em_length(kPlotTop) + "\" width=\"100%\" height=\"" + em_length(kPlotHeight) +
         "\" viewBox=\"0 0 1000 1000\" preserveAspectRatio=\"none\" overflow=\"visible\">";
  std::vector<std::pair<double, double>> trajectory;
  for (std::size_t m = 0; m < months; ++m) trajectory.emplace_back(x(m), y(f.trajectory[m]));
  svg += plot_line(trajectory, "trajectory-line");
  std::vector<std::pair<double, double>> actual;
  for (std::size_t m = 0; m < f.series.size() && m < months; ++m) {
    if (shown(f.series[m])) actual.emplace_back(x(m), y(*f.series[m].cumulative));
  }
  if (f.forecast && f.series.size() < months) {
    svg += plot_line({actual.back(), {x(months - 1), y(*f.forecast)}}, "forecast-line");
  }
  svg += plot_line(actual, "actual-line");
  return svg + "</svg></svg>";
}

std::string bar_chart_svg(const Report& report, std::size_t i, const Locale& locale) {
  const Indicator& ind = report.indicators[i];
  bool ratio = ind.kind == IndicatorKind::kRatio;
  if (!ratio && !report.total.values[i].target) return "";
  auto bars = bars_of(report, i, locale, ratio);
  // The full width is a quarter above the largest bar, and at least 100 %.
  double top_value = 1.0;
  for (const auto& b : bars) top_value = std::max(top_value, b.value.value_or(0));
  double scale_max = std::ceil(top_value * 4) / 4;
  std::vector<ChartRow> rows;
  for (const auto& b : bars) rows.push_back({b.label, b.text, b.value ? std::max(0.0, *b.value) / scale_max : 0, b.total});
  std::optional<ChartReference> target;
  if (!ratio) target = ChartReference{1.0 / scale_max, locale.get("chart_target_marker")};

  std::string title = locale.fill(ratio ? "chart_share_title" : "chart_attainment_title", {{"indicator", ind.label}});
  std::string desc = bars.size() > kSummaryAbove ? bar_summary(report, i, locale) : bar_sentences(report, i, locale);
  return row_chart_svg("chart-" + ind.id, title, with_spoken_marks(report, desc, locale), rows, target);
}

}  // namespace maaltal
