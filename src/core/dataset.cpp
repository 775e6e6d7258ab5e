#include "core/dataset.h"

#include <algorithm>

namespace maaltal {
namespace {

void add_unique(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

int index_of(const std::vector<std::string>& names, const std::string& name) {
  auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

}  // namespace

RecordSchema RecordSchema::for_project(const Project& project) {
  RecordSchema schema;
  for (const auto& indicator : project.indicators) {
    if (indicator.kind != IndicatorKind::kCount) continue;
    add_unique(schema.date_fields, indicator.date_field);
    for (const auto* filter : indicator.conditions()) add_unique(schema.category_fields, filter->field);
  }
  for (const auto& breakdown : project.breakdowns) add_unique(schema.category_fields, breakdown.field);
  for (const auto& d : project.durations) {
    add_unique(schema.date_fields, d.start_field);
    add_unique(schema.date_fields, d.end_field);
  }
  return schema;
}

int RecordSchema::date_index(const std::string& field) const { return index_of(date_fields, field); }

int RecordSchema::category_index(const std::string& field) const { return index_of(category_fields, field); }

}  // namespace maaltal
