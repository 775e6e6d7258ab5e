// The dashboard's pages: the shared view model plus what only the dashboard
// shows (charts, municipality sections, definitions, the project's own
// texts), laid out as one file, a site of pages, or a fragment for a CMS.
#include <algorithm>
#include <cctype>
#include <regex>

#include "core/error.h"
#include "render/format.h"
#include "render/locale.h"
#include "render/markdown.h"
#include "render/svg_chart.h"
#include "render/view_model.h"
#include "render/writers.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

constexpr const char* kCss = "dashboard.css";
constexpr const char* kTemplate = "dashboard.html.mustache";
// Tables are stacked as label-value blocks below 52rem and never scroll there.
// From 52rem the results tables (7 short columns) fit the page; a breakdown's
// or funnel's table that may not (may_scroll) has its wrapper made a
// focusable, named region so that it can be scrolled from the keyboard, and
// only those, so that a large project's page has no hundreds of idle tab
// stops. The browser audit checks at many widths that every wrapper that
// scrolls is such a region.
constexpr double kPageWidthRem = 50;  // the page's text column from 52rem on, where tables stop stacking

// The longest run of text in `text` that cannot wrap (a whole cell, which
// does not wrap, when `whole`), in characters.
std::size_t unbreakable_length(const std::string& text, bool whole) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : text) {
    if (!whole && (c == ' ' || c == '-')) run = 0;
    else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) longest = std::max(longest, ++run);
  }
  return longest;
}

// Whether a breakdown's or funnel's table can be wider than the page, where
// it is not stacked: the sum over its columns of the longest text that cannot
// wrap, at a generous 0.62rem a character, plus each cell's 1.5rem padding.
bool may_scroll(const Json& table, const Locale& locale) {
  std::vector<std::size_t> widths{unbreakable_length(locale.get("municipality"), false)};
  for (const auto& header : table["headers"]) widths.push_back(unbreakable_length(header["label"], false));
  Json rows = table["rows"];
  rows.push_back(table["total"]);
  for (const auto& row : rows) {
    widths[0] = std::max(widths[0], unbreakable_length(row["name"], false));
    for (std::size_t k = 0; k < row["cells"].size() && k + 1 < widths.size(); ++k)
      widths[k + 1] = std::max(widths[k + 1], unbreakable_length(row["cells"][k]["text"], true));
  }
  double rem = 0;
  for (std::size_t w : widths) rem += static_cast<double>(w) * 0.62 + 1.5;
  return rem > kPageWidthRem;
}

std::string unit_anchor(const UnitFigures& unit) { return "kommune-" + unit.code; }
std::string unit_page(const UnitFigures& unit) { return unit_anchor(unit) + ".html"; }

}  // namespace

// The style sheet, checked before it is inlined in a <style> element: a '<'
// could end the element and start markup (</style><script>), a url(),
// image-set() or @import would load from elsewhere, and a backslash escape
// could spell either past this check. Error(kTemplate) at its line and column.
std::string checked_style_sheet(const std::string& css, const std::string& origin) {
  auto refuse = [&](std::size_t pos, const std::string& why) {
    throw Error(ErrorKind::kTemplate, text_position(origin, css, pos) + ": a style sheet may not " + why);
  };
  if (auto pos = css.find('<'); pos != std::string::npos)
    refuse(pos, "contain '<' (it could end the page's <style> element)");
  if (auto pos = css.find('\\'); pos != std::string::npos)
    refuse(pos, "contain '\\' (an escape could spell what is refused here)");
  std::string lower = css;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* loads : {"url(", "image-set(", "image(", "src(", "@import"}) {
    if (auto pos = lower.find(loads); pos != std::string::npos)
      refuse(pos, std::string("load anything ('") + loads + "'): the dashboard loads nothing from elsewhere");
  }
  return css;
}

