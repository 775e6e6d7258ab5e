#include "read/reconciliation_reader.h"

#include <algorithm>
#include <functional>
#include <set>
#include <map>
#include <optional>
#include <vector>

#include "core/paths.h"
#include "core/text.h"
#include "read/csv.h"
#include "read/project_reader.h"
#include "read/row_leftovers.h"
#include "read/sheet_input.h"
#include "read/spreadsheet.h"
#include "read/table_survey.h"
#include "read/text_file.h"

namespace maaltal {

namespace {

constexpr const char* kPart = "/reconciliation";

// A file named in "reconciliation": inside the project's folder only (as
// every input: E207), with its path as the outputs name it.
std::optional<std::pair<std::filesystem::path, std::string>> file_of(const std::string& file, const std::string& ptr,
                                                                     const std::filesystem::path& folder,
                                                                     const std::string& project_display,
                                                                     Diagnostics& diags) {
  if (!inside_folder(folder, file)) {
    diags.error("E207", {{"file", file}}, {project_display, 0, 0, ptr, ""});
    return std::nullopt;
  }
  return std::make_pair(folder / file, display_path_beside(project_display, file));
}

void read_source(const Json& obj, const std::string& ptr, const std::filesystem::path& folder,
                 const std::string& project_display, JsonFields& fields, Project& project, Diagnostics& diags,
                 ReconciliationSpec& spec) {
  ReconciliationSourceSpec source;
  source.id = fields.string(obj, ptr, "id", true).value_or("");
  source.label = fields.string(obj, ptr, "label", false).value_or(source.id);
  source.sheet = fields.string(obj, ptr, "sheet", false).value_or("");
  if (auto file = fields.string(obj, ptr, "file", true)) {
    if (auto where = file_of(*file, ptr + "/file", folder, project_display, diags)) {
      source.path = where->first;
      source.display_path = where->second;
    }
  }
  // Without "columns", a source's columns are named as the registrations' are.
  source.participant_column = project.column_for(kParticipantField);
  source.municipality_column = project.column_for(kMunicipalityField);
  if (const Json* columns = fields.object(obj, ptr, "columns", false)) {
    std::string cptr = ptr + "/columns";
    source.participant_column = fields.string(*columns, cptr, "participant", false).value_or(source.participant_column);
    source.municipality_column =
        fields.string(*columns, cptr, "municipality", false).value_or(source.municipality_column);
    source.date_column = fields.string(*columns, cptr, "date", false).value_or("");
  }
  for (const auto& other : spec.sources) {
    if (!source.id.empty() && other.id == source.id)
      diags.error("E230", Words("same_id", {{"id", source.id}}), {project_display, 0, 0, ptr + "/id", ""});
  }
  spec.sources.push_back(std::move(source));
}

void read_test_persons(const Json& rec, const std::filesystem::path& folder, const std::string& project_display,
                       JsonFields& fields, Diagnostics& diags, ReconciliationSpec& spec) {
  auto it = rec.find("test_persons");
  if (it == rec.end()) return;
  std::string ptr = std::string(kPart) + "/test_persons";
  std::optional<std::string> file;
  if (it->is_string()) {
    file = it->get<std::string>();
  } else if (it->is_object()) {
    file = fields.string(*it, ptr, "file", true);
    spec.test_persons_column = fields.string(*it, ptr, "column", false).value_or("");
    ptr += "/file";
  } else {
    fields.wrong_type(ptr, Words("string"));
  }
  if (!file) return;
  if (auto where = file_of(*file, ptr, folder, project_display, diags)) {
    spec.test_persons_path = where->first;
    spec.test_persons_display = where->second;
  }
}

// A table's rows, CSV or sheet alike: `on_header` sees the header's cells,
// `on_row` each later row's cells with where each cell is. Blank rows are
// counted in `blank` and handed to no one.
using CellWhere = std::function<SourceLocation(std::size_t)>;
void for_each_table_row(const std::filesystem::path& path, const std::string& display, const std::string& sheet,
                        Project& project, Diagnostics& diags, int& blank,
                        const std::function<bool(const std::vector<std::string>&, const SourceLocation&)>& on_header,
                        const std::function<void(const std::vector<std::string_view>&, const CellWhere&)>& on_row) {
  bool header_seen = false, readable = true;
  std::vector<std::string_view> cells;
  auto handle = [&](const std::vector<std::string>& texts, const SourceLocation& row_where, const CellWhere& where) {
    if (!header_seen) {
      header_seen = true;
      readable = on_header(texts, row_where);
      return;
    }
    if (!readable) return;
    cells.assign(texts.begin(), texts.end());
    if (is_blank_row(cells)) {
      ++blank;
      return;
    }
    on_row(cells, where);
  };
  std::vector<std::string> texts;
  if (is_spreadsheet(display)) {
    read_sheet_rows(path.string(), display, sheet, [&](const SheetRow& row) {
      if (row.cells.empty() && !header_seen) return true;
      texts.clear();
      for (const auto& cell : row.cells) texts.push_back(cell.text);
      std::string sheet_name(row.sheet);
      auto where = [&](std::size_t c) { return SourceLocation{display, 0, 0, sheet_name + "!" + cell_name(row.number, c), ""}; };
      handle(texts, where(0), where);
      return true;
    });
    record_sheet_provenance(path, display, project.input_files);
    return;
  }
  std::string text = read_text_file(path, display, project.input_files);
  LineIndex lines(text);
  for_each_csv_record(text, detect_delimiter(text), display, lines, diags, [&](const CsvRecord& record) {
    texts.clear();
    for (const auto& f : record.fields) texts.push_back(f.value);
    // A row's location is its line and column, never its text: the row holds a person's id.
    auto where = [&](std::size_t c) {
      int column = c < record.fields.size() ? lines.column_of(record.fields[c].offset) : 0;
      return SourceLocation{display, record.line, column, "", ""};
    };
    handle(texts, SourceLocation{display, record.line, 0, "", ""}, where);
  });
}

// The index of the header cell named `name` (as registrations' headers are
// matched), or nullopt with E230 at the header.
std::optional<std::size_t> column_of(const std::vector<std::string>& header, const std::string& name,
                                     const std::string& source, const SourceLocation& where, Diagnostics& diags) {
  std::string wanted = normalise_header(name);
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (normalise_header(header[c]) == wanted) return c;
  }
  diags.error("E230", Words("column", {{"column", name}, {"source", source}}), where);
  return std::nullopt;
}

std::string_view cell(const std::vector<std::string_view>& cells, std::size_t c) {
  return c < cells.size() ? trimmed(cells[c]) : std::string_view();
}

ReconciliationRows read_source_rows(const ReconciliationSourceSpec& spec, Project& project, Diagnostics& diags) {
  ReconciliationRows out;
  std::optional<std::size_t> id_col, unit_col, date_col;
  bool columns_found = false;
  std::map<std::string, SourceLocation> first_row;  // id -> where it was first seen
  auto on_header = [&](const std::vector<std::string>& header, const SourceLocation& where) {
    id_col = column_of(header, spec.participant_column, spec.id, where, diags);
    unit_col = column_of(header, spec.municipality_column, spec.id, where, diags);
    if (!spec.date_column.empty()) date_col = column_of(header, spec.date_column, spec.id, where, diags);
    columns_found = id_col && unit_col && (spec.date_column.empty() || date_col);
    return columns_found;
  };
  auto on_row = [&](const std::vector<std::string_view>& cells, const CellWhere& where) {
    ReconciliationRow row;
    row.where = where(*id_col);
    row.where.column = 0;  // the row, not its cell: how the unmatched rows are listed
    row.id = reconciliation_key(cell(cells, *id_col));
    bool ok = true;
    if (row.id.empty()) {
      diags.error("E231", Words("", {{"source", spec.id}}), where(*id_col));
      ok = false;
    }
    std::string unit(cell(cells, *unit_col));
    row.municipality = municipality_code_of(unit);
    if (row.municipality.empty()) {
      diags.error("E232", Words(unit.empty() ? "empty" : "", {{"value", unit}}), where(*unit_col));
      ok = false;
    }
    if (date_col) {
      std::string_view date = cell(cells, *date_col);
      row.date = parse_date(date);
      if (!date.empty() && !row.date) {
        diags.error("E233", Words("", {{"value", std::string(date)}}), where(*date_col));
        ok = false;
      }
    }
    if (!ok) return;
    auto [it, fresh] = first_row.try_emplace(row.id, row.where);
    if (!fresh) {
      // Two rows of one id: the join could pair either, so neither is guessed.
      diags.error("E234", Words("", {{"first", format_location(it->second)}, {"source", spec.id}}), where(*id_col));
      return;
    }
    out.rows.push_back(std::move(row));
  };
  for_each_table_row(spec.path, spec.display_path, spec.sheet, project, diags, out.rows_blank, on_header, on_row);
  if (columns_found && out.rows.empty())
    diags.warning("W168", Words("", {{"source", spec.id}}), {spec.display_path, 0, 0, "", ""});
  return out;
}

std::set<std::string> read_test_person_ids(const ReconciliationSpec& spec, Project& project, Diagnostics& diags) {
  std::set<std::string> ids;
  std::optional<std::size_t> col;
  int blank = 0;
  auto on_header = [&](const std::vector<std::string>& header, const SourceLocation& where) {
    col = spec.test_persons_column.empty() ? std::optional<std::size_t>(0)
                                           : column_of(header, spec.test_persons_column, "test_persons", where, diags);
    return col.has_value();
  };
  auto on_row = [&](const std::vector<std::string_view>& cells, const CellWhere&) {
    std::string id = reconciliation_key(cell(cells, *col));
    if (!id.empty()) ids.insert(id);
  };
  for_each_table_row(spec.test_persons_path, spec.test_persons_display, "", project, diags, blank, on_header, on_row);
  return ids;
}

}  // namespace

