// The monthly status report: the shared view model, narrowed to one
// municipality for --per-unit, with what only the report says: a summary in
// sentences, the changes since the previous report, the data quality and
// the project's own texts as Markdown.
#include <cmath>

#include "render/format.h"
#include "render/locale.h"
#include "render/markdown.h"
#include "render/view_model.h"
#include "render/writers.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

constexpr const char* kTemplate = "status.md.mustache";

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

Json changes_view(const Report& report, const std::vector<const UnitFigures*>& units, const Locale& locale) {
  Json view = {{"has_changes", report.changes.has_value()},
               {"intro", ""},
               {"rows", Json::array()},
               {"revisions", Json::array()},
               {"has_revisions", false}};
  if (!report.changes) return view;
  const Changes& c = *report.changes;
  const std::string& code = locale.code();
  auto number = [&](std::optional<double> v) { return v ? format_number(*v, 0, code) : locale.get("not_set"); };
  for (const auto& change : c.changes) {
    if (!shown(change.unit_code, units)) continue;
    std::optional<double> added;
    if (change.previous && change.actual) added = *change.actual - *change.previous;
    view["rows"].push_back(
        {{"name", row_name(change.unit_code, change.unit_name, locale)},
         {"indicator", report.label_of(change.indicator)},
         {"previous", number(change.previous)},
         {"actual", number(change.actual)},
         {"added", added ? (*added > 0 ? "+" : "") + format_number(*added, 0, code) : locale.get("not_set")}});
  }
  for (const auto& r : c.revisions) {
    if (!shown(r.unit_code, units)) continue;
    view["revisions"].push_back({{"name", row_name(r.unit_code, r.unit_name, locale)},
                                 {"indicator", report.label_of(r.indicator)},
                                 {"month", format_year_month(r.month, locale.code())},
                                 {"previous", format_number(r.previous, 0, code)},
                                 {"now", format_number(r.now, 0, code)}});
  }
  view["has_revisions"] = !view["revisions"].empty();
  view["intro"] =
      locale.fill("changes_intro", {{"date", format_date_long(c.previous_as_of, code)}, {"file", c.previous_file}});
  return view;
}

Json problems_view(const Report& report, const Locale& locale) {
  Json problems = Json::array();
  for (const auto& p : report.data_quality.top_problems) {
    problems.push_back({{"code", p.code}, {"count", format_number(p.count, 0, locale.code())}, {"example", p.example}});
  }
  return problems;
}

// The project's Markdown at `place`, headings one level down under the report's "#" title.
Json texts_at(const Report& report, const std::string& place) {
  Json texts = Json::array();
  for (const auto& text : report.texts) {
    if (text.place == place) texts.push_back({{"markdown", markdown_shift_headings(text.markdown, 1)}});
  }
  return texts;
}

// Keeps only `unit`'s row (the total stays, for context) in every table of the view.
void narrow_to_unit(Json& view, std::size_t u) {
  for (auto& indicator : view["indicators"]) indicator["rows"] = Json::array({indicator["rows"][u]});
  for (const char* kind : {"breakdowns", "funnels"}) {
    for (auto& table : view[kind]) table["rows"] = Json::array({table["rows"][u]});
  }
}

std::string render(const Report& report, const TemplateSet& templates, const Locale& locale, const UnitFigures* unit) {
  Json view = build_view(report, locale);
  std::vector<const UnitFigures*> units;
  if (unit) {
    units.push_back(unit);
    narrow_to_unit(view, static_cast<std::size_t>(unit - report.units.data()));
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
  view["summary"] = summary_view(report, units, unit ? *unit : report.total, locale);
  view["changes"] = changes_view(report, units, locale);
  view["problems"] = problems_view(report, locale);
  view["has_problems"] = !report.data_quality.top_problems.empty();
  view["texts_top"] = texts_at(report, "top");
  view["texts_bottom"] = texts_at(report, "bottom");
  return render_template(kTemplate, templates.text(kTemplate), view, markdown_escape);
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
