// Folds the projects' Reports into a pool report: each project's figures
// under the pool's indicator ids, each municipality across the projects it
// is in (each project's figure and their sum), and the pool's totals by the
// pool's aggregation, with the spread across projects and municipalities.
// Pure: no I/O, no formatting. Counts are never computed again here: every
// figure comes from a project's own Report.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/pool.h"
#include "core/report.h"

namespace maaltal {

// One project as the pool sees it: its Report (internal), where it came from.
struct PoolMember {
  Report report;
  std::string source;  // "registrations" or "summary"
  std::string file;    // the project.json or summary.json as read
};

struct PoolInput {
  PoolDefinition definition;
  std::vector<PoolMember> members;                 // in the pool file's order
  std::map<std::string, int> shared_participants;  // municipality code -> participants in two or more projects
  std::vector<InputFile> inputs;
  std::optional<Date> as_of;  // --as-of
  std::optional<std::int64_t> generated_at;
  std::string generator_version;
  std::string locale = "da";
};

// Several figures of one pool indicator made one: the actual summed, the
// target and expected summed where set, attainment by `aggregation` (sum:
// the actuals of the figures with a target over their targets; mean: the
// mean of their attainments; mean_capped: each capped at 1 first), and the
// status from attainment against what is expected by now. Figures not part
// of the indicator are left out; none part of it gives one not part of it.
PoolFigure aggregate_pool_figures(const std::vector<PoolFigure>& figures, Aggregation aggregation,
                                  const ProgressSettings& progress);

PoolReport compute_pool(const PoolInput& input);

}  // namespace maaltal
