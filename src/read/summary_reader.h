// A project given to a pool by its summary.json (a project manager sends the
// summary, not the registrations): the figures and provenance in it, as a
// Report with no monthly series, breakdowns or goals. Only what the pool
// uses is read; a value of the wrong shape is an error at its JSON Pointer.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "core/diagnostics.h"
#include "core/report.h"

namespace maaltal {

// True when `text` parses as a maaltal summary.json (an object with a
// "generator" member) rather than a project.json.
bool looks_like_summary(const std::string& text);

// The summary in `text` (read from `display`, whose provenance the caller
// keeps) as a Report; nullopt with the problems in `diags`.
std::optional<Report> read_project_summary(const std::string& text, const std::string& display, Diagnostics& diags);

}  // namespace maaltal
