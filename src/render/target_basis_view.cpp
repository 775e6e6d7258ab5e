#include "render/target_basis_view.h"

#include "render/view_model.h"

namespace maaltal {

std::string target_cell(const Figure& f, const std::string& target) {
  if (f.target_basis != "chosen" || f.target_version.empty()) return target;
  return target + " (" + f.target_version + ")";
}

std::vector<BasisSentence> target_basis_sentences(const Report& report, std::size_t i, const Locale& locale) {
  std::vector<BasisSentence> sentences;
  for (const auto& unit : report.units) {
    const Figure& f = unit.values[i];
    if (f.target_basis != "chosen") continue;
    std::string text = locale.fill("target_basis_chosen",
                                   {{"unit", unit.name},
                                    {"version", f.target_version},
                                    {"target", format_target(report, i, f, locale)},
                                    {"in_force_version", f.target_in_force_version},
                                    {"in_force", format_estimate(report, i, f.target_in_force, locale)}});
    sentences.push_back({text, f.target_basis_reason + "."});
  }
  if (report.total.values[i].target_basis == "mixed") {
    sentences.push_back({locale.get("target_basis_total"), ""});
  }
  return sentences;
}

}  // namespace maaltal
