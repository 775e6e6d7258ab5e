#include "render/view_model.h"
#include "render/duration_view.h"

#include <algorithm>
#include <cmath>

#include "render/format.h"
#include "render/target_basis_view.h"
#include "render/range_view.h"
#include "render/reconciliation_view.h"
#include "render/survey_view.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

std::string format_value(const Report& report, std::size_t indicator, std::optional<double> value,
                         const Locale& locale) {
  if (!value) return locale.get("not_set");
  const std::string& code = locale.code();
  if (report.indicators[indicator].kind == IndicatorKind::kRatio) {
    return format_percent(*value, report.project.percent_decimals, code);
  }
  int decimals = *value == std::floor(*value) ? 0 : 1;
  return format_number(*value, decimals, code);
}

// The row accounting counts participants' rows, a sum over them that the
// suppression does not model: a public output leaves it out (README
// "Privacy"), its values blank so that no template can show them. The count
// of rows left out by --skip-bad-rows is the public notice; the rows
// themselves are internal.
Json data_quality_view(const Report& report, const Locale& locale) {
  const DataQuality& dq = report.data_quality;
  bool shown = report.audience != Audience::kPublic;
  auto number = [&](int n) { return format_number(n, 0, locale.code()); };
  auto count = [&](int n) { return shown ? number(n) : std::string(); };
  Json skipped = Json::array();
  if (shown) {
    for (const auto& d : dq.skipped_rows) {
      skipped.push_back(
          {{"location", format_location(d.where)}, {"code", d.code}, {"message", locale.diagnostics().message(d)}});
    }
  }
  return {{"shown", shown},
          {"rows_read", count(dq.rows_read)},
          {"rows_counted", count(dq.rows_counted)},
          {"rows_rejected", count(dq.rows_rejected)},
          {"events_after_as_of", count(dq.events_after_as_of)},
          {"has_blank", shown && dq.rows_blank > 0},
          {"rows_blank", count(dq.rows_blank)},
          {"has_total", shown && dq.rows_total > 0},
          {"rows_total", count(dq.rows_total)},
          {"has_skipped", dq.rows_skipped > 0},
          {"skipped_note", locale.fill(dq.rows_skipped == 1 ? "skipped_rows_note_one" : "skipped_rows_note",
                                       {{"count", number(dq.rows_skipped)}})},
          {"has_skipped_rows", !skipped.empty()},
          {"skipped_rows", skipped}};
}

// A public output may be set to show a 0 as "–" (project.json's privacy).
bool shows_zero_as_dash(const Report& report) {
  return report.audience == Audience::kPublic && report.privacy.zero_as_dash;
}

// A count's cell in a public output: "<5" below the threshold, "skjult" when
// hidden to protect one, else the count.
std::string count_text(const Report& report, double count, Hidden hidden, const Locale& locale) {
  if (hidden != Hidden::kNo) return hidden_mark(report, hidden, locale);
  if (count == 0 && shows_zero_as_dash(report)) return locale.get("not_set");
  return format_number(count, 0, locale.code());
}

// For a ratio: "121 af 176", the counts behind the share, so it can be traced.
std::string ratio_basis(const Report& report, const Indicator& ind, const UnitFigures& unit, const Locale& locale) {
  int num = report.indicator_index(ind.numerator);
  int den = report.indicator_index(ind.denominator);
  if (num < 0 || den < 0) return "";
  return locale.fill("ratio_basis",
                     {{"numerator", format_actual(report, static_cast<std::size_t>(num),
                                                  unit.values[static_cast<std::size_t>(num)], locale)},
                      {"denominator", format_actual(report, static_cast<std::size_t>(den),
                                                    unit.values[static_cast<std::size_t>(den)], locale)},
                      {"denominator_label", ind.denominator.empty() ? "" : report.label_of(ind.denominator)}});
}

