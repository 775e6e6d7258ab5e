#include "read/dataset_checks.h"

#include <map>
#include <set>
#include <unordered_map>

namespace maaltal {

namespace {

SourceLocation where(const Dataset& dataset, const Registration& r) {
  const std::string& file = dataset.project.registrations.display_path;
  if (r.json_index >= 0) return {file, 0, 0, "/" + std::to_string(r.json_index), ""};
  return {file, r.line, 0, "", ""};
}

std::string described(const Registration& r) {
  return r.json_index >= 0 ? "row /" + std::to_string(r.json_index) : "line " + std::to_string(r.line);
}

// An indicator counted only from its referral ("after"): a row whose own date
// comes before its referral date does not count, and says so.
void check_outcome_order(const Dataset& dataset, Diagnostics& diags) {
  const Project& project = dataset.project;
  for (const auto& ind : project.indicators) {
    if (ind.kind != IndicatorKind::kCount || ind.after.empty()) continue;
    int referral = project.indicator_index(ind.after);
    if (referral < 0) continue;
    const Indicator& ref = project.indicators[static_cast<std::size_t>(referral)];
    if (ref.kind != IndicatorKind::kCount) continue;
    int outcome_field = dataset.schema.date_index(ind.date_field);
    int referral_field = dataset.schema.date_index(ref.date_field);
    if (outcome_field < 0 || referral_field < 0 || outcome_field == referral_field) continue;
    for (const auto& r : dataset.registrations) {
      const auto& outcome = r.dates[static_cast<std::size_t>(outcome_field)];
      const auto& referred = r.dates[static_cast<std::size_t>(referral_field)];
      if (!outcome || !referred || *outcome >= *referred) continue;
      diags.warning("W115",
                    "the date in '" + project.column_for(ind.date_field) + "' (" + outcome->iso() +
                        ") is before the referral in '" + project.column_for(ref.date_field) + "' (" + referred->iso() +
                        "); it does not count for '" + ind.id + "'",
                    where(dataset, r));
    }
  }
}

// The same person registered in two municipalities: counted in each, and
// listed, since a citizen who moved is real but a typing slip is likelier.
void check_two_municipalities(const Dataset& dataset, Diagnostics& diags) {
  std::unordered_map<std::string_view, const Registration*> first;  // participant -> their first row
  first.reserve(dataset.registrations.size());
  std::set<std::pair<std::string, std::string>> reported;
  for (const auto& r : dataset.registrations) {
    auto [it, fresh] = first.try_emplace(r.participant, &r);
    if (fresh || it->second->unit_code == r.unit_code) continue;
    if (!reported.insert({r.participant, r.unit_code}).second) continue;
    diags.warning("W116",
                  "the participant of " + described(*it->second) + " (municipality " + it->second->unit_code +
                      ") is also registered in municipality " + r.unit_code + "; counted in both",
                  where(dataset, r));
  }
}

void check_targets(const Dataset& dataset, const std::string& project_display, Diagnostics& diags) {
  const Project& project = dataset.project;
  if (project.targets.empty()) return;  // a project without targets reports counts only
  std::map<std::string, int> participants;
  for (const auto& r : dataset.registrations) ++participants[r.unit_code];
  for (const auto& c : dataset.counts) participants[c.unit_code] += static_cast<int>(c.count);
  std::set<std::string> with_target;
  for (const auto& t : project.targets) with_target.insert(t.unit_code);
  for (std::size_t k = 0; k < project.unit_codes.size(); ++k) {
    const std::string& code = project.unit_codes[k];
    auto n = participants.find(code);
    if (n == participants.end() || n->second == 0 || with_target.contains(code)) continue;
    diags.warning("W117",
                  "municipality " + code + " (" + project.unit_names.at(code) + ") has registrations but no target",
                  {project_display, 0, 0, "/municipalities/" + std::to_string(k), ""});
  }
}

}  // namespace

void check_dataset(const Dataset& dataset, const std::string& project_display, Diagnostics& diags) {
  check_outcome_order(dataset, diags);
  check_two_municipalities(dataset, diags);
  check_targets(dataset, project_display, diags);
}

}  // namespace maaltal
