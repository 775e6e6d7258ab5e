// The whole run, end to end: read -> compute -> render. `check` stops after
// reading; `build` writes every output into a private folder inside the
// output folder (see output_folder.h) and moves them into place only when all
// are written, so a run with input errors or a failing writer leaves the
// previous outputs as they were and nothing temporary behind.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/diagnostics.h"
#include "core/report.h"

namespace maaltal {

struct RunOptions {
  std::filesystem::path project;                   // project.json
  std::optional<Date> as_of;                       // --as-of
  std::optional<std::filesystem::path> templates;  // --templates
  std::optional<std::int64_t> generated_at;        // SOURCE_DATE_EPOCH
  std::optional<std::string> locale;               // --locale: overrides project.json's
  std::string dashboard_form = "single";           // --dashboard: single, site or fragment
  std::optional<std::filesystem::path> previous;   // --previous: the last report's summary.json
  bool per_unit = false;                           // --per-unit: a status report per municipality too
  bool strict = false;                             // --strict: warnings fail the run (exit code 3)
  std::size_t max_shown = 100;                     // --max-errors: problems printed (0: all)
  std::optional<Audience> audience;                // --audience: every output's, overriding project.json's
  bool raw_rows = false;                           // --raw-rows: registreringer.xlsx, pseudonymised registrations
  bool skip_bad_rows = false;                      // --skip-bad-rows: rows with errors left out and listed
};

// The environment variable that holds the key of the raw rows' pseudonyms.
inline constexpr const char* kPseudonymKeyVariable = "MAALTAL_PSEUDONYM_KEY";

struct CheckResult {
  Diagnostics diagnostics;
  std::optional<Report> report;  // set when the inputs have no errors
  bool data_read = false;        // false when project.json itself could not be read
  int rows_read = 0;             // data rows of the registrations and counts, errors or not
  int rows_rejected = 0;
  int rows_blank = 0;                                   // blank rows skipped
  int rows_total = 0;                                   // a total row at the end, skipped
  std::optional<AsOfSource> as_of_source;               // the row that set the as-of date, when the data did
  std::vector<std::string> written;                     // the files `build` wrote, in the output folder
  std::vector<std::pair<std::string, double>> timings;  // seconds per stage, in order
  // build, when an output is public: as of the last whole month's end,
  // audited with the month before it (compute/suppression.h)
  std::optional<Report> public_report;
};

CheckResult run_check(const RunOptions& options);

// What check does up to the figures, without the templates: for `pool`,
// which reads each project as build would. `inspect` sees the dataset once
// it has no error, before the figures are computed.
CheckResult run_compute(const RunOptions& options, const std::function<void(const Dataset&)>& inspect);

// Writes every output to `out_dir` when the inputs have no errors.
CheckResult run_build(const RunOptions& options, const std::filesystem::path& out_dir);

// SOURCE_DATE_EPOCH from the environment, or nullopt; throws Error(kUsage)
// when it is set but not a whole number of seconds.
std::optional<std::int64_t> source_date_epoch();

}  // namespace maaltal
