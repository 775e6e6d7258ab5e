// The status report as a Markdown reader sees it: cmark-gfm (with GitHub
// tables) parses every table, and each cell holds the report's figure.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <catch2/catch.hpp>
#include <functional>
#include <memory>

#include "app/pipeline.h"
#include "compute/changes.h"
#include "read/previous_reader.h"
#include "render/format.h"
#include "render/locale.h"
#include "render/markdown.h"
#include "render/range_view.h"
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
        // The total's ratio and attainment with their range across municipalities ("82 % (55–116 %)").
        auto with_range = [&](std::string text, const std::optional<Range>& range) {
          return range ? text + " (" + percent_range_text(range, report.project.percent_decimals, locale) + ")" : text;
        };
        REQUIRE(table[row] ==
                std::vector<std::string>{total ? "I alt" : unit.name, format_target(report, i, f, locale),
                                         with_range(format_actual(report, i, f, locale), f.range),
                                         with_range(format_attainment(report, f, locale), f.attainment_range),
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

// --- Issue 20: status.md as the steering group reads it ---------------------

namespace {

const char* const kSamples[] = {"vi-goer-en-forskel", "smaa-mellemstore", "job-og-trivsel", "smaa-tal"};

Report sample_report(const std::string& sample, const std::string& locale) {
  std::filesystem::current_path(MAALTAL_SOURCE_DIR);
  RunOptions options;
  options.project = "sample-data/" + sample + "/project.json";
  Report report = *run_check(options).report;
  report.project.locale = locale;
  return report;
}

// The report's own summary.json, as the previous report's, edited by `edit`
// and read back as `--previous ../maj/summary.json` would read it.
PreviousReport previous_of(const Report& report, const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json summary = nlohmann::json::parse(render_summary_json(report));
  edit(summary);
  test::TempDir dir;
  return read_previous_summary(dir.write("summary.json", summary.dump()), "../maj/summary.json");
}

// The first indicator with a target at the first municipality.
std::size_t indicator_with_target(const Report& report) {
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    if (report.units[0].values[i].target && report.indicators[i].kind != IndicatorKind::kRatio) return i;
  }
  FAIL("no indicator with a target");
  return 0;
}

// Another status than `status`, so that the previous report's differs.
std::string other_status(const std::string& status) { return status == "at_risk" ? "on_track" : "at_risk"; }

// The previous report: the first municipality's first targeted indicator
// 5 lower then (5 higher where it is under 5 now), with its attainment and
// another status; all else the same.
void move_first_unit(const Report& report, nlohmann::json& summary) {
  std::size_t i = indicator_with_target(report);
  const Figure& now = report.units[0].values[i];
  nlohmann::json& v = summary["units"][0]["values"][report.indicators[i].id];
  double then = *now.actual >= 5 ? *now.actual - 5 : *now.actual + 5;
  v["actual"] = then;
  v["attainment"] = then / *now.target;
  v["status"] = other_status(now.status);
}

bool has_blank_run(const std::string& markdown) { return markdown.find("\n\n\n") != std::string::npos; }

}  // namespace

TEST_CASE("status.md: never two blank lines in a row, in every sample, locale, with --previous and --per-unit") {
  for (const char* sample : kSamples) {
    for (const char* locale : {"da", "en"}) {
      for (bool with_previous : {false, true}) {
        Report report = sample_report(sample, locale);
        if (with_previous) compare_with_previous(report, previous_of(report, [&](auto& s) { move_first_unit(report, s); }));
        TemplateSet templates;
        std::vector<const UnitFigures*> units{nullptr};
        for (const auto& u : report.units) units.push_back(&u);
        for (const UnitFigures* unit : units) {
          INFO(sample << " " << locale << (with_previous ? " --previous" : "") << " unit " << (unit ? unit->code : "all"));
          std::string markdown = render_status_markdown(report, templates, unit);
          CHECK_FALSE(has_blank_run(markdown));
          CHECK(markdown.starts_with("# "));
          CHECK(markdown.ends_with("\n"));
          CHECK_FALSE(markdown.ends_with("\n\n"));
        }
      }
    }
  }
}

TEST_CASE("status.md: a code block in the project's text keeps its blank lines") {
  Report report = sample_report("vi-goer-en-forskel", "da");
  report.texts.push_back({"top", "kode.md", "```\na\n\n\n\nb\n```\n"});
  std::string markdown = render_status_markdown(report, TemplateSet());
  std::string code = markdown_shift_headings(report.texts.back().markdown, 1);  // cmark writes it indented
  REQUIRE(code.find("a\n    \n    \n    \n") != std::string::npos);  // three lines of only spaces
  CHECK(markdown.find(code) != std::string::npos);
}

TEST_CASE("status.md --previous: only what moved, attainment and status then and now, the previous named by its date") {
  for (const char* locale : {"da", "en"}) {
    INFO(locale);
    Report report = sample_report("vi-goer-en-forskel", locale);
    compare_with_previous(report, previous_of(report, [&](auto& s) { move_first_unit(report, s); }));
    Locale words = Locale::load(TemplateSet(), locale);
    std::string markdown = render_status_markdown(report, TemplateSet());
    CHECK(markdown.find("maj/summary.json") == std::string::npos);
    std::string date = format_date_long(report.as_of, locale);  // the sample's previous is itself
    CHECK(markdown.find(words.fill("changes_intro", {{"date", date}})) != std::string::npos);
    auto tables = parse_tables(markdown);
    auto changed = std::find_if(tables.begin(), tables.end(), [&](const Table& t) {
      return t[0].size() == 7 && t[0][2] == words.fill("as_of_header", {{"date", date}});
    });
    REQUIRE(changed != tables.end());
    std::size_t i = indicator_with_target(report);
    const Figure& now = report.units[0].values[i];
    Figure then = now;
    then.actual = *now.actual - 5;
    then.attainment = *then.actual / *now.target;
    then.status = other_status(now.status);
    REQUIRE(changed->size() == 2);  // the header and the one figure that moved
    CHECK((*changed)[1] == std::vector<std::string>{report.units[0].name, report.indicators[i].label,
                                                    format_actual(report, i, then, words),
                                                    format_actual(report, i, now, words), "+5",
                                                    format_attainment(report, then, words) + " → " +
                                                        format_attainment(report, now, words),
                                                    format_status(then, words) + " → " + format_status(now, words)});
  }
}

TEST_CASE("status.md --previous: nothing moved is said in a sentence, with no table") {
  Report report = sample_report("job-og-trivsel", "da");
  compare_with_previous(report, previous_of(report, [](auto&) {}));
  for (const Change& c : report.changes->changes) CHECK_FALSE(c.moved);
  std::string markdown = render_status_markdown(report, TemplateSet());
  Locale words = Locale::load(TemplateSet(), "da");
  CHECK(markdown.find(words.fill("changes_none", {{"date", format_date_long(report.as_of, "da")}})) !=
        std::string::npos);
  for (const auto& table : parse_tables(markdown)) CHECK(table[0][2] != words.fill("as_of_header", {{"date", format_date_long(report.as_of, "da")}}));
}

TEST_CASE("changes: each figure then and now, and whether it moved") {
  Report report = sample_report("vi-goer-en-forskel", "da");
  std::size_t i = indicator_with_target(report);
  const std::string& id = report.indicators[i].id;
  SECTION("a status alone moving is a move") {
    compare_with_previous(report, previous_of(report, [&](auto& s) {
      s["units"][0]["values"][id]["status"] = other_status(report.units[0].values[i].status);
    }));
    auto moved = std::count_if(report.changes->changes.begin(), report.changes->changes.end(),
                               [](const Change& c) { return c.moved; });
    CHECK(moved == 1);
    const Change& c = *std::find_if(report.changes->changes.begin(), report.changes->changes.end(),
                                    [](const Change& c) { return c.moved; });
    CHECK(c.indicator == id);
    CHECK(c.previous == c.actual);
  }
  SECTION("a municipality the previous report did not have is new") {
    compare_with_previous(report, previous_of(report, [](auto& s) { s["units"].erase(0); }));
    for (const Change& c : report.changes->changes) {
      CHECK(c.is_new == (c.unit_code == report.units[0].code));
      CHECK(c.moved == c.is_new);
    }
  }
  SECTION("the target, attainment and status then are read from the previous summary") {
    compare_with_previous(report, previous_of(report, [&](auto& s) {
      auto& v = s["units"][0]["values"][id];
      v["target"] = 1000;
      v["attainment"] = 0.25;
      v["status"] = "behind";
    }));
    const Change& c = *std::find_if(report.changes->changes.begin(), report.changes->changes.end(),
                                    [&](const Change& c) { return c.unit_code == report.units[0].code && c.indicator == id; });
    CHECK(c.previous_target == 1000);
    CHECK(c.previous_attainment == 0.25);
    CHECK(c.previous_status == "behind");
    CHECK(c.target == report.units[0].values[i].target);
    CHECK(c.status == report.units[0].values[i].status);
    CHECK(c.moved);
  }
}

TEST_CASE("previous report: a status that maaltal does not write is refused, naming where") {
  Report report = sample_report("vi-goer-en-forskel", "da");
  std::string id = report.indicators[indicator_with_target(report)].id;
  REQUIRE_THROWS_WITH(previous_of(report, [&](auto& s) { s["units"][1]["values"][id]["status"] = "ontrack"; }),
                      "--previous: '../maj/summary.json' is not a maaltal summary.json: /units/1/values/" + id +
                          "/status is not a status (one of on_track, at_risk, behind, met, partly_met, not_met, "
                          "or null)");
}

TEST_CASE("status.md --per-unit: the project total is named as the whole project, not 'I alt'") {
  for (const char* locale : {"da", "en"}) {
    INFO(locale);
    Report report = sample_report("smaa-mellemstore", locale);
    Locale words = Locale::load(TemplateSet(), locale);
    for (const auto& unit : report.units) {
      auto tables = parse_tables(render_status_markdown(report, TemplateSet(), &unit));
      for (std::size_t t = 0; t < report.indicators.size(); ++t) {
        REQUIRE(tables[t].size() == 3);
        CHECK(tables[t][1][0] == unit.name);
        CHECK(tables[t][2][0] != words.get("total"));
        CHECK(tables[t][2][0] == words.fill("project_total", {{"count", std::to_string(report.units.size())}}));
      }
    }
    auto tables = parse_tables(render_status_markdown(report, TemplateSet()));
    CHECK(tables[0].back()[0] == words.get("total"));  // beside every municipality it is the total
  }
}

TEST_CASE("status.html: prose is held to a readable line length; tables keep the page's width") {
  Report report = sample_report("job-og-trivsel", "da");
  std::string page = render_status_html(report, render_status_markdown(report, TemplateSet()));
  for (const char* tag : {"<p", "<ul", "<ol"}) {
    for (std::size_t at = page.find(tag); at != std::string::npos; at = page.find(tag, at + 1)) {
      INFO(page.substr(at, 40));
      std::string styled = std::string(tag) + " style=\"max-width:42em\">";
      CHECK(page.compare(at, styled.size(), styled) == 0);
    }
  }
  CHECK(page.find("<table style=\"border-collapse:collapse;margin:8px 0 16px\">") != std::string::npos);
}

TEST_CASE("a hidden count's share is a word, never '<5' where a percentage belongs (issue 21)") {
  std::filesystem::current_path(MAALTAL_SOURCE_DIR);
  RunOptions options;
  options.project = "sample-data/vi-goer-en-forskel/project.json";
  Report report = *run_check(options).report;
  TemplateSet templates;
  Locale locale = Locale::load(templates, "da");
  std::size_t ratio = report.indicators.size();
  for (std::size_t i = 0; i < report.indicators.size() && ratio == report.indicators.size(); ++i)
    if (report.indicators[i].kind == IndicatorKind::kRatio) ratio = i;
  REQUIRE(ratio < report.indicators.size());
  Figure f = report.units[0].values[ratio];
  f.hidden = Hidden::kSmall;
  CHECK(format_actual(report, ratio, f, locale) == "skjult");
  CHECK(hidden_mark(report, Hidden::kSmall, locale) == "<5");  // a count keeps its mark
  CHECK(hidden_mark_spoken(report, locale) == "under 5");
  CHECK(with_spoken_marks(report, "Fanø: <5 af 2. Læsø: <5 af 3.", locale) == "Fanø: under 5 af 2. Læsø: under 5 af 3.");
}
