// Where a project may reach on disk: the files project.json names (texts,
// registrations, targets, counts) and the project's own templates/ must lie
// inside the project's folder, after every symbolic link is followed, so
// that a project cannot publish a file from elsewhere on the machine
// (../../etc/passwd, /etc/hostname, a link out). This only answers the
// question; the callers report it.
#pragma once
#include <filesystem>

namespace maaltal {

// True when `path` (relative to `folder`, or absolute) names something inside
// `folder` once both are resolved (symbolic links followed, `..` removed).
// A part that does not exist yet is taken as written.
bool inside_folder(const std::filesystem::path& folder, const std::filesystem::path& path);

}  // namespace maaltal
