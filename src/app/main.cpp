// maaltal: the command line. Parses options, runs the pipeline, prints
// diagnostics, and maps the outcome to the exit codes in README.md.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <new>

#include "app/generate.h"
#include "app/init.h"
#include "app/pipeline.h"
#include "app/pool_pipeline.h"
#include "core/date.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/progress_meter.h"
#include "core/resources.h"
#include "core/text.h"
#include "core/version.h"

namespace {

using maaltal::CheckResult;
using maaltal::Error;
using maaltal::ErrorKind;

// The forms of --as-of's date: every one parse_date reads (README "--as-of").
constexpr const char* kAsOfForms =
    "2025-06-30, or day first: 30-06-2025, 30.06.2025, 30/06/2025, 30. juni 2025, 30-Jun-25 "
    "(a two-digit year is 2000-2069 or 1970-1999), or an Excel serial day such as 45838";
const std::string kAsOfHelp = std::string("count only events on or before this date: ") + kAsOfForms;

constexpr int kInputErrors = 1;
constexpr int kStrictWarnings = 3;  // warnings, with --strict

std::optional<maaltal::Date> parse_as_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto date = maaltal::parse_date(text);
  if (!date) {
    throw Error(ErrorKind::kUsage, "--as-of: '" + text + "' is not a date (expected e.g. " + kAsOfForms + ")");
  }
  return date;
}

// The language of the messages on the terminal: --locale's, else English
// (README "Languages"), so that a Danish report's messages can be read in Danish beside it.
const maaltal::DiagnosticWords& terminal_words(const std::optional<std::string>& locale) {
  return maaltal::DiagnosticWords::built_in(locale.value_or("en"));
}

// The command's own line `key` ("line.rows") in the terminal's language,
// from the locale files' "diagnostics" object, as the messages above it are.
std::string said(const maaltal::DiagnosticWords& words, const std::string& key,
                 const std::vector<std::pair<std::string, std::string>>& args) {
  if (auto text = words.fill(key, args)) return *text;
  return maaltal::DiagnosticWords::english().fill(key, args).value_or(key);
}

// "3 errors, 1 warning, 2 notes" in the terminal's language.
std::string tally(const maaltal::Diagnostics& diags, const maaltal::DiagnosticWords& words) {
  auto counted = [&](int n, const std::string& one, const std::string& many) {
    return words.fill(n == 1 ? one : many, {{"n", std::to_string(n)}}).value_or(std::to_string(n) + " " + many);
  };
  std::string out = counted(diags.error_count(), "tally.error", "tally.errors") + ", " +
                    counted(diags.warning_count(), "tally.warning", "tally.warnings");
  if (diags.note_count() > 0) out += ", " + counted(diags.note_count(), "tally.note", "tally.notes");
  return out;
}

// Prints every diagnostic and the tally; returns the exit code for them.
// Every diagnostic up to `max_shown` (0: all), then the count by code and
// the totals. Exit code: 1 with errors, 3 with warnings under --strict.
int report_diagnostics(const CheckResult& result, const maaltal::RunOptions& options) {
  const auto& diags = result.diagnostics;
  const auto& words = terminal_words(options.locale);
  std::size_t shown = 0;
  for (const auto& d : diags.all()) {
    if (options.max_shown > 0 && shown == options.max_shown) break;
    std::cerr << maaltal::format_diagnostic(d, words);
    ++shown;
  }
  if (shown < diags.count()) {
    std::cerr << "... " << diags.count() - shown << " more not shown ("
              << (shown == options.max_shown ? "--max-errors " + std::to_string(options.max_shown)
                                             : "only the first " + std::to_string(maaltal::limits::kKeptDiagnostics) +
                                                   " and the first of each code are kept")
              << ")\n";
  }
  if (diags.count() > 0) {
    std::cerr << words.fill("tally.by_code", {}).value_or("by code:");
    for (const auto& [code, count] : diags.count_by_code()) std::cerr << " " << code << " " << count;
    std::cerr << "\n" << tally(diags, words) << "\n";
  }
  if (diags.has_errors()) return kInputErrors;
  return options.strict && diags.warning_count() > 0 ? kStrictWarnings : 0;
}

// "10 rows read, 9 counted, 1 rejected" in the terminal's language.
std::string rows_line(const maaltal::DiagnosticWords& words, int read, int counted, int rejected) {
  return said(words, "line.rows",
              {{"read", std::to_string(read)},
               {"counted", std::to_string(counted)},
               {"rejected", std::to_string(rejected)}});
}

