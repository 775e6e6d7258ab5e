#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "core/error.h"
#include "render/format.h"
#include "render/locale.h"
#include "render/target_basis_view.h"
#include "render/range_sheet.h"
#include "render/reconciliation_view.h"
#include "render/survey_workbook.h"
#include "render/view_model.h"
#include "render/workbook_details.h"
#include "render/writers.h"
#include "render/xlsx_book.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

// The overview: one row per indicator and municipality, then the indicator's
// total row, as one Excel table. Totals, sums, ratios and attainment are
// formulas over the cells they summarise, with maaltal's values cached so any
// viewer shows them; the status has a word and a colour.
class OverviewSheet {
 public:
  OverviewSheet(const Report& report, const Locale& locale, const WorkbookLayout& layout, const SheetLayout& sheet,
                Workbook& book)
      : report_(report), locale_(locale), layout_(layout), s_(sheet), book_(book) {}

  void write() {
    sheet_name_ = locale_.get(s_.name);
    sheet_ = book_.add_sheet(sheet_name_);
    std::vector<Row> rows;
    int n_units = static_cast<int>(report_.units.size());
    for (std::size_t i = 0; i < report_.indicators.size(); ++i) {
      for (int u = 0; u < n_units; ++u) rows.push_back(row(i, report_.units[static_cast<std::size_t>(u)], u, false));
      rows.push_back(row(i, report_.total, n_units, true));
    }
    int last = write_table(book_, sheet_, layout_, s_, locale_, rows, "tbl_overview");
    color_statuses(last);
    define_names();
    worksheet_freeze_panes(sheet_, 1, 0);
  }

  // The sheet row of indicator `i`'s municipality `unit` (n_units: the total).
  int row_of(std::size_t indicator, int unit) const {
    return 1 + static_cast<int>(indicator) * (static_cast<int>(report_.units.size()) + 1) + unit;
  }
  int col(const std::string& field) const { return s_.column_of(field); }
  const std::string& sheet_name() const { return sheet_name_; }

 private:
  bool is_ratio(std::size_t i) const { return report_.indicators[i].kind == IndicatorKind::kRatio; }
  std::string ref(int row, const std::string& field) const { return cell_ref(row, col(field)); }

  std::string actual_formula(std::size_t i, int unit, bool total) const {
    const Indicator& ind = report_.indicators[i];
    if (col("actual") < 0) return "";
    int n_units = static_cast<int>(report_.units.size());
    // A term left out ("show": false) has no row: the value is written as it is.
    auto shown = [&](const std::string& id) { return report_.indicator_index(id) >= 0; };
    if (ind.kind == IndicatorKind::kRatio) {
      if (!shown(ind.numerator) || !shown(ind.denominator)) return "";
      auto num = static_cast<std::size_t>(report_.indicator_index(ind.numerator));
      auto den = static_cast<std::size_t>(report_.indicator_index(ind.denominator));
      return "=" + ref(row_of(num, unit), "actual") + "/" + ref(row_of(den, unit), "actual");
    }
    if (total) return "=SUM(" + ref(row_of(i, 0), "actual") + ":" + ref(row_of(i, n_units - 1), "actual") + ")";
    if (ind.kind == IndicatorKind::kSum) {
      if (!std::all_of(ind.terms.begin(), ind.terms.end(), shown)) return "";
      std::string f = "=";
      for (const auto& term : ind.terms) {
        f += (f.size() > 1 ? "+" : "") +
             ref(row_of(static_cast<std::size_t>(report_.indicator_index(term)), unit), "actual");
      }
      return f;
    }
    return "";
  }

  // Actual / target; for a total aggregated as a mean, the mean of the
  // municipalities' attainment cells (each capped at 100 % for mean_capped),
  // so that a recalculation gives the value maaltal computed.
  std::string attainment_formula(std::size_t i, int row, bool total) const {
    if (!total || report_.aggregation == "sum") {
      if (col("actual") < 0 || col("target") < 0) return "";
      return "=" + ref(row, "actual") + "/" + ref(row, "target");
    }
    if (col("attainment") < 0) return "";
    bool capped = report_.aggregation == "mean_capped";
    std::string terms;
    for (std::size_t u = 0; u < report_.units.size(); ++u) {
      if (!report_.units[u].values[i].attainment) continue;  // as mean_attainment leaves them out
      std::string cell = ref(row_of(i, static_cast<int>(u)), "attainment");
      terms += (terms.empty() ? "" : ",") + (capped ? "MIN(1," + cell + ")" : cell);
    }
    return terms.empty() ? "" : "=AVERAGE(" + terms + ")";
  }

