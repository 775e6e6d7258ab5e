// The status report as a Markdown reader sees it: cmark-gfm (with GitHub
// tables) parses every table, and each cell holds the report's figure.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <catch2/catch.hpp>
#include <memory>

#include "app/pipeline.h"
#include "render/locale.h"
#include "render/view_model.h"
#include "render/writers.h"
#include "test_support.h"

using namespace maaltal;

namespace {

using Table = std::vector<std::vector<std::string>>;

std::string text_of(cmark_node* node) {
  std::string out;
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    const char* literal = cmark_node_get_literal(child);
    out += literal ? literal : text_of(child);
  }
  return out;
}

// Every GFM table in `markdown`, as rows of cell texts (header row first).
std::vector<Table> parse_tables(const std::string& markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(CMARK_OPT_DEFAULT),
                                                                     cmark_parser_free);
  cmark_syntax_extension* table_ext = cmark_find_syntax_extension("table");
  REQUIRE(table_ext);
  REQUIRE(cmark_parser_attach_syntax_extension(parser.get(), table_ext));
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(cmark_parser_finish(parser.get()), cmark_node_free);
  std::vector<Table> tables;
  for (cmark_node* block = cmark_node_first_child(doc.get()); block; block = cmark_node_next(block)) {
    if (std::string(cmark_node_get_type_string(block)) != "table") continue;
    Table table;
    for (cmark_node* row = cmark_node_first_child(block); row; row = cmark_node_next(row)) {
      std::vector<std::string> cells;
      for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
        cells.push_back(text_of(cell));
      table.push_back(cells);
    }
    tables.push_back(table);
  }
  return tables;
}

}  // namespace

TEST_CASE("status.md: every table parses with cmark-gfm and matches the report cell by cell") {
  std::filesystem::current_path(MAALTAL_SOURCE_DIR);
  for (const char* sample : {"vi-goer-en-forskel", "smaa-mellemstore", "job-og-trivsel"}) {
    INFO(sample);
    RunOptions options;
    options.project = std::string("sample-data/") + sample + "/project.json";
    Report report = *run_check(options).report;
    TemplateSet templates;
    Locale locale = Locale::load(templates, "da");
    auto tables = parse_tables(render_status_markdown(report, templates));
    std::size_t goal_tables = report.goals.empty() ? 0 : 2;  // the goals and their tally per level
    std::size_t text_tables = 0;                             // tables in the project's own texts
    for (const auto& text : report.texts) text_tables += parse_tables(text.markdown).size();
    std::size_t problem_tables = report.data_quality.top_problems.empty() ? 0 : 1;
    REQUIRE(tables.size() == report.indicators.size() + goal_tables + report.breakdowns.size() + report.funnels.size() +
                                 text_tables + problem_tables);
    for (std::size_t i = 0; i < report.indicators.size(); ++i) {
      const Table& table = tables[i];
      REQUIRE(table.size() == report.units.size() + 2);  // header, municipalities, total
      REQUIRE(table[0][0] == "Kommune");
      for (std::size_t row = 1; row < table.size(); ++row) {
        bool total = row == table.size() - 1;
        const UnitFigures& unit = total ? report.total : report.units[row - 1];
        const Figure& f = unit.values[i];
        REQUIRE(table[row] ==
                std::vector<std::string>{total ? "I alt" : unit.name, format_target(report, i, f, locale),
                                         format_actual(report, i, f, locale), format_attainment(report, f, locale),
                                         format_estimate(report, i, f.expected, locale),
                                         format_estimate(report, i, f.forecast, locale), format_status(f, locale)});
      }
    }
  }
}

TEST_CASE("status.md: a funnel table has a column per stage and the conversions") {
  std::filesystem::current_path(MAALTAL_SOURCE_DIR);
  RunOptions options;
  options.project = "sample-data/vi-goer-en-forskel/project.json";
  Report report = *run_check(options).report;
  REQUIRE(report.funnels.size() == 1);
  auto tables = parse_tables(render_status_markdown(report, TemplateSet()));
  const Table& funnel = tables.back();
  REQUIRE(funnel[0] == std::vector<std::string>{"Kommune", "Visiterede", "I job eller uddannelse"});
  REQUIRE(funnel.back() == std::vector<std::string>{"I alt", "176", "121 (69 %)"});
  REQUIRE(funnel.size() == report.units.size() + 2);
}

TEST_CASE("status.md: a '|' in a name does not break the table") {
  std::filesystem::current_path(MAALTAL_SOURCE_DIR);
  RunOptions options;
  options.project = "sample-data/vi-goer-en-forskel/project.json";
  Report report = *run_check(options).report;
  report.units[0].name = "Fredericia | Vest\nNord";
  auto tables = parse_tables(render_status_markdown(report, TemplateSet()));
  REQUIRE(tables[0][1].size() == 7);
  REQUIRE(tables[0][1][0] == "Fredericia | Vest Nord");
}
