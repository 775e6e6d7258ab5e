#include "app/pipeline.h"

#include <charconv>
#include <cstdlib>
#include <fstream>

#include "compute/compute.h"
#include "core/error.h"
#include "read/load.h"
#include "render/writers.h"

namespace maaltal {

namespace fs = std::filesystem;

namespace {

TemplateSet templates_for(const RunOptions& options) {
  std::vector<fs::path> dirs;
  if (options.templates) {
    if (!fs::is_directory(*options.templates)) {
      throw Error(ErrorKind::kUsage, "--templates: '" + options.templates->generic_string() + "' is not a folder");
    }
    dirs.push_back(*options.templates);
  }
  fs::path own = options.project.parent_path() / "templates";
  if (fs::is_directory(own)) dirs.push_back(own);
  return TemplateSet(dirs);
}

// Written beside its final name and renamed into place, so that a reader never
// sees half a file.
void write_file_atomically(const fs::path& path, const std::string& content) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw Error(ErrorKind::kWrite, "cannot write '" + tmp.generic_string() + "'");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw Error(ErrorKind::kWrite, "cannot write '" + path.generic_string() + "': " + ec.message());
}

}  // namespace

std::optional<std::int64_t> source_date_epoch() {
  const char* value = std::getenv("SOURCE_DATE_EPOCH");
  if (!value || !*value) return std::nullopt;
  std::int64_t seconds = 0;
  std::string_view text(value);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw Error(ErrorKind::kUsage,
                "SOURCE_DATE_EPOCH must be a whole number of seconds, not '" + std::string(text) + "'");
  }
  return seconds;
}

CheckResult run_check(const RunOptions& options) {
  CheckResult result;
  auto dataset = load_dataset(options.project, options.project.generic_string(), result.diagnostics);
  if (dataset) {
    result.data_read = true;
    result.rows_read = dataset->rows_read;
    result.rows_rejected = dataset->rows_rejected;
  }
  if (!dataset || result.diagnostics.has_errors()) return result;
  if (options.locale) dataset->project.info.locale = *options.locale;
  ComputeOptions compute{options.as_of, options.generated_at, MAALTAL_VERSION};
  result.report = compute_report(*dataset, compute);
  // Only now are the figures known that a person's verdict may override.
  for (std::size_t i = 0; i < result.report->goals.size(); ++i) {
    const GoalReport& g = result.report->goals[i];
    if (g.overridden && g.goal.override_reason.empty()) {
      result.diagnostics.warning("W112",
                                 "goal '" + g.goal.id + "' is set to " + g.goal.status + " where the figures suggest " +
                                     g.suggested_status + "; give an override_reason",
                                 {options.project.generic_string(), 0, 0, "/goals/" + std::to_string(i), ""});
    }
  }
  result.report->data_quality.by_code = result.diagnostics.count_by_code();
  return result;
}

CheckResult run_build(const RunOptions& options, const fs::path& out_dir) {
  CheckResult result = run_check(options);
  if (!result.report) return result;
  const Report& report = *result.report;
  TemplateSet templates = templates_for(options);
  auto dashboard = render_dashboard(report, templates, parse_dashboard_form(options.dashboard_form));
  std::string status = render_status_markdown(report, templates);
  std::string summary = render_summary_json(report);

  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) throw Error(ErrorKind::kWrite, "cannot create '" + out_dir.generic_string() + "': " + ec.message());
  fs::path workbook_tmp = out_dir / (std::string(OutputNames::kWorkbook) + ".tmp");
  try {
    write_workbook(report, templates, workbook_tmp);
  } catch (...) {
    fs::remove(workbook_tmp, ec);  // a half-written workbook is worse than none
    throw;
  }
  for (const auto& file : dashboard) {
    write_file_atomically(out_dir / file.name, file.content);
    result.written.push_back(file.name);
  }
  write_file_atomically(out_dir / OutputNames::kStatus, status);
  write_file_atomically(out_dir / OutputNames::kSummary, summary);
  fs::rename(workbook_tmp, out_dir / OutputNames::kWorkbook, ec);
  if (ec) throw Error(ErrorKind::kWrite, "cannot write '" + (out_dir / OutputNames::kWorkbook).generic_string() + "'");
  result.written.insert(result.written.end(), {OutputNames::kStatus, OutputNames::kWorkbook, OutputNames::kSummary});
  return result;
}

}  // namespace maaltal