// The change of indicator `i` for `unit` since the last report, when both
// figures are there (in a public report only those it may show are).
const Change* change_of(const Report& report, const std::string& unit_code, const std::string& indicator) {
  if (!report.changes) return nullptr;
  for (const auto& c : report.changes->changes) {
    if (c.unit_code == unit_code && c.indicator == indicator && c.previous && c.actual) return &c;
  }
  return nullptr;
}

// "+12", "-3", "±0".
std::string signed_count(double movement, const Locale& locale) {
  if (movement == 0) return "±0";
  return (movement > 0 ? "+" : "") + format_number(movement, 0, locale.code());
}

std::string previous_date(const Report& report, const Locale& locale) {
  return format_date_long(report.changes->previous_as_of, locale.code());
}

// "+12 siden sidste rapport (31. maj 2026)", or "" without a change.
std::string movement_text(const Report& report, const UnitFigures& unit, const Indicator& ind, const Locale& locale) {
  const Change* c = change_of(report, unit.code, ind.id);
  if (!c) return "";
  return locale.fill("movement_since", {{"movement", signed_count(*c->actual - *c->previous, locale)},
                                        {"date", previous_date(report, locale)}});
}

}  // namespace

std::string own_lang_attr(const Translations& texts, const std::string& page_language) {
  std::string language = "da";
  if (!texts.texts.empty()) {
    language = texts.texts.contains(page_language) ? page_language
               : texts.texts.contains("da")        ? "da"
                                                   : texts.texts.begin()->first;
  }
  return language == page_language ? "" : " lang=\"" + language + "\"";
}

Json headline_view(const Report& report, const UnitFigures& unit, std::size_t i, const Locale& locale) {
  const Indicator& ind = report.indicators[i];
  const Figure& f = unit.values[i];
  bool ratio = ind.kind == IndicatorKind::kRatio;
  std::string value = format_actual(report, i, f, locale);
  std::string detail =
      ratio ? ratio_basis(report, ind, unit, locale)
            : (f.target ? locale.fill("of_target", {{"target", format_target(report, i, f, locale)}}) : "");
  return {{"id", ind.id},
          {"label", ind.label},
          {"label_lang", own_lang_attr(ind.label_texts, locale.code())},
          {"value", value},
          {"detail", detail},
          {"has_target", f.target.has_value()},
          {"attainment", format_attainment(report, f, locale)},
          {"status", format_status(f, locale)},
          {"status_code", f.status},
          {"expected_detail",
           locale.fill("expected_detail", {{"expected", format_estimate(report, i, f.expected, locale)}})},
          {"forecast_detail",
           locale.fill("forecast_detail", {{"forecast", format_estimate(report, i, f.forecast, locale)}})},
          {"has_forecast", f.forecast.has_value()},
          {"movement", movement_text(report, unit, ind, locale)},
          {"has_movement", !movement_text(report, unit, ind, locale).empty()},
          {"sentence", ratio && !detail.empty() ? value + " (" + detail + ")" : figure_sentence(report, i, f, locale)},
          {"range", percent_range_view(f.range, report.project.percent_decimals, locale)},
          {"attainment_range", percent_range_view(f.attainment_range, report.project.percent_decimals, locale)}};
}

