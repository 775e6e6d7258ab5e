#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <vector>

#include "render/svg_chart.h"

namespace maaltal {

namespace {

using Parser = std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)>;
using Node = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;
using Iter = std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)>;

void shift_headings(cmark_node* root, int shift) {
  Iter iter(cmark_iter_new(root), cmark_iter_free);
  for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      cmark_node_set_heading_level(node, std::min(6, cmark_node_get_heading_level(node) + shift));
    }
  }
}

// Raw HTML blocks and inline HTML, removed from the tree before it is
// written out as Markdown again (the HTML renderer omits them by itself).
void drop_raw_html(cmark_node* root) {
  std::vector<cmark_node*> raw;
  Iter iter(cmark_iter_new(root), cmark_iter_free);
  for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    auto type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE))
      raw.push_back(node);
  }
  for (cmark_node* node : raw) cmark_node_free(node);  // unlinks it from its parent
}

// Every image whose address is on another host, in document order.
std::vector<cmark_node*> remote_images(cmark_node* root) {
  std::vector<cmark_node*> images;
  Iter iter(cmark_iter_new(root), cmark_iter_free);
  for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (event == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
      const char* url = cmark_node_get_url(node);
      if (url && is_remote_url(url)) images.push_back(node);
    }
  }
  return images;
}

// An image from another host becomes its description, so the words stay and
// nothing is fetched (check_markdown() has warned of it).
void drop_remote_images(cmark_node* root) {
  for (cmark_node* image : remote_images(root)) {
    while (cmark_node* child = cmark_node_first_child(image)) cmark_node_insert_before(image, child);
    cmark_node_free(image);
  }
}

// CMARK_OPT_DEFAULT is safe: without CMARK_OPT_UNSAFE raw HTML is omitted
// and unsafe link targets are dropped.
constexpr int kOptions = CMARK_OPT_DEFAULT;

enum class Output { kHtml, kMarkdown };

