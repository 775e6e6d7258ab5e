#include "render/survey_view.h"

#include <algorithm>
#include <cmath>

#include "render/format.h"
#include "render/row_chart.h"
#include "render/svg_chart.h"
#include "render/view_model.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

Json whole_or_null(double v, Hidden hidden) {
  if (hidden != Hidden::kNo) return nullptr;
  return static_cast<std::int64_t>(std::llround(v));
}

Json row_json(const SurveyReport& survey, const SurveyRow& row) {
  std::vector<std::string> answers = survey.answers();
  Json counts = Json::object();
  Json shares = Json::object();
  Json hidden = Json::object();
  for (std::size_t a = 0; a < answers.size(); ++a) {
    counts[answers[a]] = whole_or_null(row.counts[a], row.hidden_at(a));
    shares[answers[a]] = row.shares[a] ? Json(*row.shares[a]) : Json(nullptr);
    if (row.hidden_at(a) != Hidden::kNo) hidden[answers[a]] = hidden_name(row.hidden_at(a));
  }
  Json j = {{"group", row.group.empty() ? Json(nullptr) : Json(row.group)},
            {"n", whole_or_null(row.n, row.n_hidden)},
            {"answered", whole_or_null(row.answered, row.answered_hidden)},
            {"counts", counts},
            {"shares", shares}};
  if (!hidden.empty()) j["hidden"] = hidden;
  if (row.n_hidden != Hidden::kNo) j["n_hidden"] = hidden_name(row.n_hidden);
  return j;
}

std::string percent(double share, const Report& report, const Locale& locale) {
  return format_percent(share, report.project.percent_decimals, locale.code());
}

std::string count_or_mark(const Report& report, double count, Hidden hidden, const Locale& locale) {
  if (hidden != Hidden::kNo) return hidden_mark(report, hidden, locale);
  return format_number(count, 0, locale.code());
}

// "2 (67 %)": the count and its share; only the count when the share has
// no denominator (a "not answered" value when shares are of those who answered).
std::string cell_text(const Report& report, const SurveyRow& row, std::size_t a, const Locale& locale) {
  std::string text = count_or_mark(report, row.counts[a], row.hidden_at(a), locale);
  if (row.shares[a]) text += " (" + percent(*row.shares[a], report, locale) + ")";
  return text;
}

std::string group_name(const SurveyRow& row, const Locale& locale) {
  return row.group.empty() ? locale.get("total") : row.group;
}

// "2 af 3 ledere: I meget høj grad; 1 af 3 ledere: Sprunget over": every
// answer given, with its count of the group's n. A public output's hidden
// counts are not read out one by one: the sentence says that some are hidden.
std::string row_sentence(const SurveyReport& survey, const SurveyRow& row,
                         const Locale& locale) {
  std::vector<std::string> answers = survey.answers();
  std::string who = row.group.empty() ? locale.get("survey_everyone") : row.group;
  if (row.n_hidden != Hidden::kNo) return locale.fill("survey_n_hidden", {{"group", who}});
  std::string n = format_number(row.n, 0, locale.code());
  std::vector<std::string> parts;
  bool some_hidden = false;
  for (std::size_t a = 0; a < answers.size(); ++a) {
    if (row.hidden_at(a) != Hidden::kNo) some_hidden = true;
    if (row.hidden_at(a) != Hidden::kNo || row.counts[a] == 0) continue;
    parts.push_back(locale.fill("survey_count_of", {{"count", format_number(row.counts[a], 0, locale.code())},
                                                    {"n", n},
                                                    {"group", who},
                                                    {"answer", answers[a]}}));
  }
  if (parts.empty() && !some_hidden) return locale.fill("survey_no_answers", {{"group", who}}) + ".";
  std::string sentence;
  for (const auto& p : parts) sentence += (sentence.empty() ? "" : "; ") + p;
  if (some_hidden) sentence += (sentence.empty() ? "" : "; ") + locale.fill("survey_some_hidden", {{"group", who}, {"n", n}});
  return sentence + ".";
}