namespace {

// Sentences for the municipalities whose target in force is not the original.
Json revisions_view(const Report& report, std::size_t i, const Locale& locale) {
  Json revisions = Json::array();
  for (const auto& unit : report.units) {
    const Figure& f = unit.values[i];
    if (!f.target || !f.target_original || !f.target_effective || *f.target == *f.target_original) continue;
    std::string text =
        locale.fill("target_revision", {{"unit", unit.name},
                                        {"version", f.target_version},
                                        {"original", format_estimate(report, i, f.target_original, locale)},
                                        {"target", format_target(report, i, f, locale)},
                                        {"date", format_date_long(*f.target_effective, locale.code())}});
    // the reason is the project's own words: kept apart too, so that an
    // English dashboard can mark it as Danish
    bool has_reason = !f.target_reason.empty();
    std::string reason = has_reason ? f.target_reason + "." : "";
    revisions.push_back({{"text", has_reason ? text + " " + reason : text},
                         {"sentence", text},
                         {"reason", reason},
                         {"has_reason", has_reason}});
  }
  // the municipalities measured against another version than the one in force
  for (const auto& b : target_basis_sentences(report, i, locale)) {
    bool has_reason = !b.reason.empty();
    revisions.push_back({{"text", has_reason ? b.sentence + " " + b.reason : b.sentence},
                         {"sentence", b.sentence},
                         {"reason", b.reason},
                         {"has_reason", has_reason}});
  }
  return revisions;
}

Json indicator_view(const Report& report, std::size_t i, const Locale& locale) {
  const Indicator& ind = report.indicators[i];
  Json rows = Json::array();
  for (const auto& unit : report.units) rows.push_back(figure_view(report, i, unit, locale));
  Json revisions = revisions_view(report, i, locale);
  bool ratio = ind.kind == IndicatorKind::kRatio;
  // Without a target anywhere, the dashboard's table is only the figures: five
  // columns of "–" per row said nothing and made an 11-municipality page heavy.
  bool has_targets = report.total.values[i].target.has_value() ||
                     std::any_of(report.units.begin(), report.units.end(),
                                 [&](const UnitFigures& u) { return u.values[i].target.has_value(); });
  return {{"id", ind.id},
          {"has_targets", has_targets},
          {"label", ind.label},
          {"label_lang", own_lang_attr(ind.label_texts, locale.code())},
          {"definition", indicator_definition(report, ind, locale)},
          {"is_ratio", ratio},
          {"actual_header", locale.get(ratio ? "share" : "actual")},
          {"rows", rows},
          {"revisions", revisions},
          {"has_revisions", !revisions.empty()},
          {"total", figure_view(report, i, report.total, locale)}};
}

// Owner, funder and pool, as label/value pairs, leaving out those not given.
// An abbreviation the locale knows ("STAR") comes with its expansion: these
// lines head the page, so this is its first use.
Json project_meta(const ProjectInfo& p, const Locale& locale) {
  Json meta = Json::array();
  for (const auto& [key, value] : {std::pair{"owner", &p.owner}, {"funder", &p.funder}, {"pool", &p.pool}}) {
    if (value->empty()) continue;
    std::string expansion_key = "expansion_" + *value;
    bool known = locale.strings().contains(expansion_key);
    meta.push_back({{"label", locale.get(key)},
                    {"value", *value},
                    {"has_expansion", known},
                    {"expansion", known ? locale.get(expansion_key) : ""}});
  }
  return meta;
}

Json project_view(const Report& report, const Locale& locale) {
  const ProjectInfo& p = report.project;
  return {{"id", p.id},
          {"meta", project_meta(p, locale)},
          {"title", p.title},
          {"owner", p.owner},
          {"funder", p.funder},
          {"pool", p.pool},
          {"period", locale.fill("period_range", {{"start", format_date_long(p.start, locale.code())},
                                                  {"end", format_date_long(p.end, locale.code())}})}};
}

std::string progress_rule(const Report& report, const Locale& locale) {
  const ProgressSettings& s = report.progress;
  const std::string& code = locale.code();
  return locale.fill("progress_rule", {{"on_track", format_percent(s.on_track, 0, code)},
                                       {"at_risk", format_percent(s.at_risk, 0, code)},
                                       {"partly_met", format_percent(s.partly_met, 0, code)},
                                       {"window", s.forecast_whole_period ? locale.get("forecast_all_months")
                                                                          : std::to_string(s.forecast_window_months)}});
}

// A stage's name is its indicator's label, in the language it was given in.
Json funnel_headers(const Report& report, const FunnelReport& funnel, const std::string& language) {
  Json headers = Json::array();
  for (const auto& stage : funnel.stages) {
    int i = find_indicator(report.indicators, stage);
    headers.push_back({{"label", report.label_of(stage)},
                       {"label_lang", own_lang_attr(i < 0 ? Translations{} : report.indicators[static_cast<std::size_t>(i)].label_texts, language)}});
  }
  return headers;
}

Json funnel_row_view(const Report& report, const FunnelReport& funnel, const FunnelRow& row, const Locale& locale) {
  Json cells = Json::array();
  Json labels = funnel_headers(report, funnel, locale.code());
  for (std::size_t k = 0; k < funnel.stages.size(); ++k) {
    std::string actual = count_text(report, row.actual[k], row.hidden_at(k), locale);
    std::string text = actual;
    if (k > 0) {
      std::string conversion = row.conversion[k]
                                   ? format_percent(*row.conversion[k], report.project.percent_decimals, locale.code())
                                   : locale.get("not_set");
      text = locale.fill("funnel_cell", {{"actual", actual}, {"conversion", conversion}});
    }
    cells.push_back({{"text", text}, {"label", labels[k]["label"]}});
  }
  return {{"name", row_name(row.code, row.name, locale)}, {"cells", cells}};
}

// The column headers of a breakdown: its categories, "other" (see
// BreakdownReport::has_other), and the row's sum (the indicator's count) last.
Json breakdown_headers(const BreakdownReport& b, const Locale& locale) {
  Json headers = Json::array();
  for (const auto& c : b.categories) headers.push_back({{"label", c}, {"own", true}});
  if (b.has_other()) headers.push_back({{"label", locale.get("other_category")}});
  headers.push_back({{"label", locale.get("total")}});
  return headers;
}

// The row's sum is the indicator's actual of `unit` (the row's municipality,
// or the total), shown or hidden with it.
Json breakdown_row_view(const Report& report, const BreakdownReport& b, const BreakdownRow& row,
                        const UnitFigures& unit, const Json& headers, const Locale& locale) {
  Json cells = Json::array();
  auto cell = [&](std::string text) { cells.push_back({{"text", text}, {"label", headers[cells.size()]["label"]}}); };
  for (std::size_t c = 0; c < row.counts.size(); ++c) cell(count_text(report, row.counts[c], row.hidden_at(c), locale));
  if (b.has_other()) cell(count_text(report, row.other, row.other_hidden, locale));
  auto i = static_cast<std::size_t>(report.indicator_index(b.indicator));
  cell(format_actual(report, i, unit.values[i], locale));
  return {{"name", row_name(row.code, row.name, locale)}, {"cells", cells}};
}

// A table per breakdown, with a column per category.
Json breakdowns_view(const Report& report, const Locale& locale) {
  Json breakdowns = Json::array();
  for (const auto& b : report.breakdowns) {
    Json headers = breakdown_headers(b, locale);
    Json rows = Json::array();
    for (std::size_t u = 0; u < b.units.size(); ++u) {
      rows.push_back(breakdown_row_view(report, b, b.units[u], report.units[u], headers, locale));
    }
    breakdowns.push_back({{"id", b.id},
                          {"label", b.label},
                          {"caption", locale.fill("breakdown_caption",
                                                  {{"indicator", report.label_of(b.indicator)}, {"label", b.label}})},
                          {"headers", headers},
                          {"rows", rows},
                          {"total", breakdown_row_view(report, b, b.total, report.total, headers, locale)}});
  }
  return breakdowns;
}

// The status word of a goal with, when the figures suggest otherwise, what
// they suggest and the project's reason.
std::string goal_status_text(const GoalReport& g, const Locale& locale) {
  if (g.goal.status.empty()) return locale.get("not_set");
  std::string text = locale.get("status_" + g.goal.status);
  if (g.overridden) {
    text += " (" + locale.fill("goal_suggested", {{"status", locale.get("status_" + g.suggested_status)}});
    if (!g.goal.override_reason.empty())
      text += "; " + locale.fill("goal_overridden", {{"reason", g.goal.override_reason}});
    text += ")";
  }
  return text;
}

Json goals_view(const Report& report, const Locale& locale) {
  Json goals = Json::array();
  for (const auto& g : report.goals) {
    goals.push_back({{"level", locale.get("level_" + g.goal.level)},
                     {"goal", g.goal.goal},
                     {"target", g.goal.target_text},
                     {"status", goal_status_text(g, locale)},
                     {"status_code", g.goal.status},
                     {"evidence", g.goal.evidence}});
  }
  return goals;
}

// Per level in theory-of-change order: how many goals are met, partly met, not met.
Json goal_tally_view(const Report& report, const Locale& locale) {
  Json tally = Json::array();
  for (const char* level : kGoalLevels) {
    auto it = report.goal_tally.find(level);
    if (it == report.goal_tally.end()) continue;
    Json cells = Json::array();
    for (const char* status : kGoalStatuses) {
      auto n = it->second.find(status);
      cells.push_back({{"text", std::to_string(n == it->second.end() ? 0 : n->second)},
                       {"label", locale.get(std::string("status_") + status)}});
    }
    tally.push_back({{"level", locale.get(std::string("level_") + level)}, {"cells", cells}});
  }
  return tally;
}

Json funnels_view(const Report& report, const Locale& locale) {
  Json funnels = Json::array();
  for (const auto& funnel : report.funnels) {
    Json headers = funnel_headers(report, funnel, locale.code());
    Json rows = Json::array();
    for (const auto& row : funnel.units) rows.push_back(funnel_row_view(report, funnel, row, locale));
    funnels.push_back({{"id", funnel.id},
                       {"label", funnel.label},
                       {"label_lang", own_lang_attr(funnel.label_texts, locale.code())},
                       {"headers", headers},
                       {"rows", rows},
                       {"total", funnel_row_view(report, funnel, funnel.total, locale)},
                       {"ranges", funnel_ranges_view(report, funnel, locale)},
                       {"has_ranges", !funnel_ranges_view(report, funnel, locale).empty()}});
  }
  return funnels;
}

}  // namespace

