// What the readers produce: the project plus one record per registered
// participant, holding only the fields the indicators use. The schema (which
// date and category fields exist) is derived from the indicators once, so that
// rows are fixed-size columns rather than maps.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
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
};

struct Dataset {
  Project project;
  RecordSchema schema;
  Registrations registrations;  // one row per participant (or event), see RecordSchema
  std::vector<AggregatedCount> counts;
  int rows_read = 0;      // data rows seen in the registrations and counts files
  int rows_rejected = 0;  // rows not counted, each with a diagnostic
};

}  // namespace maaltal
