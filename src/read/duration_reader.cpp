#include "read/duration_reader.h"

#include <cmath>

namespace maaltal {

namespace {

constexpr int kMaxWithinDays = 3650;  // ten years: a benchmark beyond any project period is a typo

}  // namespace

bool read_duration(JsonFields& fields, Diagnostics& diags, const std::string& file, const Json& obj,
                   const std::string& ptr, DurationIndicator& out) {
  bool ok = true;
  out.start_field = fields.string(obj, ptr, "start_field", true).value_or("");
  out.end_field = fields.string(obj, ptr, "end_field", true).value_or("");
  if (out.start_field.empty() || out.end_field.empty()) ok = false;
  if (ok && out.start_field == out.end_field) {
    diags.error("E240", Words("same_field", {{"field", out.start_field}}), {file, 0, 0, ptr + "/end_field", ""});
    ok = false;
  }
  if (auto days = fields.number(obj, ptr, "within_days", true)) {
    if (*days < 0 || *days > kMaxWithinDays || std::floor(*days) != *days) {
      diags.error("E240", Words("within_days", {{"max", std::to_string(kMaxWithinDays)}}),
                  {file, 0, 0, ptr + "/within_days", ""});
      ok = false;
    } else {
      out.within_days = static_cast<int>(*days);
    }
  } else {
    ok = false;
  }
  out.statistic = fields.string(obj, ptr, "statistic", false).value_or("median");
  bool known = false;
  for (const char* s : kDurationStatistics) known = known || out.statistic == s;
  if (!known) {
    diags.error("E240", Words("statistic", {{"value", out.statistic}}), {file, 0, 0, ptr + "/statistic", ""});
    ok = false;
  }
  return ok;
}

void check_durations_source(const Project& project, Diagnostics& diags, const std::string& file,
                            const std::string& pointer) {
  if (!project.registrations.events || project.durations.empty()) return;
  diags.error("E240", Words("events", {{"id", project.durations.front().id}}), {file, 0, 0, pointer, ""});
}

std::vector<DurationFields> duration_fields(const Dataset& dataset) {
  std::vector<DurationFields> out;
  for (const auto& d : dataset.project.durations) {
    int start = dataset.schema.date_index(d.start_field), end = dataset.schema.date_index(d.end_field);
    if (start < 0 || end < 0) continue;
    out.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(end),
                   dataset.project.column_for(d.start_field), dataset.project.column_for(d.end_field)});
  }
  return out;
}

std::vector<DurationProblem> duration_problems(const std::vector<DurationFields>& fields,
                                               std::span<const std::optional<Date>> dates) {
  std::vector<DurationProblem> problems;
  for (const auto& f : fields) {
    const auto& start = dates[f.start];
    const auto& end = dates[f.end];
    if (!end) continue;
    if (!start) {
      problems.push_back({"W171", Words({{"column", f.end_column}, {"start_column", f.start_column}}), f.end});
    } else if (*end < *start) {
      problems.push_back({"W170",
                          Words({{"column", f.end_column},
                                 {"start_column", f.start_column},
                                 {"days", std::to_string(start->days_since_epoch() - end->days_since_epoch())}}),
                          f.end});
    }
  }
  return problems;
}

}  // namespace maaltal