// Every cell that is only `symbol` (already escaped) keeps it for the eye
// and gets `words` for the ear.
std::string cells_with_words(const std::string& html, const std::string& symbol, const std::string& words) {
  const std::string mark = ">" + symbol + "</td>";
  const std::string spoken =
      "><span aria-hidden=\"true\">" + symbol + "</span><span class=\"vh\">" + xml_escape(words) + "</span></td>";
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  std::size_t from = 0;
  for (std::size_t pos = html.find(mark); pos != std::string::npos; pos = html.find(mark, from)) {
    out.append(html, from, pos - from) += spoken;
    from = pos + mark.size();
  }
  return out.append(html, from, std::string::npos);
}

namespace {

// A cell that is only "–" (no value) is silent in common speech settings, and
// "<5" (a hidden small count) is read as "less than five" or not at all: the
// mark is kept for the eye and the words are added for the ear.
std::string spoken_symbols(const std::string& html, const Report& report, const Locale& locale) {
  std::string out = cells_with_words(html, locale.get("not_set"), locale.get("no_value"));
  std::string hidden = xml_escape(hidden_mark(report, Hidden::kSmall, locale));
  out = cells_with_words(out, hidden, hidden_mark_spoken(report, locale));
  // A funnel's cell is a count and its conversion, "<5 (–)": each mark
  // with its words too (the accessibility tree read it as "<5 (–)").
  auto spoken = [](const std::string& symbol, const std::string& words) {
    return "<span aria-hidden=\"true\">" + symbol + "</span><span class=\"vh\">" + xml_escape(words) + "</span>";
  };
  auto replace_all = [](std::string text, const std::string& from, const std::string& to) {
    for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
      text.replace(pos, from.size(), to);
    return text;
  };
  out = replace_all(out, ">" + hidden + " (", ">" + spoken(hidden, hidden_mark_spoken(report, locale)) + " (");
  return replace_all(out, "(" + locale.get("not_set") + ")</td>",
                     "(" + spoken(locale.get("not_set"), locale.get("no_value")) + ")</td>");
}

// "18 til 29 år" for an age band's column "18–29" (its label unless the
// project names it otherwise), which speech read as "atten niogtyve": the
// header shows the band and says it in words, and on a phone each cell's
// label is the words.
void speak_age_bands(Json& table, const Locale& locale) {
  static const std::regex band("([0-9]+)–([0-9]+)");
  for (std::size_t k = 0; k < table["headers"].size(); ++k) {
    Json& header = table["headers"][k];
    std::smatch m;
    std::string label = header["label"];
    header["spoken"] = "";
    header["has_spoken"] = false;
    if (!header.value("own", false) || !std::regex_match(label, m, band)) continue;
    std::string spoken = locale.fill("age_band_spoken", {{"from", m[1].str()}, {"to", m[2].str()}});
    header["spoken"] = spoken;
    header["has_spoken"] = true;
    for (auto& row : table["rows"]) row["cells"][k]["label"] = spoken;
    table["total"]["cells"][k]["label"] = spoken;
  }
}

// The smallest heading level in `html` (1 for <h1>), or 0 without a heading.
int top_heading_level(const std::string& html) {
  int top = 0;
  for (std::size_t pos = html.find("<h"); pos != std::string::npos; pos = html.find("<h", pos + 2)) {
    char digit = pos + 2 < html.size() ? html[pos + 2] : ' ';
    if (digit >= '1' && digit <= '6' && (top == 0 || digit - '0' < top)) top = digit - '0';
  }
  return top;
}

// A text's Markdown as safe HTML whose highest headings are h2, whatever
// level it starts at, so that each text is its own section under the page's
// h1 (a text starting at "##" was an h3 under the section before it).
std::string text_html(const std::string& markdown) {
  std::string html = markdown_to_html(markdown, 1);
  int top = top_heading_level(html);
  if (top > 2) html = markdown_to_html(markdown, 1 - (top - 2));
  return html;
}

// The project's Markdown placed at `place`, as safe HTML under the page's own h1.
Json texts_at(const Report& report, const std::string& place) {
  Json texts = Json::array();
  for (const auto& text : report.texts) {
    if (text.place == place) texts.push_back({{"html", text_html(text.markdown)}});
  }
  return texts;
}

// A fragment's outline starts at h2 under the host page's h1: every heading
// of the page, the texts' included, one level down (h6 stays h6).
std::string headings_one_level_down(const std::string& html) {
  std::string out;
  out.reserve(html.size() + 64);
  std::size_t from = 0;
  for (std::size_t pos = html.find("<"); pos != std::string::npos; pos = html.find("<", pos + 1)) {
    std::size_t digit = pos + (html.compare(pos, 3, "</h") == 0 ? 3 : 2);
    bool heading = html[pos + 1] == 'h' || html.compare(pos, 3, "</h") == 0;
    if (!heading || digit >= html.size() || html[digit] < '1' || html[digit] > '5') continue;
    char after = digit + 1 < html.size() ? html[digit + 1] : ' ';
    if (after != '>' && after != ' ') continue;
    out.append(html, from, digit - from);
    out += static_cast<char>(html[digit] + 1);
    from = digit + 1;
  }
  return out.append(html, from, std::string::npos);
}

// A progress chart and, for its table, the months up to the as-of month.
Json progress_view(const Report& report, const UnitFigures& unit, std::size_t i, const Locale& locale) {
  const Figure& f = unit.values[i];
  std::string id = "forloeb-" + (unit.code.empty() ? std::string("i-alt") : unit.code) + "-" + report.indicators[i].id;
  std::string chart = progress_chart_svg(report, unit, i, locale, id);
  if (chart.empty()) return nullptr;
  Json months = Json::array();
  for (std::size_t m = 0; m < f.series.size() && m < f.trajectory.size(); ++m) {
    const MonthPoint& p = f.series[m];
    // In a public output a hidden month has neither a running total nor a
    // new count; a shown month has no new count when the month before is hidden.
    auto count = [&](std::optional<double> value) {
      return value ? format_number(*value, 0, locale.code()) : hidden_mark(report, Hidden::kProtecting, locale);
    };
    months.push_back({{"month", format_year_month(p.month, locale.code())},
                      {"new", count(p.new_count)},
                      {"cumulative", count(p.cumulative)},
                      {"trajectory", format_number(f.trajectory[m], 0, locale.code())}});
  }
  std::string name = row_name(unit.code, unit.name, locale);
  return {{"chart", chart},
          {"has_forecast", f.forecast.has_value()},
          {"title", locale.fill("chart_progress_title", {{"unit", name}, {"indicator", report.indicators[i].label}})},
          {"table_summary", locale.fill("progress_table_summary", {{"indicator", report.indicators[i].label}})},
          {"months", months}};
}

// A municipality's own row of each breakdown and funnel of the shared view
// (whose rows are in the order of Report::units), turned on its side: a row
// per category or stage, so that it never scrolls sideways whatever the
// number of categories, and captioned with the municipality's name.
Json unit_tables(const Json& view, const UnitFigures& unit, std::size_t u, const Locale& locale) {
  Json tables = Json::array();
  for (const char* kind : {"breakdowns", "funnels"}) {
    bool breakdown = std::string(kind) == "breakdowns";
    for (const auto& table : view[kind]) {
      std::string caption = breakdown ? table["caption"].get<std::string>() : table["label"].get<std::string>();
      Json rows = Json::array();
      const Json& cells = table["rows"][u]["cells"];
      for (std::size_t k = 0; k < cells.size(); ++k) {
        const Json& header = table["headers"][k];
        rows.push_back({{"label", header["label"]},
                        {"own", header.value("own", false)},
                        {"label_lang", header.value("label_lang", "")},  // a funnel's stage
                        {"spoken", header.value("spoken", "")},
                        {"has_spoken", header.value("has_spoken", false)},
                        {"text", cells[k]["text"]}});
      }
      tables.push_back({{"id", std::string(kind) + "-" + table["id"].get<std::string>() + "-" + std::to_string(u)},
                        {"caption", unit.name + ": " + caption},
                        {"first_header", locale.get(breakdown ? "category" : "stage")},
                        {"unit", unit.name},
                        {"rows", rows}});
    }
  }
  return tables;
}

// One municipality's section (or, with the total, the whole project's): its
// bullet chart with the same figures as a table, the progress of each
// indicator month by month, and its rows of the breakdowns and funnels.
Json unit_view(const Report& report, const UnitFigures& unit, const Locale& locale, Json tables) {
  bool total = unit.code.empty();
  std::string anchor = total ? "hele-projektet" : unit_anchor(unit);
  std::string bullet = total ? "" : bullet_chart_svg(report, unit, locale, "maal-" + anchor);
  Json figures = Json::array();
  Json progress = Json::array();
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    const Figure& f = unit.values[i];
    if (f.target) {
      Json row = figure_view(report, i, unit, locale);
      row["label"] = report.indicators[i].label;
      row["label_lang"] = own_lang_attr(report.indicators[i].label_texts, locale.code());
      figures.push_back(std::move(row));
    }
    Json chart = progress_view(report, unit, i, locale);
    if (!chart.is_null()) progress.push_back(chart);
  }
  return {{"anchor", anchor},
          {"heading", total ? locale.get("whole_project_progress") : unit.name},
          {"bullet", bullet},
          {"has_bullet", !bullet.empty()},
          {"bullet_caption", locale.fill("bullet_table_caption", {{"unit", unit.name}})},
          {"figures", figures},
          {"back_href", ""},
          {"has_back", false},  // (an empty string is a true section in mstch)
          {"progress", progress},
          {"tables", std::move(tables)}};
}

