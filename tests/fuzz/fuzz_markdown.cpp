// libFuzzer: any bytes as a project manager's Markdown text, read with the
// project (where its limits are checked) and rendered as the dashboard and
// the status report render it.
#include "fuzz_support.h"
#include "render/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto project = fuzz::write(
      "project-text.json", fuzz::project_json("rows.csv", R"("texts": [{"file": "tekst.md"}],)"));
  static const auto rows = fuzz::write("rows.csv", fuzz::kRegistrationsCsv);
  fuzz::write("tekst.md", fuzz::bytes(data, size));
  maaltal::RunOptions options;
  options.project = project;
  try {
    auto result = maaltal::run_check(options);
    if (!result.report) return 0;
    for (const auto& text : result.report->texts) {
      (void)maaltal::markdown_to_html(text.markdown, 1);
      (void)maaltal::markdown_email_page(maaltal::markdown_shift_headings(text.markdown, 1), "da", "Status");
    }
  } catch (const maaltal::Error&) {
    // A text that cannot be read or is refused: reported, not a finding.
  }
  return 0;
}
