// The project managers' own Markdown, as HTML for the dashboard: cmark-gfm
// with GitHub tables, strikethrough and autolinks, in safe mode, so raw HTML
// and javascript: links never reach a published page, and an image from
// another host is replaced by its text, so a page loads nothing from
// elsewhere. check_markdown() bounds what a text may cost before any parse.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace maaltal {

// What a text may be, so that parsing it takes little time and memory
// whatever it holds (cmark-gfm pads every table row to the header's columns,
// and its cost grows with nesting): generous for a page of prose.
inline constexpr std::size_t kMaxTextBytes = 256 * 1024;
inline constexpr int kMaxTableColumns = 64;
inline constexpr long kMaxTableCells = 100'000;  // in all the text's tables
inline constexpr long kMaxTextNesting = 32;      // block quotes and lists, one inside the other

struct MarkdownProblem {
  bool error = false;  // an error (E208: over a limit) or a warning (W120: an image left out)
  int line = 0;        // 1-based; 0 for the whole text
  int column = 0;
  std::string message;
};

// The limits above, found by a scan of the lines before any parse (errors),
// then, within them, each image from another host (warnings).
std::vector<MarkdownProblem> check_markdown(const std::string& markdown);

// True for an address on another host: with a scheme (http:, https:, ftp:,
// file:, ...; data: is the one kept) or starting with // (or /\, which
// browsers read the same way).
bool is_remote_url(std::string_view url);

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

// A value for a Markdown text or table cell, escaped so that it can never
// change the document's structure (status_markdown.cpp).
std::string markdown_escape(const std::string& text);

}  // namespace maaltal
