// The readers' entry point: project.json, the targets and the registrations it
// names, into one Dataset. Problems go to `diags`; unreadable files throw.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "core/dataset.h"
#include "core/diagnostics.h"

namespace maaltal {

// `skip_bad_rows` (--skip-bad-rows) as project.json's registrations.skip_bad_rows:
// a row with an error is left out, listed, and the rest counted.
std::optional<Dataset> load_dataset(const std::filesystem::path& project_path, const std::string& display,
                                    Diagnostics& diags, bool skip_bad_rows = false);

}  // namespace maaltal