std::string shares_note(const SurveyReport& survey, const Locale& locale) {
  if (survey.shares_of == ShareBase::kAnswered) {
    std::string left_out = join_words(survey.not_answered, locale.get("and"));
    return locale.fill("survey_shares_of_answered", {{"not_answered", left_out}});
  }
  return locale.get("survey_shares_of_respondents");
}

std::string privacy_note(const Report& report, const SurveyReport& survey, const Locale& locale) {
  if (survey.suppressed)
    return locale.fill("survey_suppressed", {{"threshold", std::to_string(report.privacy.suppress_below)}});
  if (report.audience == Audience::kPublic && survey.publish_small_n) return locale.get("survey_small_n_published");
  return "";
}

Json question_view(const Report& report, const SurveyReport& survey, const SurveyQuestion& q, std::size_t s,
                   std::size_t k, const Locale& locale) {
  std::vector<std::string> answers = survey.answers();
  auto row_view = [&](const SurveyRow& row) {
    Json cells = Json::array();
    for (std::size_t a = 0; a < answers.size(); ++a)
      cells.push_back({{"text", cell_text(report, row, a, locale)}, {"label", answers[a]}});
    return Json{{"name", group_name(row, locale)},
                {"n", count_or_mark(report, row.n, row.n_hidden, locale)},
                {"cells", cells},
                {"sentence", row_sentence(survey, row, locale)}};
  };
  Json rows = Json::array();
  for (const auto& row : q.groups) rows.push_back(row_view(row));
  std::string chart_id = "survey-" + std::to_string(s + 1) + "-" + std::to_string(k + 1);
  return {{"question", q.text},
          {"id", chart_id},
          {"rows", rows},
          {"total", row_view(q.total)},
          {"n", count_or_mark(report, q.total.n, q.total.n_hidden, locale)},
          {"chart", survey_chart_svg(report, survey, q, chart_id, locale)}};
}

// ---- the chart -------------------------------------------------------------

// Across as a fraction of the chart's width: the negative half, a gap, the
// positive half, and "not answered" apart at the right end.
constexpr double kApart = 0.19;
constexpr double kGap = 0.033;
constexpr double kHalf = (1 - kApart - kGap - 0.02) / 2;
constexpr double kMiddle = kHalf + kGap / 2;  // the negative half ends at 0, the positive at 1 - kApart - 0.02
// Down in em of the chart's text: a row's label on its own line, its bar under it.
constexpr double kRow = 3.0;
constexpr double kBaseline = 1.05;
constexpr double kBarTop = 1.5;
constexpr double kBar = 1.25;

std::string row_label(const Report& report, const SurveyRow& row, const Locale& locale) {
  return group_name(row, locale) + " (n = " + count_or_mark(report, row.n, row.n_hidden, locale) + ")";
}

std::string rect(double x, double y, double w, const std::string& cls) {
  return "<rect x=\"" + percent_length(x) + "\" y=\"" + em_length(y) + "\" width=\"" + percent_length(w) +
         "\" height=\"" + em_length(kBar) + "\" class=\"" + cls + "\"/>";
}

