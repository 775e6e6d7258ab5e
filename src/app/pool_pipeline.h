// `maaltal pool`: reads each project of a pool exactly as `build` would
// (read, check, compute: the pipeline's run_compute), or takes its figures
// from its summary.json; checks the pool file's mappings against what the
// projects declare; folds the Reports into a pool report (compute/pool.h)
// and writes the pool's outputs through an OutputFolder, so that with any
// error nothing is written.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/pool.h"
#include "core/project.h"

namespace maaltal {

struct PoolOptions {
  std::filesystem::path pool;                // the pool file
  std::optional<Date> as_of;                 // --as-of: every project's, instead of its own
  std::optional<std::string> locale;         // --locale
  std::optional<std::int64_t> generated_at;  // SOURCE_DATE_EPOCH
  bool strict = false;
  std::size_t max_shown = 100;
  // The pool dashboard's audience: public unless --audience internal; the
  // other outputs are always internal.
  Audience dashboard = Audience::kPublic;
  std::optional<std::filesystem::path> templates;  // --templates: searched before the built-in ones
};

// What each project contributed to the run, for the row accounting printed.
struct PoolProjectRun {
  std::string entry;  // as the pool file names it
  std::string id;     // "" when it could not be read
  std::string source;
  std::optional<Date> as_of;
  int rows_read = 0;
  int rows_rejected = 0;
};

struct PoolResult {
  Diagnostics diagnostics;
  std::optional<PoolReport> report;     // set when nothing stopped the run
  std::optional<PoolReport> dashboard;  // what index.html shows: public_pool(), or the report itself
  std::vector<PoolProjectRun> projects;
  std::vector<std::string> written;
};

// Reads and checks every input; writes nothing.
PoolResult run_pool_check(const PoolOptions& options);

// Writes the pool's outputs into `out_dir` when the inputs have no error.
PoolResult run_pool(const PoolOptions& options, const std::filesystem::path& out_dir);

}  // namespace maaltal
