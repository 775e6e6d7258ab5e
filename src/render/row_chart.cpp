#include "render/row_chart.h"

#include <algorithm>
#include <cstdio>

#include "render/svg_chart.h"

namespace maaltal {

std::string em_length(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fem", v);
  return buf;
}

std::string percent_length(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", std::clamp(fraction, 0.0, 1.0) * 100);
  return buf;
}

std::string page_units_svg_open(const std::string& id, const std::string& title, const std::string& desc,
                                double height, const std::string& extra_class) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"" + id +
         "-title\" class=\"chart" + (extra_class.empty() ? "" : " " + extra_class) + "\" height=\"" + em_length(height) + "\"><title id=\"" + id +
         "-title\">" + xml_escape(title) + "</title><desc id=\"" + id + "-desc\">" + xml_escape(desc) + "</desc>";
}

// 2 px in, as a glyph may reach past its own box ("J", the "t" of "skjult").
std::string edge_text(bool at_right, double y, const std::string& content, bool bold) {
  return std::string("<text ") + (at_right ? "x=\"100%\" dx=\"-2\" text-anchor=\"end\"" : "x=\"2\"") + " y=\"" +
         em_length(y) + "\"" + (bold ? " font-weight=\"bold\"" : "") + ">" + xml_escape(content) + "</text>";
}

namespace {

// Down the drawing, in em of the chart's text. A row: the name's line
// (baseline at 1.05em, descenders to about 1.35em), then the bar. The
// reference line crosses the bar's band only, never a line of text.
constexpr double kHead = 1.6;  // above the first row: the reference's label
constexpr double kRow = 2.8;
constexpr double kBaseline = 1.05;
constexpr double kBarTop = 1.55;
constexpr double kBar = 0.95;
constexpr double kLineOver = 0.1;  // the reference line past the bar's band

std::string rect(const std::string& width, double y, double height, const std::string& cls) {
  return "<rect x=\"0\" y=\"" + em_length(y) + "\" width=\"" + width + "\" height=\"" + em_length(height) + "\" class=\"" + cls +
         "\"/>";
}

std::string vertical(double fraction, double y1, double y2, const std::string& cls) {
  std::string x = percent_length(fraction);
  return "<line x1=\"" + x + "\" y1=\"" + em_length(y1) + "\" x2=\"" + x + "\" y2=\"" + em_length(y2) + "\" class=\"" + cls + "\"/>";
}

std::string row_svg(const ChartRow& row, double top, const std::optional<ChartReference>& reference) {
  std::string out = edge_text(false, top + kBaseline, row.name, row.total) +
                    edge_text(true, top + kBaseline, row.value, row.total);
  if (row.fraction > 0) out += rect(percent_length(row.fraction), top + kBarTop, kBar, row.total ? "bar bar-total" : "bar");
  if (reference) {
    out += vertical(reference->fraction, top + kBarTop - kLineOver, top + kBarTop + kBar + kLineOver, "target-100");
  }
  return out;
}

}  // namespace

std::string row_chart_svg(const std::string& id, const std::string& title, const std::string& desc,
                          const std::vector<ChartRow>& rows, const std::optional<ChartReference>& reference) {
  double head = reference ? kHead : 0.2;
  double height = head + static_cast<double>(rows.size()) * kRow;
  std::string out = page_units_svg_open(id, title, desc, height);
  if (reference) {
    // A key above the bars, at the left where it fits whatever the line's place and the width:
    // a piece of the dashed line and its label ("Mål 100 %", "Pejlemærke 7 dage").
    out += "<line x1=\"0.35em\" y1=\"0.3em\" x2=\"0.35em\" y2=\"" + em_length(kHead - 0.25) + "\" class=\"target-100\"/>";
    out += "<text x=\"1em\" y=\"" + em_length(kHead - 0.5) + "\">" + xml_escape(reference->label) + "</text>";
  }
  for (std::size_t r = 0; r < rows.size(); ++r) out += row_svg(rows[r], head + static_cast<double>(r) * kRow, reference);
  return out + "</svg>";
}

// A bullet row, in em: the name's line, the figures' line, then the track
// with the expected triangle pointing down onto it.
constexpr double kBulletRow = 5.6;
constexpr double kSentenceBaseline = 2.45;
constexpr double kTrackTop = 3.6;
constexpr double kTrack = 1.25;

std::string bullet_rows_svg(const std::string& id, const std::string& title, const std::string& desc,
                            const std::vector<BulletRow>& rows) {
  std::string out = page_units_svg_open(id, title, desc, static_cast<double>(rows.size()) * kBulletRow);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const BulletRow& row = rows[r];
    double top = static_cast<double>(r) * kBulletRow;
    out += edge_text(false, top + kBaseline, row.label, true);
    out += edge_text(false, top + kSentenceBaseline, row.sentence, false);
    out += rect("100%", top + kTrackTop, kTrack, "track");
    out += rect(percent_length(row.actual), top + kTrackTop + 0.25, kTrack - 0.5, "bar");
    out += vertical(row.target, top + kTrackTop - 0.2, top + kTrackTop + kTrack + 0.2, "target-line");
    if (row.expected) {
      // A triangle of fixed size (px) whose tip touches the track, where the line's place is a percentage.
      out += "<svg x=\"" + percent_length(*row.expected) + "\" y=\"" + em_length(top + kTrackTop) +
             "\" overflow=\"visible\"><path d=\"M-6 -10H6L0 0Z\" class=\"expected-mark\"/></svg>";
    }
  }
  return out + "</svg>";
}

}  // namespace maaltal