  std::string target_formula(std::size_t i, bool total) const {
    if (!total || col("target") < 0 || is_ratio(i) || report_.total.values[i].target != sum_of_unit_targets(i))
      return "";
    return "=SUM(" + ref(row_of(i, 0), "target") + ":" +
           ref(row_of(i, static_cast<int>(report_.units.size()) - 1), "target") + ")";
  }

  std::optional<double> sum_of_unit_targets(std::size_t i) const {
    std::optional<double> sum;
    for (const auto& u : report_.units) {
      if (u.values[i].target) sum = sum.value_or(0) + *u.values[i].target;
    }
    return sum;
  }

  // A public workbook holds values, not formulas: a formula over a hidden
  // cell would show a wrong total.
  void put(Row& r, const std::string& field, std::optional<double> value, const std::string& formula,
           const std::string& format, bool bold) const {
    if (!value) return;
    bool plain = formula.empty() || report_.audience == Audience::kPublic;
    r[field] = plain ? number_cell(*value, format, bold) : formula_cell(formula, *value, format, bold);
  }

  Row row(std::size_t i, const UnitFigures& unit, int unit_index, bool total) const {
    const Indicator& ind = report_.indicators[i];
    const Figure& f = unit.values[i];
    int sheet_row = row_of(i, unit_index);
    std::string format = is_ratio(i) ? "percent" : "count";
    Row r{{"code", text_cell(unit.code, total)},
          {"municipality", text_cell(row_name(unit.code, unit.name, locale_), total)},
          {"indicator", text_cell(ind.label, total)},
          {"indicator_id", text_cell(ind.id, total)}};
    put(r, "target", f.target, target_formula(i, total), format, total);
    put(r, "actual", f.actual, actual_formula(i, unit_index, total), format, total);
    if (f.hidden != Hidden::kNo) r["actual"] = text_cell(hidden_mark(report_, f.hidden, locale_), total);
    put(r, "attainment", f.attainment, attainment_formula(i, sheet_row, total), "percent", total);
    put(r, "target_original", f.target_original, "", format, total);
    put(r, "expected", f.expected, "", format, total);
    std::string gap = f.target && col("target") >= 0 && col("actual") >= 0
                          ? "=" + ref(sheet_row, "target") + "-" + ref(sheet_row, "actual")
                          : "";
    put(r, "gap", f.gap, gap, format, total);
    put(r, "forecast", f.forecast, "", format, total);
    if (!f.status.empty()) r["status"] = text_cell(format_status(f, locale_), total);
    return r;
  }

  // Status by colour as well as by word: Excel's good, neutral and bad styles.
  void color_statuses(int last_row) {
    int c = col("status");
    if (c < 0 || last_row < 1) return;
    struct Style {
      std::vector<const char*> statuses;
      lxw_color_t fill, font;
    };
    const Style styles[] = {{{"on_track", "met"}, 0xC6EFCE, 0x006100},
                            {{"at_risk", "partly_met"}, 0xFFEB9C, 0x9C5700},
                            {{"behind", "not_met"}, 0xFFC7CE, 0x9C0006}};
    for (const auto& style : styles) {
      lxw_format* format = workbook_add_format(book_.get());
      format_set_bg_color(format, style.fill);
      format_set_font_color(format, style.font);
      for (const char* status : style.statuses) {
        std::string word = "\"" + locale_.get(std::string("status_") + status) + "\"";
        lxw_conditional_format cf{};
        cf.type = LXW_CONDITIONAL_TYPE_CELL;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
        cf.value_string = const_cast<char*>(word.c_str());
        cf.format = format;
        check(worksheet_conditional_format_range(sheet_, 1, static_cast<lxw_col_t>(c), static_cast<lxw_row_t>(last_row),
                                                 static_cast<lxw_col_t>(c), &cf),
              "status colours");
      }
    }
  }

