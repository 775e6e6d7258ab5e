#include "render/survey_workbook.h"

#include "render/view_model.h"

namespace maaltal {

namespace {

// Column letters of the sheet, for the share's formula.
enum Column : lxw_col_t { kTitle, kQuestion, kGroup, kAnswer, kCount, kN, kAnswered, kShare };

std::string cell_ref(lxw_col_t col, lxw_row_t row) {
  return std::string(1, static_cast<char>('A' + col)) + std::to_string(row + 1);
}

class SurveySheet {
 public:
  SurveySheet(const Report& report, const Locale& locale, Workbook& book)
      : report_(report), locale_(locale), book_(book), sheet_(book.add_sheet(locale.get("survey_sheet"))) {}

  void write() {
    const char* headers[] = {"survey_title", "survey_question", "survey_group", "survey_answer", "survey_count"};
    lxw_format* bold = book_.format("", true);
    for (lxw_col_t c = 0; c < 5; ++c) text(0, c, locale_.get(headers[c]), bold);
    text(0, kN, "n", bold);
    text(0, kAnswered, locale_.get("survey_answered"), bold);
    text(0, kShare, locale_.get("survey_share"), bold);
    worksheet_freeze_panes(sheet_, 1, 0);
    lxw_row_t row = 1;
    for (const auto& s : report_.surveys) {
      std::vector<std::string> answers = s.answers();
      for (const auto& q : s.questions) {
        auto add = [&](const SurveyRow& r) {
          for (std::size_t a = 0; a < answers.size(); ++a) write_row(row++, s, q, r, a, answers[a]);
        };
        for (const auto& r : q.groups) add(r);
        add(q.total);
      }
    }
    const double widths[] = {30, 60, 16, 20, 9, 7, 11, 9};
    for (lxw_col_t c = 0; c <= kShare; ++c)
      check(worksheet_set_column(sheet_, c, c, widths[c], nullptr), "survey sheet");
    check(worksheet_autofilter(sheet_, 0, 0, row - 1, kShare), "survey sheet");
  }

 private:
  void text(lxw_row_t r, lxw_col_t c, const std::string& value, lxw_format* f = nullptr) {
    check(worksheet_write_string(sheet_, r, c, value.c_str(), f), "survey sheet");
  }
  void number_or_mark(lxw_row_t r, lxw_col_t c, double value, Hidden hidden) {
    if (hidden != Hidden::kNo) return text(r, c, hidden_mark(report_, hidden, locale_));
    check(worksheet_write_number(sheet_, r, c, value, book_.format("0")), "survey sheet");
  }

  void write_row(lxw_row_t r, const SurveyReport& s, const SurveyQuestion& q, const SurveyRow& row, std::size_t a,
                 const std::string& answer) {
    text(r, kTitle, s.title);
    text(r, kQuestion, q.text);
    text(r, kGroup, row.group.empty() ? locale_.get("total") : row.group);
    text(r, kAnswer, answer);
    number_or_mark(r, kCount, row.counts[a], row.hidden_at(a));
    number_or_mark(r, kN, row.n, row.n_hidden);
    number_or_mark(r, kAnswered, row.answered, row.answered_hidden);
    if (!row.shares[a]) return;  // hidden, 0/0, or "not answered" when shares are of those who answered
    lxw_col_t base = s.shares_of == ShareBase::kAnswered ? kAnswered : kN;
    std::string formula = "=" + cell_ref(kCount, r) + "/" + cell_ref(base, r);
    check(worksheet_write_formula_num(sheet_, r, kShare, formula.c_str(), book_.format("0%"), *row.shares[a]),
          "survey sheet");
  }

  const Report& report_;
  const Locale& locale_;
  Workbook& book_;
  lxw_worksheet* sheet_;
};

}  // namespace

void write_survey_sheet(const Report& report, const Locale& locale, Workbook& book) {
  if (report.surveys.empty()) return;
  SurveySheet(report, locale, book).write();
}

}  // namespace maaltal