// The row accounting, printed with or without errors: every row read is
// counted or rejected with a message above.
// Blank rows and a total row are read and skipped, neither counted nor
// rejected; the as-of date names the row it came from when the data set it.
void print_rows(const CheckResult& result, const maaltal::DiagnosticWords& words) {
  if (!result.data_read) return;
  if (result.report) {
    std::cout << said(words, "line.as_of", {{"date", result.report->as_of.iso()}});
    if (const auto& source = result.as_of_source) {
      std::string where =
          source->index >= 0
              ? said(words, "line.as_of_item", {{"file", source->file}, {"index", std::to_string(source->index)}})
              : said(words, "line.as_of_line", {{"file", source->file}, {"line", std::to_string(source->line)}});
      std::cout << " (" << where << ")";
    }
    std::cout << ": ";
  }
  int skipped = result.rows_blank + result.rows_total;
  int counted = result.rows_read - result.rows_rejected - skipped;
  std::cout << rows_line(words, result.rows_read, counted, result.rows_rejected);
  if (result.rows_blank > 0) std::cout << said(words, "line.blank_skipped", {{"n", std::to_string(result.rows_blank)}});
  if (result.rows_total > 0) std::cout << said(words, "line.total_skipped", {{"n", std::to_string(result.rows_total)}});
  std::cout << "\n";
}

// A progress line on a terminal, after a second (MAALTAL_PROGRESS_DELAY
// seconds); nothing when stderr is a pipe or a file.
void start_progress() {
  if (!isatty(STDERR_FILENO)) return;
  double delay = 1.0;
  if (const char* text = std::getenv("MAALTAL_PROGRESS_DELAY")) {
    char* end = nullptr;
    double value = std::strtod(text, &end);
    if (end != text && *end == '\0' && value >= 0) delay = value;
  }
  maaltal::progress::enable(delay);
}

// `maaltal pool`: the diagnostics of every project, each project's row
// accounting, then what was written.
int run_pool_command(const std::string& file, const std::string& out_dir, std::optional<maaltal::Date> as_of,
                     const std::string& locale, const std::string& audience, const maaltal::RunOptions& options) {
  maaltal::PoolOptions pool_options{file,           as_of, std::nullopt, maaltal::source_date_epoch(), options.strict,
                                    options.max_shown, maaltal::Audience::kPublic, options.templates};
  if (!locale.empty()) pool_options.locale = locale;
  // The audience is the dashboard's; status.md, report.xlsx and summary.json are STAR's own.
  if (audience == "internal") pool_options.dashboard = maaltal::Audience::kInternal;
  maaltal::PoolResult result = maaltal::run_pool(pool_options, out_dir);
  CheckResult printed;
  printed.diagnostics = result.diagnostics;
  maaltal::RunOptions printing = options;
  if (!locale.empty()) printing.locale = locale;
  int code = report_diagnostics(printed, printing);
  const auto& words = terminal_words(printing.locale);
  for (const auto& p : result.projects) {
    std::cout << "project " << (p.id.empty() ? p.entry : p.id) << ": ";
    if (p.source == "summary") {
      std::cout << "figures from its summary.json" << (p.as_of ? " as of " + p.as_of->iso() : "") << "\n";
      continue;
    }
    if (p.as_of) std::cout << said(words, "line.as_of", {{"date", p.as_of->iso()}}) << ": ";
    std::cout << rows_line(words, p.rows_read, p.rows_read - p.rows_rejected, p.rows_rejected) << "\n";
  }
  if (code != 0) {
    std::cerr << (code == kStrictWarnings ? "maaltal: nothing written: --strict and the warnings above\n"
                                          : "maaltal: nothing written: fix the errors above\n");
    return code;
  }
  std::string names;
  for (const auto& name : result.written) names += (names.empty() ? "" : ",") + name;
  std::cout << said(words, "line.wrote", {{"path", out_dir + "/{" + names + "}"}}) << "\n";
  return 0;
}

// `template` and `config`: with no name (or --list), the names of the built-in
// files in `folder`; with a name, that file's text, to start one's own from.
// `template` also finds the configuration files a --templates folder
// overrides (locale/da.json, workbook.layout.json), as it always has.
int print_built_in(const std::string& command, std::string_view folder, const std::string& name, bool list) {
  if (list || name.empty()) {
    for (const auto& each : maaltal::built_in_names(folder)) std::cout << each << "\n";
    return 0;
  }
  bool config_only = folder == "config";
  auto text = config_only ? maaltal::embedded_resource("config/" + name) : maaltal::built_in_file(name);
  if (!text) {
    throw Error(ErrorKind::kTemplate,
                "no built-in file named '" + name + "' (maaltal " + command + " --list names them)");
  }
  std::cout << *text;
  return 0;
}