  // Names for the project totals, so a formula elsewhere can say
  // =Faktisk_visiterede instead of a cell address.
  void define_names() {
    int n_units = static_cast<int>(report_.units.size());
    for (std::size_t i = 0; i < report_.indicators.size(); ++i) {
      const Figure& f = report_.total.values[i];
      for (const auto& [prefix, field, value] : {std::tuple{"Maaltal_", "target", f.target},
                                                 {"Faktisk_", "actual", f.actual},
                                                 {"Maalopfyldelse_", "attainment", f.attainment}}) {
        if (col(field) < 0 || !value) continue;
        std::string name = prefix + report_.indicators[i].id;
        std::string target = "=" + sheet_ref(sheet_name_) + cell_ref(row_of(i, n_units), col(field), true);
        check(workbook_define_name(book_.get(), name.c_str(), target.c_str()), "defined name " + name);
      }
    }
  }

  const Report& report_;
  const Locale& locale_;
  const WorkbookLayout& layout_;
  const SheetLayout& s_;
  Workbook& book_;
  lxw_worksheet* sheet_ = nullptr;
  std::string sheet_name_;
};

// "Om": what the workbook is, as label/value rows; each input file with its SHA-256 beside it.
void write_about(const Report& report, const Locale& locale, const WorkbookLayout& layout, const SheetLayout& s,
                 Workbook& book) {
  // Label and value rows, no header to repeat; three columns as wide as a landscape page.
  lxw_worksheet* sheet =
      book.add_sheet(locale.get(s.name), {.landscape = true, .header_row = false, .fit_width = true});
  lxw_format* bold = book.format("", true);
  lxw_format* date = book.format(layout.format("date"));
  lxw_row_t row = 0;
  auto label = [&](const std::string& key) {
    check(worksheet_write_string(sheet, row, 0, locale.get(key).c_str(), bold), key);
  };
  auto text = [&](const std::string& key, const std::string& value) {
    label(key);
    check(worksheet_write_string(sheet, row++, 1, value.c_str(), nullptr), key);
  };
  auto day = [&](const std::string& key, Date d) {
    label(key);
    lxw_datetime dt{d.year(), static_cast<int>(d.month()), static_cast<int>(d.day()), 0, 0, 0};
    check(worksheet_write_datetime(sheet, row++, 1, &dt, date), key);
  };
  const ProjectInfo& p = report.project;
  text("project_id", p.id);
  text("project_title", p.title);
  if (!p.owner.empty()) text("owner", p.owner);
  if (!p.funder.empty()) text("funder", p.funder);
  if (!p.pool.empty()) text("pool", p.pool);
  day("period_start", p.start);
  day("period_end", p.end);
  day("as_of_label", report.as_of);
  if (report.as_of_source) text("as_of_source_label", as_of_source_text(report, locale));
  label("audience_label");
  std::string audience =
      report.audience == Audience::kPublic
          ? locale.fill("audience_public", {{"threshold", std::to_string(report.privacy.suppress_below)}}) + ". " +
                locale.fill("privacy_note", {{"threshold", std::to_string(report.privacy.suppress_below)}})
          : locale.get("audience_internal");
  check(worksheet_write_string(sheet, row++, 1, audience.c_str(), nullptr), "audience");
  text("aggregation_label", locale.get("aggregation_" + report.aggregation));
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    for (const auto& b : target_basis_sentences(report, i, locale))
      text("target_basis_label", report.indicators[i].label + ": " + b.sentence + (b.reason.empty() ? "" : " " + b.reason));
  }
  text("attainment_label", locale.fill("attainment_rule", {{"decimals", std::to_string(p.percent_decimals)}}));
  text("generator_label", "maaltal " + report.generator_version);
  if (report.generated_at) text("generated_at_label", format_utc_timestamp(*report.generated_at));
  ++row;  // the inputs as a small block of their own: label, file, SHA-256
  label("inputs_heading");
  check(worksheet_write_string(sheet, row, 1, locale.get("problem_file").c_str(), bold), "inputs");
  check(worksheet_write_string(sheet, row++, 2, locale.get("input_sha256").c_str(), bold), "inputs");
  for (const auto& file : report.input_files) {
    check(worksheet_write_string(sheet, row, 2, file.sha256.c_str(), nullptr), "SHA-256");
    text("input_file", file.name);
  }
  check(worksheet_set_column(sheet, 0, 0, s.options.value("label_width", 24.0), nullptr), "column width");
  check(worksheet_set_column(sheet, 1, 1, s.options.value("value_width", 70.0), nullptr), "column width");
  check(worksheet_set_column(sheet, 2, 2, 68, nullptr), "column width");
}

