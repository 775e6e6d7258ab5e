// Questionnaires (project.json's "surveys"): what a survey declares, the
// answers read from its file, and the distributions computed from them. Plain
// values; readers fill the first two, compute/surveys.h the last. Not to be
// confused with read/table_survey.h, which finds tables in spreadsheets.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/hidden.h"

namespace maaltal {

// Who answered: citizens' answers follow the public suppression rules; staff
// answers may be published with small n when the project says so.
enum class Respondents { kStaff, kCitizens };
// What a share is of: every respondent of the group, or those who gave an
// answer on the scale (the "not answered" values left out).
enum class ShareBase { kRespondents, kAnswered };

const char* respondents_name(Respondents respondents);  // "staff", "citizens"
const char* share_base_name(ShareBase base);            // "respondents", "answered"

struct Survey {
  std::string id;
  std::string title;
  std::filesystem::path path;  // resolved against project.json's folder
  std::string display_path;    // for messages: beside project.json
  std::string pointer;         // "/surveys/0"
  Respondents respondents = Respondents::kCitizens;
  bool publish_small_n = false;
  std::vector<std::string> scale;         // ordered, the most positive answer first
  std::vector<std::string> not_answered;  // e.g. "Sprunget over"
  std::vector<std::string> groups;        // respondent groups, in display order
  std::vector<std::string> questions;     // optional display order; else as first met in the file
  ShareBase shares_of = ShareBase::kRespondents;
  std::map<std::string, std::string> columns;  // respondent, group, question, answer -> header

  // The answers in display order: the scale, then the "not answered" values.
  std::vector<std::string> answers() const;
  // How many of the scale's first answers are positive (shown right of the
  // middle); with an odd scale the middle answer is neutral.
  std::size_t positive_count() const { return scale.size() / 2; }
};

// One row of a survey file: a respondent's answer to one question, each an
// index into the survey's groups, questions (as read) and answers().
struct SurveyAnswer {
  std::string respondent;
  int group = 0;
  int question = 0;
  int answer = 0;
};

struct SurveyResponses {
  std::vector<std::string> questions;  // declared ones first, then as first met
  std::vector<SurveyAnswer> answers;
};

// One group's (or the total's) answers to one question: counts by answer
// (Survey::answers() order), n the respondents, `answered` those on the scale.
struct SurveyRow {
  std::string group;  // empty for the total
  double n = 0;
  double answered = 0;
  std::vector<double> counts;
  std::vector<std::optional<double>> shares;  // of n or of answered (ShareBase); null when hidden or 0/0
  Hidden n_hidden = Hidden::kNo;
  Hidden answered_hidden = Hidden::kNo;
  std::vector<Hidden> hidden;  // by answer; empty when none is

  Hidden hidden_at(std::size_t answer) const { return hidden.empty() ? Hidden::kNo : hidden[answer]; }
  // The denominator of the shares.
  double base(ShareBase shares_of) const { return shares_of == ShareBase::kAnswered ? answered : n; }
};

struct SurveyQuestion {
  std::string text;
  std::vector<SurveyRow> groups;  // by Survey::groups
  SurveyRow total;
};

struct SurveyReport {
  std::string id;
  std::string title;
  Respondents respondents = Respondents::kCitizens;
  bool publish_small_n = false;
  bool suppressed = false;  // public: counts below the threshold hidden
  ShareBase shares_of = ShareBase::kRespondents;
  std::vector<std::string> scale;
  std::vector<std::string> not_answered;
  std::vector<std::string> groups;
  std::vector<SurveyQuestion> questions;

  std::vector<std::string> answers() const;
  std::size_t positive_count() const { return scale.size() / 2; }
};

}  // namespace maaltal
