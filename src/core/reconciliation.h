// Two registration sources of one project side by side (the jobcentres'
// register extract and the project's own case tool): what project.json
// declares of them, and the rows read from them. Only data: reading is
// read/reconciliation_reader's job, the join compute/reconciliation's.
#pragma once
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"

namespace maaltal {

// One source as project.json declares it under "reconciliation/sources".
struct ReconciliationSourceSpec {
  std::string id;     // "jobcenter": named by counts_from and in summary.json
  std::string label;  // "Jobcentrenes registerudtræk": shown in the outputs
  std::filesystem::path path;
  std::string display_path;
  std::string sheet;                // of an .xlsx or .ods; empty: the first
  std::string participant_column;   // the column of the person id
  std::string municipality_column;  // the column of the municipality (code or name)
  std::string date_column;          // optional: compared between matched rows
};

struct ReconciliationSpec {
  std::vector<ReconciliationSourceSpec> sources;  // exactly two
  // The list of test persons (optional): their ids are left out of every source.
  std::filesystem::path test_persons_path;
  std::string test_persons_display;  // empty: no list
  std::string test_persons_column;   // empty: the list's first column
  std::string counts_from;           // the id of the source the report's counts come from
};

// A source's row: its id as normalised for the join, and where it is.
struct ReconciliationRow {
  std::string id;
  std::string municipality;  // its kommunekode
  std::optional<Date> date;
  SourceLocation where;  // file and line (or Sheet!A14), never the row's text
};

struct ReconciliationRows {
  std::vector<ReconciliationRow> rows;
  int rows_blank = 0;  // rows of only empty cells: skipped
};

struct ReconciliationInput {
  std::vector<ReconciliationRows> sources;  // in the spec's order
  std::set<std::string> test_persons;
};

// The id as the join compares it: trimmed, and a CPR number written
// "ddmmyy-xxxx" read as "ddmmyyxxxx", so that the two spellings match.
inline std::string reconciliation_key(std::string_view id) {
  auto begin = id.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  std::string key(id.substr(begin, id.find_last_not_of(" \t\r\n") - begin + 1));
  bool cpr = key.size() == 11 && key[6] == '-';
  for (std::size_t i = 0; cpr && i < key.size(); ++i) cpr = i == 6 || (key[i] >= '0' && key[i] <= '9');
  if (cpr) key.erase(6, 1);
  return key;
}

}  // namespace maaltal
