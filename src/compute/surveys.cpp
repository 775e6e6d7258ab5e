#include "compute/surveys.h"

#include "compute/suppression.h"

namespace maaltal {

namespace {

SurveyRow empty_row(std::string group, std::size_t answers) {
  SurveyRow row;
  row.group = std::move(group);
  row.counts.assign(answers, 0);
  return row;
}

// Shares of the row's denominator; a "not answered" value has none when the
// shares are of those who answered. Null for 0/0.
void set_shares(SurveyRow& row, ShareBase base, std::size_t scale_size) {
  row.shares.assign(row.counts.size(), std::nullopt);
  double denominator = row.base(base);
  if (denominator <= 0) return;
  for (std::size_t a = 0; a < row.counts.size(); ++a) {
    if (base == ShareBase::kAnswered && a >= scale_size) continue;
    row.shares[a] = row.counts[a] / denominator;
  }
}

void add_answer(SurveyRow& row, std::size_t answer, std::size_t scale_size) {
  row.counts[answer] += 1;
  row.n += 1;
  if (answer < scale_size) row.answered += 1;
}

SurveyReport compute_one(const Survey& survey, const SurveyResponses& responses) {
  SurveyReport report{survey.id,     survey.title,        survey.respondents, survey.publish_small_n, false,
                      survey.shares_of, survey.scale, survey.not_answered, survey.groups, {}};
  std::size_t answers = survey.scale.size() + survey.not_answered.size();
  for (const auto& text : responses.questions) {
    SurveyQuestion q{text, {}, empty_row("", answers)};
    for (const auto& g : survey.groups) q.groups.push_back(empty_row(g, answers));
    report.questions.push_back(std::move(q));
  }
  for (const auto& a : responses.answers) {
    SurveyQuestion& q = report.questions[static_cast<std::size_t>(a.question)];
    add_answer(q.groups[static_cast<std::size_t>(a.group)], static_cast<std::size_t>(a.answer), survey.scale.size());
    add_answer(q.total, static_cast<std::size_t>(a.answer), survey.scale.size());
  }
  for (auto& q : report.questions) {
    for (auto& row : q.groups) set_shares(row, survey.shares_of, survey.scale.size());
    set_shares(q.total, survey.shares_of, survey.scale.size());
  }
  return report;
}

// The cells of one row in a suppression table: n, answered, and each answer.
struct RowCells {
  int n = 0;
  int answered = 0;
  std::vector<int> counts;
};

RowCells add_row(SuppressionTable& table, const SurveyRow& row, std::size_t scale_size) {
  RowCells cells{table.add(row.n), table.add(row.answered), {}};
  for (double c : row.counts) cells.counts.push_back(table.add(c));
  table.relate(cells.n, cells.counts);
  table.relate(cells.answered, std::vector<int>(cells.counts.begin(), cells.counts.begin() + static_cast<long>(scale_size)));
  return cells;
}

void mark_row(SurveyRow& row, const RowCells& cells, const SuppressionTable& table, const SurveyReport& survey) {
  row.n_hidden = table.hidden(cells.n);
  row.answered_hidden = table.hidden(cells.answered);
  row.hidden.clear();
  for (int c : cells.counts) row.hidden.push_back(table.hidden(c));
  Hidden base_hidden = survey.shares_of == ShareBase::kAnswered ? row.answered_hidden : row.n_hidden;
  for (std::size_t a = 0; a < row.counts.size(); ++a) {
    if (row.hidden[a] != Hidden::kNo) row.counts[a] = 0;
    if (row.hidden[a] != Hidden::kNo || base_hidden != Hidden::kNo) row.shares[a] = std::nullopt;
  }
  if (row.n_hidden != Hidden::kNo) row.n = 0;
  if (row.answered_hidden != Hidden::kNo) row.answered = 0;
}

// One question's cells tied by sums: each group's n and answered are the sums
// of its answers, each total cell the sum of the groups'.
void suppress_question(SurveyQuestion& q, const SurveyReport& survey, const PrivacySettings& settings) {
  SuppressionTable table;
  std::size_t scale_size = survey.scale.size();
  std::vector<RowCells> groups;
  for (const auto& row : q.groups) groups.push_back(add_row(table, row, scale_size));
  RowCells total = add_row(table, q.total, scale_size);
  auto relate_total = [&](int RowCells::*field) {
    std::vector<int> parts;
    for (const auto& g : groups) parts.push_back(g.*field);
    table.relate(total.*field, parts);
  };
  relate_total(&RowCells::n);
  relate_total(&RowCells::answered);
  for (std::size_t a = 0; a < total.counts.size(); ++a) {
    std::vector<int> parts;
    for (const auto& g : groups) parts.push_back(g.counts[a]);
    table.relate(total.counts[a], parts);
  }
  table.suppress(settings);
  for (std::size_t g = 0; g < q.groups.size(); ++g) mark_row(q.groups[g], groups[g], table, survey);
  mark_row(q.total, total, table, survey);
}

}  // namespace

std::vector<SurveyReport> compute_surveys(const std::vector<Survey>& surveys,
                                          const std::vector<SurveyResponses>& responses) {
  std::vector<SurveyReport> reports;
  for (std::size_t i = 0; i < surveys.size(); ++i) {
    reports.push_back(compute_one(surveys[i], i < responses.size() ? responses[i] : SurveyResponses{}));
  }
  return reports;
}

void suppress_surveys(std::vector<SurveyReport>& surveys, const PrivacySettings& settings) {
  for (auto& survey : surveys) {
    if (survey.respondents == Respondents::kStaff && survey.publish_small_n) continue;
    survey.suppressed = true;
    for (auto& q : survey.questions) suppress_question(q, survey, settings);
  }
}

}  // namespace maaltal