struct Page {
  const UnitFigures* unit = nullptr;  // null for the overview
  bool site = false;                  // links go to other files, not to anchors
};

Json nav_view(const Report& report, const Page& page, const Locale& locale, const Json& view) {
  Json nav = Json::array();
  auto add = [&](const std::string& href, const std::string& label, bool current = false) {
    nav.push_back({{"href", href}, {"label", label}, {"current", current}});
  };
  // The contents in groups: each municipality is linked once, from the list
  // of municipalities, not from here (98 links made a wall before the figures).
  if (page.unit) {
    add("index.html", locale.get("overview"));
    add("index.html#kommuner", locale.get("municipalities_heading"));
  } else {
    add("#hovedtal", locale.get("headline_short"));
    if (!report.units.empty()) add("#kommuner", locale.get("municipalities_heading"));
    add("#resultater", locale.get("results_heading"));
    add("#hele-projektet", locale.get("whole_project_progress"));
  }
  if (!page.unit) {
    if (view["has_goals"]) add("#maal", locale.get("goals_heading"));
    if (view["has_breakdowns"]) add("#fordelinger", locale.get("breakdowns_heading"));
    if (view["has_funnels"]) add("#forloeb", locale.get("funnels_heading"));
    if (view["has_surveys"]) add("#spoergeskemaer", locale.get("surveys_heading"));
  }
  add("#definitioner", locale.get("definitions_heading"));
  return nav;
}

