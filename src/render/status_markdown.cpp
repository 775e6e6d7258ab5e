// The monthly status report: the shared view model, narrowed to one
// municipality for --per-unit, with what only the report says: a summary in
// sentences, the changes since the previous report, the data quality and
// the project's own texts as Markdown.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "render/format.h"
#include "render/locale.h"
#include "render/markdown.h"
#include "render/view_model.h"
#include "render/writers.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

constexpr const char* kTemplate = "status.md.mustache";

// A line that stands for the project's text number `i` until the report is
// tidied; control characters, so no value in the report can look like it.
constexpr std::string_view kPlaceholderMark = "\x1e\x1emaaltal-text-";

std::string text_placeholder(std::size_t i) { return std::string(kPlaceholderMark) + std::to_string(i) + "\x1e"; }

// The text number of a placeholder line, or SIZE_MAX for any other line.
std::size_t placeholder_index(std::string_view line) {
  if (!line.starts_with(kPlaceholderMark) || !line.ends_with('\x1e')) return SIZE_MAX;
  std::string_view digits = line.substr(kPlaceholderMark.size(), line.size() - kPlaceholderMark.size() - 1);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return SIZE_MAX;
  return std::stoul(std::string(digits));
}

}  // namespace

// Values are placed inside Markdown text and table cells: characters that
// Markdown would read as markup are backslash-escaped, a line break would
// end a table row and a tab would indent, so both become a space, and what
// would open a block at the start of a line ("- ", "1. ", "+", "=", leading
// spaces) is escaped or dropped, so a label can never change the report's
// structure.
std::string markdown_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\x1e') continue;  // the mark of a text's placeholder line: no value may forge one
    if (c == '\n' || c == '\r' || c == '\t') {
      if (!out.empty()) out += ' ';
      continue;
    }
    if (c == ' ' && out.empty()) continue;
    if (std::string_view("\\`*_[]<>|#~&").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  // A list marker or a rule: "-", "+" or "=" followed by a space, the end or
  // more of the same kind, or digits and "." or ")" followed by a space or the
  // end ("-2" and "1.234" are figures and stay as they are).
  auto opens_block = [&](std::size_t at, std::string_view then) {
    return at + 1 >= out.size() || then.find(out[at + 1]) != std::string_view::npos;
  };
  std::size_t digits = out.find_first_not_of("0123456789");
  if (!out.empty() && std::string_view("-+=").find(out[0]) != std::string_view::npos && opens_block(0, " -+=")) {
    out.insert(0, 1, '\\');
  } else if (digits != std::string::npos && digits > 0 && (out[digits] == '.' || out[digits] == ')') &&
             opens_block(digits, " ")) {
    out.insert(digits, 1, '\\');
  }
  return out;
}

namespace {

// "på sporet" -> "På sporet", for a word that opens a sentence.
std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// The sentences about one count or sum indicator: where the total (or the
// one municipality) stands, who has which status, and for each municipality
// short of its target what it lacks and what that takes per month.
std::string indicator_summary(const Report& report, std::size_t i, const std::vector<const UnitFigures*>& units,
                              const UnitFigures& lead, const Locale& locale) {
  const Indicator& ind = report.indicators[i];
  const Figure& f = lead.values[i];
  const std::string& code = locale.code();
  std::string text = locale.fill("summary_reached", {{"indicator", ind.label},
                                                     {"figure", figure_sentence(report, i, f, locale)},
                                                     {"date", format_date_long(report.as_of, code)}});
  if (f.expected && ind.kind != IndicatorKind::kRatio && f.status.find("met") == std::string::npos) {
    text += locale.fill("expected_clause", {{"expected", format_estimate(report, i, f.expected, locale)}});
  }
  text += ".";
  std::map<std::string, std::vector<std::string>> by_status;
  for (const UnitFigures* unit : units) {
    const std::string& status = unit->values[i].status;
    if (!status.empty()) by_status[status].push_back(unit->name);
  }
  if (units.size() > 1) {
    // Always in the same order, from on track to behind, so months compare.
    for (const char* status : {"on_track", "at_risk", "behind", "met", "partly_met", "not_met"}) {
      if (!by_status.contains(status)) continue;
      text += " " +
              locale.fill("summary_status_list", {{"status", capitalised(locale.get(std::string("status_") + status))},
                                                  {"units", join_words(by_status[status], locale.get("and"))}});
    }
  }
  for (const UnitFigures* unit : units) {
    const Figure& u = unit->values[i];
    if (ind.kind == IndicatorKind::kRatio || !u.gap || *u.gap <= 0 || !u.needed_per_month) continue;
    text += " " + locale.fill("summary_shortfall", {{"unit", unit->name},
                                                    {"gap", format_number(std::ceil(*u.gap), 0, code)},
                                                    {"indicator", ind.label},
                                                    {"needed", format_number(std::ceil(*u.needed_per_month), 0, code)},
                                                    {"end", format_date_long(report.project.end, code)}});
  }
  return text;
}

Json summary_view(const Report& report, const std::vector<const UnitFigures*>& units, const UnitFigures& lead,
                  const Locale& locale) {
  Json summary = Json::array();
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    if (!lead.values[i].target) continue;
    summary.push_back({{"text", indicator_summary(report, i, units, lead, locale)}});
  }
  return summary;
}

