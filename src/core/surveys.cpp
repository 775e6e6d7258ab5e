#include "core/surveys.h"

namespace maaltal {

const char* respondents_name(Respondents respondents) {
  return respondents == Respondents::kStaff ? "staff" : "citizens";
}

const char* share_base_name(ShareBase base) { return base == ShareBase::kAnswered ? "answered" : "respondents"; }

namespace {
std::vector<std::string> scale_then_not_answered(const std::vector<std::string>& scale,
                                                 const std::vector<std::string>& not_answered) {
  std::vector<std::string> all = scale;
  all.insert(all.end(), not_answered.begin(), not_answered.end());
  return all;
}
}  // namespace

std::vector<std::string> Survey::answers() const { return scale_then_not_answered(scale, not_answered); }
std::vector<std::string> SurveyReport::answers() const { return scale_then_not_answered(scale, not_answered); }

}  // namespace maaltal
