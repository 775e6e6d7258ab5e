// Registrations, targets and counts from a sheet of an .xlsx or .ods file,
// through the same checks as their CSV: registrations a row at a time into
// the RowChecker; targets and counts (small, read whole) as CSV text one line
// per sheet row, their messages then moved to the cell ("targets.xlsx:Ark1!C4").
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/diagnostics.h"
#include "core/project.h"

namespace maaltal {

// Reads project.registrations (an .xlsx or .ods) into the dataset.
void read_sheet_registrations(Dataset& dataset, Diagnostics& diags);

// A sheet as CSV text: `;` between cells, every cell quoted, line N the
// sheet's row N, each row as wide as the first row with a value (its
// header); a line break within a cell becomes a space.
struct SheetText {
  std::string csv;
  std::string sheet;  // its name
};
SheetText read_sheet_as_csv(const std::filesystem::path& path, const std::string& display, const std::string& sheet,
                            std::vector<InputFile>& provenance);

// The diagnostics from all()[from] on that name `display` and a line of
// `text` moved to the cell they are about, the cell's text shown.
void locate_in_sheet(Diagnostics& diags, std::size_t from, const std::string& display, const SheetText& text);

// Appends the file's name and SHA-256 to `provenance`.
void record_sheet_provenance(const std::filesystem::path& path, const std::string& display,
                             std::vector<InputFile>& provenance);

}  // namespace maaltal
