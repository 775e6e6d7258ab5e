#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

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

}  // namespace

std::string markdown_to_html(const std::string& markdown, int heading_shift) {
  cmark_gfm_core_extensions_ensure_registered();
  // CMARK_OPT_DEFAULT is safe: without CMARK_OPT_UNSAFE raw HTML is omitted
  // and unsafe link targets are dropped.
  const int options = CMARK_OPT_DEFAULT;
  Parser parser(cmark_parser_new(options), cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  Node root(cmark_parser_finish(parser.get()), cmark_node_free);
  shift_headings(root.get(), heading_shift);
  char* html = cmark_render_html(root.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  std::free(html);
  return out;
}

}  // namespace maaltal