bool shown(const std::string& code, const std::vector<const UnitFigures*>& units) {
  if (code.empty()) return true;
  for (const UnitFigures* u : units) {
    if (u->code == code) return true;
  }
  return false;
}

// A figure then and now as one cell: "70 % → 73 %", or the one value when
// both read the same.
std::string then_now(const std::string& then, const std::string& now) {
  return then == now ? now : then + " → " + now;
}

// A figure as the report's own tables hold it, so that a change's figures
// then and now are formatted exactly as those tables format them.
Figure as_figure(std::optional<double> actual, std::optional<double> target, std::optional<double> attainment,
                 const std::string& status) {
  Figure f;
  f.actual = actual;
  f.target = target;
  f.attainment = attainment;
  f.status = status;
  return f;
}

// "+2", "-1", "0"; "–" when either side has no figure.
std::string added_text(const Change& c, const Locale& locale) {
  if (!c.previous || !c.actual) return locale.get("not_set");
  double added = *c.actual - *c.previous;
  int decimals = added == std::floor(added) ? 0 : 1;
  return (added > 0 ? "+" : "") + format_number(added, decimals, locale.code());
}

Json change_row(const Report& report, const Change& c, const std::string& total, const Locale& locale) {
  std::size_t i = static_cast<std::size_t>(report.indicator_index(c.indicator));
  Figure then = as_figure(c.previous, c.previous_target, c.previous_attainment, c.previous_status);
  Figure now = as_figure(c.actual, c.target, c.attainment, c.status);
  std::string status_then = c.is_new ? locale.get("not_set") : format_status(then, locale);
  return {{"name", c.unit_code.empty() ? total : c.unit_name},
          {"indicator", report.label_of(c.indicator)},
          {"previous", format_actual(report, i, then, locale)},
          {"actual", format_actual(report, i, now, locale)},
          {"added", added_text(c, locale)},
          {"attainment", then_now(format_attainment(report, then, locale), format_attainment(report, now, locale))},
          {"status", then_now(status_then, format_status(now, locale))},
          {"status_moved", c.previous_status != c.status}};
}

Json revision_row(const Report& report, const Revision& r, const std::string& total, const Locale& locale) {
  const std::string& code = locale.code();
  return {{"name", r.unit_code.empty() ? total : r.unit_name},
          {"indicator", report.label_of(r.indicator)},
          {"month", format_year_month(r.month, code)},
          {"previous", format_number(r.previous, 0, code)},
          {"now", format_number(r.now, 0, code)}};
}

// Only what moved since the previous report, which is named by its as-of
// date (the path given on the command line means nothing to a reader).
Json changes_view(const Report& report, const std::vector<const UnitFigures*>& units, const std::string& total,
                  const Locale& locale) {
  Json view = {{"has_changes", report.changes.has_value()},
               {"intro", ""},
               {"has_moved", false},
               {"rows", Json::array()},
               {"has_revisions", false},
               {"revisions", Json::array()},
               {"previous_header", ""},
               {"this_header", ""}};
  if (!report.changes) return view;
  const Changes& c = *report.changes;
  const std::string& code = locale.code();
  for (const auto& change : c.changes) {
    if (shown(change.unit_code, units) && change.moved) view["rows"].push_back(change_row(report, change, total, locale));
  }
  for (const auto& r : c.revisions) {
    if (shown(r.unit_code, units)) view["revisions"].push_back(revision_row(report, r, total, locale));
  }
  std::string then = format_date_long(c.previous_as_of, code);
  view["has_moved"] = !view["rows"].empty();
  view["has_revisions"] = !view["revisions"].empty();
  view["intro"] = locale.fill(view["has_moved"] ? "changes_intro" : "changes_none", {{"date", then}});
  view["previous_header"] = locale.fill("as_of_header", {{"date", then}});
  view["this_header"] = locale.fill("as_of_header", {{"date", format_date_long(report.as_of, code)}});
  return view;
}

Json problems_view(const Report& report, const Locale& locale) {
  Json problems = Json::array();
  for (const auto& p : report.data_quality.top_problems) {
    problems.push_back({{"code", p.code}, {"count", format_number(p.count, 0, locale.code())}, {"example", p.example}});
  }
  return problems;
}