// Diagrammer: native Excel charts, with the figures they plot in a block
// beside them: per indicator with targets, attainment per municipality as
// columns with the 100 % target as a line (the attainment cells refer to the
// overview, so an edit there moves the chart); and the whole project's
// cumulative count month by month against the target trajectory.
class ChartsSheet {
 public:
  ChartsSheet(const Report& report, const Locale& locale, const WorkbookLayout& layout, const SheetLayout& s,
              const OverviewSheet& overview, Workbook& book)
      : report_(report), locale_(locale), layout_(layout), s_(s), overview_(overview), book_(book) {}

  void write() {
    name_ = locale_.get(s_.name);
    sheet_ = book_.add_sheet(name_, {.landscape = true, .header_row = false, .fit_width = false});
    for (std::size_t i = 0; i < report_.indicators.size(); ++i) {
      if (report_.indicators[i].kind == IndicatorKind::kRatio || !report_.total.values[i].target) continue;
      if (overview_.col("attainment") >= 0 && overview_.col("municipality") >= 0) attainment_chart(i);
      if (!report_.total.values[i].trajectory.empty()) progress_chart(i);
    }
    check(worksheet_set_column(sheet_, kDataCol, kDataCol, 16, nullptr), "charts");
    print_two_charts_a_page();
  }

 private:
  static constexpr lxw_col_t kDataCol = 10;                 // the plotted figures start in column K
  static constexpr lxw_row_t kChartRows = 20;               // each chart's height in rows
  static constexpr lxw_row_t kChartBlock = kChartRows + 2;  // a chart and the space below it

  // On paper two charts to a page, never one cut in two: a page break after
  // each pair, at the scale at which a pair's rows and the figures beside them fit.
  void print_two_charts_a_page() {
    std::vector<double> widths(kDataCol, LXW_DEF_COL_WIDTH);
    widths.insert(widths.end(), {16, LXW_DEF_COL_WIDTH, LXW_DEF_COL_WIDTH});
    int rows = static_cast<int>(2 * kChartBlock);
    worksheet_set_print_scale(
        sheet_, static_cast<uint16_t>(std::min(landscape_scale_for(widths), landscape_scale_for_rows(rows))));
    std::vector<lxw_row_t> breaks;
    for (lxw_row_t row = 2 * kChartBlock; row < std::max(next_chart_row_, next_data_row_); row += 2 * kChartBlock)
      breaks.push_back(row);
    breaks.push_back(0);  // the end, for libxlsxwriter
    if (breaks.size() > 1) check(worksheet_set_h_pagebreaks(sheet_, breaks.data()), "chart page breaks");
  }

  void header(lxw_row_t row, std::initializer_list<std::string> labels) {
    lxw_col_t c = kDataCol;
    for (const auto& label : labels)
      check(worksheet_write_string(sheet_, row, c++, label.c_str(), book_.format("", true)), "charts");
  }

  lxw_chart* place(lxw_chart* chart, const std::string& title) {
    chart_title_set_name(chart, title.c_str());
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options options{};
    options.x_scale = 1.3;  // clear of the figures in column K, on screen and on paper
    options.y_scale = 1.3;
    check(worksheet_insert_chart_opt(sheet_, next_chart_row_, 0, chart, &options), "chart");
    next_chart_row_ += kChartBlock;
    return chart;
  }

