#include "app/pool_pipeline.h"

#include <map>
#include <random>
#include <set>

#include "app/output_folder.h"
#include "app/pipeline.h"
#include "compute/compute.h"
#include "compute/pool.h"
#include "compute/suppression.h"
#include "core/error.h"
#include "core/sha256.h"
#include "core/version.h"
#include "read/pool_reader.h"
#include "read/summary_reader.h"
#include "read/text_file.h"
#include "render/pool_writers.h"

namespace maaltal {

namespace fs = std::filesystem;

namespace {

// A key for this run alone: the participants' keyed hashes are compared
// within the run and never kept, so no one can recompute or link them.
std::string run_key() {
  std::random_device device;
  std::string key;
  for (int i = 0; i < 32; ++i) key += static_cast<char>('a' + device() % 26);
  return key;
}

// Who is registered in which of the pool's projects, per municipality, by
// keyed hash.
class SharedParticipants {
 public:
  void add(const Dataset& dataset, int project) {
    const Registrations& rows = dataset.registrations;
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const std::string& code = dataset.project.unit_codes[rows.unit(k)];
      seen_[code][hmac_.hex(rows.participant(k), 32)].insert(project);
    }
  }
  std::map<std::string, int> counts() const {
    std::map<std::string, int> out;
    for (const auto& [code, ids] : seen_) {
      for (const auto& [hash, projects] : ids) {
        if (projects.size() > 1) ++out[code];
      }
    }
    return out;
  }

 private:
  HmacSha256 hmac_{run_key()};
  std::map<std::string, std::map<std::string, std::set<int>>> seen_;
};

// A project's diagnostics, each naming the project as the pool file does.
void add_named(const Diagnostics& from, const std::string& entry, Diagnostics& to) {
  for (Diagnostic d : from.all()) {
    d.message = "in project '" + entry + "': " + d.message;
    d.project = entry;  // for the words in another language
    to.add(d);
  }
  to.add_not_kept(from);
}

// A project's own public release, as `build` makes it for its dashboard (as
// of the last whole month's end, audited with the month before), and the
// same month's figures unsuppressed: what the public pool dashboard
// republishes and the counts behind its hidden cells.
struct Release {
  Report release;
  Report values;
};

Release project_release(const Dataset& dataset, const RunOptions& options) {
  ComputeOptions compute{options.as_of, options.generated_at, MAALTAL_VERSION};
  auto report_at = [&](Date day) {
    ComputeOptions at = compute;
    at.as_of = day;
    return compute_report(dataset, at);
  };
  Report now = compute_report(dataset, compute);
  Date month_end = now.privacy.monthly_releases ? month_end_on_or_before(now.as_of) : now.as_of;
  return {public_release(report_at, dataset.project.info.start, now.as_of, now.privacy), report_at(month_end)};
}

class PoolRun {
 public:
  explicit PoolRun(const PoolOptions& options) : options_(options) {}

  PoolResult run() {
    std::string display = options_.pool.generic_string();
    auto def = read_pool_file(options_.pool, display, result_.diagnostics, inputs_);
    if (!def) return std::move(result_);
    def_ = std::move(*def);
    for (std::size_t i = 0; i < def_.projects.size(); ++i) read_project(i);
    if (members_.size() == def_.projects.size()) check_pool();
    if (result_.diagnostics.has_errors()) return std::move(result_);
    warn_shared();
    PoolInput input{def_,           std::move(members_),   shared_.counts(), inputs_,
                    options_.as_of, options_.generated_at, version_text(),   options_.locale.value_or("da")};
    result_.report = compute_pool(input);
    if (options_.dashboard == Audience::kInternal) {
      result_.dashboard = result_.report;
    } else {
      protect_dashboard(input);
    }
    if (result_.diagnostics.has_errors()) result_.report.reset();
    return std::move(result_);
  }

 private:
  SourceLocation at(const std::string& pointer) const { return {def_.file, 0, 0, pointer, ""}; }

