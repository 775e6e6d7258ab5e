// What the readers produce: the project plus one record per registered
// participant, holding only the fields the indicators use. The schema (which
// date and category fields exist) is derived from the indicators once, so that
// records are small vectors rather than maps.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/date.h"
#include "core/project.h"

namespace maaltal {

struct RecordSchema {
  std::vector<std::string> date_fields;  // logical names, in first-use order
  std::vector<std::string> category_fields;

  static RecordSchema for_project(const Project& project);
  int date_index(const std::string& field) const;
  int category_index(const std::string& field) const;
};

struct Registration {
  std::string participant;
  std::string unit_code;
  std::vector<std::optional<Date>> dates;    // by RecordSchema::date_fields
  std::vector<std::string_view> categories;  // by RecordSchema::category_fields; see Dataset::intern
  int line = 0;                              // where it was read: the CSV line, or
  int json_index = -1;                       // the index in a JSON array
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
  // The registrations' category values are views of one copy of each distinct
  // value, held here: a million rows share a handful of benefit groups.
  // Shared, so that a copied Dataset's views stay valid.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Values = std::unordered_set<std::string, Hash, std::equal_to<>>;
  std::shared_ptr<Values> category_values = std::make_shared<Values>();
  std::string_view intern(std::string_view value) {
    auto it = category_values->find(value);
    if (it == category_values->end()) it = category_values->emplace(value).first;
    return *it;
  }
  std::vector<Registration> registrations;
  std::vector<AggregatedCount> counts;
  int rows_read = 0;      // data rows seen in the registrations and counts files
  int rows_rejected = 0;  // rows not counted, each with a diagnostic
};

}  // namespace maaltal
