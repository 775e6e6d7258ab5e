// Golden files: the rendered dashboard, status report and summary.json of each
// sample, compared byte for byte with tests/golden/<sample>/. To accept a
// deliberate change, run with MAALTAL_ACCEPT=1 and review `git diff`.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "app/pipeline.h"
#include "compute/suppression.h"
#include "render/writers.h"
#include "test_support.h"

using namespace maaltal;
namespace fs = std::filesystem;

namespace {

// A fixed "generated at" (2022-07-01T08:00:00Z) so the provenance lines are pinned too.
constexpr std::int64_t kGeneratedAt = 1656662400;

Report sample_report(const std::string& sample) {
  // Paths relative to the repository, as a user would type them, so that the
  // input file names in the outputs do not depend on where the clone is.
  fs::current_path(MAALTAL_SOURCE_DIR);
  RunOptions options;
  options.project = "sample-data/" + sample + "/project.json";
  options.generated_at = kGeneratedAt;
  CheckResult result = run_check(options);
  REQUIRE(result.diagnostics.all().empty());
  REQUIRE(result.report);
  return *result.report;
}

void compare_with_golden(const std::string& sample, const std::string& name, const std::string& actual) {
  fs::path golden = fs::path(MAALTAL_SOURCE_DIR) / "tests/golden" / sample / name;
  const char* accept = std::getenv("MAALTAL_ACCEPT");
  if (accept && std::string(accept) == "1") {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
  }
  INFO("golden file " << golden.string() << " (MAALTAL_ACCEPT=1 regenerates it)");
  REQUIRE(fs::exists(golden));
  REQUIRE(actual == test::read_file(golden));
}

void check_sample(const std::string& sample) {
  Report report = sample_report(sample);
  TemplateSet templates;
  compare_with_golden(sample, "index.html", render_dashboard(report, templates, DashboardForm::kSingle).at(0).content);
  std::string status = render_status_markdown(report, templates);
  compare_with_golden(sample, "status.md", status);
  compare_with_golden(sample, "status.html", render_status_html(report, status));
  compare_with_golden(sample, "status-" + report.units.front().code + ".md",
                      render_status_markdown(report, templates, &report.units.front()));
  compare_with_golden(sample, "summary.json", render_summary_json(report));
  // The public audience: the dashboard as published, and its summary.
  Report published = public_report(report, report.privacy);
  compare_with_golden(sample, "index-public.html",
                      render_dashboard(published, templates, DashboardForm::kSingle).at(0).content);
  compare_with_golden(sample, "summary-public.json", render_summary_json(published));
}

}  // namespace

TEST_CASE("golden: vi-goer-en-forskel renders as accepted") { check_sample("vi-goer-en-forskel"); }

TEST_CASE("golden: smaa-mellemstore renders as accepted") { check_sample("smaa-mellemstore"); }

TEST_CASE("golden: job-og-trivsel renders as accepted") { check_sample("job-og-trivsel"); }

TEST_CASE("golden: smaa-tal renders as accepted") { check_sample("smaa-tal"); }

// Issue 21: a text that starts at "##" is a section of its own (h2 under the
// page's h1, not an h3 under the section before it), and in a fragment every
// heading is one level down, under the host page's h1.
TEST_CASE("dashboard: a text's top heading is an h2, and a fragment's headings are one level down") {
  Report report = sample_report("vi-goer-en-forskel");
  report.texts = {{"top", "tekst.md", "## Baggrund\n\nTekst.\n\n### Detalje\n"}};
  TemplateSet templates;
  std::string page = render_dashboard(report, templates, DashboardForm::kSingle).at(0).content;
  CHECK(page.find("<h2>Baggrund</h2>") != std::string::npos);
  CHECK(page.find("<h3>Detalje</h3>") != std::string::npos);
  std::string fragment = render_dashboard(report, templates, DashboardForm::kFragment).at(0).content;
  CHECK(fragment.find("<h3>Baggrund</h3>") != std::string::npos);
  CHECK(fragment.find("<h2 class=\"title\" id=\"maaltal-titel\">") != std::string::npos);
  CHECK(fragment.find("<h2 id=\"hovedtal\">") == std::string::npos);
  CHECK(fragment.find("<h3 id=\"hovedtal\">") != std::string::npos);
}
