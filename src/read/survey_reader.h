// Questionnaires: project.json's "surveys" declarations, and each survey's
// answers (CSV or JSON, one row per respondent and question) checked against
// them. An answer off the scale, an unknown group, a respondent answering a
// question twice or an empty answer is a located error (E250-E257); nothing
// is matched loosely. Never computes (see compute/surveys.h).
#pragma once
#include <filesystem>
#include <string>

#include "core/dataset.h"
#include "core/diagnostics.h"
#include "read/json_input.h"

namespace maaltal {

// project.json's "surveys" into project.surveys; `folder` is project.json's.
void read_survey_declarations(const Json& root, const std::filesystem::path& folder, const std::string& project_display,
                              JsonFields& fields, Diagnostics& diags, Project& project);

// Each declared survey's file into dataset.survey_responses.
void read_survey_responses(Dataset& dataset, Diagnostics& diags);

}  // namespace maaltal
