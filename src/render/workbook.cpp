#include <xlsxwriter.h>

#include <algorithm>
#include <map>

#include "core/error.h"
#include "render/format.h"
#include "render/locale.h"
#include "render/view_model.h"
#include "render/workbook_details.h"
#include "render/writers.h"
#include "render/xlsx_book.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

std::string column_letters(int col) {
  std::string letters;
  for (++col; col > 0; col = (col - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (col - 1) % 26));
  return letters;
}

std::string cell(int row, int col) { return column_letters(col) + std::to_string(row + 1); }

lxw_datetime excel_date(Date d) { return {d.year(), static_cast<int>(d.month()), static_cast<int>(d.day()), 0, 0, 0}; }

// The overview: one row per indicator and municipality, then the indicator's
// total row. Totals, sums, ratios and attainment are formulas over the cells
// they summarise, with maaltal's values cached so any viewer shows them.
class OverviewSheet {
 public:
  OverviewSheet(const Report& report, const Locale& locale, const Json& layout, Workbook& book)
      : report_(report), locale_(locale), layout_(layout), book_(book) {
    const auto& columns = layout_.at("columns");
    for (std::size_t c = 0; c < columns.size(); ++c) {
      fields_.push_back(columns[c].at("field").get<std::string>());
      col_of_[fields_.back()] = static_cast<int>(c);
      widths_.push_back(text_width(locale_.get(columns[c].at("header").get<std::string>())));
    }
    std::string pct = layout_.value("percent_format", "0 %");
    int decimals = report_.project.percent_decimals;
    percent_format_ = decimals > 0 ? pct.insert(1, "." + std::string(static_cast<std::size_t>(decimals), '0')) : pct;
  }