  void read_project(std::size_t i) {
    const PoolProjectEntry& entry = def_.projects[i];
    std::string ptr = "/projects/" + std::to_string(i);
    PoolProjectRun run{entry.path, "", "", std::nullopt, 0, 0};
    if (!fs::exists(entry.display)) {
      result_.diagnostics.error("E215", Words("not_found", {{"path", entry.path}, {"display", entry.display}}),
                                at(ptr));
      result_.projects.push_back(run);
      return;
    }
    std::vector<InputFile> provenance;
    std::string text = read_text_file(entry.display, entry.display, provenance);
    if (looks_like_summary(text)) {
      run.source = "summary";
      read_summary(i, text, provenance, run);
    } else {
      run.source = "registrations";
      read_registrations(i, run);
    }
    result_.projects.push_back(run);
  }

  void read_summary(std::size_t i, const std::string& text, const std::vector<InputFile>& provenance,
                    PoolProjectRun& run) {
    const PoolProjectEntry& entry = def_.projects[i];
    std::string ptr = "/projects/" + std::to_string(i);
    Diagnostics diags;
    auto report = read_project_summary(text, entry.display, diags);
    add_named(diags, entry.path, result_.diagnostics);
    if (!report) return;
    if (report->audience != Audience::kInternal) {
      result_.diagnostics.error("E215", Words("public", {{"path", entry.path}}),
                                at(ptr));
      return;
    }
    if (options_.as_of && *options_.as_of != report->as_of) {
      result_.diagnostics.error(
          "E217",
          Words("as_of", {{"path", entry.path}, {"date", report->as_of.iso()}, {"as_of", options_.as_of->iso()}}),
                                at(ptr));
      return;
    }
    run.id = report->project.id;
    run.as_of = report->as_of;
    // The summary itself, then the project's inputs as the summary names them.
    report->input_files.insert(report->input_files.begin(), provenance.begin(), provenance.end());
    for (const auto& f : provenance) inputs_.push_back(f);
    members_.push_back({std::move(*report), "summary", entry.display, std::nullopt, std::nullopt});
  }

  void read_registrations(std::size_t i, PoolProjectRun& run) {
    const PoolProjectEntry& entry = def_.projects[i];
    RunOptions ro;
    ro.project = entry.display;
    ro.as_of = options_.as_of;
    ro.locale = options_.locale;
    ro.generated_at = options_.generated_at;
    ro.audience = Audience::kInternal;
    ro.max_shown = options_.max_shown;
    int index = static_cast<int>(i);
    std::optional<Release> release;
    CheckResult checked = run_compute(ro, [&](const Dataset& d) {
      shared_.add(d, index);
      if (options_.dashboard == Audience::kPublic) release = project_release(d, ro);
    });
    add_named(checked.diagnostics, entry.path, result_.diagnostics);
    run.rows_read = checked.rows_read;
    run.rows_rejected = checked.rows_rejected;
    if (!checked.report) return;
    run.id = checked.report->project.id;
    run.as_of = checked.report->as_of;
    for (const auto& f : checked.report->input_files) inputs_.push_back(f);
    PoolMember member{std::move(*checked.report), "registrations", entry.display, std::nullopt, std::nullopt};
    if (release) {
      leave_out_hidden(release->release);
      member.release = std::move(release->release);
      member.release_values = std::move(release->values);
    }
    members_.push_back(std::move(member));
  }

  // The public dashboard: suppressed across every relation the pool
  // publishes, and audited (compute/pool.h public_pool).
  void protect_dashboard(const PoolInput& input) {
    for (std::size_t i = 0; i < input.members.size(); ++i) {
      if (input.members[i].release) continue;
      result_.diagnostics.warning(
          "W144",
          Words({{"path", def_.projects[i].path}, {"date", input.members[i].report.as_of.iso()}}),
          at("/projects/" + std::to_string(i)));
    }
    result_.dashboard = public_pool(input);
    if (!result_.dashboard) {
      result_.diagnostics.error("E219", Words(), at(""));
    }
  }