Parser parser_with_extensions() {
  cmark_gfm_core_extensions_ensure_registered();
  Parser parser(cmark_parser_new(kOptions), cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  return parser;
}

Node parse(cmark_parser* parser, const std::string& markdown) {
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  return Node(cmark_parser_finish(parser), cmark_node_free);
}

std::string convert(const std::string& markdown, int heading_shift, Output output) {
  Parser parser = parser_with_extensions();
  Node root = parse(parser.get(), markdown);
  shift_headings(root.get(), heading_shift);
  drop_remote_images(root.get());
  if (output == Output::kMarkdown) drop_raw_html(root.get());
  cmark_llist* extensions = cmark_parser_get_syntax_extensions(parser.get());
  char* text = output == Output::kHtml ? cmark_render_html(root.get(), kOptions, extensions)
                                       : cmark_render_commonmark(root.get(), kOptions, 0);
  std::string out(text);
  std::free(text);
  return out;
}

// Inline styles for the tags cmark-gfm writes, so that a mail program shows
// the report as intended without a style sheet.
std::string with_inline_styles(std::string html) {
  // Prose at most about 75 characters a line (a full-width line at 1280 px
  // held 180); the tables keep the page's width.
  static const std::pair<const char*, const char*> kStyles[] = {
      {"<p>", "<p style=\"max-width:42em\">"},
      {"<ul>", "<ul style=\"max-width:42em\">"},
      {"<ol>", "<ol style=\"max-width:42em\">"},
      {"<h1>", "<h1 style=\"font-size:22px;margin:0 0 12px\">"},
      {"<h2>", "<h2 style=\"font-size:18px;margin:24px 0 8px\">"},
      {"<h3>", "<h3 style=\"font-size:16px;margin:18px 0 6px\">"},
      {"<table>", "<table style=\"border-collapse:collapse;margin:8px 0 16px\">"},
      {"<th>", "<th style=\"border-bottom:2px solid #1a1a1a;padding:4px 10px;text-align:left\">"},
      {"<th align=\"left\">", "<th style=\"border-bottom:2px solid #1a1a1a;padding:4px 10px;text-align:left\">"},
      {"<th align=\"right\">", "<th style=\"border-bottom:2px solid #1a1a1a;padding:4px 10px;text-align:right\">"},
      {"<td>", "<td style=\"border-bottom:1px solid #c4c4c4;padding:4px 10px\">"},
      {"<td align=\"left\">", "<td style=\"border-bottom:1px solid #c4c4c4;padding:4px 10px;text-align:left\">"},
      {"<td align=\"right\">", "<td style=\"border-bottom:1px solid #c4c4c4;padding:4px 10px;text-align:right\">"},
  };
  for (const auto& [tag, styled] : kStyles) {
    std::string from(tag);
    for (std::size_t pos = html.find(from); pos != std::string::npos; pos = html.find(from, pos + 1)) {
      html.replace(pos, from.size(), styled);
    }
  }
  return html;
}

// A line's containers: how deeply they nest (its block quote markers and
// list markers, and the indentation before them: a list nests by indenting;
// indentation that no marker follows is a code block or a continuation, not
// a new level), and the line's content after them.
struct Containers {
  long depth = 0;
  std::string_view content;
};

Containers containers_of(std::string_view line) {
  long markers = 0, indent = 0, pending = 0;
  std::size_t content = 0;
  auto blank_at = [&](std::size_t i) { return i >= line.size() || line[i] == ' ' || line[i] == '\t'; };
  for (std::size_t i = 0; i < line.size();) {
    char c = line[i];
    std::size_t digits = 0;
    while (i + digits < line.size() && digits < 9 && std::isdigit(static_cast<unsigned char>(line[i + digits]))) ++digits;
    if (c == ' ' || c == '\t') {
      pending += c == '\t' ? 4 : 1;
      ++i;
      continue;
    }
    if (c == '>' || ((c == '-' || c == '+' || c == '*') && blank_at(i + 1))) {
      ++i;
    } else if (digits > 0 && i + digits < line.size() && (line[i + digits] == '.' || line[i + digits] == ')') &&
               blank_at(i + digits + 1)) {
      i += digits + 1;
    } else {
      break;
    }
    ++markers;
    indent += pending;
    pending = 0;
    if (i < line.size() && line[i] == ' ') ++i;  // the space after a marker belongs to it
    content = i;
  }
  return {markers + indent / 2, line.substr(content)};
}

// A table's delimiter row (`|---|:--:|`): its column count, or 0 when the
// line is not one. GitHub tables need the row's pipes.
int delimiter_columns(std::string_view line) {
  if (line.find('|') == std::string_view::npos || line.find('-') == std::string_view::npos) return 0;
  if (line.find_first_not_of(" \t|:-") != std::string_view::npos) return 0;
  int columns = 0;
  bool dash = false;
  for (char c : line) {
    if (c == '|') {
      columns += dash;
      dash = false;
    }
    dash = dash || c == '-';
  }
  return columns + dash;
}

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

std::vector<std::string_view> lines_of(const std::string& text) {
  std::vector<std::string_view> lines;
  std::string_view rest(text);
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    lines.push_back(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  }
  return lines;
}

// The limits, line by line, before cmark-gfm sees the text.
void check_lines(const std::string& markdown, std::vector<MarkdownProblem>& problems) {
  auto lines = lines_of(markdown);
  bool deep_reported = false;
  long cells = 0;
  // A table counts wherever it stands: in a block quote or a list item its
  // rows follow the containers' markers.
  std::vector<std::string_view> contents;
  for (auto whole : lines) contents.push_back(containers_of(whole).content);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int line = static_cast<int>(i) + 1;
    if (long depth = containers_of(lines[i]).depth; depth > kMaxTextNesting && !deep_reported) {
      problems.push_back({true, line, 1,
                          "block quotes and lists nested " + std::to_string(depth) + " deep (at most " +
                              std::to_string(kMaxTextNesting) + ")"});
      deep_reported = true;
    }
    // The whole line too: a delimiter row may itself begin like a list marker.
    int columns = i > 0 && !blank(contents[i - 1])
                      ? std::max(delimiter_columns(lines[i]), delimiter_columns(contents[i]))
                      : 0;
    if (columns == 0) continue;
    if (columns > kMaxTableColumns) {
      problems.push_back({true, line - 1, 1,
                          "a table of " + std::to_string(columns) + " columns (at most " +
                              std::to_string(kMaxTableColumns) + ")"});
      continue;
    }
    long rows = 1;  // the header; the body runs to the next blank line
    for (std::size_t j = i + 1; j < lines.size() && !blank(contents[j]); ++j) ++rows;
    if (cells <= kMaxTableCells && (cells += rows * columns) > kMaxTableCells) {
      problems.push_back({true, line - 1, 1,
                          "a table of " + std::to_string(columns) + " columns and " + std::to_string(rows) +
                              " rows brings the text's tables to " + std::to_string(cells) + " cells (at most " +
                              std::to_string(kMaxTableCells) + ")"});
    }
  }
}

}  // namespace

