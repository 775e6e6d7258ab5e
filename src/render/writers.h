// The writers: each sees only the Report (and the templates and words it is
// rendered with), never the inputs. Text writers return their text; the
// workbook writer is the one binary writer and writes to a path it is given.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/report.h"
#include "render/templates.h"

namespace maaltal {

// The file names written into the output folder.
struct OutputNames {
  static constexpr const char* kDashboard = "index.html";
  static constexpr const char* kFragment = "dashboard-fragment.html";
  static constexpr const char* kFragmentCss = "maaltal.css";
  static constexpr const char* kStatus = "status.md";
  static constexpr const char* kStatusHtml = "status.html";
  static constexpr const char* kWorkbook = "report.xlsx";
  static constexpr const char* kSummary = "summary.json";
  static constexpr const char* kRawWorkbook = "registreringer.xlsx";
};

struct OutputFile {
  std::string name;  // within the output folder
  std::string content;
};

// The dashboard's forms: one self-contained file; a site of index.html and a
// page per municipality, linked both ways; or a fragment (no html, head or
// body) with its stylesheet, all scoped under .maaltal, for a CMS.
enum class DashboardForm { kSingle, kSite, kFragment };

// "single", "site" or "fragment"; throws Error(kUsage) for anything else.
DashboardForm parse_dashboard_form(const std::string& name);

// `css` (from `origin`) as a <style> element may hold it, else Error(kTemplate)
// at its line and column: the project's dashboard and the pool's inline it.
std::string checked_style_sheet(const std::string& css, const std::string& origin);

// `html` with each table cell that is only `symbol` (escaped: "–", "&lt;5")
// given the spoken `words` beside it: speech drops or misreads the mark.
std::string cells_with_words(const std::string& html, const std::string& symbol, const std::string& words);

// The dashboard's files (dashboard.html.mustache, dashboard.css).
std::vector<OutputFile> render_dashboard(const Report& report, const TemplateSet& templates, DashboardForm form);

// status.md: the monthly status report in GitHub-flavoured Markdown. With
// `unit`, the report for that one municipality (--per-unit): only its rows,
// and the project total beside them for context.
std::string render_status_markdown(const Report& report, const TemplateSet& templates,
                                   const UnitFigures* unit = nullptr);

// status.html: a status report's Markdown as a standalone page for e-mail.
std::string render_status_html(const Report& report, const std::string& markdown);

// summary.json: every computed figure, unrounded (the contract in README.md).
std::string render_summary_json(const Report& report);

// Checks workbook.layout.json and the sheet names the locale file gives
// without writing anything, so that such an error stops a run before any
// output exists. Throws Error(kTemplate).
void check_workbook_layout(const Report& report, const TemplateSet& templates);

// report.xlsx at `path`, laid out by workbook.layout.json. Throws
// Error(kWrite) when libxlsxwriter fails.
void write_workbook(const Report& report, const TemplateSet& templates, const std::filesystem::path& path);

// registreringer.xlsx at `path` (--raw-rows, an internal report only): one
// row per registration with the participant as a keyed pseudonym, on as many
// sheets as Excel's row limit needs. A workbook of its own, streamed in
// libxlsxwriter's constant-memory mode, as there may be millions of rows;
// report.xlsx keeps its Excel tables, which that mode cannot write.
void write_raw_workbook(const Report& report, const TemplateSet& templates, const std::filesystem::path& path);

}  // namespace maaltal
