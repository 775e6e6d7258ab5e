// The writers: each sees only the Report (and the templates and words it is
// rendered with), never the inputs. Text writers return their text; the
// workbook writer is the one binary writer and writes to a path it is given.
#pragma once
#include <filesystem>
#include <string>

#include "core/report.h"
#include "render/templates.h"

namespace maaltal {

// index.html: the self-contained dashboard (dashboard.html.mustache).
std::string render_dashboard(const Report& report, const TemplateSet& templates);

// status.md: the monthly status report in GitHub-flavoured Markdown.
std::string render_status_markdown(const Report& report, const TemplateSet& templates);

// summary.json: every computed figure, unrounded (the contract in README.md).
std::string render_summary_json(const Report& report);

// report.xlsx at `path`, laid out by workbook.layout.json. Throws
// Error(kWrite) when libxlsxwriter fails.
void write_workbook(const Report& report, const TemplateSet& templates, const std::filesystem::path& path);

}  // namespace maaltal
