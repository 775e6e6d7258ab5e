// config/: the built-in configuration compiled into the binary — the default
// project settings taken from config/project-defaults.json, the lookup of a
// built-in file by its short name — and the version every output records.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/resources.h"
#include "core/version.h"
#include "read/load.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::TempDir;

namespace {

const nlohmann::json kDefaults =
    nlohmann::json::parse(test::read_file(test::source_path("config/project-defaults.json")));

// A small valid project whose settings are `settings` (merged into it).
std::optional<Project> read_with(const nlohmann::json& settings) {
  nlohmann::json project = {
      {"id", "p"},
      {"title", "Projekt"},
      {"period", {{"start", "2020-01-01"}, {"end", "2021-12-31"}}},
      {"municipalities", {"746"}},
      {"indicators", {{{"id", "visiterede"}, {"kind", "count"}, {"date_field", "visiteret"}}}},
      {"targets", {{{"municipality", "746"}, {"indicator", "visiterede"}, {"value", 10}}}},
      {"registrations", {{"file", "reg.csv"}, {"columns", {{"participant", "id"}, {"municipality", "kommune"}}}}}};
  project.update(settings);
  TempDir dir;
  dir.write("project.json", project.dump());
  dir.write("reg.csv", "id;kommune;visiteret\nA1;746;2020-02-01\n");
  Diagnostics diags;
  auto dataset = load_dataset(dir.path() / "project.json", "project.json", diags);
  for (const auto& d : diags.all()) UNSCOPED_INFO(format_diagnostic(d));
  REQUIRE_FALSE(diags.has_errors());
  return dataset ? std::optional<Project>(dataset->project) : std::nullopt;
}

}  // namespace

TEST_CASE("config: a project that leaves its settings out gets config/project-defaults.json's") {
  auto project = read_with(nlohmann::json::object());
  REQUIRE(project);
  const auto& progress = kDefaults["progress"];
  CHECK(project->progress.on_track == progress["on_track"].get<double>());
  CHECK(project->progress.at_risk == progress["at_risk"].get<double>());
  CHECK(project->progress.partly_met == progress["partly_met"].get<double>());
  CHECK(project->progress.forecast_window_months == progress["forecast_window_months"].get<int>());
  CHECK(project->progress.forecast_whole_period == (progress["forecast_method"] == "average_pace"));
  const auto& privacy = kDefaults["privacy"];
  CHECK(project->privacy.suppress_below == privacy["suppress_below"].get<int>());
  CHECK(project->privacy.zero_as_dash == privacy["zero_as_dash"].get<bool>());
  CHECK(project->privacy.monthly_releases == privacy["monthly_releases"].get<bool>());
}

TEST_CASE("config: project-defaults.json is a valid project.json fragment, so a user can paste it") {
  // Read as a project's own settings, the file passes the reader's checks
  // (shares in range, a known forecast method) and changes nothing.
  auto defaults = read_with(nlohmann::json::object());
  auto pasted = read_with(kDefaults);
  REQUIRE(defaults);
  REQUIRE(pasted);
  CHECK(pasted->progress.on_track == defaults->progress.on_track);
  CHECK(pasted->progress.forecast_whole_period == defaults->progress.forecast_whole_period);
  CHECK(pasted->privacy.suppress_below == defaults->privacy.suppress_below);
  CHECK(pasted->privacy.monthly_releases == defaults->privacy.monthly_releases);
}

TEST_CASE("config: built-in files are found by their short name, templates first, then config") {
  CHECK(built_in_file("kommuner.csv"));
  CHECK(built_in_file("locale/da.json"));
  CHECK(built_in_file("status.md.mustache"));
  CHECK_FALSE(built_in_file("nope.json"));
  auto config = built_in_names("config");
  CHECK(std::find(config.begin(), config.end(), "project-defaults.json") != config.end());
  auto templates = built_in_names("templates");
  CHECK(std::find(templates.begin(), templates.end(), "kommuner.csv") == templates.end());
  // Every built-in file is in one of the two folders and no name is in both.
  for (const auto& name : config) CHECK(std::find(templates.begin(), templates.end(), name) == templates.end());
  CHECK(config.size() + templates.size() == embedded_resources().size());
}

TEST_CASE("config: the version names maaltal's and each library that shapes the outputs") {
  const std::string& text = version_text();
  CHECK(text.starts_with(std::string(MAALTAL_VERSION) + " ("));
  for (const char* library : {"libxlsxwriter ", "cmark-gfm ", "ICU ", "nlohmann-json "}) {
    INFO(library);
    CHECK(text.find(library) != std::string::npos);
  }
}