// The project's Markdown at `place`, headings one level down under the
// report's "#" title, without its final line breaks: the template places
// each block with one blank line before it. The view holds a placeholder
// line for each text (see tidy_blank_lines); `texts` collects the texts.
Json texts_at(const Report& report, const std::string& place, std::vector<std::string>& texts) {
  Json view = Json::array();
  for (const auto& text : report.texts) {
    if (text.place != place) continue;
    std::string markdown = markdown_shift_headings(text.markdown, 1);
    while (!markdown.empty() && markdown.back() == '\n') markdown.pop_back();
    if (markdown.empty()) continue;
    view.push_back({{"markdown", text_placeholder(texts.size())}});
    texts.push_back(std::move(markdown));
  }
  return view;
}

// The Mustache library leaves an empty line where a section that is not
// rendered stood (the spec removes a standalone tag's whole line), so runs
// of blank lines pile up between sections. The rendered report is tidied:
// no blank line at the start, one at most between blocks, one line break
// at the end. The project's own texts are put in only afterwards, in place
// of their placeholder lines, so that a code block in them keeps its lines.
std::string tidy_blank_lines(const std::string& rendered, const std::vector<std::string>& texts) {
  std::string out;
  bool blank_pending = false;
  std::string_view rest(rendered);
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      blank_pending = !out.empty();
      continue;
    }
    if (blank_pending) out += '\n';
    blank_pending = false;
    std::size_t text = placeholder_index(line);
    out += text < texts.size() ? texts[text] : std::string(line);
    out += '\n';
  }
  return out;
}

// The total's row name. Beside every municipality it is "I alt"; in a
// one-municipality report (--per-unit) it names the whole project, so that
// it is not read as that municipality's own total.
std::string total_name(const Report& report, const Locale& locale, bool per_unit) {
  if (!per_unit) return locale.get("total");
  std::size_t count = report.units.size();
  return locale.fill(count == 1 ? "project_total_one" : "project_total", {{"count", std::to_string(count)}});
}

// Keeps only `unit`'s row in every table of the view, and the project's
// total row under its own name.
void narrow_to_unit(Json& view, std::size_t u, const std::string& total) {
  for (auto& indicator : view["indicators"]) {
    indicator["rows"] = Json::array({indicator["rows"][u]});
    if (indicator["total"].is_object()) indicator["total"]["name"] = total;
  }
  for (const char* kind : {"breakdowns", "funnels"}) {
    for (auto& table : view[kind]) {
      table["rows"] = Json::array({table["rows"][u]});
      if (table["total"].is_object()) table["total"]["name"] = total;
    }
  }
}

std::string render(const Report& report, const TemplateSet& templates, const Locale& locale, const UnitFigures* unit) {
  Json view = build_view(report, locale);
  std::vector<const UnitFigures*> units;
  std::string total = total_name(report, locale, unit != nullptr);
  view["has_scope_note"] = unit != nullptr;
  view["scope_note"] = "";
  if (unit) {
    units.push_back(unit);
    narrow_to_unit(view, static_cast<std::size_t>(unit - report.units.data()), total);
    view["scope_note"] = locale.fill("per_unit_scope", {{"unit", unit->name}});
    Json headline = Json::array();
    for (std::size_t i = 0; i < report.indicators.size(); ++i)
      headline.push_back(headline_view(report, *unit, i, locale));
    view["headline"] = headline;
  } else {
    for (const auto& u : report.units) units.push_back(&u);
  }
  std::string month = month_name(report.as_of.month(), locale.code()) + " " + std::to_string(report.as_of.year());
  view["report_heading"] = locale.fill("report_heading", {{"month", month}, {"project", report.project.title}}) +
                           (unit ? " – " + unit->name : "");
  view["has_headline"] = !view["headline"].empty();
  view["summary"] = summary_view(report, units, unit ? *unit : report.total, locale);
  view["changes"] = changes_view(report, units, total, locale);
  view["problems"] = problems_view(report, locale);
  view["has_problems"] = !report.data_quality.top_problems.empty();
  std::vector<std::string> texts;
  view["texts_top"] = texts_at(report, "top", texts);
  view["texts_bottom"] = texts_at(report, "bottom", texts);
  return tidy_blank_lines(render_template(kTemplate, templates.text(kTemplate), view, markdown_escape), texts);
}

}  // namespace

std::string render_status_markdown(const Report& report, const TemplateSet& templates, const UnitFigures* unit) {
  Locale locale = Locale::load(templates, report.project.locale);
  return render(report, templates, locale, unit);
}

std::string render_status_html(const Report& report, const std::string& markdown) {
  std::string title = markdown.substr(0, markdown.find('\n'));
  if (title.starts_with("# ")) title.erase(0, 2);
  return markdown_email_page(markdown, report.project.locale, title);
}

}  // namespace maaltal
