#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

#include "render/svg_chart.h"

namespace maaltal {

namespace {

using Parser = std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)>;
using Node = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;

void shift_headings(cmark_node* root, int shift) {
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(root), cmark_iter_free);
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
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(root), cmark_iter_free);
  for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    auto type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE))
      raw.push_back(node);
  }
  for (cmark_node* node : raw) cmark_node_free(node);  // unlinks it from its parent
}

// CMARK_OPT_DEFAULT is safe: without CMARK_OPT_UNSAFE raw HTML is omitted
// and unsafe link targets are dropped.
constexpr int kOptions = CMARK_OPT_DEFAULT;

enum class Output { kHtml, kMarkdown };

std::string convert(const std::string& markdown, int heading_shift, Output output) {
  cmark_gfm_core_extensions_ensure_registered();
  Parser parser(cmark_parser_new(kOptions), cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  Node root(cmark_parser_finish(parser.get()), cmark_node_free);
  shift_headings(root.get(), heading_shift);
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
  static const std::pair<const char*, const char*> kStyles[] = {
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

}  // namespace

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
