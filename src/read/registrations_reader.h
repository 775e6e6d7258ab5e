// Reads the registrations file named in project.json (CSV, or a JSON array of
// objects) into one Registration per participant. Checks each row on its own
// (required values, municipality codes, dates, duplicates) and reports every
// row it does not keep, so that rows read = rows kept + rows rejected.
#pragma once
#include "core/dataset.h"
#include "core/diagnostics.h"

namespace maaltal {

// Fills dataset.registrations, rows_read and rows_rejected from
// dataset.project.registrations, using dataset.schema.
void read_registrations(Dataset& dataset, Diagnostics& diags);

}  // namespace maaltal