Json page_view(const Report& report, const Page& page, const Locale& locale) {
  const std::string& project = report.project.title;
  std::string heading = page.unit ? page.unit->name + ": " + project : project;
  return {{"title", locale.get("dashboard_title") + ": " + heading},
          {"heading", heading},
          {"title_lang", own_lang_attr(report.project.title_texts, locale.code())},
          {"title_tag", "h1"},  // h2 in a fragment, with every heading (headings_one_level_down)
          {"is_overview", page.unit == nullptr},
          {"is_unit", page.unit != nullptr},
          {"index_href", "index.html"},
          {"headline_heading", page.unit ? locale.fill("headline_unit_heading", {{"unit", page.unit->name}})
                                         : locale.get("headline_heading")}};
}

// Renders the pages of one dashboard. What every page shares (the view
// model, the charts per indicator, the texts, the definitions, the template
// and style sheet) is made once; each page adds its own parts to a copy.
class PageRenderer {
 public:
  PageRenderer(const Report& report, const TemplateSet& templates)
      : report_(report),
        locale_(Locale::load(templates, report.project.locale)),
        css_(checked_style_sheet(templates.text(kCss), templates.origin(kCss))),
        template_(templates.text(kTemplate)),
        shared_(build_view(report, locale_)) {
    shared_["texts_top"] = texts_at(report, "top");
    shared_["texts_bottom"] = texts_at(report, "bottom");
    shared_["definitions"] = definitions_view(report, locale_);
    for (const char* kind : {"breakdowns", "funnels"}) {
      for (auto& table : shared_[kind]) {
        speak_age_bands(table, locale_);
        table["scrolls"] = may_scroll(table, locale_);
      }
    }
    for (std::size_t i = 0; i < report.indicators.size(); ++i) {
      std::string svg = bar_chart_svg(report, i, locale_);
      Json& indicator = shared_["indicators"][i];
      indicator["chart"] = svg;
      indicator["has_chart"] = !svg.empty();
    }
  }