// Text at x (a fraction of the width), moved dx pixels.
std::string text_at(double x, double y, const std::string& anchor, const std::string& text, const std::string& cls = "",
                    int dx = 0) {
  return "<text x=\"" + percent_length(x) + "\" y=\"" + em_length(y) + "\"" +
         (dx ? " dx=\"" + std::to_string(dx) + "\"" : "") + " text-anchor=\"" + anchor + "\"" +
         (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" + xml_escape(text) + "</text>";
}

// The class of answer a: its colour by its place on the scale.
std::string answer_class(const SurveyReport& survey, std::size_t a) {
  std::size_t pos = survey.positive_count();
  if (a >= survey.scale.size()) return "sv-none";
  if (a < pos) return "sv-pos" + std::to_string(pos - a);           // sv-pos1 next to the middle
  if (survey.scale.size() % 2 == 1 && a == pos) return "sv-neutral";
  std::size_t first_negative = survey.scale.size() - pos;
  return "sv-neg" + std::to_string(a - first_negative + 1);          // sv-neg1 next to the middle
}

// The length of answer a's segment, as a fraction: its share as stated, or of
// all respondents for a "not answered" value that has none.
double fraction(const SurveyRow& row, std::size_t a) {
  if (row.shares[a]) return *row.shares[a];
  return row.n > 0 ? row.counts[a] / row.n : 0;
}

std::string segment(double x, double y, double w, const SurveyRow& row, std::size_t a, const std::string& cls,
                    const std::string& answer, const Report& report, const Locale& locale) {
  std::string out = "<g class=\"" + cls + "\"><title>" +
                    xml_escape(answer + ": " + cell_text(report, row, a, locale)) + "</title>" + rect(x, y, w, "seg");
  std::string count = format_number(row.counts[a], 0, locale.code());
  // The count inside its segment only where it fits on a phone at a large
  // font size (every count is in the table, and the segment's title).
  if (w >= 0.05 * static_cast<double>(count.size() + 1))
    out += text_at(x + w / 2, y + kBar - 0.35, "middle", count, "seg-text");
  return out + "</g>";
}

std::string bar_row(const Report& report, const SurveyReport& survey, const SurveyRow& row, double top,
                    const Locale& locale) {
  std::vector<std::string> answers = survey.answers();
  std::string out = edge_text(false, top + kBaseline, row_label(report, row, locale), row.group.empty());
  double y = top + kBarTop;
  bool any_hidden = row.n_hidden != Hidden::kNo ||
                    std::any_of(row.hidden.begin(), row.hidden.end(), [](Hidden h) { return h != Hidden::kNo; });
  if (any_hidden) return out + text_at(kMiddle, y + kBar - 0.35, "middle", locale.get("survey_bar_hidden"));
  std::size_t pos = survey.positive_count();
  std::size_t n_scale = survey.scale.size();
  bool odd = n_scale % 2 == 1;
  double right = kMiddle + kGap / 2;
  double left = kMiddle - kGap / 2;
  if (odd) {  // the neutral answer straddles the middle
    double w = fraction(row, pos) * kHalf;
    left = kMiddle - w / 2;
    right = kMiddle + w / 2;
    out += segment(left, y, w, row, pos, answer_class(survey, pos), answers[pos], report, locale);
  }
  for (std::size_t k = pos; k-- > 0;) {  // the least positive next to the middle
    double w = fraction(row, k) * kHalf;
    out += segment(right, y, w, row, k, answer_class(survey, k), answers[k], report, locale);
    right += w;
  }
  for (std::size_t k = n_scale - pos; k < n_scale; ++k) {  // the least negative next to the middle
    double w = fraction(row, k) * kHalf;
    left -= w;
    out += segment(left, y, w, row, k, answer_class(survey, k), answers[k], report, locale);
  }
  double apart = 1 - kApart;
  for (std::size_t k = n_scale; k < answers.size(); ++k) {
    double w = fraction(row, k) * kApart;
    out += segment(apart, y, w, row, k, answer_class(survey, k), answers[k], report, locale);
    apart += w;
  }
  // The middle, across the bar's band only (never through a row's label), and
  // not through a neutral answer's count on an odd scale.
  if (odd) return out;
  return out + "<line x1=\"" + percent_length(kMiddle) + "\" y1=\"" + em_length(y - 0.1) + "\" x2=\"" +
         percent_length(kMiddle) + "\" y2=\"" + em_length(y + kBar + 0.1) + "\" class=\"grid-middle\"/>";
}

std::string chart_desc(const SurveyReport& survey, const SurveyQuestion& q,
                       const Locale& locale) {
  std::string desc = locale.get("survey_chart_desc") + " ";
  for (const auto& row : q.groups) desc += row_sentence(survey, row, locale) + " ";
  desc += row_sentence(survey, q.total, locale);
  return desc;
}

}  // namespace

