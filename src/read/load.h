// The readers' entry point: project.json, the targets and the registrations it
// names, into one Dataset. Problems go to `diags`; unreadable files throw.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "core/dataset.h"
#include "core/diagnostics.h"

namespace maaltal {

std::optional<Dataset> load_dataset(const std::filesystem::path& project_path, const std::string& display,
                                    Diagnostics& diags);

}  // namespace maaltal