  const std::string& css() const { return css_; }

  // The one place each municipality is linked from: the list of municipalities.
  Json unit_links(const Page& page) const {
    Json links = Json::array();
    for (const auto& unit : report_.units)
      links.push_back({{"href", page.site ? unit_page(unit) : "#" + unit_anchor(unit)}, {"name", unit.name}});
    return links;
  }

  std::string render(const Page& page, bool standalone) const {
    Json view = shared_;
    view["standalone"] = standalone;
    view["css"] = standalone ? css_ : "";
    view["page"] = page_view(report_, page, locale_);
    view["nav"] = nav_view(report_, page, locale_, view);
    view["unit_links"] = unit_links(page);
    view["has_unit_links"] = !report_.units.empty();
    // The project's own words are Danish: on a page in another language
    // they carry lang="da", so that speech reads them as Danish.
    view["da_attr"] = locale_.code() == "da" ? "" : " lang=\"da\"";
    Json units = Json::array();
    if (page.unit) {
      auto u = static_cast<std::size_t>(page.unit - report_.units.data());
      units.push_back(unit_view(report_, *page.unit, locale_, unit_tables(view, *page.unit, u, locale_)));
      units.back()["back_href"] = "index.html#kommuner";
      units.back()["has_back"] = true;
      Json headline = Json::array();
      for (std::size_t i = 0; i < report_.indicators.size(); ++i)
        headline.push_back(headline_view(report_, *page.unit, i, locale_));
      view["headline"] = headline;
      view["changes"] = dashboard_changes_view(report_, page.unit, locale_);
    } else {
      units.push_back(unit_view(report_, report_.total, locale_, Json::array()));
      for (std::size_t u = 0; u < report_.units.size() && !page.site; ++u) {
        units.push_back(unit_view(report_, report_.units[u], locale_, unit_tables(view, report_.units[u], u, locale_)));
        units.back()["back_href"] = "#kommuner";
        units.back()["has_back"] = true;
      }
    }
    view["units"] = units;
    std::string html = render_template(kTemplate, template_, view, xml_escape);
    html.erase(0, html.find_first_not_of('\n'));  // a fragment starts at its <section>
    html = spoken_symbols(html, report_, locale_);
    return standalone ? html : headings_one_level_down(html);
  }

 private:
  const Report& report_;
  Locale locale_;
  std::string css_;
  std::string template_;
  Json shared_;
};

}  // namespace

DashboardForm parse_dashboard_form(const std::string& name) {
  if (name == "single") return DashboardForm::kSingle;
  if (name == "site") return DashboardForm::kSite;
  if (name == "fragment") return DashboardForm::kFragment;
  throw Error(ErrorKind::kUsage, "unknown dashboard form '" + name + "' (expected single, site or fragment)");
}

std::vector<OutputFile> render_dashboard(const Report& report, const TemplateSet& templates, DashboardForm form) {
  PageRenderer pages(report, templates);
  switch (form) {
    case DashboardForm::kSingle:
      return {{OutputNames::kDashboard, pages.render({}, true)}};
    case DashboardForm::kFragment:
      return {{OutputNames::kFragment, pages.render({}, false)}, {OutputNames::kFragmentCss, pages.css()}};
    case DashboardForm::kSite: {
      std::vector<OutputFile> files{{OutputNames::kDashboard, pages.render({nullptr, true}, true)}};
      for (const auto& unit : report.units) files.push_back({unit_page(unit), pages.render({&unit, true}, true)});
      return files;
    }
  }
  return {};
}

}  // namespace maaltal
