#include "render/workbook_details.h"

#include <algorithm>

#include "render/duration_view.h"
#include "render/format.h"
#include "render/view_model.h"

namespace maaltal {

namespace {

// A count, or in a public workbook the mark of a hidden one.
Cell count_cell(const Report& report, double count, Hidden hidden, const Locale& locale, bool bold = false) {
  if (hidden != Hidden::kNo) return text_cell(hidden_mark(report, hidden, locale), bold);
  return number_cell(count, "count", bold);
}

Row unit_cells(const std::string& code, const std::string& name, const Locale& locale) {
  return {{"code", text_cell(code)}, {"municipality", text_cell(row_name(code, name, locale))}};
}

std::vector<Row> breakdown_rows(const Report& report, const Locale& locale) {
  std::vector<Row> rows;
  for (const auto& b : report.breakdowns) {
    auto add = [&](const BreakdownRow& row) {
      auto category = [&](const std::string& label, double count, Hidden hidden) {
        Row r = unit_cells(row.code, row.name, locale);
        r["breakdown"] = text_cell(b.label);
        r["category"] = text_cell(label);
        r["actual"] = count_cell(report, count, hidden, locale);
        rows.push_back(std::move(r));
      };
      for (std::size_t c = 0; c < b.categories.size(); ++c) category(b.categories[c], row.counts[c], row.hidden_at(c));
      if (b.has_other()) category(locale.get("other_category"), row.other, row.other_hidden);
    };
    for (const auto& row : b.units) add(row);
    add(b.total);
  }
  return rows;
}

std::vector<Row> funnel_rows(const Report& report, const Locale& locale) {
  std::vector<Row> rows;
  for (const auto& f : report.funnels) {
    auto add = [&](const FunnelRow& row) {
      for (std::size_t k = 0; k < f.stages.size(); ++k) {
        Row r = unit_cells(row.code, row.name, locale);
        r["funnel"] = text_cell(f.label);
        r["stage_number"] = number_cell(static_cast<double>(k + 1), "integer");
        r["stage"] = text_cell(report.label_of(f.stages[k]));
        r["actual"] = count_cell(report, row.actual[k], row.hidden_at(k), locale);
        if (row.conversion[k]) r["conversion"] = number_cell(*row.conversion[k], "percent");
        rows.push_back(std::move(r));
      }
    };
    for (const auto& row : f.units) add(row);
    add(f.total);
  }
  return rows;
}

std::vector<Row> goal_rows(const Report& report, const Locale& locale) {
  auto word = [&](const std::string& s) { return s.empty() ? std::string() : locale.get("status_" + s); };
  std::vector<Row> rows;
  for (const auto& g : report.goals) {
    rows.push_back({{"level", text_cell(locale.get("level_" + g.goal.level))},
                    {"goal", text_cell(g.goal.goal)},
                    {"target", text_cell(g.goal.target_text)},
                    {"status", text_cell(word(g.goal.status))},
                    {"suggested_status", text_cell(word(g.suggested_status))},
                    {"override_reason", text_cell(g.goal.override_reason)},
                    {"evidence", text_cell(g.goal.evidence)}});
  }
  return rows;
}

// The monthly series in long form, ready for a pivot table: per
// municipality (and the total), indicator and month, the new and the
// cumulative count and the target trajectory.
std::vector<Row> month_rows(const Report& report, const Locale& locale) {
  std::vector<Row> rows;
  auto add = [&](const UnitFigures& unit) {
    for (std::size_t i = 0; i < report.indicators.size(); ++i) {
      const Figure& f = unit.values[i];
      bool ratio = report.indicators[i].kind == IndicatorKind::kRatio;
      for (std::size_t m = 0; m < f.series.size(); ++m) {
        const MonthPoint& p = f.series[m];
        Row r = unit_cells(unit.code, unit.name, locale);
        r["indicator"] = text_cell(report.indicators[i].label);
        r["indicator_id"] = text_cell(report.indicators[i].id);
        r["month"] = date_cell(
            Date::from_ymd(std::stoi(p.month.substr(0, 4)), static_cast<unsigned>(std::stoi(p.month.substr(5, 2))), 1),
            "month");
        if (p.new_count) r["new"] = number_cell(*p.new_count, "count");
        if (p.cumulative) r["cumulative"] = number_cell(*p.cumulative, ratio ? "percent" : "count");
        if (p.hidden != Hidden::kNo) r["cumulative"] = text_cell(hidden_mark(report, p.hidden, locale));
        if (m < f.trajectory.size()) r["trajectory"] = number_cell(f.trajectory[m], "count");
        rows.push_back(std::move(r));
      }
    }
  };
  for (const auto& unit : report.units) add(unit);
  add(report.total);
  return rows;
}

// Beside the long table, a wide table per count or sum indicator: a row per
// municipality and the total, a column per month, the cumulative count.
// Returns the widest width of each of the wide tables' columns.
std::vector<double> write_wide_months(const Report& report, const WorkbookLayout& layout, const Locale& locale,
                                      lxw_worksheet* sheet, int first_col, Workbook& book) {
  std::vector<double> widest;
  int first_row = 0;
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    const Indicator& ind = report.indicators[i];
    if (ind.kind == IndicatorKind::kRatio) continue;
    SheetLayout wide{"months_" + ind.id, "", {{"unit", ind.label, std::nullopt, true}}, nullptr};
    for (const auto& p : report.total.values[i].series) {
      wide.columns.push_back({p.month, format_year_month(p.month, locale.code()), std::nullopt, true});
    }
    std::vector<Row> rows;
    auto add = [&](const UnitFigures& unit) {
      Row r{{"unit", text_cell(row_name(unit.code, unit.name, locale), unit.code.empty())}};
      for (const auto& p : unit.values[i].series) {
        if (p.cumulative) r[p.month] = number_cell(*p.cumulative, "count", unit.code.empty());
        if (p.hidden != Hidden::kNo) r[p.month] = count_cell(report, 0, p.hidden, locale, unit.code.empty());
      }
      rows.push_back(std::move(r));
    };
    for (const auto& unit : report.units) add(unit);
    add(report.total);
    std::vector<double> widths;
    first_row =
        write_table(book, sheet, layout, wide, locale, rows, "tbl_months_" + ind.id, first_row, first_col, &widths) + 3;
    widest.resize(std::max(widest.size(), widths.size()));
    for (std::size_t c = 0; c < widths.size(); ++c) widest[c] = std::max(widest[c], widths[c]);
  }
  return widest;
}

constexpr std::size_t kMonthsPerPage = 12;  // a wide table prints a year to a page

// Måneder on paper, where one page's width cannot take every month: the long
// table a page wide, then the wide tables a year to a page, each page led by
// the municipality column (repeated); all at the one scale at which the widest
// of these blocks fits, so that no page prints smaller than it must.
void print_months(lxw_worksheet* sheet, const std::vector<double>& long_widths, int wide_col,
                  const std::vector<double>& wide_widths) {
  int scale = landscape_scale_for(long_widths);
  std::vector<lxw_col_t> breaks{static_cast<lxw_col_t>(wide_col)};
  for (std::size_t first = 1; first < wide_widths.size(); first += kMonthsPerPage) {
    std::size_t last = std::min(wide_widths.size(), first + kMonthsPerPage);
    std::vector<double> page{wide_widths[0]};
    page.insert(page.end(), wide_widths.begin() + static_cast<long>(first),
                wide_widths.begin() + static_cast<long>(last));
    scale = std::min(scale, landscape_scale_for(page));
    if (last < wide_widths.size()) breaks.push_back(static_cast<lxw_col_t>(wide_col + static_cast<int>(last)));
  }
  breaks.push_back(0);  // the end, for libxlsxwriter
  worksheet_set_print_scale(sheet, static_cast<uint16_t>(scale));
  check(worksheet_set_v_pagebreaks(sheet, breaks.data()), "months page breaks");
  if (!wide_widths.empty()) {
    check(worksheet_repeat_columns(sheet, static_cast<lxw_col_t>(wide_col), static_cast<lxw_col_t>(wide_col)),
          "months print titles");
  }
}

const char* severity_key(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "severity_error";
    case Severity::kWarning:
      return "severity_warning";
    case Severity::kNote:
      return "severity_note";
  }
  return "severity_error";
}

