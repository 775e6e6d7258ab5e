// Reading a sheet of an .xlsx (Excel) or .ods (LibreOffice) file, a row at a
// time: the container is opened with libzip and the sheet's XML streamed
// through expat, so memory stays bounded by the shared strings and the
// longest row, never the sheet. Registrations, targets and counts feed the
// rows to the same per-row checks as their CSV; `maaltal init` looks at them.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maaltal {

enum class CellKind { kEmpty, kText, kNumber, kBool, kDate, kError };

struct SheetCell {
  CellKind kind = CellKind::kEmpty;
  // What a CSV would hold: text as is, a number in shortest form ("12",
  // "0.5"), a date as yyyy-mm-dd, a boolean as "true"/"false", an error as
  // shown ("#N/A").
  std::string text;
};

struct SheetRow {
  int number = 0;                // the row's number in the sheet, from 1
  std::vector<SheetCell> cells;  // cells[0] is column A; trailing empty cells may be left out
  std::string_view sheet;        // the sheet's name, for locations ("Ark1!C14")
};

// Whether `path` names a spreadsheet maaltal reads (.xlsx or .ods, any case).
bool is_spreadsheet(const std::string& path);

// The name of the sheet read_sheet_rows reads: `sheet`, or the first when
// `sheet` is empty. Streams that sheet's rows, in order, to `on_row` until it
// returns false; never holds the sheet whole. A row with no value is handed
// over (with no cells) only when a row with a value follows it: blank rows
// amid the data are there, as in a CSV saved from the sheet; the empty rows
// after the last value are not. A file that is no spreadsheet, a sheet that
// is not there (the message lists those that are), XML that does not parse
// or a part past the size limit is an Error(kRead) (exit code 4) naming
// `display_name`.
std::string read_sheet_rows(const std::string& path, const std::string& display_name, const std::string& sheet,
                            const std::function<bool(const SheetRow&)>& on_row);

// "C14" for row 14, column index 2.
std::string cell_name(int row, std::size_t column);

// Reads every XML part of the .xlsx or .ods at `path` to its end; the name
// of the first that does not parse: one cut short while it was written (a
// full disk, a file size limit, which the workbook writer does not report).
std::optional<std::string> first_broken_xml_part(const std::string& path);

}  // namespace maaltal
