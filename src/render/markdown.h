// The project managers' own Markdown, as HTML for the dashboard: cmark-gfm
// with GitHub tables, strikethrough and autolinks, in safe mode, so raw HTML
// and javascript: links never reach a published page.
#pragma once
#include <string>

namespace maaltal {

// `markdown` as HTML, each heading moved down `heading_shift` levels (at
// most to h6), so a text's "# Title" fits under the page's own h1.
std::string markdown_to_html(const std::string& markdown, int heading_shift);

}  // namespace maaltal