std::string join_words(const std::vector<std::string>& words, const std::string& last_joiner) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " " + last_joiner + " " : ", ";
    out += words[i];
  }
  return out;
}

Json figure_view(const Report& report, std::size_t i, const UnitFigures& unit, const Locale& locale) {
  const Figure& f = unit.values[i];
  std::string name = row_name(unit.code, unit.name, locale);
  return {{"code", unit.code},
          {"name", name},
          {"target", target_cell(f, format_target(report, i, f, locale))},
          {"actual", format_actual(report, i, f, locale)},
          {"attainment", format_attainment(report, f, locale)},
          {"expected", format_estimate(report, i, f.expected, locale)},
          {"forecast", format_estimate(report, i, f.forecast, locale)},
          {"status", format_status(f, locale)},
          {"status_code", f.status},
          {"sentence", name + ": " + figure_sentence(report, i, f, locale)},
          {"range", percent_range_view(f.range, report.project.percent_decimals, locale)},
          {"attainment_range", percent_range_view(f.attainment_range, report.project.percent_decimals, locale)}};
}

std::string row_name(const std::string& code, const std::string& name, const Locale& locale) {
  return code.empty() ? locale.get("total") : name;
}

std::string format_actual(const Report& report, std::size_t indicator, const Figure& f, const Locale& locale) {
  bool count = report.indicators[indicator].kind != IndicatorKind::kRatio;
  // a share of a hidden count is not shown: "<5" where a percentage belongs
  // would read as "<5 %"
  if (f.hidden != Hidden::kNo) return count ? hidden_mark(report, f.hidden, locale) : locale.get("hidden_share");
  if (count && f.actual == 0.0 && shows_zero_as_dash(report)) return locale.get("not_set");
  return format_value(report, indicator, f.actual, locale);
}

