#include "render/templates.h"

#include <catch2/catch.hpp>

#include "core/error.h"

using namespace maaltal;
using Json = nlohmann::json;

namespace {
std::string identity(const std::string& s) { return s; }
}  // namespace

TEST_CASE("templates: a tag that names nothing is an error with line and column") {
  Json view = {{"title", "x"}, {"rows", {{{"name", "a"}}}}};
  auto problems = unknown_tags("t.mustache", "{{title}}\n{{#rows}}  {{nme}}{{/rows}}\n{{missing.key}}", view);
  REQUIRE(problems == std::vector<std::string>{"t.mustache:2:12: 'nme' names nothing in the view model",
                                               "t.mustache:3:1: 'missing.key' names nothing in the view model"});
}

TEST_CASE("templates: names resolve in enclosing sections and dotted paths") {
  Json view = {{"t", {{"total", "I alt"}}}, {"rows", {{{"name", "a"}}}}, {"flag", true}};
  REQUIRE(unknown_tags("t", "{{#rows}}{{name}} {{t.total}}{{/rows}}{{#flag}}{{t.total}}{{/flag}}", view).empty());
}

TEST_CASE("templates: render refuses a template with an unknown tag") {
  REQUIRE_THROWS_AS(render_template("t", "{{nope}}", Json::object(), identity), Error);
}

TEST_CASE("templates: values are escaped by the writer's escape, triple braces are not") {
  auto escape = [](const std::string& s) { return s == "<b>" ? std::string("&lt;b&gt;") : s; };
  REQUIRE(render_template("t", "{{v}} {{{v}}}", Json{{"v", "<b>"}}, escape) == "&lt;b&gt; <b>");
}

TEST_CASE("templates: every built-in template exists and a missing one is an error") {
  TemplateSet set;
  for (const char* name :
       {"dashboard.html.mustache", "status.md.mustache", "workbook.layout.json", "locale/da.json", "locale/en.json"}) {
    INFO(name);
    REQUIRE_FALSE(set.text(name).empty());
  }
  REQUIRE_THROWS_AS(set.text("nope.mustache"), Error);
}
