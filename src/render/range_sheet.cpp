#include "render/range_sheet.h"

#include <optional>
#include <vector>

#include "render/workbook_layout.h"

namespace maaltal {

namespace {

// One row of the sheet: a figure of indicator `indicator` in column `col` of the overview.
struct RangeRow {
  std::size_t indicator = 0;
  std::string figure;  // "Andel", "Målopfyldelse"
  int col = -1;
  double total = 0;
  const Range* range = nullptr;
};

std::vector<RangeRow> rows_of(const Report& report, const Locale& locale, const OverviewCells& cells) {
  std::vector<RangeRow> rows;
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    const Figure& f = report.total.values[i];
    if (f.range && f.actual && cells.actual_col >= 0) rows.push_back({i, locale.get("share"), cells.actual_col, *f.actual, &*f.range});
    if (f.attainment_range && f.attainment && cells.attainment_col >= 0)
      rows.push_back({i, locale.get("attainment"), cells.attainment_col, *f.attainment, &*f.attainment_range});
  }
  return rows;
}

class RangeSheet {
 public:
  RangeSheet(const Report& report, const Locale& locale, const OverviewCells& cells, const std::string& percent,
             Workbook& book)
      : report_(report), locale_(locale), cells_(cells), percent_(book.format(percent)), book_(book) {}

  void write(const std::vector<RangeRow>& rows) {
    sheet_ = book_.add_sheet(locale_.get("sheet_ranges"));
    std::vector<std::string> headers = {locale_.get("indicator"),   locale_.get("range_figure"),
                                        locale_.get("total"),       locale_.get("range_min"),
                                        locale_.get("range_min_name"), locale_.get("range_max"),
                                        locale_.get("range_max_name"), locale_.get("range_count")};
    for (std::size_t c = 0; c < headers.size(); ++c) {
      check(worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), book_.format("", true)),
            "ranges");
    }
    lxw_row_t r = 1;
    for (const auto& row : rows) write_row(r++, row);
    worksheet_set_column(sheet_, 0, 0, 40, nullptr);
    worksheet_set_column(sheet_, 1, 1, 16, nullptr);
    worksheet_set_column(sheet_, 2, 7, 14, nullptr);
    worksheet_set_column(sheet_, 4, 4, 20, nullptr);
    worksheet_set_column(sheet_, 6, 6, 20, nullptr);
    worksheet_freeze_panes(sheet_, 1, 0);
  }

 private:
  // Column `col` of the overview over the municipalities of `indicator`: "'Oversigt'!$G$2:$G$12".
  std::string units_of(std::size_t indicator, int col) const {
    int last = static_cast<int>(report_.units.size()) - 1;
    return sheet_ref(cells_.sheet_name) + cell_ref(cells_.row_of(indicator, 0), col, true) + ":" +
           cell_ref(cells_.row_of(indicator, last), col, true);
  }

  // A public workbook holds values, not formulas, as its overview does (README "Privacy").
  bool values_only() const { return report_.audience == Audience::kPublic; }
  void formula_num(lxw_row_t r, lxw_col_t c, const std::string& formula, double cached, lxw_format* format) {
    check(values_only() ? worksheet_write_number(sheet_, r, c, cached, format)
                        : worksheet_write_formula_num(sheet_, r, c, formula.c_str(), format, cached),
          "ranges");
  }
  void formula_str(lxw_row_t r, lxw_col_t c, const std::string& formula, const std::string& cached) {
    check(values_only() ? worksheet_write_string(sheet_, r, c, cached.c_str(), nullptr)
                        : worksheet_write_formula_str(sheet_, r, c, formula.c_str(), nullptr, cached.c_str()),
          "ranges");
  }

  void write_row(lxw_row_t r, const RangeRow& row) {
    const Range& range = *row.range;
    std::string values = units_of(row.indicator, row.col);
    std::string names = units_of(row.indicator, cells_.municipality_col);
    int total_row = cells_.row_of(row.indicator, static_cast<int>(report_.units.size()));
    std::string label = report_.indicators[row.indicator].label;
    check(worksheet_write_string(sheet_, r, 0, label.c_str(), nullptr), "ranges");
    check(worksheet_write_string(sheet_, r, 1, row.figure.c_str(), nullptr), "ranges");
    formula_num(r, 2, "=" + sheet_ref(cells_.sheet_name) + cell_ref(total_row, row.col, true), row.total, percent_);
    std::string min_cell = cell_ref(static_cast<int>(r), 3);
    std::string max_cell = cell_ref(static_cast<int>(r), 5);
    formula_num(r, 3, "=MIN(" + values + ")", range.min, percent_);
    formula_str(r, 4, "=INDEX(" + names + ",MATCH(" + min_cell + "," + values + ",0))", range.min_name);
    formula_num(r, 5, "=MAX(" + values + ")", range.max, percent_);
    formula_str(r, 6, "=INDEX(" + names + ",MATCH(" + max_cell + "," + values + ",0))", range.max_name);
    formula_num(r, 7, "=COUNT(" + values + ")", range.n, book_.format("0"));
  }

  const Report& report_;
  const Locale& locale_;
  const OverviewCells& cells_;
  lxw_format* percent_;
  Workbook& book_;
  lxw_worksheet* sheet_ = nullptr;
};

}  // namespace

void write_range_sheet(const Report& report, const Locale& locale, const OverviewCells& overview,
                       const std::string& percent_format, Workbook& book) {
  if (overview.municipality_col < 0 || report.units.empty()) return;
  std::vector<RangeRow> rows = rows_of(report, locale, overview);
  if (rows.empty()) return;
  RangeSheet(report, locale, overview, percent_format, book).write(rows);
}

}  // namespace maaltal
