// A pool (pulje): several projects read side by side, their indicators mapped
// onto the pool's own. The definition as read from the pool file, and the
// pool report folded from each project's Report (compute/pool.h). Plain
// values; nothing here reads, computes or formats.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/project.h"
#include "core/report.h"

namespace maaltal {

// One of the pool's indicators: which indicator of each project it is.
struct PoolIndicator {
  std::string id;
  std::string label;
  std::map<std::string, std::string> from;          // project id -> that project's indicator id
  std::map<std::string, std::string> from_pointer;  // project id -> JSON Pointer of its mapping
};

struct PoolProjectEntry {
  std::string path;       // as the pool file names it
  std::string display;    // the path to read, relative to the working folder (the pool's folder joined)
  std::string dashboard;  // the project's own dashboard, linked from the pool's: a relative path or http(s) URL
};

struct PoolDefinition {
  std::string file;  // the pool file as named on the command line
  std::string id;
  std::string title;
  Aggregation aggregation = Aggregation::kSum;
  std::optional<Date> period_start, period_end;  // optional: every project's period must lie within
  std::vector<PoolProjectEntry> projects;
  std::vector<PoolIndicator> indicators;
  ProgressSettings progress;
};

// A pool indicator's figure for a project, a municipality or the pool.
struct PoolFigure {
  bool part_of = true;  // false: the project (or every project of the municipality) lacks the indicator
  std::optional<double> actual;
  std::optional<double> target;
  std::optional<double> attainment;
  std::optional<double> expected;
  std::string status;  // as compute gives it; "" without a target
  Hidden hidden = Hidden::kNo;  // public pool dashboard: the actual is hidden, and all made from it
};

// The spread of attainment across projects or municipalities.
struct PoolRange {
  std::optional<double> low, high;
  std::string low_id, high_id;  // a project id or a municipality code
};

struct PoolProjectUnit {
  std::string code;
  std::string name;
  std::vector<PoolFigure> values;  // by pool indicator
};

struct PoolProject {
  std::string id;
  std::string title;
  std::string source;  // "registrations" (read and computed) or "summary" (its summary.json's figures)
  std::string file;    // project.json or summary.json as read
  std::string dashboard;  // its own dashboard, when the pool file gives it
  Date as_of;
  Date start, end;
  std::string aggregation;
  std::vector<PoolFigure> values;  // by pool indicator: the project's total
  std::vector<PoolProjectUnit> units;
  DataQuality data_quality;
  std::vector<InputFile> inputs;
  bool has_latest_month = true;  // data in the month of the pool's latest as-of date
  Date latest_event;             // the month the project last counted anything (its as-of when unknown)
};

// A municipality across the pool's projects: each project's figure and the sum.
struct PoolUnitCell {
  std::string project;  // project id
  PoolFigure figure;
};

struct PoolUnitValue {
  std::vector<PoolUnitCell> by_project;  // in pool order; only projects the municipality is in
  PoolFigure sum;
};

struct PoolUnit {
  std::string code;
  std::string name;
  std::vector<std::string> projects;  // ids, in pool order
  std::vector<PoolUnitValue> values;  // by pool indicator
  // Participants registered in two or more of its projects: each such
  // participant is counted once per project in the sums. Compared by a keyed
  // hash; the ids are never kept or shown.
  int shared_participants = 0;
};

struct PoolTotalValue {
  PoolFigure figure;
  PoolRange across_projects;
  PoolRange across_units;
};

struct PoolReport {
  std::string generator_version;
  std::string id;
  std::string title;
  std::string aggregation;    // sum, mean or mean_capped
  std::optional<Date> as_of;  // --as-of, when given
  Date latest_as_of;          // the latest of the projects' as-of dates
  std::vector<PoolIndicator> indicators;
  std::vector<PoolProject> projects;  // in the pool file's order
  std::vector<PoolUnit> units;        // in Danish collation order
  std::vector<PoolTotalValue> total;  // by pool indicator
  std::vector<InputFile> inputs;      // the pool file, then each project's
  std::optional<std::int64_t> generated_at;
  std::string locale = "da";
  int percent_decimals = 0;
  // Public (the pool dashboard's default): each project's figures as its own
  // public release has them, and the cells the pool adds suppressed with
  // them (compute/pool.h public_pool).
  Audience audience = Audience::kInternal;
  PrivacySettings privacy;
};

}  // namespace maaltal
