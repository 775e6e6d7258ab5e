// The project managers' own Markdown, as HTML for the dashboard: cmark-gfm
// with GitHub tables, strikethrough and autolinks, in safe mode, so raw HTML
// and javascript: links never reach a published page.
#pragma once
#include <string>

namespace maaltal {

// `markdown` as HTML, each heading moved down `heading_shift` levels (at
// most to h6), so a text's "# Title" fits under the page's own h1.
std::string markdown_to_html(const std::string& markdown, int heading_shift);

// `markdown` as GitHub-flavoured Markdown again, headings moved down the same
// way, for placing a text inside another Markdown document. Raw HTML is
// dropped here too, so a status report rendered to HTML stays safe.
std::string markdown_shift_headings(const std::string& markdown, int heading_shift);

// The status report's Markdown as a standalone HTML page for e-mail: inline
// styles on each element (mail programs drop style sheets), no script.
std::string markdown_email_page(const std::string& markdown, const std::string& lang, const std::string& title);

}  // namespace maaltal