std::vector<Row> problem_rows(const Report& report, const Locale& locale) {
  std::vector<Row> rows;
  for (const auto& d : report.data_quality.diagnostics) {
    Row r{{"file", text_cell(d.where.file)},
          {"pointer", text_cell(d.where.pointer)},
          {"severity", text_cell(locale.get(severity_key(d.severity)))},
          {"code", text_cell(d.code)},
          {"message", text_cell(locale.diagnostics().message(d))}};
    if (d.where.line > 0) r["line"] = number_cell(d.where.line, "integer");
    if (d.where.column > 0) r["column"] = number_cell(d.where.column, "integer");
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<Row> definition_rows(const Report& report, const Locale& locale) {
  std::vector<Row> rows;
  auto definitions = definitions_view(report, locale);
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    const auto& d = definitions[i];
    rows.push_back({{"indicator", text_cell(d["label"].get<std::string>())},
                    {"indicator_id", text_cell(report.indicators[i].id)},
                    {"definition", text_cell(d["definition"].get<std::string>())},
                    {"numerator", text_cell(d["numerator"].get<std::string>())},
                    {"denominator", text_cell(d["denominator"].get<std::string>())},
                    {"rule", text_cell(d["rule"].get<std::string>())}});
  }
  return rows;
}

// A sheet that is one table with a frozen header (printed as `how` says:
// landscape, fit to width, the header repeated).
lxw_worksheet* table_sheet(const SheetLayout& s, const WorkbookLayout& layout, const Locale& locale,
                           const std::vector<Row>& rows, Workbook& book, const PrintAs& how = {},
                           std::vector<double>* widths = nullptr) {
  lxw_worksheet* sheet = book.add_sheet(locale.get(s.name), how);
  write_table(book, sheet, layout, s, locale, rows, "tbl_" + s.id, 0, 0, widths);
  worksheet_freeze_panes(sheet, 1, 0);
  return sheet;
}

// Datakvalitet: the row accounting above the table of every diagnostic.
void write_data_quality(const Report& report, const SheetLayout& s, const WorkbookLayout& layout, const Locale& locale,
                        Workbook& book) {
  // Its table's header is below the row accounting: repeated from there.
  lxw_worksheet* sheet =
      book.add_sheet(locale.get(s.name), {.landscape = true, .header_row = false, .fit_width = true});
  const DataQuality& dq = report.data_quality;
  lxw_row_t row = 0;
  lxw_format* count = book.format(layout.format("count"));
  // The row accounting counts participants' rows: not in a public workbook.
  std::vector<std::pair<const char*, int>> accounting;
  if (report.audience != Audience::kPublic) {
    accounting = {{"rows_read", dq.rows_read},
                  {"rows_counted", dq.rows_counted},
                  {"rows_rejected", dq.rows_rejected},
                  {"events_after_as_of", dq.events_after_as_of}};
  }
  for (const auto& [key, value] : accounting) {
    check(worksheet_write_string(sheet, row, 0, locale.get(key).c_str(), book.format("", true)), "data quality");
    check(worksheet_write_number(sheet, row++, 1, value, count), "data quality");
  }
  // Only when there are any: a sheet without leftovers reads as before.
  for (const auto& [key, value] :
       {std::pair{"rows_blank", dq.rows_blank}, {"rows_total", dq.rows_total}, {"rows_skipped", dq.rows_skipped}}) {
    if (value == 0) continue;
    check(worksheet_write_string(sheet, row, 0, locale.get(key).c_str(), book.format("", true)), "data quality");
    check(worksheet_write_number(sheet, row++, 1, value, count), "data quality");
  }
  auto rows = problem_rows(report, locale);
  int first = static_cast<int>(row) + 1;
  if (rows.empty()) {
    check(worksheet_write_string(sheet, static_cast<lxw_row_t>(first), 0, locale.get("no_problems_sheet").c_str(),
                                 nullptr),
          "data quality");
    check(worksheet_set_column(sheet, 0, 0, 45, nullptr), "data quality");
    worksheet_set_portrait(sheet);  // two narrow columns
    return;
  }
  write_table(book, sheet, layout, s, locale, rows, "tbl_" + s.id, first);
  worksheet_freeze_panes(sheet, static_cast<lxw_row_t>(first + 1), 0);
  check(worksheet_repeat_rows(sheet, static_cast<lxw_row_t>(first), static_cast<lxw_row_t>(first)),
        "data quality print titles");
}

}  // namespace

