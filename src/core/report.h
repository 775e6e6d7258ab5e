// The computed report: the only thing a writer sees. Every figure is here,
// unrounded; rounding and wording belong to the writers. Units are in Danish
// collation order.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"
#include "core/duration_report.h"
#include "core/hidden.h"
#include "core/project.h"
#include "core/range.h"
#include "core/registrations.h"
#include "core/surveys.h"

namespace maaltal {

// One month of an indicator: new in the month, and the running total at its end.
struct MonthPoint {
  std::string month;                 // "2022-06"
  std::optional<double> new_count;   // null for ratios
  std::optional<double> cumulative;  // for ratios, the ratio of the running totals
  Hidden hidden = Hidden::kNo;       // public: the running total (and the new count) left out
};

// One indicator's figures for one municipality or for the total.

struct Figure {
  std::optional<double> actual;            // a count, a sum, or a ratio (null when 0/0)
  std::optional<double> target;            // the version in force at the as-of date; null where none is set
  std::string target_version;              // its name ("justeret"); "" for none or a derived total
  std::optional<double> target_original;   // the first version's value
  std::optional<Date> target_effective;    // from when the version in force applies (null: the period start)
  std::string target_reason;               // why that version was set
  // How the target was chosen: "in_force" (the version in force at the as-of
  // date), "chosen" (project.json's target_basis named the version), or, for
  // a total summing chosen versions, "mixed"; "" without a target.
  std::string target_basis;
  std::string target_basis_reason;              // target_basis's reason, when chosen
  std::optional<double> target_in_force;        // when chosen: the value of the version in force
  std::string target_in_force_version;          // and its name
  std::optional<double> attainment;        // actual / target, null without both
  std::optional<double> expected;          // what the target asks for by the as-of date
  std::optional<double> gap;               // target - actual: positive while short of the target
  std::optional<double> needed_per_month;  // the gap spread over the whole months left
  std::optional<double> forecast;          // actual at the period end at the recent pace
  std::string status;                      // on_track, at_risk, behind; met, partly_met, not_met; "" without a target
  std::vector<MonthPoint> series;          // project start month to the as-of month
  // What the target asks for by the end of each month, project start month to
  // end month, by the same rule as `expected`; empty without a target or for a ratio.
  std::vector<double> trajectory;
  // Public outputs: the actual and every figure made from it (attainment,
  // gap, needed per month, forecast, status) left out.
  Hidden hidden = Hidden::kNo;
  bool forecast_hidden = false;  // public: the forecast would reveal a hidden month
  // The total's only (compute/ranges.h): the lowest and highest municipality's
  // ratio (`range`, ratio indicators) and attainment; in a public report over
  // the figures it shows. Null with fewer than 2 municipalities with a value.
  std::optional<Range> range;
  std::optional<Range> attainment_range;
};

struct UnitFigures {
  std::string code;  // kommunekode; empty for the total
  std::string name;
  std::vector<Figure> values;  // by Report::indicators index
};

// One municipality's (or the total's) pass through a funnel.
struct FunnelRow {
  std::string code;  // empty for the total
  std::string name;
  std::vector<double> actual;                     // by stage
  std::vector<std::optional<double>> conversion;  // stage k / stage k-1; null for the first stage and over 0
  std::vector<Hidden> hidden;                     // by stage, in public outputs; empty when none is
  std::vector<std::optional<Range>> conversion_range;  // the total's only, by stage (compute/ranges.h); else empty

  Hidden hidden_at(std::size_t stage) const { return hidden.empty() ? Hidden::kNo : hidden[stage]; }
};

struct FunnelReport {
  std::string id;
  std::string label;
  std::vector<std::string> stages;  // indicator ids
  std::vector<FunnelRow> units;     // in the order of Report::units
  FunnelRow total;
  Translations label_texts;  // which language the label is in
};

// One row of a breakdown: the indicator's count per category. Values not
// declared as categories are counted in `other`, so the row adds up to the
// indicator's actual.
struct BreakdownRow {
  std::string code;  // empty for the total
  std::string name;
  std::vector<double> counts;  // by BreakdownReport::categories
  double other = 0;            // empty or undeclared values
  std::vector<Hidden> hidden;  // by category, in public outputs; empty when none is
  Hidden other_hidden = Hidden::kNo;

