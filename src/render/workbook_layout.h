// The workbook's layout (config/workbook.layout.json): which sheets, in
// which order, their columns, headers, widths and number formats, so that a
// user can drop, rename or reorder a column without recompiling. And the one
// writer of a sheet's data block as an Excel table in that layout.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "render/locale.h"
#include "render/xlsx_book.h"

namespace maaltal {

struct ColumnLayout {
  std::string field;   // what the column holds ("actual")
  std::string header;  // a locale key ("actual" -> "Faktisk"), or with `literal` the header itself
  std::optional<double> width;
  bool literal = false;  // for columns made by maaltal (the months of a wide table)
};

struct SheetLayout {
  std::string id;    // overview, months, breakdowns, funnels, goals, charts, data_quality, definitions, about
  std::string name;  // a locale key
  std::vector<ColumnLayout> columns;
  nlohmann::json options;  // the sheet's other members (about: label_width, value_width)

  // The 0-based column of `field`, or -1 when the layout leaves it out.
  int column_of(const std::string& field) const;
};

struct WorkbookLayout {
  std::map<std::string, std::string> formats;  // kind ("count", "percent", "date", "month") -> Excel number format
  std::vector<SheetLayout> sheets;

  std::string format(const std::string& kind) const;
};

// Parses and checks a layout. Throws Error(kTemplate) naming `origin` and the
// JSON Pointer of the problem: an unknown sheet id, an unknown column field,
// a missing member. `percent_decimals` widens the percent format.
WorkbookLayout parse_workbook_layout(const std::string& text, const std::string& origin, int percent_decimals);

// A cell of a data block: text (always written as text, so "=..." from an
// input never becomes a formula), a number, or a formula with its value
// cached. `format` is a format kind of the layout.
struct Cell {
  std::string text;
  std::optional<double> number;
  std::string formula;
  std::string format;
  bool bold = false;
};

Cell text_cell(const std::string& text, bool bold = false);
Cell number_cell(double value, const std::string& format, bool bold = false);
Cell formula_cell(const std::string& formula, double cached, const std::string& format, bool bold = false);
Cell date_cell(Date date, const std::string& format = "date");

using Row = std::map<std::string, Cell>;  // field -> cell; fields the layout leaves out are not written

// Writes `rows` below a header row at `first_row` as an Excel table named
// `table_name` (with its filter), fits the columns' widths, and returns the
// last row written. An empty `rows` writes the header alone, as a plain
// filtered range, since an Excel table needs a data row. `widths`, when
// given, receives the columns' widths (for fitting the printed page).
int write_table(Workbook& book, lxw_worksheet* sheet, const WorkbookLayout& layout, const SheetLayout& sheet_layout,
                const Locale& locale, const std::vector<Row>& rows, const std::string& table_name, int first_row = 0,
                int first_col = 0, std::vector<double>* widths = nullptr);

// "B7" for row 6, column 1 (0-based), and with `absolute` "$B$7".
std::string cell_ref(int row, int col, bool absolute = false);
// "'Oversigt'!" for references from other sheets and defined names.
std::string sheet_ref(const std::string& sheet_name);

}  // namespace maaltal