bool is_remote_url(std::string_view url) {
  std::string bare;  // browsers ignore tabs and line breaks in an address, and leading spaces
  for (char c : url) {
    if (c != '\t' && c != '\n' && c != '\r' && !(bare.empty() && static_cast<unsigned char>(c) <= ' ')) bare += c;
  }
  auto slash = [](char c) { return c == '/' || c == '\\'; };
  if (bare.size() >= 2 && slash(bare[0]) && slash(bare[1])) return true;
  std::size_t end = 0;
  while (end < bare.size() && (std::isalnum(static_cast<unsigned char>(bare[end])) || bare[end] == '+' ||
                               bare[end] == '-' || bare[end] == '.'))
    ++end;
  if (end == 0 || end == bare.size() || bare[end] != ':' || !std::isalpha(static_cast<unsigned char>(bare[0])))
    return false;
  std::string scheme = bare.substr(0, end);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  return scheme != "data";
}

std::vector<MarkdownProblem> check_markdown(const std::string& markdown) {
  std::vector<MarkdownProblem> problems;
  if (markdown.size() > kMaxTextBytes) {
    problems.push_back({true, 0, 0,
                        "the text is " + std::to_string(markdown.size()) + " bytes (at most " +
                            std::to_string(kMaxTextBytes) + ")"});
    return problems;
  }
  check_lines(markdown, problems);
  if (!problems.empty()) return problems;
  Parser parser = parser_with_extensions();
  Node root = parse(parser.get(), markdown);
  for (cmark_node* image : remote_images(root.get())) {
    problems.push_back({false, cmark_node_get_start_line(image), cmark_node_get_start_column(image),
                        std::string("an image from another host, '") + cmark_node_get_url(image) +
                            "', is left out: a published page loads nothing from another host; put the image "
                            "beside the page instead"});
  }
  return problems;
}

std::string markdown_to_html(const std::string& markdown, int heading_shift) {
  return convert(markdown, heading_shift, Output::kHtml);
}

std::string markdown_shift_headings(const std::string& markdown, int heading_shift) {
  return convert(markdown, heading_shift, Output::kMarkdown);
}

std::string markdown_email_page(const std::string& markdown, const std::string& lang, const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"" + xml_escape(lang) +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" " +
         "content=\"width=device-width, initial-scale=1\">\n<title>" + xml_escape(title) + "</title>\n</head>\n" +
         "<body style=\"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;" +
         "color:#1a1a1a;background:#ffffff\">\n" + with_inline_styles(markdown_to_html(markdown, 0)) +
         "</body>\n</html>\n";
}

}  // namespace maaltal
