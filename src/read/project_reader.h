// Reads project.json and the targets CSV it may name into a Project, checking
// everything that can be checked without the registrations: municipality codes
// against the reference list, indicator references, target values. Reports
// problems as diagnostics (E104, E105, E2xx); never computes.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "core/diagnostics.h"
#include "core/project.h"

namespace maaltal {

// `display` is the path as the user wrote it, used in messages. Returns nullopt
// when project.json is not valid JSON or not an object.
std::optional<Project> read_project(const std::filesystem::path& path, const std::string& display, Diagnostics& diags);

// The path of `file` (as written inside project.json) for messages: beside
// project.json's own display path.
std::string display_path_beside(const std::string& project_display, const std::string& file);

}  // namespace maaltal
