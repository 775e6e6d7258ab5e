#include "compute/reconciliation.h"

#include <algorithm>
#include <unordered_map>

#include "compute/suppression.h"

namespace maaltal {

namespace {

bool in_project(const Project& project, const std::string& code) {
  return std::find(project.unit_codes.begin(), project.unit_codes.end(), code) != project.unit_codes.end();
}

}  // namespace

std::optional<ReconciliationReport> reconcile(const Project& project, const ReconciliationInput& input) {
  if (!project.reconciliation || input.sources.size() != 2) return std::nullopt;
  const ReconciliationSpec& spec = *project.reconciliation;
  ReconciliationReport out;
  out.counts_from = spec.counts_from;
  // Rule 1: test persons out of each source.
  std::vector<std::vector<const ReconciliationRow*>> kept(2);
  for (std::size_t s = 0; s < 2; ++s) {
    ReconciledSource source{spec.sources[s].id, spec.sources[s].label, spec.sources[s].display_path, {}, {}, {}, {}, {}};
    for (const auto& row : input.sources[s].rows) {
      ++source.rows.value;
      if (input.test_persons.contains(row.id))
        ++source.test_persons.value;
      else
        kept[s].push_back(&row);
    }
    out.sources.push_back(source);
  }
  // Rule 2: the join on the id.
  std::unordered_map<std::string_view, const ReconciliationRow*> second;
  for (const auto* row : kept[1]) second.emplace(row->id, row);
  std::unordered_map<std::string_view, bool> matched_ids;
  for (const auto* row : kept[0]) {
    auto it = second.find(row->id);
    if (it == second.end()) {
      out.unmatched.push_back({0, row->where});
      continue;
    }
    const ReconciliationRow& other = *it->second;
    ++out.matched.value;
    matched_ids.emplace(row->id, true);
    if (row->municipality != other.municipality) {
      ++out.differs_unit.value;
      out.differences.push_back({"municipality", row->where, other.where});
    }
    if (row->date && other.date && *row->date != *other.date) {
      ++out.differs_date.value;
      out.differences.push_back({"date", row->where, other.where});
    }
  }
  for (const auto* row : kept[1]) {
    if (!matched_ids.contains(row->id)) out.unmatched.push_back({1, row->where});
  }
  // Rule 3: another municipality leaves a row out of its source's N only.
  for (std::size_t s = 0; s < 2; ++s) {
    ReconciledSource& source = out.sources[s];
    for (const auto* row : kept[s]) {
      if (!in_project(project, row->municipality)) ++source.other_unit.value;
    }
    source.kept.value = source.rows.value - source.test_persons.value - source.other_unit.value;
    source.only_here.value = static_cast<int>(kept[s].size()) - out.matched.value;
  }
  return out;
}

void publish_reconciliation(ReconciliationReport& report, const PrivacySettings& settings) {
  report.unmatched.clear();
  report.differences.clear();
  SuppressionTable table;
  std::vector<ReconciliationCount*> counts;
  auto cell = [&](ReconciliationCount& count) {
    counts.push_back(&count);
    return table.add(count.value);
  };
  int matched = cell(report.matched);
  table.at_most(cell(report.differs_unit), matched);
  table.at_most(cell(report.differs_date), matched);
  for (auto& source : report.sources) {
    int rows = cell(source.rows), test = cell(source.test_persons), other = cell(source.other_unit);
    int kept = cell(source.kept), only = cell(source.only_here);
    table.relate(rows, {test, other, kept});
    table.relate(rows, {test, matched, only});
  }
  table.suppress(settings);
  for (std::size_t c = 0; c < counts.size(); ++c) counts[c]->hidden = table.hidden(static_cast<int>(c));
}

}  // namespace maaltal