bool write_detail_sheet(const Report& report, const SheetLayout& s, const WorkbookLayout& layout, const Locale& locale,
                        Workbook& book) {
  if (s.id == "months") {
    std::vector<double> long_widths;
    lxw_worksheet* sheet = table_sheet(s, layout, locale, month_rows(report, locale), book,
                                       {.landscape = true, .header_row = true, .fit_width = false}, &long_widths);
    int wide_col = static_cast<int>(s.columns.size()) + 1;
    print_months(sheet, long_widths, wide_col, write_wide_months(report, layout, locale, sheet, wide_col, book));
  } else if (s.id == "breakdowns") {
    if (!report.breakdowns.empty()) table_sheet(s, layout, locale, breakdown_rows(report, locale), book);
  } else if (s.id == "funnels") {
    if (!report.funnels.empty()) table_sheet(s, layout, locale, funnel_rows(report, locale), book);
  } else if (s.id == "durations") {
    if (!report.durations.empty()) table_sheet(s, layout, locale, duration_rows(report, locale), book);
  } else if (s.id == "goals") {
    if (!report.goals.empty()) table_sheet(s, layout, locale, goal_rows(report, locale), book);
  } else if (s.id == "data_quality") {
    write_data_quality(report, s, layout, locale, book);
  } else if (s.id == "definitions") {
    table_sheet(s, layout, locale, definition_rows(report, locale), book);
  } else {
    return false;
  }
  return true;
}

PageHeading workbook_heading(const Report& report, const Locale& locale) {
  return page_heading(locale, report.project.locale, report.project.title, "as_of_label", report.as_of);
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

}  // namespace maaltal
