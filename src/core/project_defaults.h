// The defaults of project.json's "progress" (thresholds and forecast) and
// "privacy" settings. Their one source is config/project-defaults.json,
// compiled into the binary and printed by `maaltal config
// project-defaults.json`; the structs in core/project.h take their initial
// values from here, so a project that leaves a setting out gets the file's.
#pragma once
#include <string>
#include <string_view>

namespace maaltal {

// The value at JSON Pointer `pointer` ("/progress/on_track") of the built-in
// defaults. A pointer the file lacks, or a value of another type, is a fault
// of the build (std::logic_error), which a unit test rules out.
double default_number(std::string_view pointer);
bool default_flag(std::string_view pointer);
std::string default_text(std::string_view pointer);

}  // namespace maaltal
