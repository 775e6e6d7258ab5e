#include "read/dataset_checks.h"

#include <algorithm>
#include <map>
#include <set>

#include "read/spreadsheet.h"
#include "core/text.h"
#include "read/json_input.h"
#include "read/project_limits.h"

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

// Row k's words as "{row}" of a message whose variant says a line, a row, or a JSON row.
Words described(const Dataset& dataset, std::size_t k) {
  std::string position = std::to_string(dataset.registrations.position(k));
  return Words(from_json(dataset) ? "json" : from_sheet(dataset) ? "sheet" : "", {{"row", position}});
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
                    {{"column", project.column_for(ind.date_field)},
                     {"date", outcome->iso()},
                     {"referral_column", project.column_for(ref.date_field)},
                     {"referral", referred->iso()},
                     {"indicator", ind.id}},
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
    Words words = described(dataset, f);
    words.args.insert(words.args.end(), {{"code", codes[regs.unit(f)]}, {"other", codes[regs.unit(k)]}});
    diags.warning("W116", words,
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
    diags.warning("W117", {{"code", code}, {"name", project.unit_names.at(code)}},
                  {project_display, 0, 0, "/municipalities/" + std::to_string(k), ""});
  }
}

// A value that `where` or `any` names, and where.
struct NamedValue {
  std::string value;
  std::string pointer;  // in project.json
};

// The values each category field is filtered by, of the fields whose values
// only `where` lists: a breakdown's declared categories are checked row by row
// (W110), a yes/no field's words too (W113).
std::map<std::string, std::vector<NamedValue>> named_values(const Project& project) {
  std::map<std::string, std::vector<NamedValue>> named;
  std::set<std::string> elsewhere;
  for (const auto& b : project.breakdowns) elsewhere.insert(b.field);
  for (std::size_t i = 0; i < project.indicators.size(); ++i) {
    const Indicator& ind = project.indicators[i];
    std::string ptr = "/indicators/" + std::to_string(i);
    auto add = [&](const std::vector<FieldFilter>& filters, const std::string& at) {
      for (const auto& f : filters) {
        if (f.flag) elsewhere.insert(f.field);
        for (const auto& v : f.values) named[f.field].push_back({v, JsonFields::pointer(at, f.field)});
      }
    };
    add(ind.filters, ptr + "/where");
    for (std::size_t a = 0; a < ind.any.size(); ++a) add(ind.any[a], ptr + "/any/" + std::to_string(a));
  }
  for (const auto& field : elsewhere) named.erase(field);
  // The participants' id column (a filter on it is refused, E203) is never
  // listed: its values are personal data.
  const std::string id_column = fold_case(project.column_for(kParticipantField));
  std::erase_if(named, [&](const auto& entry) { return fold_case(project.column_for(entry.first)) == id_column; });
  return named;
}

// No silent miscount: a value in the data that no indicator names is a row
// counted by none of the indicators on its column, reported once with how
// many rows hold it (W125), with the likely intended spelling when one is
// close; a value named that no row holds, but that a data value is a typo
// away from, counts nobody (W126).
void check_category_values(const Dataset& dataset, const std::string& project_display, Diagnostics& diags) {
  const Registrations& regs = dataset.registrations;
  if (regs.size() == 0) return;
  for (const auto& [field, named] : named_values(dataset.project)) {
    auto f = static_cast<std::size_t>(dataset.schema.category_index(field));
    std::vector<std::size_t> rows(regs.distinct_values()), first(regs.distinct_values());
    for (std::size_t k = 0; k < regs.size(); ++k) {
      std::uint32_t id = regs.category_id(k, f);
      if (rows[id]++ == 0) first[id] = k;
    }
    std::set<std::string> wanted;
    std::vector<std::string> names;
    for (const auto& n : named) wanted.insert(fold_category(n.value)), names.push_back(n.value);
    // Spellings that matching takes as one value ("Fleksjob", "FLEKSJOB")
    // are one value here too: reported once, with their rows together.
    struct Seen {
      std::size_t rows = 0;
      std::size_t first = 0;
      std::vector<std::string> spellings;
    };
    std::map<std::string, Seen> seen;
    std::vector<std::string> data_values;
    const std::string column = dataset.project.column_for(field);
    for (std::uint32_t id = 0; id < rows.size(); ++id) {
      std::string folded = fold_category(regs.value(id));
      if (rows[id] == 0 || folded.empty()) continue;
      std::string shown = mask_cpr_numbers(regs.value(id));  // a value is never personal data in a message
      data_values.push_back(shown);
      Seen& value = seen[folded];
      if (value.rows == 0 || first[id] < value.first) value.first = first[id];
      value.rows += rows[id];
      value.spellings.push_back(shown);
    }
    for (const auto& [folded, value] : seen) {
      if (wanted.contains(folded)) continue;
      std::string also;  // the other spellings, for "(also written {also})"
      for (std::size_t i = 1; i < value.spellings.size(); ++i) {
        also += (i == 1 ? "" : ", ") + quote_value(value.spellings[i]);
      }
      std::string hint = closest_spelling(value.spellings[0], names);
      Words words{{"quoted", quote_value(value.spellings[0])},
                  {"column", column},
                  {"rows", std::to_string(value.rows)},
                  {"field", field}};
      words.variant = std::string(value.rows == 1 ? "one" : "many") + (also.empty() ? "" : "_also");
      if (!also.empty()) words.args.emplace_back("also", also);
      if (!hint.empty()) {
        words.variant += "_hint";
        words.args.emplace_back("hint", hint);
      }
      diags.warning("W125", words, where(dataset, value.first));
    }
    // A value not seen yet is common (no flex job so far); one a data value
    // is a typo away from is the miscount.
    for (const auto& n : named) {
      if (seen.contains(fold_category(n.value))) continue;
      std::string hint = closest_spelling(n.value, data_values);
      if (hint.empty()) continue;
      diags.warning("W126", {{"quoted", quote_value(n.value)}, {"column", column}, {"hint", hint}},
                    {project_display, 0, 0, n.pointer, ""});
    }
  }
}

}  // namespace

void check_dataset(const Dataset& dataset, const std::string& project_display, Diagnostics& diags) {
  check_outcome_order(dataset, diags);
  check_two_municipalities(dataset, diags);
  check_targets(dataset, project_display, diags);
  check_category_values(dataset, project_display, diags);
}

}  // namespace maaltal
