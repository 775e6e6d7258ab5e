// How the outputs state which target version a figure is measured against
// (project.json's target_basis): a mark on the target in the tables, and a
// sentence per chosen version, with its reason, under the indicator's table,
// in status.md and on the workbook's about sheet.
#pragma once
#include <string>
#include <vector>

#include "core/report.h"
#include "render/locale.h"

namespace maaltal {

struct BasisSentence {
  std::string sentence;  // in the outputs' words
  std::string reason;    // the project's own words, ending in "."; "" for the total
};

// The target as a table shows it: "100 (oprindelig)" when a version other
// than the one in force could have been used and was chosen, else `target` as it is.
std::string target_cell(const Figure& f, const std::string& target);

// For indicator i: one sentence per municipality measured against a chosen
// version, then one for the total when its target sums chosen versions.
std::vector<BasisSentence> target_basis_sentences(const Report& report, std::size_t i, const Locale& locale);

}  // namespace maaltal
