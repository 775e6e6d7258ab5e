// Survey distributions: per question, each respondent group's answers and
// the total's, with counts, n and shares of the declared denominator; and,
// for a public output, the same with small counts hidden by the public
// suppression (compute/suppression.h). Pure: no I/O, no formatting.
#pragma once
#include <vector>

#include "core/project.h"
#include "core/surveys.h"

namespace maaltal {

// `responses` by `surveys`' index, as read/survey_reader.h made them.
std::vector<SurveyReport> compute_surveys(const std::vector<Survey>& surveys,
                                          const std::vector<SurveyResponses>& responses);

// A public output's surveys: citizens' (and staff's without publish_small_n)
// counts below the threshold hidden, with the cells that would give them
// away through a group's n or the total, and every share made from a hidden
// count left out. Staff surveys with publish_small_n stay exact.
void suppress_surveys(std::vector<SurveyReport>& surveys, const PrivacySettings& settings);

}  // namespace maaltal