  void write() {
    sheet_ = book_.add_sheet(locale_.get(layout_.at("sheet").get<std::string>()));
    const auto& columns = layout_.at("columns");
    for (std::size_t c = 0; c < columns.size(); ++c) {
      check(worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c),
                                   locale_.get(columns[c].at("header").get<std::string>()).c_str(),
                                   book_.format("", true)),
            "header");
    }
    int n_units = static_cast<int>(report_.units.size());
    for (std::size_t i = 0; i < report_.indicators.size(); ++i) {
      for (int u = 0; u < n_units; ++u) write_row(i, report_.units[static_cast<std::size_t>(u)], row_of(i, u), false);
      write_row(i, report_.total, row_of(i, n_units), true);
    }
    finish(row_of(report_.indicators.size() - 1, n_units));
  }

 private:
  int row_of(std::size_t indicator, int unit) const {
    return 1 + static_cast<int>(indicator) * (static_cast<int>(report_.units.size()) + 1) + unit;
  }
  int col(const std::string& field) const {
    auto it = col_of_.find(field);
    return it == col_of_.end() ? -1 : it->second;
  }
  bool is_ratio(std::size_t i) const { return report_.indicators[i].kind == IndicatorKind::kRatio; }
  std::string value_format(std::size_t i) const {
    return is_ratio(i) ? percent_format_ : layout_.value("count_format", "#,##0");
  }

  void text(int row, const std::string& field, const std::string& value, bool bold) {
    int c = col(field);
    if (c < 0) return;
    check(worksheet_write_string(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(c), value.c_str(),
                                 book_.format("", bold)),
          "cell " + cell(row, c));
    widths_[static_cast<std::size_t>(c)] = std::max(widths_[static_cast<std::size_t>(c)], text_width(value));
  }

  // A number, or a formula with the number as its cached value.
  void number(int row, const std::string& field, std::optional<double> value, const std::string& formula,
              const std::string& num_format, bool bold, const std::string& shown) {
    int c = col(field);
    if (c < 0 || !value) return;
    auto r = static_cast<lxw_row_t>(row);
    auto cc = static_cast<lxw_col_t>(c);
    lxw_format* f = book_.format(num_format, bold);
    if (formula.empty())
      check(worksheet_write_number(sheet_, r, cc, *value, f), "cell " + cell(row, c));
    else
      check(worksheet_write_formula_num(sheet_, r, cc, formula.c_str(), f, *value), "cell " + cell(row, c));
    widths_[static_cast<std::size_t>(c)] = std::max(widths_[static_cast<std::size_t>(c)], text_width(shown));
  }

  std::string actual_formula(std::size_t i, int unit, bool total) const {
    const Indicator& ind = report_.indicators[i];
    int a = col("actual");
    if (a < 0) return "";
    int n_units = static_cast<int>(report_.units.size());
    if (ind.kind == IndicatorKind::kRatio) {
      auto num = static_cast<std::size_t>(report_.indicator_index(ind.numerator));
      auto den = static_cast<std::size_t>(report_.indicator_index(ind.denominator));
      return "=" + cell(row_of(num, unit), a) + "/" + cell(row_of(den, unit), a);
    }
    if (total) return "=SUM(" + cell(row_of(i, 0), a) + ":" + cell(row_of(i, n_units - 1), a) + ")";
    if (ind.kind == IndicatorKind::kSum) {
      std::string f = "=";
      for (const auto& term : ind.terms) {
        f += (f.size() > 1 ? "+" : "") + cell(row_of(static_cast<std::size_t>(report_.indicator_index(term)), unit), a);
      }
      return f;
    }
    return "";
  }

  // Actual / target; for a total aggregated as a mean, the mean of the
  // municipalities' attainment cells (each capped at 100 % for mean_capped),
  // so that a recalculation gives the value maaltal computed.
  std::string attainment_formula(std::size_t i, int row, bool total) const {
    int a = col("attainment");
    if (!total || report_.aggregation == "sum") {
      if (col("actual") < 0 || col("target") < 0) return "";
      return "=" + cell(row, col("actual")) + "/" + cell(row, col("target"));
    }
    if (a < 0) return "";
    bool capped = report_.aggregation == "mean_capped";
    std::string terms;
    for (std::size_t u = 0; u < report_.units.size(); ++u) {
      if (!report_.units[u].values[i].attainment) continue;  // as mean_attainment leaves them out
      std::string ref = cell(row_of(i, static_cast<int>(u)), a);
      terms += (terms.empty() ? "" : ",") + (capped ? "MIN(1," + ref + ")" : ref);
    }
    return terms.empty() ? "" : "=AVERAGE(" + terms + ")";
  }

  std::string target_formula(std::size_t i, bool total) const {
    int t = col("target");
    if (!total || t < 0 || is_ratio(i) || report_.total.values[i].target != sum_of_unit_targets(i)) return "";
    return "=SUM(" + cell(row_of(i, 0), t) + ":" + cell(row_of(i, static_cast<int>(report_.units.size()) - 1), t) + ")";
  }

  std::optional<double> sum_of_unit_targets(std::size_t i) const {
    std::optional<double> sum;
    for (const auto& u : report_.units) {
      if (u.values[i].target) sum = sum.value_or(0) + *u.values[i].target;
    }
    return sum;
  }

  void write_row(std::size_t i, const UnitFigures& unit, int row, bool total) {
    const Indicator& ind = report_.indicators[i];
    const Figure& f = unit.values[i];
    int unit_index = row - row_of(i, 0);
    text(row, "code", unit.code, total);
    text(row, "municipality", row_name(unit.code, unit.name, locale_), total);
    text(row, "indicator", ind.label, total);
    text(row, "indicator_id", ind.id, total);
    number(row, "target", f.target, target_formula(i, total), value_format(i), total,
           format_target(report_, i, f, locale_));
    number(row, "actual", f.actual, actual_formula(i, unit_index, total), value_format(i), total,
           format_actual(report_, i, f, locale_));
    number(row, "attainment", f.attainment, attainment_formula(i, row, total), percent_format_, total,
           format_attainment(report_, f, locale_));
    number(row, "target_original", f.target_original, "", value_format(i), total,
           format_estimate(report_, i, f.target_original, locale_));
    number(row, "expected", f.expected, "", value_format(i), total, format_estimate(report_, i, f.expected, locale_));
    std::string gap_formula;
    if (f.target && col("target") >= 0 && col("actual") >= 0) {
      gap_formula = "=" + cell(row, col("target")) + "-" + cell(row, col("actual"));
    }
    number(row, "gap", f.gap, gap_formula, value_format(i), total, format_estimate(report_, i, f.gap, locale_));
    number(row, "forecast", f.forecast, "", value_format(i), total, format_estimate(report_, i, f.forecast, locale_));
    if (!f.status.empty()) text(row, "status", format_status(f, locale_), total);
  }

  void finish(int last_row) {
    const auto& columns = layout_.at("columns");
    for (std::size_t c = 0; c < columns.size(); ++c) {
      double width = columns[c].contains("width") ? columns[c]["width"].get<double>() : widths_[c] + 3;
      check(worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr),
            "column width");
    }
    worksheet_freeze_panes(sheet_, 1, 0);
    check(worksheet_autofilter(sheet_, 0, 0, static_cast<lxw_row_t>(last_row),
                               static_cast<lxw_col_t>(columns.size() - 1)),
          "autofilter");
    worksheet_set_landscape(sheet_);
    worksheet_fit_to_pages(sheet_, 1, 0);
    check(worksheet_repeat_rows(sheet_, 0, 0), "print titles");
  }

  const Report& report_;
  const Locale& locale_;
  const Json& layout_;
  Workbook& book_;
  lxw_worksheet* sheet_ = nullptr;
  std::vector<std::string> fields_;
  std::map<std::string, int> col_of_;
  std::vector<int> widths_;
  std::string percent_format_;
};