  Hidden hidden_at(std::size_t category) const { return hidden.empty() ? Hidden::kNo : hidden[category]; }
};

struct BreakdownReport {
  std::string id;
  std::string label;
  std::string indicator;
  std::string field;
  std::vector<std::string> categories;
  std::vector<BreakdownRow> units;  // in the order of Report::units
  BreakdownRow total;

  // Whether its tables have an "other" column: when some value was not
  // declared (in a public report, also when the total's "other" is hidden).
  bool has_other() const { return total.other > 0 || total.other_hidden != Hidden::kNo; }
};

struct GoalReport {
  Goal goal;                     // as declared, with `status` the status in force
  std::string suggested_status;  // from the tied indicator's figures; "" when not tied
  bool overridden = false;       // a person's status differs from the suggestion
};

// Since the previous report (`--previous`): what was added, and the months
// before its as-of date whose counts changed since. Each figure then (as the
// previous summary.json has it) and now, and whether a reader would see any
// of them move.
struct Change {
  std::string unit_code;  // empty for the total
  std::string unit_name;
  std::string indicator;
  std::optional<double> previous;  // null when the previous report had no such figure
  std::optional<double> actual;
  std::optional<double> previous_target;  // the target in force at each report's as-of date
  std::optional<double> target;
  std::optional<double> previous_attainment;
  std::optional<double> attainment;
  std::string previous_status;  // as Figure::status; "" without a target or without a previous figure
  std::string status;
  bool is_new = false;  // the previous report had no such figure (a municipality or indicator added since)
  bool moved = false;   // new, or its actual, target, attainment or status differs (compute/changes.h)
};

struct Revision {
  std::string unit_code;
  std::string unit_name;
  std::string indicator;
  std::string month;  // "YYYY-MM"
  double previous = 0;
  double now = 0;
};

struct Changes {
  std::string previous_file;  // as named on the command line: for summary.json, never for a reader
  Date previous_as_of;        // how the reports name the previous one
  std::vector<Change> changes;      // units in report order, then the total; indicators in declared order
  std::vector<Revision> revisions;  // in the same order, months ascending
};

// The most frequent problems in the inputs, for the data-quality sections.
struct Problem {
  std::string code;
  int count = 0;
  std::string example;  // the first such message with its location
};

struct DataQuality {
  int rows_read = 0;
  int rows_counted = 0;
  int rows_rejected = 0;
  int rows_blank = 0;                    // rows of only empty cells: skipped
  int rows_total = 0;                    // a total row at the end (I alt): skipped
  bool skip_bad_rows = false;            // --skip-bad-rows: rows with errors left out, the rest counted
  int rows_skipped = 0;                  // of rows_rejected, those left out for an error under skip_bad_rows
  std::vector<Diagnostic> skipped_rows;  // each by its first error (location, code, message), internal only
  int events_after_as_of = 0;           // dates after the as-of date: read, kept, not counted
  std::map<std::string, int> by_code;   // diagnostics by code, warnings included
  std::vector<Problem> top_problems;    // the most frequent codes first
  std::vector<Diagnostic> diagnostics;  // every one, warnings included, in the order found
};

// The registrations for the raw-rows workbook (--raw-rows, internal only):
// the reader's columns as they are, handed over once the figures are
// computed. Each id becomes its keyed pseudonym only as it is written, so a
// million rows are never a million strings.
struct RawRows {
  Registrations registrations;
  std::vector<std::string> unit_codes;   // Registrations::unit() indexes these
  std::vector<std::string> date_fields;  // the columns, by the registrations' schema
  std::vector<std::string> category_fields;
  std::string key;  // the pseudonyms' key, from the environment; never written
  // project.json's declarations of the category columns' values: a value
  // declared for its column is written as it is even when it equals an id.
  std::vector<Breakdown> breakdowns;
  BooleanWords booleans;
};

// The row that set the as-of date when the data did (no --as-of, no as_of
// in project.json): the one holding the latest date.
struct AsOfSource {
  std::string file;                 // the registrations or counts, as named
  int line = 0;                     // its CSV line, or
  int index = -1;                   // its index in a JSON array
  std::optional<Date> next_latest;  // the latest date in the data before it
};

// Two registration sources compared (compute/reconciliation.h). Each count
// is hidden in a public report as the suppression decides (then `hidden` is
// set and the value is not to be shown).
struct ReconciliationCount {
  int value = 0;
  Hidden hidden = Hidden::kNo;
};

struct ReconciledSource {
  std::string id, label, file;
  ReconciliationCount rows;           // data rows read
  ReconciliationCount test_persons;   // rule 1: on the test-person list
  ReconciliationCount other_unit;     // rule 3: another municipality than the project's
  ReconciliationCount kept;           // N: rows - test_persons - other_unit
  ReconciliationCount only_here;      // after rule 1, with no row of the same id in the other source
};

struct ReconciliationReport {
  std::vector<ReconciledSource> sources;  // two, in project.json's order
  std::string counts_from;                // the id of the source the report's counts come from
  ReconciliationCount matched;            // ids in both sources after rule 1
  ReconciliationCount differs_unit;       // matched, with a different municipality in each
  ReconciliationCount differs_date;       // matched, with a different date in each
  // Internal only: the rows with no partner, and the matched pairs that
  // differ, by where they are (file:line), never by id: ids may be CPR numbers.
  struct Unmatched {
    std::size_t source = 0;
    SourceLocation where;
  };
  struct Difference {
    std::string what;  // "municipality" or "date"
    SourceLocation first, second;
  };
  std::vector<Unmatched> unmatched;
  std::vector<Difference> differences;
};

struct Report {
  std::string generator_version;
  Audience audience = Audience::kInternal;  // public: made by public_report(), small counts hidden
  PrivacySettings privacy;
  OutputSettings outputs;  // as project.json sets them
  ProjectInfo project;
  Date as_of;
  std::string aggregation = "sum";  // aggregation_name() of the project's Aggregation
  ProgressSettings progress;
  std::vector<Indicator> indicators;  // as declared in project.json, those with "show": false left out once computed
  std::vector<Indicator> left_out;    // "show": false: computed for a sum or ratio, in no output; for their labels
  std::vector<UnitFigures> units;
  UnitFigures total;
  std::vector<FunnelReport> funnels;
  std::vector<BreakdownReport> breakdowns;
  std::vector<DurationReport> durations;  // "kind": "duration", in declared order
  std::vector<GoalReport> goals;
  std::vector<SurveyReport> surveys;  // project.json's "surveys", in its order (compute/surveys.h)
  std::map<std::string, std::map<std::string, int>> goal_tally;  // level -> status -> goals
  DataQuality data_quality;
  std::optional<AsOfSource> as_of_source;  // when the data set the as-of date
  std::optional<Changes> changes;  // with --previous
  std::optional<ReconciliationReport> reconciliation;  // when project.json declares two sources
  std::vector<ProjectText> texts;  // the project's own Markdown, in project.json's order
  std::vector<InputFile> input_files;
  std::shared_ptr<const RawRows> raw_rows;   // with --raw-rows; null in a public report
  std::optional<std::int64_t> generated_at;  // seconds since 1970, from SOURCE_DATE_EPOCH; never the clock

  int indicator_index(const std::string& id) const { return find_indicator(indicators, id); }
  // The label of indicator `id`, or the id itself when there is none such.
  std::string label_of(const std::string& id) const;
};

}  // namespace maaltal
