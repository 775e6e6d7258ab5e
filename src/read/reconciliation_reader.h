// Reads the "reconciliation" part of project.json (two registration sources
// and a test-person list) and then the rows of those files: CSV in any of the
// encodings read_text_file knows, or a sheet of an .xlsx or .ods through
// read_sheet_rows, so that locations ("file:14", "file:Ark1!A14"), encodings
// and provenance are those of every other input. Each row is checked on its
// own (an id, a known municipality, a date) and a repeated id within one
// source is an error at its row (E234): rows read = rows kept, or the run
// stops with a located message. Never computes the join.
#pragma once
#include <filesystem>
#include <string>

#include "core/dataset.h"
#include "core/diagnostics.h"
#include "core/project.h"
#include "read/json_input.h"

namespace maaltal {

// project.json's "reconciliation", when present, into project.reconciliation.
// `folder` is project.json's folder; a file outside it is E207.
void read_reconciliation_spec(const Json& root, const std::filesystem::path& folder, const std::string& project_display,
                              Project& project, Diagnostics& diags);

// The rows of both sources and the test-person list into dataset.reconciliation.
void read_reconciliation_sources(Dataset& dataset, Diagnostics& diags);

}  // namespace maaltal
