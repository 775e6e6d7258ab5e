#include "render/locale.h"
#include "render/view_model.h"
#include "render/writers.h"

namespace maaltal {

namespace {

// Values are placed inside Markdown text and table cells: characters that
// Markdown would read as markup are backslash-escaped, and a line break would
// end a table row, so it becomes a space.
std::string markdown_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string render_status_markdown(const Report& report, const TemplateSet& templates) {
  Locale locale = Locale::load(templates, report.project.locale);
  const std::string name = "status.md.mustache";
  return render_template(name, templates.text(name), build_view(report, locale), markdown_escape);
}

}  // namespace maaltal
