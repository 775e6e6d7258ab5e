// What the readers produce: the project plus one record per registered
// participant, holding only the fields the indicators use. The schema (which
// date and category fields exist) is derived from the indicators once, so that
// rows are fixed-size columns rather than maps.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"
#include "core/project.h"
#include "core/registrations.h"

namespace maaltal {

struct RecordSchema {
  std::vector<std::string> date_fields;  // logical names, in first-use order
  std::vector<std::string> category_fields;

  static RecordSchema for_project(const Project& project);
  int date_index(const std::string& field) const;
  int category_index(const std::string& field) const;
};

// A number of participants reached on an indicator, reported as a count: they
// count on `date` (for a month, its last day) like registrations would.
struct AggregatedCount {
  std::string unit_code;
  std::string indicator;
  Date date;
  double count = 0;
  int position = 0;  // the CSV line it was read from, or its index in a JSON array
};

struct Dataset {
  Project project;
  RecordSchema schema;
  Registrations registrations;  // one row per participant (or event), see RecordSchema
  std::vector<AggregatedCount> counts;
  std::vector<SurveyResponses> survey_responses;  // by Project::surveys
  int rows_read = 0;      // data rows seen in the registrations and counts files
  int rows_rejected = 0;  // rows not counted, each with a diagnostic
  int rows_blank = 0;     // rows of only empty cells (Excel's leftovers): read, skipped, not rejected
  int rows_total = 0;     // a total row at the end (I alt, Total, Sum): read, skipped with a note
  // --skip-bad-rows (or project.json's registrations.skip_bad_rows): a row
  // with an error is rejected and the rest are counted; each such row is
  // listed here by its first error (the first limits::kKeptDiagnostics).
  bool skip_bad_rows = false;
  int rows_skipped = 0;  // rows rejected for an error under skip_bad_rows
  std::vector<Diagnostic> skipped_rows;
  ReconciliationInput reconciliation;  // the two sources' rows, when project.json declares them
};

}  // namespace maaltal
