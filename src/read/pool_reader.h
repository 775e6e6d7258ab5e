// The pool file (`maaltal pool POOL.json`): its id, title, aggregation, the
// projects it rolls up (paths relative to the pool file) and the pool's
// indicators with each project's id for them. Only the file's own shape is
// checked here; whether a mapping names a real project and indicator is known
// once the projects are read (app/pool_pipeline.cpp). Never reads a project.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/pool.h"
#include "core/project.h"

namespace maaltal {

// Reads and checks `path` (shown as `display`). Problems go to `diags` at
// their JSON Pointer; nullopt when the file is not a usable pool file. The
// file itself is appended to `provenance`; an unreadable file throws Error(kRead).
std::optional<PoolDefinition> read_pool_file(const std::filesystem::path& path, const std::string& display,
                                             Diagnostics& diags, std::vector<InputFile>& provenance);

}  // namespace maaltal
