// Duration indicators ("kind": "duration") as project.json declares them, and
// the one check each registration row gets for them: an end date before the
// start date (W170) or without a start date (W171). Reads and checks only:
// the days, the statistics and the open cases are compute/durations.h's.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/diagnostics.h"
#include "read/json_input.h"

namespace maaltal {

// The members of a duration indicator after its id, label and kind:
// start_field, end_field, within_days, statistic. False (with E240 or the
// JSON reader's errors) when it cannot be used.
bool read_duration(JsonFields& fields, Diagnostics& diags, const std::string& file, const Json& obj,
                   const std::string& ptr, DurationIndicator& out);

// Durations need one row per participant: an event log spreads a participant
// over rows, and a start in one row and an end in another would silently make
// no duration. E240 at `pointer` (the registrations' "rows") when both meet.
void check_durations_source(const Project& project, Diagnostics& diags, const std::string& file,
                            const std::string& pointer);

// The schema's date indices of each duration's start and end field.
struct DurationFields {
  std::size_t start = 0;
  std::size_t end = 0;
  std::string start_column;  // as the file names them, for the messages
  std::string end_column;
};
std::vector<DurationFields> duration_fields(const Dataset& dataset);

// One kept row's dates (schema order) against each duration: the warnings'
// words and the date index where each stands. The row stays counted; the
// duration leaves it out (compute/durations.h).
struct DurationProblem {
  std::string code;  // W170 or W171
  Words words;
  std::size_t date_field = 0;
};
std::vector<DurationProblem> duration_problems(const std::vector<DurationFields>& fields,
                                               std::span<const std::optional<Date>> dates);

}  // namespace maaltal
