#include "read/dataset_checks.h"

#include <algorithm>
#include <set>

#include "read/spreadsheet.h"

namespace maaltal {

namespace {

bool from_json(const Dataset& dataset) { return dataset.project.registrations.path.extension() == ".json"; }

bool from_sheet(const Dataset& dataset) { return is_spreadsheet(dataset.project.registrations.display_path); }

// A row of a sheet is located at its first cell ("Ark1!A9").
SourceLocation where(const Dataset& dataset, std::size_t k) {
  const auto& source = dataset.project.registrations;
  int position = dataset.registrations.position(k);
  if (from_json(dataset)) return {source.display_path, 0, 0, "/" + std::to_string(position), ""};
  if (from_sheet(dataset)) return {source.display_path, 0, 0, source.sheet + "!" + cell_name(position, 0), ""};
  return {source.display_path, position, 0, "", ""};
}

std::string described(const Dataset& dataset, std::size_t k) {
  int position = dataset.registrations.position(k);
  if (from_json(dataset)) return "row /" + std::to_string(position);
  return (from_sheet(dataset) ? "row " : "line ") + std::to_string(position);
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
    const Registrations& regs = dataset.registrations;
    for (std::size_t k = 0; k < regs.size(); ++k) {
      auto outcome = regs.date(k, static_cast<std::size_t>(outcome_field));
      auto referred = regs.date(k, static_cast<std::size_t>(referral_field));
      if (!outcome || !referred || *outcome >= *referred) continue;
      diags.warning("W115",
                    "the date in '" + project.column_for(ind.date_field) + "' (" + outcome->iso() +
                        ") is before the referral in '" + project.column_for(ref.date_field) + "' (" + referred->iso() +
                        "); it does not count for '" + ind.id + "'",
                    where(dataset, k));
    }
  }
}

// The same person registered in two municipalities: counted in each, and
// listed, since a citizen who moved is real but a typing slip is likelier.
void check_two_municipalities(const Dataset& dataset, Diagnostics& diags) {
  const Registrations& regs = dataset.registrations;
  const auto& codes = dataset.project.unit_codes;
  RowIndex first(regs.size());  // each participant's first row
  std::vector<std::uint64_t> hashes(regs.size());
  for (std::size_t k = 0; k < regs.size(); ++k) hashes[k] = std::hash<std::string_view>{}(regs.participant(k));
  std::set<std::pair<std::string_view, std::uint16_t>> reported;
  constexpr std::size_t kAhead = 16;  // probes asked for ahead, so that they do not wait for memory one by one
  for (std::uint32_t k = 0; k < regs.size(); ++k) {
    if (k + kAhead < regs.size()) first.prefetch(hashes[k + kAhead]);
    std::string_view id = regs.participant(k);
    std::uint32_t f =
        first.find_or_add(hashes[k], k, [&](std::uint32_t other) { return regs.participant(other) == id; });
    if (f == k || regs.unit(f) == regs.unit(k)) continue;
    if (!reported.insert({id, regs.unit(k)}).second) continue;
    diags.warning("W116",
                  "the participant of " + described(dataset, f) + " (municipality " + codes[regs.unit(f)] +
                      ") is also registered in municipality " + codes[regs.unit(k)] + "; counted in both",
                  where(dataset, k));
  }
}

void check_targets(const Dataset& dataset, const std::string& project_display, Diagnostics& diags) {
  const Project& project = dataset.project;
  if (project.targets.empty()) return;                          // a project without targets reports counts only
  std::vector<double> participants(project.unit_codes.size());  // by municipality index
  for (std::size_t k = 0; k < dataset.registrations.size(); ++k) ++participants[dataset.registrations.unit(k)];
  for (const auto& c : dataset.counts) {
    auto it = std::find(project.unit_codes.begin(), project.unit_codes.end(), c.unit_code);
    if (it != project.unit_codes.end())
      participants[static_cast<std::size_t>(it - project.unit_codes.begin())] += c.count;
  }
  std::set<std::string> with_target;
  for (const auto& t : project.targets) with_target.insert(t.unit_code);
  for (std::size_t k = 0; k < project.unit_codes.size(); ++k) {
    const std::string& code = project.unit_codes[k];
    if (participants[k] == 0 || with_target.contains(code)) continue;
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