std::string hidden_mark(const Report& report, Hidden hidden, const Locale& locale) {
  if (hidden == Hidden::kSmall)
    return locale.fill("hidden_small", {{"threshold", std::to_string(report.privacy.suppress_below)}});
  return locale.get("hidden_protecting");
}

std::string hidden_mark_spoken(const Report& report, const Locale& locale) {
  return locale.fill("hidden_small_spoken", {{"threshold", std::to_string(report.privacy.suppress_below)}});
}

std::string with_spoken_marks(const Report& report, std::string text, const Locale& locale) {
  const std::string mark = hidden_mark(report, Hidden::kSmall, locale);
  const std::string words = hidden_mark_spoken(report, locale);
  for (std::size_t pos = text.find(mark); pos != std::string::npos; pos = text.find(mark, pos + words.size()))
    text.replace(pos, mark.size(), words);
  return text;
}

std::string format_target(const Report& report, std::size_t indicator, const Figure& f, const Locale& locale) {
  return format_value(report, indicator, f.target, locale);
}

std::string figure_sentence(const Report& report, std::size_t i, const Figure& f, const Locale& locale) {
  std::string actual = format_actual(report, i, f, locale);
  if (!f.target) return actual;
  if (f.hidden != Hidden::kNo)  // no attainment: it would tell the count
    return actual + " " + locale.fill("of_target", {{"target", format_target(report, i, f, locale)}});
  return locale.fill("figure_with_target", {{"actual", actual},
                                            {"target", format_target(report, i, f, locale)},
                                            {"attainment", format_attainment(report, f, locale)}});
}