// `init`: its problems to stderr, as check prints them; its guesses, what it
// wrote and the next commands to stdout.
int run_init_command(const maaltal::InitOptions& options) {
  maaltal::InitResult result = maaltal::run_init(options);
  const auto& diags = result.diagnostics;
  for (const auto& d : diags.all()) std::cerr << maaltal::format_diagnostic(d);
  if (diags.count() > 0) {
    std::cerr << diags.error_count() << (diags.error_count() == 1 ? " error, " : " errors, ") << diags.warning_count()
              << (diags.warning_count() == 1 ? " warning" : " warnings") << "\n";
  }
  if (diags.has_errors()) {
    std::cerr << "maaltal: nothing written: fix the errors above\n";
    return kInputErrors;
  }
  std::cout << result.guesses << "wrote " << result.written << "\n" << result.next;
  return 0;
}

int run(int argc, char** argv) {
  CLI::App app{"maaltal: goal-attainment reports for Danish employment projects"};
  app.set_version_flag("-V,--version", "maaltal " + maaltal::version_text(),
                       "print maaltal's version and those of the libraries that shape its outputs, and exit");
  app.require_subcommand(1);

  maaltal::RunOptions options;
  std::string project, as_of, templates, out_dir, locale, previous;

  auto* build = app.add_subcommand(
      "build", "Validate the inputs and write the dashboard, status.md, status.html, report.xlsx and summary.json");
  build->add_option("project", project, "the project file (project.json)")->required();
  build->add_option("-o,--out", out_dir, "the output folder (created if missing)")->required();
  build->add_option("--as-of", as_of, kAsOfHelp);
  build->add_option("--templates", templates, "a folder of templates that override the built-in ones");
  build->add_option("--locale", locale, "the language of the outputs, overriding project.json's, and of the messages printed")
      ->check(CLI::IsMember({"da", "en"}));
  build
      ->add_option("--dashboard", options.dashboard_form,
                   "the dashboard's form: single (one file), site (a page per municipality) or fragment (for a CMS)")
      ->check(CLI::IsMember({"single", "site", "fragment"}));
  build->add_option("--previous", previous,
                    "the previous report's summary.json: the status report lists what changed since, and revisions");
  build->add_flag("--per-unit", options.per_unit, "also write status-<kommunekode>.md/.html for each municipality");
  std::string audience;
  build
      ->add_option("--audience", audience,
                   "who every output is for: public (small counts hidden) or internal (every figure); "
                   "by default the dashboard is public and the rest internal")
      ->check(CLI::IsMember({"public", "internal"}));
  build->add_flag("--raw-rows", options.raw_rows,
                  "also write registreringer.xlsx, every registration as a row, ids pseudonymised with the key in "
                  "MAALTAL_PSEUDONYM_KEY (internal workbooks only)");
  bool timings = false;
  build->add_flag("--timings", timings, "print the seconds each stage took to stderr (read, compute, each writer)");

  auto* check = app.add_subcommand("check", "Validate the inputs and report every problem; write nothing");
  check->add_option("project", project, "the project file (project.json)")->required();
  check->add_option("--as-of", as_of, kAsOfHelp);
  check->add_option("--templates", templates, "a folder of templates that override the built-in ones");
  check->add_option("--locale", locale, "the language of the outputs, overriding project.json's, and of the messages printed")
      ->check(CLI::IsMember({"da", "en"}));
  for (auto* command : {build, check}) {
    command->add_flag("--strict", options.strict, "treat warnings as failures: exit code 3 (and build writes nothing)");
    command->add_flag("--skip-bad-rows", options.skip_bad_rows,
                      "leave out rows with errors (as warnings), list them in the data quality, and count the rest");
    command
        ->add_option("--max-errors", options.max_shown,
                     "print at most this many problems (0: all, up to 10000; default 100); the count by code "
                     "covers all")
        ->check(CLI::Range(std::size_t{0}, maaltal::limits::kKeptDiagnostics));
  }

  std::string pool_file, pool_out, pool_audience;
  auto* pool = app.add_subcommand(
      "pool", "Read a pool's projects as build does and write the pool's dashboard, status.md, report.xlsx and summary.json");
  pool->add_option("pool", pool_file, "the pool file (pool.json)")->required();
  pool->add_option("-o,--out", pool_out, "the output folder (created if missing)")->required();
  pool->add_option("--as-of", as_of, "every project as of this date, instead of each its own (" + std::string(kAsOfForms) + ")");
  pool->add_option("--locale", locale, "the language of the outputs and of the messages printed")->check(CLI::IsMember({"da", "en"}));
  pool->add_option("--templates", templates, "a folder of templates that override the built-in ones");
  pool->add_option("--audience", pool_audience,
                   "who the dashboard is for: public (default; small counts hidden across the pool) or internal; "
                   "the other outputs are internal")
      ->check(CLI::IsMember({"public", "internal"}));
  pool->add_flag("--strict", options.strict, "treat warnings as failures: exit code 3, nothing written");
  pool->add_option("--max-errors", options.max_shown, "print at most this many problems (0: all)")
      ->check(CLI::Range(std::size_t{0}, maaltal::limits::kKeptDiagnostics));

  maaltal::GenerateOptions generate_options;
  std::string generate_out;
  auto* generate = app.add_subcommand(
      "generate", "Write a realistic project of all 98 municipalities with N participants, for tests and benchmarks");
  generate->add_option("--participants", generate_options.participants, "how many participants (1 or more)")
      ->required();
  generate->add_option("-o,--out", generate_out, "the folder to write project.json, targets.csv and registrations.csv")
      ->required();
  generate->add_option("--seed", generate_options.seed, "the same seed gives the same files (default 1)");

  maaltal::InitOptions init_options;
  std::string init_sheet, init_out;
  auto* init = app.add_subcommand(
      "init", "Start a project from a registrations table: guess its columns, write project.json and targets.csv");
  init->add_option("sheet", init_sheet, "the registrations table: .csv, or the first sheet of an .xlsx or .ods")
      ->required();
  init->add_option("-o,--out", init_out, "the project folder to write (created if missing)")->required();
  init->add_flag("--force", init_options.force, "replace an existing project.json, targets.csv or copy of the table");

  std::string template_name;
  bool list = false;
  auto* tmpl = app.add_subcommand("template", "Print a built-in template, to start your own from");
  tmpl->add_option("name", template_name, "e.g. dashboard.html.mustache, status.md.mustache, locale/da.json");
  tmpl->add_flag("--list", list, "list the built-in templates");

  std::string config_name;
  bool list_config = false;
  auto* config = app.add_subcommand(
      "config", "Print a built-in configuration file (municipalities, default settings, words, workbook layout)");
  config->add_option("name", config_name, "e.g. project-defaults.json, kommuner.csv, locale/da.json");
  config->add_flag("--list", list_config, "list the built-in configuration files");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ErrorKind::kUsage);
  }

  if (generate->parsed()) {
    generate_options.out = generate_out;
    maaltal::generate_project(generate_options);
    std::cout << "wrote " << generate_out << "/{project.json,targets.csv,registrations.csv}\n";
    return 0;
  }
  if (init->parsed()) {
    init_options.sheet = init_sheet;
    init_options.out = init_out;
    return run_init_command(init_options);
  }
  if (tmpl->parsed()) return print_built_in("template", "templates", template_name, list);
  if (config->parsed()) return print_built_in("config", "config", config_name, list_config);

  if (!templates.empty()) options.templates = templates;
  if (pool->parsed()) return run_pool_command(pool_file, pool_out, parse_as_of(as_of), locale, pool_audience, options);
  options.project = project;
  options.as_of = parse_as_of(as_of);
  if (!locale.empty()) options.locale = locale;
  if (!previous.empty()) options.previous = previous;
  if (!audience.empty()) options.audience = maaltal::parse_audience(audience);
  options.generated_at = maaltal::source_date_epoch();
  start_progress();

  if (check->parsed()) {
    CheckResult result = maaltal::run_check(options);
    maaltal::progress::finish();
    int code = report_diagnostics(result, options);
    print_rows(result, terminal_words(options.locale));
    return code;
  }
  CheckResult result = maaltal::run_build(options, out_dir);
  maaltal::progress::finish();
  if (timings) {
    for (const auto& [stage, seconds] : result.timings) std::cerr << "timing: " << stage << " " << seconds << " s\n";
  }
  int code = report_diagnostics(result, options);
  if (code != 0) {
    print_rows(result, terminal_words(options.locale));
    std::cerr << (code == kStrictWarnings ? "maaltal: nothing written: --strict and the warnings above\n"
                                          : "maaltal: nothing written: fix the errors above\n");
    return code;
  }
  const auto& words = terminal_words(options.locale);
  print_rows(result, words);
  std::string names;
  for (const auto& name : result.written) names += (names.empty() ? "" : ",") + name;
  std::cout << said(words, "line.wrote", {{"path", out_dir + "/{" + names + "}"}}) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const Error& e) {
    maaltal::progress::finish();
    std::cerr << "maaltal: error: " << maaltal::show_controls(e.what()) << "\n";
    return e.exit_code();
  } catch (const std::bad_alloc&) {
    // Most likely an input past what this machine's memory holds: said as
    // such, with its own exit code, not as a fault of maaltal's.
    maaltal::progress::finish();
    std::cerr << "maaltal: error: out of memory; the inputs need more memory than this machine has (see Limits in "
                 "README.md)\n";
    return static_cast<int>(ErrorKind::kLimit);
  } catch (const std::exception& e) {
    maaltal::progress::finish();
    std::cerr << "maaltal: internal error: " << e.what() << "\n";
    return 70;
  }
}