// "Om": what the workbook is, as label/value rows.
void write_about(const Report& report, const Locale& locale, const Json& layout, Workbook& book) {
  lxw_worksheet* sheet = book.add_sheet(locale.get(layout.at("sheet").get<std::string>()));
  lxw_format* bold = book.format("", true);
  lxw_format* date = book.format(layout.value("date_format", "dd-mm-yyyy"));
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
    lxw_datetime dt = excel_date(d);
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
  text("aggregation_label", locale.get("aggregation_" + report.aggregation));
  text("attainment_label", locale.fill("attainment_rule", {{"decimals", std::to_string(p.percent_decimals)}}));
  text("generator_label", "maaltal " + report.generator_version);
  if (report.generated_at) text("generated_at_label", format_utc_timestamp(*report.generated_at));
  for (const auto& file : report.input_files) text("input_file", file.name + "  SHA-256 " + file.sha256);
  check(worksheet_set_column(sheet, 0, 0, layout.value("label_width", 24.0), nullptr), "column width");
  check(worksheet_set_column(sheet, 1, 1, layout.value("value_width", 70.0), nullptr), "column width");
}

void set_properties(const Report& report, const Locale& locale, Workbook& book) {
  const ProjectInfo& p = report.project;
  std::string subject = locale.get("workbook_subject");
  std::string comments = "maaltal " + report.generator_version;
  lxw_doc_properties props{};
  props.title = const_cast<char*>(p.title.c_str());
  props.subject = const_cast<char*>(subject.c_str());
  props.author = const_cast<char*>(p.owner.c_str());
  props.company = const_cast<char*>(p.owner.c_str());
  props.comments = const_cast<char*>(comments.c_str());
  // Never the clock: the same inputs give the same bytes.
  props.created = static_cast<time_t>(
      report.generated_at.value_or(static_cast<std::int64_t>(report.as_of.days_since_epoch()) * 86400));
  check(workbook_set_properties(book.get(), &props), "document properties");
  check(workbook_set_custom_property_string(book.get(), "Projekt-id", p.id.c_str()), "custom property");
  check(workbook_set_custom_property_string(book.get(), "Opgjort pr.", report.as_of.iso().c_str()), "custom property");
}

}  // namespace

void write_workbook(const Report& report, const TemplateSet& templates, const std::filesystem::path& path) {
  Locale locale = Locale::load(templates, report.project.locale);
  Json layout;
  try {
    layout = Json::parse(templates.text("workbook.layout.json"));
    Workbook book(path);
    set_properties(report, locale, book);
    OverviewSheet(report, locale, layout.at("overview"), book).write();
    write_detail_sheets(report, locale, layout, book);
    write_about(report, locale, layout.at("about"), book);
    book.close();
  } catch (const Json::exception& e) {
    throw Error(ErrorKind::kTemplate, std::string("workbook.layout.json: ") + e.what());
  }
}

}  // namespace maaltal
