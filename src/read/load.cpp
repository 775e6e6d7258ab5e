#include "read/load.h"

#include "read/counts_reader.h"
#include "read/dataset_checks.h"
#include "read/project_reader.h"
#include "read/reconciliation_reader.h"
#include "read/registrations_reader.h"
#include "read/survey_reader.h"

namespace maaltal {

std::optional<Dataset> load_dataset(const std::filesystem::path& project_path, const std::string& display,
                                    Diagnostics& diags, bool skip_bad_rows) {
  auto project = read_project(project_path, display, diags);
  if (!project) return std::nullopt;
  Dataset dataset;
  dataset.project = std::move(*project);
  dataset.schema = RecordSchema::for_project(dataset.project);
  dataset.skip_bad_rows = skip_bad_rows || dataset.project.registrations.skip_bad_rows;
  read_registrations(dataset, diags);
  read_counts(dataset, diags);
  read_reconciliation_sources(dataset, diags);
  read_survey_responses(dataset, diags);
  check_dataset(dataset, display, diags);
  return dataset;
}

}  // namespace maaltal