  // Across projects: ids once, every mapping to a project and an indicator
  // that exist (and that can be added up), periods within the pool's.
  void check_pool() {
    std::map<std::string, std::size_t> ids;
    for (std::size_t i = 0; i < members_.size(); ++i) {
      const std::string& id = members_[i].report.project.id;
      auto [it, fresh] = ids.emplace(id, i);
      if (!fresh) {
        result_.diagnostics.error(
            "E205", Words("project_id", {{"id", id}, {"other", std::to_string(it->second)}}),
            at("/projects/" + std::to_string(i)));
      }
      check_period(i);
    }
    std::string known;
    for (const auto& [id, i] : ids) known += (known.empty() ? "" : ", ") + id;
    for (const auto& ind : def_.indicators) {
      for (const auto& [project, indicator] : ind.from) {
        const std::string& ptr = ind.from_pointer.at(project);
        auto it = ids.find(project);
        if (it == ids.end()) {
          result_.diagnostics.error("E216", {{"project", project}, {"known", known}},
                                    at(ptr));
          continue;
        }
        check_mapping(members_[it->second].report, indicator, ptr);
      }
    }
  }

  void check_mapping(const Report& report, const std::string& indicator, const std::string& ptr) {
    int i = report.indicator_index(indicator);
    if (i < 0) {
      std::string declared;
      for (const auto& ind : report.indicators) declared += (declared.empty() ? "" : ", ") + ind.id;
      result_.diagnostics.error(
          "E204", Words("project", {{"project", report.project.id}, {"id", indicator}, {"declared", declared}}),
          at(ptr));
    } else if (report.indicators[static_cast<std::size_t>(i)].kind == IndicatorKind::kRatio) {
      result_.diagnostics.error("E203", Words("pool_ratio", {{"id", indicator}, {"project", report.project.id}}),
                                at(ptr));
    }
  }

  void check_period(std::size_t i) {
    if (!def_.period_start || !def_.period_end) return;
    const ProjectInfo& info = members_[i].report.project;
    if (info.start < *def_.period_start || *def_.period_end < info.end) {
      result_.diagnostics.error("E217",
                                Words("period", {{"project", info.id},
                                                 {"start", info.start.iso()},
                                                 {"end", info.end.iso()},
                                                 {"pool_start", def_.period_start->iso()},
                                                 {"pool_end", def_.period_end->iso()}}),
                                at("/projects/" + std::to_string(i)));
    }
  }

  void warn_shared() {
    for (const auto& [code, count] : shared_.counts()) {
      result_.diagnostics.warning("W143",
                                  Words(count == 1 ? "one" : "", {{"n", std::to_string(count)}, {"code", code}}),
                                  at("/projects"));
    }
  }

  const PoolOptions& options_;
  PoolResult result_;
  PoolDefinition def_;
  std::vector<PoolMember> members_;
  std::vector<InputFile> inputs_;
  SharedParticipants shared_;
};

}  // namespace

PoolResult run_pool_check(const PoolOptions& options) { return PoolRun(options).run(); }

PoolResult run_pool(const PoolOptions& options, const fs::path& out_dir) {
  PoolResult result = run_pool_check(options);
  if (!result.report) return result;
  if (options.strict && result.diagnostics.warning_count() > 0) return result;
  std::vector<fs::path> dirs;
  if (options.templates) dirs.push_back(*options.templates);
  TemplateSet templates(dirs);
  std::vector<OutputFile> files = render_pool_texts(*result.report, templates);
  files.push_back({OutputNames::kDashboard, render_pool_dashboard(*result.dashboard, templates)});
  std::vector<std::string> names, inputs;
  for (const auto& file : files) names.push_back(file.name);
  names.push_back(OutputNames::kWorkbook);
  for (const auto& input : result.report->inputs) inputs.push_back(input.name);
  refuse_overwriting_inputs(out_dir, names, inputs);
  OutputFolder folder(out_dir);
  for (const auto& file : files) folder.write(file.name, file.content);
  std::filesystem::path workbook = folder.reserve(OutputNames::kWorkbook);
  write_pool_workbook(*result.report, templates, workbook);
  check_written_whole(workbook);
  folder.commit();
  result.written = names;
  return result;
}

}  // namespace maaltal