  // A series plotting column `col` of the block whose header row is `first`
  // against the block's first column, named by its header.
  lxw_chart_series* add_series(lxw_chart* chart, lxw_row_t first, lxw_row_t last, lxw_col_t col) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, name_.c_str(), first + 1, kDataCol, last, kDataCol);
    chart_series_set_values(series, name_.c_str(), first + 1, col, last, col);
    chart_series_set_name_range(series, name_.c_str(), first, col);
    return series;
  }

  void attainment_chart(std::size_t i) {
    lxw_row_t first = next_data_row_;
    header(first, {locale_.get("municipality"), locale_.get("attainment"), locale_.get("chart_target_series")});
    std::string overview = sheet_ref(overview_.sheet_name());
    lxw_format* pct = book_.format(layout_.format("percent"));
    lxw_row_t row = first + 1;
    for (std::size_t u = 0; u < report_.units.size(); ++u, ++row) {
      int source = overview_.row_of(i, static_cast<int>(u));
      const UnitFigures& unit = report_.units[u];
      std::string name = "=" + overview + cell_ref(source, overview_.col("municipality"));
      std::string attainment = "=" + overview + cell_ref(source, overview_.col("attainment"));
      check(worksheet_write_formula_str(sheet_, row, kDataCol, name.c_str(), nullptr, unit.name.c_str()), "charts");
      const auto& value = unit.values[i].attainment;
      if (report_.audience == Audience::kInternal) {
        check(worksheet_write_formula_num(sheet_, row, kDataCol + 1, attainment.c_str(), pct, value.value_or(0)),
              "charts");
      } else if (value) {
        check(worksheet_write_number(sheet_, row, kDataCol + 1, *value, pct), "charts");
      }
      check(worksheet_write_number(sheet_, row, kDataCol + 2, 1, pct), "charts");
    }
    lxw_row_t last = row - 1;
    next_data_row_ = row + 1;
    // The 100 % target as a grey bar behind each municipality's attainment:
    // the bars overlap fully, the attainment drawn over its target.
    lxw_chart* bars = workbook_add_chart(book_.get(), LXW_CHART_COLUMN);
    for (lxw_col_t c : {static_cast<lxw_col_t>(kDataCol + 2), static_cast<lxw_col_t>(kDataCol + 1)}) {
      lxw_chart_series* series = add_series(bars, first, last, c);
      lxw_chart_fill fill{};
      fill.color = c == kDataCol + 1 ? 0x1D4F91 : 0xD0D5DC;
      chart_series_set_fill(series, &fill);
    }
    chart_set_series_overlap(bars, 100);
    chart_set_series_gap(bars, 60);
    chart_axis_set_num_format(bars->y_axis, layout_.format("percent").c_str());
    chart_axis_set_min(bars->y_axis, 0);
    place(bars, locale_.fill("chart_attainment_sheet_title", {{"indicator", report_.indicators[i].label}}));
  }

  void progress_chart(std::size_t i) {
    const Figure& f = report_.total.values[i];
    lxw_row_t first = next_data_row_;
    header(first, {locale_.get("month"), locale_.get("legend_cumulative"), locale_.get("legend_trajectory")});
    lxw_format* month = book_.format(layout_.format("month"));
    lxw_format* count = book_.format(layout_.format("count"));
    Date start = report_.project.start;
    lxw_row_t row = first + 1;
    for (std::size_t m = 0; m < f.trajectory.size(); ++m, ++row) {
      int index = start.year() * 12 + static_cast<int>(start.month()) - 1 + static_cast<int>(m);
      lxw_datetime dt{index / 12, index % 12 + 1, 1, 0, 0, 0};
      check(worksheet_write_datetime(sheet_, row, kDataCol, &dt, month), "charts");
      if (m < f.series.size() && f.series[m].cumulative) {
        check(worksheet_write_number(sheet_, row, kDataCol + 1, *f.series[m].cumulative, count), "charts");
      }
      check(worksheet_write_number(sheet_, row, kDataCol + 2, f.trajectory[m], count), "charts");
    }
    lxw_row_t last = row - 1;
    next_data_row_ = row + 1;
    lxw_chart* chart = workbook_add_chart(book_.get(), LXW_CHART_LINE);
    for (lxw_col_t c : {static_cast<lxw_col_t>(kDataCol + 1), static_cast<lxw_col_t>(kDataCol + 2)}) {
      lxw_chart_series* series = add_series(chart, first, last, c);
      lxw_chart_line style{};
      style.color = c == kDataCol + 1 ? 0x1D4F91 : 0x1A1A1A;
      style.width = c == kDataCol + 1 ? 2.5 : 1.5;
      style.dash_type = c == kDataCol + 1 ? LXW_CHART_LINE_DASH_SOLID : LXW_CHART_LINE_DASH_DASH;
      chart_series_set_line(series, &style);
    }
    chart_axis_set_num_format(chart->x_axis, layout_.format("month").c_str());
    place(chart, locale_.fill("chart_progress_sheet_title", {{"indicator", report_.indicators[i].label}}));
  }

  const Report& report_;
  const Locale& locale_;
  const WorkbookLayout& layout_;
  const SheetLayout& s_;
  const OverviewSheet& overview_;
  Workbook& book_;
  lxw_worksheet* sheet_ = nullptr;
  std::string name_;
  lxw_row_t next_chart_row_ = 0;
  lxw_row_t next_data_row_ = 0;
};

}  // namespace