std::string format_estimate(const Report& report, std::size_t indicator, std::optional<double> value,
                            const Locale& locale) {
  if (!value) return locale.get("not_set");
  if (report.indicators[indicator].kind == IndicatorKind::kRatio) {
    return format_percent(*value, report.project.percent_decimals, locale.code());
  }
  return format_number(*value, 0, locale.code());
}

std::string format_status(const Figure& f, const Locale& locale) {
  return f.status.empty() ? locale.get("not_set") : locale.get("status_" + f.status);
}

std::string format_attainment(const Report& report, const Figure& f, const Locale& locale) {
  if (!f.attainment) return locale.get("not_set");
  return format_percent(*f.attainment, report.project.percent_decimals, locale.code());
}

namespace {

// ", where «Ordinære timer» is yes or «Fleksjob» is yes": an indicator's
// `any`, its alternatives joined by "or", each one's conditions by "and".
std::string any_definition(const Indicator& ind, const Locale& locale) {
  std::vector<std::string> alternatives;
  for (const auto& alternative : ind.any) {
    std::vector<std::string> conditions;
    for (const auto& f : alternative) {
      std::string values =
          f.flag ? locale.get(*f.flag ? "condition_yes" : "condition_no") : join_words(f.values, locale.get("or"));
      conditions.push_back(locale.fill("condition", {{"field", f.field}, {"values", values}}));
    }
    alternatives.push_back(join_words(conditions, locale.get("and")));
  }
  return locale.fill("any_definition", {{"alternatives", join_words(alternatives, locale.get("or"))}});
}

// ", hvor «udfald» er Job eller Fleksjob"; a yes/no field reads "er ja" or "er nej".
std::string filter_definition(const FieldFilter& filter, const Locale& locale) {
  if (filter.flag) return locale.fill(*filter.flag ? "filter_yes" : "filter_no", {{"field", filter.field}});
  return locale.fill("filter_definition",
                     {{"field", filter.field}, {"values", join_words(filter.values, locale.get("or"))}});
}

// Whether any municipality, or the total, has a target for indicator `i`.
bool has_any_target(const Report& report, std::size_t i) {
  if (report.total.values[i].target) return true;
  return std::any_of(report.units.begin(), report.units.end(),
                     [&](const UnitFigures& unit) { return unit.values[i].target.has_value(); });
}

// The denominator of an indicator's attainment, in words: a ratio's
// denominator indicator, else its target, or that it has none.
std::string denominator_definition(const Report& report, std::size_t i, const Locale& locale) {
  const Indicator& ind = report.indicators[i];
  if (ind.kind == IndicatorKind::kRatio) return report.label_of(ind.denominator);
  return locale.fill(has_any_target(report, i) ? "denominator_target" : "denominator_no_target",
                     {{"indicator", ind.label}});
}

}  // namespace