void read_reconciliation_spec(const Json& root, const std::filesystem::path& folder, const std::string& project_display,
                              Project& project, Diagnostics& diags) {
  JsonFields fields(project_display, diags);
  const Json* rec = fields.object(root, "", "reconciliation", false);
  if (!rec) return;
  ReconciliationSpec spec;
  const Json* sources = fields.array(*rec, kPart, "sources", true);
  if (!sources) return;
  if (sources->size() != 2) {
    diags.error("E230", Words("two", {{"n", std::to_string(sources->size())}}),
                {project_display, 0, 0, std::string(kPart) + "/sources", ""});
    return;
  }
  for (std::size_t i = 0; i < sources->size(); ++i) {
    std::string ptr = std::string(kPart) + "/sources/" + std::to_string(i);
    if (!(*sources)[i].is_object()) {
      fields.wrong_type(ptr, Words("object"));
      return;
    }
    read_source((*sources)[i], ptr, folder, project_display, fields, project, diags, spec);
  }
  read_test_persons(*rec, folder, project_display, fields, diags, spec);
  spec.counts_from = fields.string(*rec, kPart, "counts_from", true).value_or("");
  bool known = std::any_of(spec.sources.begin(), spec.sources.end(),
                           [&](const auto& s) { return s.id == spec.counts_from; });
  if (!spec.counts_from.empty() && !known) {
    diags.error("E230", Words("counts_from", {{"id", spec.counts_from}}),
                {project_display, 0, 0, std::string(kPart) + "/counts_from", ""});
  }
  project.reconciliation = std::move(spec);
}

void read_reconciliation_sources(Dataset& dataset, Diagnostics& diags) {
  if (!dataset.project.reconciliation) return;
  const ReconciliationSpec spec = *dataset.project.reconciliation;
  for (const auto& source : spec.sources) {
    if (source.display_path.empty()) return;  // project.json's error says why
  }
  ReconciliationInput& input = dataset.reconciliation;
  for (const auto& source : spec.sources) input.sources.push_back(read_source_rows(source, dataset.project, diags));
  if (spec.test_persons_display.empty()) return;
  input.test_persons = read_test_person_ids(spec, dataset.project, diags);
  // A test person in no source: the list may name them in another spelling,
  // and then they would be counted as participants.
  std::set<std::string> in_sources;
  for (const auto& rows : input.sources) {
    for (const auto& row : rows.rows) {
      if (input.test_persons.contains(row.id)) in_sources.insert(row.id);
    }
  }
  if (auto n = input.test_persons.size() - in_sources.size(); n > 0)
    diags.warning("W167", Words(n == 1 ? "one" : "", {{"n", std::to_string(n)}}),
                  {spec.test_persons_display, 0, 0, "", ""});
}

}  // namespace maaltal
