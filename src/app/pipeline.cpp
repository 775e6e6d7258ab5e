#include "app/pipeline.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <map>

#include "app/output_folder.h"
#include "compute/changes.h"
#include "compute/compute.h"
#include "compute/public_changes.h"
#include "compute/suppression.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/progress_meter.h"
#include "core/version.h"
#include "read/load.h"
#include "read/previous_reader.h"
#include "read/project_limits.h"
#include "read/project_reader.h"
#include "read/json_input.h"
#include "render/locale.h"
#include "render/markdown.h"
#include "render/writers.h"

namespace maaltal {

namespace fs = std::filesystem;

namespace {

// Seconds since the last lap, for the stage timings that --timings prints.
class Stopwatch {
 public:
  double lap() {
    auto now = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

TemplateSet templates_for(const RunOptions& options) {
  std::vector<fs::path> dirs;
  if (options.templates) {
    if (!fs::is_directory(*options.templates)) {
      throw Error(ErrorKind::kUsage, "--templates: '" + options.templates->generic_string() + "' is not a folder");
    }
    dirs.push_back(*options.templates);
  }
  TemplateSet templates(dirs);
  fs::path own = options.project.parent_path() / "templates";
  if (fs::is_directory(own)) templates.add_project_dir(own, options.project.parent_path());
  return templates;
}

// A workbook written into the private output folder on a thread of its own;
// the folder moves it into place with the other outputs.
class PendingWorkbook {
 public:
  PendingWorkbook(const fs::path& path, std::function<void(const fs::path&)> write) {
    done_ = std::async(std::launch::async, [path, write = std::move(write)] {
      Stopwatch clock;
      write(path);
      return clock.lap();
    });
  }
  ~PendingWorkbook() {
    if (done_.valid()) done_.wait();  // an error elsewhere: still never leave the thread running
  }
  PendingWorkbook(const PendingWorkbook&) = delete;
  PendingWorkbook& operator=(const PendingWorkbook&) = delete;

  // Waits for the writing; returns the seconds it took, or rethrows its error.
  double finish() { return done_.get(); }

 private:
  std::future<double> done_;
};

// A public output names each input by its path inside the project folder
// (project.json, tekst/intro.md), never by where that folder is on the
// machine that built it. Every input lies inside the folder (E207).
void name_inputs_within_project(Report& report, const fs::path& project) {
  fs::path folder = project.parent_path();
  if (folder.empty()) return;  // named from inside the folder already
  auto within = [&](const std::string& name) {
    fs::path inside = fs::path(name).lexically_relative(folder);
    return inside.empty() || *inside.begin() == ".." ? fs::path(name).filename().generic_string()
                                                     : inside.generic_string();
  };
  for (auto& file : report.input_files) file.name = within(file.name);
  if (report.as_of_source) report.as_of_source->file = within(report.as_of_source->file);
}

// The project's Markdown texts: over a limit (E208) before anything parses
// them, and an image from another host (W120), which the outputs leave out.
void check_texts(const Project& project, const std::string& project_display, Diagnostics& diags) {
  for (const auto& text : project.texts) {
    std::string shown = display_path_beside(project_display, text.file);
    for (const auto& problem : check_markdown(text.markdown)) {
      SourceLocation where{shown, problem.line, problem.column, "", ""};
      if (problem.error)
        diags.error("E208", {{"problem", problem.message}}, where);
      else
        diags.warning("W120", {{"problem", problem.message}}, where);
    }
  }
}

// A ratio over a denominator of 0 has no value: shown as "–", and said why.
void warn_empty_denominators(const Report& report, const std::string& project, Diagnostics& diags) {
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    const Indicator& ind = report.indicators[i];
    int den = report.indicator_index(ind.denominator);
    if (ind.kind != IndicatorKind::kRatio || den < 0) continue;
    auto warn_if_empty = [&](const UnitFigures& unit) {
      auto d = unit.values[static_cast<std::size_t>(den)].actual;
      if (!d || *d != 0) return;
      Words words{{"indicator", ind.id}, {"denominator", ind.denominator}};
      if (unit.code.empty())
        words.variant = "total";
      else
        words.args.emplace_back("name", unit.name);
      diags.warning("W118", words,
                    {project, 0, 0, "/indicators/" + std::to_string(i), ""});
    };
    for (const auto& unit : report.units) warn_if_empty(unit);
    warn_if_empty(report.total);
  }
}

// The most frequent codes first (then by code), each with its first message
// and where it was found, for the reports' data-quality sections, in the reports' language.
std::vector<Problem> top_problems(const Diagnostics& diagnostics, const DiagnosticWords& words) {
  constexpr std::size_t kShown = 5;
  std::map<std::string, Problem> by_code;
  for (const auto& [code, count] : diagnostics.count_by_code()) by_code[code] = Problem{code, count, ""};
  for (const auto& d : diagnostics.all()) {  // the first of each code is among them
    std::string& example = by_code[d.code].example;
    if (example.empty()) example = format_location(d.where) + ": " + words.message(d);
  }
  std::vector<Problem> problems;
  for (auto& [code, problem] : by_code) problems.push_back(std::move(problem));
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.count > b.count; });
  if (problems.size() > kShown) problems.resize(kShown);
  return problems;
}

// Who each output is for: project.json's "outputs", or --audience for all.
// The raw rows go only into an internal workbook.
OutputSettings audiences(const OutputSettings& project_outputs, const RunOptions& options) {
  OutputSettings outputs = project_outputs;
  if (options.audience) {
    outputs.dashboard = outputs.status = outputs.workbook = outputs.summary = *options.audience;
  }
  outputs.raw_rows = outputs.raw_rows || options.raw_rows;
  return outputs;
}

// The status report and its e-mail page, for the project or one municipality.
void add_status(const Report& report, const TemplateSet& templates, const UnitFigures* unit,
                std::vector<OutputFile>& files) {
  std::string stem = unit ? "status-" + unit->code : "status";
  std::string markdown = render_status_markdown(report, templates, unit);
  std::string html = render_status_html(report, markdown);
  files.push_back({stem + ".md", std::move(markdown)});
  files.push_back({stem + ".html", std::move(html)});
}

// The report each output is made from: the internal one, or the public
// release check_inputs made (audited, as of its month's end).
class AudienceReports {
 public:
  AudienceReports(const Report& internal, const std::optional<Report>& public_release)
      : internal_(internal), public_(public_release) {}
  const Report& operator()(Audience audience) const {
    return audience == Audience::kInternal ? internal_ : public_.value();
  }