std::string indicator_definition(const Report& report, const Indicator& ind, const Locale& locale) {
  if (!ind.description.empty()) return ind.description;
  switch (ind.kind) {
    case IndicatorKind::kCount: {
      std::string text = locale.fill("count_definition", {{"field", ind.date_field}});
      for (const auto& filter : ind.filters) text += filter_definition(filter, locale);
      if (!ind.any.empty()) text += any_definition(ind, locale);
      text += ".";
      if (ind.first_only) text += locale.fill("first_rule", {{"field", ind.date_field}});
      if (!ind.after.empty()) text += locale.fill("after_rule", {{"after", report.label_of(ind.after)}});
      return text;
    }
    case IndicatorKind::kSum: {
      std::vector<std::string> labels;
      for (const auto& term : ind.terms) labels.push_back(report.label_of(term));
      return locale.fill("sum_definition", {{"terms", join_words(labels, locale.get("and"))}});
    }
    case IndicatorKind::kRatio:
      return locale.fill("ratio_definition", {{"numerator", report.label_of(ind.numerator)},
                                              {"denominator", report.label_of(ind.denominator)}});
  }
  return "";
}

// How an indicator is counted, in words: the rule behind its number.
std::string counting_rule(const Report& report, const Indicator& ind, const Locale& locale) {
  switch (ind.kind) {
    case IndicatorKind::kCount: {
      std::string rule = locale.fill("rule_count", {{"field", ind.date_field}});
      rule += ind.first_only ? locale.fill("first_rule", {{"field", ind.date_field}}) : "";
      if (!ind.after.empty()) rule += locale.fill("after_rule", {{"after", report.label_of(ind.after)}});
      return rule;
    }
    case IndicatorKind::kSum:
      return locale.get("rule_sum");
    case IndicatorKind::kRatio:
      return locale.get("rule_ratio");
  }
  return "";
}

nlohmann::json definitions_view(const Report& report, const Locale& locale) {
  Json definitions = Json::array();
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    const Indicator& ind = report.indicators[i];
    bool ratio = ind.kind == IndicatorKind::kRatio;
    definitions.push_back({{"label", ind.label},
                           {"label_lang", own_lang_attr(ind.label_texts, locale.code())},
                           {"definition", indicator_definition(report, ind, locale)},
                           {"numerator", ratio ? report.label_of(ind.numerator)
                                               : locale.fill("numerator_actual", {{"indicator", ind.label}})},
                           {"denominator", denominator_definition(report, i, locale)},
                           {"rule", counting_rule(report, ind, locale)}});
  }
  return definitions;
}

std::string as_of_source_text(const Report& report, const Locale& locale) {
  if (!report.as_of_source) return "";
  const AsOfSource& source = *report.as_of_source;
  std::string where = source.index >= 0
                          ? source.file + "#/" + std::to_string(source.index)
                          : source.file + " " + locale.get("line_word") + " " + std::to_string(source.line);
  return locale.fill("as_of_from_data", {{"where", where}});
}

Json dashboard_changes_view(const Report& report, const UnitFigures* only, const Locale& locale) {
  Json items = Json::array();
  auto add_unit = [&](const UnitFigures& unit) {
    for (std::size_t i = 0; i < report.indicators.size(); ++i) {
      const Change* c = change_of(report, unit.code, report.indicators[i].id);
      if (!c || *c->actual == *c->previous) continue;
      items.push_back(
          {{"text", locale.fill("change_item", {{"indicator", report.indicators[i].label},
                                                {"unit", row_name(unit.code, unit.name, locale)},
                                                {"then", format_number(*c->previous, 0, locale.code())},
                                                {"now", format_number(*c->actual, 0, locale.code())},
                                                {"movement", signed_count(*c->actual - *c->previous, locale)}})}});
    }
  };
  if (only) {
    add_unit(*only);
  } else {
    add_unit(report.total);
    for (const auto& unit : report.units) add_unit(unit);
  }
  std::string date = report.changes ? previous_date(report, locale) : "";
  bool is_public = report.audience == Audience::kPublic;
  return {{"shown", report.changes.has_value()},
          {"has_items", !items.empty()},
          {"has_note", is_public},
          {"heading", locale.fill("dashboard_changes_heading", {{"date", date}})},
          {"items", items},
          {"none", items.empty() ? locale.fill("changes_none", {{"date", date}}) : ""},
          {"note", is_public ? locale.fill("changes_public_note",
                                           {{"threshold", std::to_string(report.privacy.suppress_below)}})
                             : ""}};
}

