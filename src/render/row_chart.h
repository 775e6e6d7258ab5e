// Charts drawn in the page's own units, so they suit any screen: across in
// percent of their column, down in em of their text. The text keeps the
// reader's font size at any width (a drawing scaled to a phone's width shrank
// it to 8-10 px). Here the charts of one bar per row (attainment per
// municipality, median days, a municipality's bullet chart): each row's name
// and value stand on a line of their own above its bar, so a long name never
// needs a column beside the bars. The progress chart (render/svg_chart.cpp)
// and the survey chart (render/survey_view.cpp) are drawn the same way.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace maaltal {

// Lengths for a chart drawn in the page's units: "2.45em", "37.50%" (a
// fraction of the width, clamped to 0..1).
std::string em_length(double v);
std::string percent_length(double fraction);

// The opening of such a chart: role="img" named by its title alone (its
// <desc> is its description once), no viewBox, its height in em (an
// attribute, which a CMS that strips style attributes keeps); classes
// "chart" and `extra_class`.
std::string page_units_svg_open(const std::string& id, const std::string& title, const std::string& desc,
                                double height, const std::string& extra_class = "");

// A line of text from the left edge, or ending at the right edge, its
// baseline `y` em down.
std::string edge_text(bool at_right, double y, const std::string& content, bool bold = false);

struct ChartRow {
  std::string name;
  std::string value;      // as printed, at the right end of the name's line
  double fraction = 0;    // the bar's length as a share of the full width, 0..1
  bool total = false;     // bold, in the darker colour
};

// A dashed line across every bar (the 100 % target, a benchmark), with a key
// and its label above the first row.
struct ChartReference {
  double fraction = 0;
  std::string label;
};

// The whole <svg>: role="img" named by `title`, `desc` its description.
std::string row_chart_svg(const std::string& id, const std::string& title, const std::string& desc,
                          const std::vector<ChartRow>& rows, const std::optional<ChartReference>& reference);

// One indicator of a municipality against its own target: the actual as a
// bar inside a track, the target as a tall line, expected-by-now as a
// triangle; its name and figures on two lines above. Fractions of the width.
struct BulletRow {
  std::string label;
  std::string sentence;  // "86 af 120 (72 %)"
  double actual = 0;
  double target = 0;
  std::optional<double> expected;
};

std::string bullet_rows_svg(const std::string& id, const std::string& title, const std::string& desc,
                            const std::vector<BulletRow>& rows);

}  // namespace maaltal