// Drawn in the page's units like the row charts (render/row_chart.h), so its
// text keeps the reader's size on a phone: each group's label on a line of
// its own above its bar, the bars across the whole width.
std::string survey_chart_svg(const Report& report, const SurveyReport& survey, const SurveyQuestion& question,
                             const std::string& chart_id, const Locale& locale) {
  bool apart = !survey.not_answered.empty();
  // The axis, a line each so that none runs into another on a phone at a
  // large font size: "← negativt" from the left edge, "positivt →" from the
  // middle, "ikke besvaret" ending at the right edge.
  double head = (apart ? 3 : 2) * 1.25 + 0.35;
  std::size_t rows = question.groups.size() + 1;
  std::string out = page_units_svg_open(chart_id, question.text, chart_desc(survey, question, locale),
                                        head + static_cast<double>(rows) * kRow, "survey-chart");
  out += "<g aria-hidden=\"true\">";
  out += text_at(0, kBaseline, "start", locale.get("survey_axis_negative"), "", 2);
  out += text_at(kMiddle, kBaseline + 1.25, "start", locale.get("survey_axis_positive"), "", 6);
  if (apart) out += text_at(1, kBaseline + 2.5, "end", locale.get("survey_axis_apart"), "", -2);
  double top = head;
  for (const auto& row : question.groups) {
    out += bar_row(report, survey, row, top, locale);
    top += kRow;
  }
  out += bar_row(report, survey, question.total, top, locale);
  return out + "</g></svg>";
}

Json surveys_json(const Report& report) {
  Json list = Json::array();
  for (const auto& s : report.surveys) {
    Json questions = Json::array();
    for (const auto& q : s.questions) {
      Json groups = Json::array();
      for (const auto& row : q.groups) groups.push_back(row_json(s, row));
      questions.push_back({{"question", q.text}, {"groups", groups}, {"total", row_json(s, q.total)}});
    }
    list.push_back({{"id", s.id},
                    {"title", s.title},
                    {"respondents", respondents_name(s.respondents)},
                    {"publish_small_n", s.publish_small_n},
                    {"suppressed", s.suppressed},
                    {"shares_of", share_base_name(s.shares_of)},
                    {"scale", s.scale},
                    {"not_answered", s.not_answered},
                    {"groups", s.groups},
                    {"questions", questions}});
  }
  return list;
}

Json surveys_view(const Report& report, const Locale& locale) {
  Json list = Json::array();
  for (std::size_t s = 0; s < report.surveys.size(); ++s) {
    const SurveyReport& survey = report.surveys[s];
    Json headers = Json::array();
    std::vector<std::string> answers = survey.answers();
    Json legend = Json::array();
    for (std::size_t a = 0; a < answers.size(); ++a) {
      headers.push_back({{"label", answers[a]}});
      legend.push_back({{"label", answers[a]}, {"class", answer_class(survey, a)}});
    }
    Json questions = Json::array();
    for (std::size_t k = 0; k < survey.questions.size(); ++k)
      questions.push_back(question_view(report, survey, survey.questions[k], s, k, locale));
    std::string note = privacy_note(report, survey, locale);
    list.push_back({{"title", survey.title},
                    {"id", "survey-" + std::to_string(s + 1)},
                    {"who", locale.get(survey.respondents == Respondents::kStaff ? "survey_staff" : "survey_citizens")},
                    {"shares_note", shares_note(survey, locale)},
                    {"privacy_note", note},
                    {"has_privacy_note", !note.empty()},
                    {"headers", headers},
                    {"legend", legend},
                    {"questions", questions}});
  }
  return list;
}

}  // namespace maaltal