namespace {

// Why the municipalities' forecasts are "–" in a public report, once, when
// one of them is hidden though its count is shown (compute/suppression.cpp,
// forecast_tells_only_the_actual); "" otherwise.
std::string forecast_note(const Report& report, const Locale& locale) {
  if (report.audience != Audience::kPublic) return "";
  for (const auto& unit : report.units) {
    for (std::size_t i = 0; i < unit.values.size(); ++i) {
      const Figure& f = unit.values[i];
      bool ratio = report.indicators[i].kind == IndicatorKind::kRatio;  // a ratio has no forecast
      if (!ratio && f.forecast_hidden && f.hidden == Hidden::kNo && f.target) {
        return locale.fill("forecast_note", {{"window", std::to_string(report.progress.forecast_window_months)},
                                             {"threshold", std::to_string(report.privacy.suppress_below)}});
      }
    }
  }
  return "";
}

}  // namespace

Json build_view(const Report& report, const Locale& locale) {
  Json headline = Json::array();
  Json indicators = Json::array();
  for (std::size_t i = 0; i < report.indicators.size(); ++i) {
    headline.push_back(headline_view(report, report.total, i, locale));
    indicators.push_back(indicator_view(report, i, locale));
  }
  Json inputs = Json::array();
  for (const auto& file : report.input_files) inputs.push_back({{"name", file.name}, {"sha256", file.sha256}});
  return {{"lang", locale.code()},
          {"t", locale.strings()},
          {"generator", {{"name", "maaltal"}, {"version", report.generator_version}}},
          {"project", project_view(report, locale)},
          {"as_of", format_date_long(report.as_of, locale.code())},
          {"as_of_iso", report.as_of.iso()},
          {"aggregation", locale.get("aggregation_" + report.aggregation)},
          {"progress_rule", progress_rule(report, locale)},
          {"attainment_rule",
           locale.fill("attainment_rule", {{"decimals", std::to_string(report.project.percent_decimals)}})},
          {"range_note", range_note(report, locale)},
          {"has_generated_at", report.generated_at.has_value()},
          {"generated_at", report.generated_at ? format_utc_timestamp(*report.generated_at) : ""},
          {"headline", headline},
          {"indicators", indicators},
          {"funnels", funnels_view(report, locale)},
          {"has_funnels", !report.funnels.empty()},
          {"durations", durations_view(report, locale)},
          {"has_durations", !report.durations.empty()},
          {"breakdowns", breakdowns_view(report, locale)},
          {"has_breakdowns", !report.breakdowns.empty()},
          {"surveys", surveys_view(report, locale)},
          {"has_surveys", !report.surveys.empty()},
          {"goals", goals_view(report, locale)},
          {"goal_tally", goal_tally_view(report, locale)},
          {"has_goals", !report.goals.empty()},
          {"has_as_of_source", report.as_of_source.has_value()},
          {"as_of_source", as_of_source_text(report, locale)},
          {"data_quality", data_quality_view(report, locale)},
          {"reconciliation", reconciliation_view(report, locale)},
          {"is_public", report.audience == Audience::kPublic},
          {"forecast_note", forecast_note(report, locale)},
          {"has_forecast_note", !forecast_note(report, locale).empty()},
          {"changes", dashboard_changes_view(report, nullptr, locale)},
          {"privacy_note", locale.fill("privacy_note", {{"threshold", std::to_string(report.privacy.suppress_below)}})},
          {"inputs", inputs}};
}

}  // namespace maaltal