namespace {

constexpr const char* kLayout = "workbook.layout.json";

}  // namespace

WorkbookLayout layout_for(const Report& report, const TemplateSet& templates) {
  return parse_workbook_layout(templates.text(kLayout), templates.origin(kLayout), report.project.percent_decimals);
}

namespace {

// Why Excel would refuse `name` as a sheet's name, or "" when it is fine.
// Characters are counted as code points (libxlsxwriter counts them so).
std::string sheet_name_problem(const std::string& name) {
  long characters = std::count_if(name.begin(), name.end(), [](char c) { return (c & 0xC0) != 0x80; });
  if (name.find_first_not_of(" \t") == std::string::npos) return "is blank";
  if (characters > 31) return "has " + std::to_string(characters) + " characters";
  if (auto bad = name.find_first_of("[]:*?/\\"); bad != std::string::npos)
    return "contains '" + name.substr(bad, 1) + "'";
  if (name.front() == '\'' || name.back() == '\'') return "begins or ends with '";
  return "";
}

std::string folded(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

// Every sheet name the workbooks would get from the locale file, checked
// before anything is written: libxlsxwriter would only fail part-way.
void check_sheet_names(const Report& report, const TemplateSet& templates, const WorkbookLayout& layout) {
  Locale locale = Locale::load(templates, report.project.locale);
  std::string file = templates.origin("locale/" + locale.code() + ".json");
  const std::string kAllowed =
      ": a sheet's name in Excel has at most 31 characters, none of [ ] : * ? / \\, is not blank, does not begin "
      "or end with ', and differs from the workbook's other sheet names without regard to case";
  std::vector<std::string> keys;
  for (const auto& s : layout.sheets) keys.push_back(s.name);
  keys.push_back("sheet_raw_rows");  // registreringer.xlsx, a workbook of its own
  std::map<std::string, std::string> seen;  // folded name -> its key, within report.xlsx
  for (std::size_t k = 0; k < keys.size(); ++k) {
    std::string name = locale.get(keys[k]);
    if (auto problem = sheet_name_problem(name); !problem.empty()) {
      throw Error(ErrorKind::kTemplate, file + ": '" + keys[k] + "' is '" + name + "', which " + problem + kAllowed);
    }
    if (k + 1 == keys.size()) break;
    auto [it, fresh] = seen.emplace(folded(name), keys[k]);
    if (!fresh) {
      throw Error(ErrorKind::kTemplate, file + ": '" + it->second + "' and '" + keys[k] + "' are both '" + name +
                                            "'" + kAllowed);
    }
  }
}

}  // namespace

void check_workbook_layout(const Report& report, const TemplateSet& templates) {
  check_sheet_names(report, templates, layout_for(report, templates));
}

void write_workbook(const Report& report, const TemplateSet& templates, const std::filesystem::path& path) {
  Locale locale = Locale::load(templates, report.project.locale);
  const std::string name = kLayout;
  WorkbookLayout layout = layout_for(report, templates);
  Workbook book(path);
  set_properties(report, locale, book);
  book.print_pages(workbook_heading(report, locale));
  std::optional<OverviewSheet> overview;
  for (const auto& s : layout.sheets) {
    if (s.id == "overview") {
      overview.emplace(report, locale, layout, s, book);
      overview->write();
    } else if (s.id == "about") {
      write_about(report, locale, layout, s, book);
    } else if (s.id == "charts") {
      if (!overview) throw Error(ErrorKind::kTemplate, name + ": the charts sheet must come after the overview");
      ChartsSheet(report, locale, layout, s, *overview, book).write();
    } else {
      write_detail_sheet(report, s, layout, locale, book);
    }
  }
  if (overview) {  // last, so that the layout's sheets keep their places
    const OverviewSheet& o = *overview;
    OverviewCells cells{o.sheet_name(), [&o](std::size_t i, int unit) { return o.row_of(i, unit); },
                        o.col("municipality"), o.col("actual"), o.col("attainment")};
    write_range_sheet(report, locale, cells, layout.format("percent"), book);
  }
  write_reconciliation_sheet(report, locale, book);
  write_survey_sheet(report, locale, book);  // render/survey_workbook.h
  book.close();
}

}  // namespace maaltal
