// The whole run, end to end: read -> compute -> render. `check` stops after
// reading; `build` renders every output into memory (the workbook into a
// temporary file) and only then writes them, so a run with input errors or a
// failing writer leaves no output behind.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/report.h"

namespace maaltal {

struct RunOptions {
  std::filesystem::path project;                   // project.json
  std::optional<Date> as_of;                       // --as-of
  std::optional<std::filesystem::path> templates;  // --templates
  std::optional<std::int64_t> generated_at;        // SOURCE_DATE_EPOCH
};

struct CheckResult {
  Diagnostics diagnostics;
  std::optional<Report> report;  // set when the inputs have no errors
  bool data_read = false;        // false when project.json itself could not be read
  int rows_read = 0;             // data rows of the registrations and counts, errors or not
  int rows_rejected = 0;
};

CheckResult run_check(const RunOptions& options);

// The file names written into the output folder.
struct OutputNames {
  static constexpr const char* kDashboard = "index.html";
  static constexpr const char* kStatus = "status.md";
  static constexpr const char* kWorkbook = "report.xlsx";
  static constexpr const char* kSummary = "summary.json";
};

// Writes every output to `out_dir` when the inputs have no errors.
CheckResult run_build(const RunOptions& options, const std::filesystem::path& out_dir);

// SOURCE_DATE_EPOCH from the environment, or nullopt; throws Error(kUsage)
// when it is set but not a whole number of seconds.
std::optional<std::int64_t> source_date_epoch();

}  // namespace maaltal
