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
  // For the public pool dashboard, a project read from its registrations:
  // its own public release (as its own dashboard shows it, as of the last
  // whole month's end) and the same month's figures unsuppressed.
  std::optional<Report> release;
  std::optional<Report> release_values;
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

// The pool as its public dashboard may show it. Every published figure is a
// cell of one suppression table (compute/suppression.h): each project's
// municipalities and total as its own public release has them (a shown cell
// is known to every reader, a hidden one stays hidden with its mark), tied
// by the project's sum, and the cells the pool adds: each municipality's sum
// across its projects and the pool's total, tied both to the projects'
// totals and to the municipalities' sums. The pool's cells are then
// suppressed and the whole table audited exactly (GLPK): no hidden small
// count may be pinned to one value. A project given by its summary.json has
// no release: its figures are suppressed here as they stand. nullopt when
// the audit still finds a pinned cell (nothing is published then).
std::optional<PoolReport> public_pool(const PoolInput& input);

// The pool's threshold: the strictest of its projects' (a summary's project
// has the default), and a 0 shown as "–" only where every project does so.
PrivacySettings pool_privacy(const std::vector<PoolMember>& members);

}  // namespace maaltal
