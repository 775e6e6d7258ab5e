// The summary.json of the previous report, for `--previous`.
#pragma once
#include <filesystem>
#include <string>

#include "core/previous.h"

namespace maaltal {

// Reads the figures of a previous maaltal summary.json. Throws Error(kRead)
// when the file cannot be read or is not such a summary, naming the file and
// what is missing.
PreviousReport read_previous_summary(const std::filesystem::path& path, const std::string& display_name);

}  // namespace maaltal