 private:
  const Report& internal_;
  const std::optional<Report>& public_;
};

// Above this many municipalities one page of them all takes long to cross by
// keyboard or screen reader (README, "Dashboard forms"): `site` is suggested.
constexpr std::size_t kSinglePageMunicipalities = 30;

void suggest_site(const Report& dashboard, const RunOptions& options, Diagnostics& diagnostics) {
  if (options.dashboard_form != "single" || dashboard.units.size() <= kSinglePageMunicipalities) return;
  diagnostics.warning("W155",
                      Words("", {{"n", std::to_string(dashboard.units.size())},
                                 {"limit", std::to_string(kSinglePageMunicipalities)}}),
                      SourceLocation{options.project.string(), 0, 0, "", ""});
}

// The text outputs, rendered in memory: every template but the workbook's
// is read and checked here (tags, the style sheet, the locale's strings).
std::vector<OutputFile> render_texts(const Report& dashboard, const Report& status, const Report& summary,
                                     const TemplateSet& templates, const RunOptions& options,
                                     CheckResult& result) {
  Stopwatch clock;
  progress::update("writing the dashboard");
  suggest_site(dashboard, options, result.diagnostics);
  auto files = render_dashboard(dashboard, templates, parse_dashboard_form(options.dashboard_form));
  result.timings.push_back({"dashboard", clock.lap()});
  progress::update("writing the status report");
  add_status(status, templates, nullptr, files);
  for (std::size_t u = 0; u < status.units.size() && options.per_unit; ++u) {
    add_status(status, templates, &status.units[u], files);
  }
  result.timings.push_back({"status report", clock.lap()});
  files.push_back({OutputNames::kSummary, render_summary_json(summary)});
  result.timings.push_back({"summary.json", clock.lap()});
  return files;
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
  // The outputs show the time as a date and the workbook stores it as one:
  // only the years Excel and ISO 8601's four digits both have.
  if (seconds < 0 || seconds > limits::kLatestEpochSecond) {
    throw Error(ErrorKind::kUsage, "SOURCE_DATE_EPOCH must be from 0 to " + std::to_string(limits::kLatestEpochSecond) +
                                       " (1970-01-01 to 9999-12-31), not " + std::string(text));
  }
  return seconds;
}

namespace {

// The key of the raw rows' pseudonyms when a build asks for them (--raw-rows
// or project.json), from the environment; never written anywhere. Without a
// key, or for a public workbook, there are no raw rows: an error says why.
std::optional<std::string> pseudonym_key(const Project& project, const RunOptions& options) {
  OutputSettings outputs = audiences(project.outputs, options);
  if (!outputs.raw_rows) return std::nullopt;
  if (outputs.workbook == Audience::kPublic) {
    throw Error(ErrorKind::kUsage, "raw rows go only into an internal workbook, and this one is public");
  }
  const char* key = std::getenv(kPseudonymKeyVariable);
  if (!key || std::string_view(key).size() < 16) {
    throw Error(ErrorKind::kUsage, std::string("raw rows need a key of at least 16 characters in ") +
                                       kPseudonymKeyVariable + " to pseudonymise the participants' ids");
  }
  return std::string(key);
}

// --as-of far from the period, refused as project.json's as_of is (README
// "Project definition limits"): the monthly series would run up to it.
void check_as_of_option(const ProjectInfo& info, Date as_of, Diagnostics& diags) {
  if (!(info.start < info.end)) return;  // no valid period: project.json's errors say so
  if (auto problem = as_of_problem(as_of, info.start, info.end, "--as-of " + as_of.iso()))
    diags.error("E203", *problem, {"--as-of", 0, 0, "", ""});
}

// Rows left out for their errors (--skip-bad-rows): said once, as a warning,
// so that --strict still refuses a report that leaves rows out.
void warn_skipped_rows(const Dataset& dataset, Diagnostics& diags) {
  if (dataset.rows_skipped == 0) return;
  const auto& source = dataset.project.registrations;
  std::string file = !source.display_path.empty() ? source.display_path
                     : dataset.project.counts     ? dataset.project.counts->display_path
                                                  : "";
  int n = dataset.rows_skipped;
  diags.warning("W132", Words(n == 1 ? "one" : "", {{"n", std::to_string(n)}}), {file, 0, 0, "", ""});
}

// How far the latest date may lie beyond the one before it before it is
// likely a typo (08-11-2026 for 2025) that moved the as-of date: half a year,
// more than a small project's quiet months (the real-world fixtures have 111
// days), less than a year typed wrong.
constexpr int kAsOfGapDays = 180;

// The as-of date taken from the data, from a row that is likely a typo: after
// the period's end, or more than kAsOfGapDays after the next-latest date.
void warn_far_as_of(const Report& report, Diagnostics& diags) {
  const AsOfSource& source = *report.as_of_source;
  SourceLocation where{source.file, source.line, 0, source.index >= 0 ? "/" + std::to_string(source.index) : "", ""};
  Words words{{"date", report.as_of.iso()}};
  if (report.as_of > report.project.end) {
    words.variant = "after_end";
    words.args.emplace_back("end", report.project.end.iso());
  } else if (source.next_latest &&
             report.as_of.days_since_epoch() - source.next_latest->days_since_epoch() > kAsOfGapDays) {
    words.variant = "gap";
    words.args.emplace_back("days",
                            std::to_string(report.as_of.days_since_epoch() - source.next_latest->days_since_epoch()));
    words.args.emplace_back("next", source.next_latest->iso());
  } else {
    return;
  }
  diags.warning("W130", words, where);
}

// A locale file's words that no built-in word has (W136): most likely a
// typo, which would leave the built-in word in place unnoticed.
void warn_unknown_words(const TemplateSet& templates, const std::string& locale_code, Diagnostics& diags) {
  Locale locale = Locale::load(templates, locale_code);
  for (const auto& key : locale.unknown_keys()) {
    // A word of the diagnostics is named "diagnostics/W999": its pointer has two steps.
    auto slash = key.find('/');
    std::string pointer = slash == std::string::npos
                              ? JsonFields::pointer("", key)
                              : JsonFields::pointer(JsonFields::pointer("", key.substr(0, slash)), key.substr(slash + 1));
    diags.warning("W136", {{"key", key}, {"locale", locale_code}}, {locale.origin(), 0, 0, pointer, ""});
  }
}

CheckResult check_inputs(const RunOptions& options, bool building,
                         const std::function<void(const Dataset&)>& inspect = nullptr) {
  CheckResult result;
  Stopwatch clock;
  auto dataset =
      load_dataset(options.project, options.project.generic_string(), result.diagnostics, options.skip_bad_rows);
  if (dataset) check_texts(dataset->project, options.project.generic_string(), result.diagnostics);
  result.timings.push_back({"read and validate", clock.lap()});
  if (dataset) {
    result.data_read = true;
    result.rows_read = dataset->rows_read;
    result.rows_rejected = dataset->rows_rejected;
    result.rows_blank = dataset->rows_blank;
    result.rows_total = dataset->rows_total;
    warn_skipped_rows(*dataset, result.diagnostics);
  }
  if (dataset && options.as_of) check_as_of_option(dataset->project.info, *options.as_of, result.diagnostics);
  if (!dataset || result.diagnostics.has_errors()) return result;
  if (inspect) inspect(*dataset);
  if (options.locale) dataset->project.info.locale = *options.locale;
  for (const auto& pointer : choose_language(dataset->project, dataset->project.info.locale)) {
    result.diagnostics.warning("W137", {{"locale", dataset->project.info.locale}},
                               {options.project.generic_string(), 0, 0, pointer, ""});
  }
  warn_unknown_words(templates_for(options), dataset->project.info.locale, result.diagnostics);
  progress::update("computing");
  std::optional<std::string> key = building ? pseudonym_key(dataset->project, options) : std::nullopt;
  result.report = compute_report(*dataset, {options.as_of, options.generated_at, version_text()});
  OutputSettings outputs = audiences(dataset->project.outputs, options);
  bool any_public = outputs.dashboard == Audience::kPublic || outputs.status == Audience::kPublic ||
                    outputs.workbook == Audience::kPublic || outputs.summary == Audience::kPublic;
  result.timings.push_back({"compute", clock.lap()});
  if (any_public) {  // check audits as build does, so that it refuses what build refuses
    auto report_at = [&](Date d) {
      return d == result.report->as_of ? *result.report
                                       : compute_report(*dataset, {d, options.generated_at, version_text()});
    };
    result.public_report =
        public_release(report_at, dataset->project.info.start, result.report->as_of, result.report->privacy);
    name_inputs_within_project(*result.public_report, options.project);
    if (building && options.previous) {  // the public "since the last report": two public releases
      PreviousReport previous = read_previous_summary(*options.previous, options.previous->generic_string());
      Date then = previous.as_of;
      if (then >= dataset->project.info.start && then < result.report->as_of) {
        compare_public_releases(*result.public_report,
                                public_release(report_at, dataset->project.info.start, then, result.report->privacy),
                                previous.file);
      }
    }
    result.timings.push_back({"public release: months and suppression", clock.lap()});
  }
  if (key) {
    result.report->raw_rows = std::make_shared<RawRows>(
        RawRows{std::move(dataset->registrations), dataset->project.unit_codes, dataset->schema.date_fields,
                dataset->schema.category_fields, *key, dataset->project.breakdowns, dataset->project.booleans});
  }
  // Only now are the figures known that a person's verdict may override.
  for (std::size_t i = 0; i < result.report->goals.size(); ++i) {
    const GoalReport& g = result.report->goals[i];
    if (g.overridden && g.goal.override_reason.empty()) {
      result.diagnostics.warning(
          "W112", {{"goal", g.goal.id}, {"status", g.goal.status}, {"suggested", g.suggested_status}},
                                 {options.project.generic_string(), 0, 0, "/goals/" + std::to_string(i), ""});
    }
  }
  warn_empty_denominators(*result.report, options.project.generic_string(), result.diagnostics);
  result.as_of_source = result.report->as_of_source;
  if (result.as_of_source) warn_far_as_of(*result.report, result.diagnostics);
  leave_out_hidden(*result.report);
  if (result.public_report) leave_out_hidden(*result.public_report);
  result.report->data_quality.by_code = result.diagnostics.count_by_code();
  Locale locale = Locale::load(templates_for(options), result.report->project.locale);
  result.report->data_quality.top_problems = top_problems(result.diagnostics, locale.diagnostics());
  result.report->data_quality.diagnostics = result.diagnostics.all();
  return result;
}

}  // namespace

// What build checks of the templates, without writing anything, so that
// check refuses first what build would refuse (README "Templates").
CheckResult run_check(const RunOptions& options) {
  CheckResult result = check_inputs(options, false);
  if (!result.report) return result;
  const Report& internal = *result.report;
  OutputSettings outputs = audiences(internal.outputs, options);
  AudienceReports for_audience(internal, result.public_report);
  TemplateSet templates = templates_for(options);
  check_workbook_layout(for_audience(outputs.workbook), templates);
  render_texts(for_audience(outputs.dashboard), for_audience(outputs.status), for_audience(outputs.summary),
               templates, options, result);
  return result;
}

CheckResult run_compute(const RunOptions& options, const std::function<void(const Dataset&)>& inspect) {
  return check_inputs(options, false, inspect);
}

CheckResult run_build(const RunOptions& options, const fs::path& out_dir) {
  CheckResult result = check_inputs(options, true);
  if (!result.report) return result;
  if (options.strict && result.diagnostics.warning_count() > 0) return result;  // --strict: nothing written
  if (options.previous) {
    compare_with_previous(*result.report, read_previous_summary(*options.previous, options.previous->generic_string()));
  }
  const Report& internal = *result.report;
  Stopwatch clock;
  OutputSettings outputs = audiences(internal.outputs, options);
  AudienceReports for_audience(internal, result.public_report);
  // Every audience's report is made here, before any writer's thread starts.
  const Report& dashboard = for_audience(outputs.dashboard);
  const Report& status = for_audience(outputs.status);
  const Report& summary = for_audience(outputs.summary);
  const Report& book = for_audience(outputs.workbook);
  result.timings.push_back({"suppression", clock.lap()});
  TemplateSet templates = templates_for(options);
  check_workbook_layout(book, templates);
  OutputFolder folder(out_dir);

  // The workbooks, the slow part, are written on threads of their own while
  // the text outputs are rendered here: a 2-core machine uses both cores.
  std::vector<std::string> names{OutputNames::kWorkbook};
  PendingWorkbook workbook(folder.reserve(OutputNames::kWorkbook),
                           [&](const fs::path& path) {
                             write_workbook(book, templates, path);
                             check_written_whole(path);
                           });
  std::optional<PendingWorkbook> raw;
  if (book.raw_rows) {
    names.push_back(OutputNames::kRawWorkbook);
    raw.emplace(folder.reserve(OutputNames::kRawWorkbook),
                [&](const fs::path& path) {
                  write_raw_workbook(book, templates, path);
                  check_written_whole(path);
                });
  }
  auto files = render_texts(dashboard, status, summary, templates, options, result);
  clock.lap();
  for (const auto& file : files) names.push_back(file.name);
  std::vector<std::string> inputs;
  for (const auto& input : internal.input_files) inputs.push_back(input.name);
  refuse_overwriting_inputs(out_dir, names, inputs);
  for (const auto& file : files) folder.write(file.name, file.content);
  progress::update("writing the workbook");
  // A writer's error names the file it wrote, in the private folder: the
  // user is told the output's own path instead.
  auto finish = [&](PendingWorkbook& pending) {
    try {
      return pending.finish();
    } catch (const Error& e) {
      throw Error(e.kind(), folder.final_names(e.what()));
    }
  };
  result.timings.push_back({"workbook", finish(workbook)});
  if (raw) result.timings.push_back({"raw rows workbook", finish(*raw)});
  result.timings.push_back({"waiting for the workbooks", clock.lap()});

  folder.commit();
  std::rotate(names.begin(), names.begin() + (raw ? 2 : 1), names.end());  // printed as before: texts, then workbooks
  result.written = names;
  return result;
}

}  // namespace maaltal
