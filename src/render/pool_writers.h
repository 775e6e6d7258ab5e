// The pool's writers: each sees only the PoolReport, never the inputs nor a
// project's Report. summary.json is the pool model's dump, status.md STAR's
// case officer's view, report.xlsx the workbook (README "A pool of projects").
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/pool.h"
#include "render/writers.h"

namespace maaltal {

// The pool's summary.json: every figure unrounded.
std::string render_pool_summary_json(const PoolReport& pool);

// The pool's status.md, from pool_status.md.mustache and locale/pool-<locale>.json.
std::string render_pool_status_markdown(const PoolReport& pool, const TemplateSet& templates);

// The pool's index.html, from pool_dashboard.html.mustache and the project
// dashboard's style sheet: public or internal as `pool.audience` says.
std::string render_pool_dashboard(const PoolReport& pool, const TemplateSet& templates);

// The pool's report.xlsx at `path`. Throws Error(kWrite) when libxlsxwriter fails.
void write_pool_workbook(const PoolReport& pool, const TemplateSet& templates, const std::filesystem::path& path);

// Every text output of the pool, named as written into the output folder.
std::vector<OutputFile> render_pool_texts(const PoolReport& pool, const TemplateSet& templates);

}  // namespace maaltal
