#include "app/init.h"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "app/output_folder.h"
#include "core/error.h"
#include "core/text.h"
#include "read/csv.h"
#include "read/municipalities.h"
#include "read/project_limits.h"
#include "read/spreadsheet.h"
#include "read/table_survey.h"
#include "read/text_file.h"

namespace maaltal {

namespace fs = std::filesystem;
using OrderedJson = nlohmann::ordered_json;

namespace {

constexpr std::size_t kMaxIdBytes = 64;
constexpr std::size_t kMaxBreakdownCategories = 12;  // more is a list, not a breakdown
constexpr std::size_t kValuesShown = 12;             // of a column, in the guesses

// Where the table came from, for locating a cell in a message.
struct TableSource {
  std::string display;
  std::string sheet;  // a spreadsheet's sheet; empty for a CSV
};

// The user's table, a row at a time, the header first: a CSV (blank lines
// skipped), or the first sheet of an .xlsx or .ods. The one place init reads
// the table.
TableSource read_table(const fs::path& path, const std::string& display, Diagnostics& diags,
                       const std::function<void(const TableRow&)>& on_row) {
  if (is_spreadsheet(path.string())) {
    TableSource source{display, ""};
    source.sheet = read_sheet_rows(path.string(), display, "", [&](const SheetRow& sheet_row) {
      TableRow row{sheet_row.number, {}, {}};
      for (const auto& cell : sheet_row.cells) row.cells.push_back(cell.text);
      on_row(row);
      return true;
    });
    return source;
  }
  std::vector<InputFile> provenance;
  std::string text = read_text_file(path, display, provenance);
  LineIndex lines(text);
  for_each_csv_record(text, 0, display, lines, diags, [&](const CsvRecord& record) {
    TableRow row{record.line, {}, {}};
    for (const auto& field : record.fields) {
      row.cells.push_back(field.value);
      row.text_columns.push_back(lines.column_of(field.offset));
    }
    on_row(row);
  });
  return {display, ""};
}

// "A" for column 0, "AA" for column 26: a cell's name without its row.
std::string column_letters(std::size_t column) {
  std::string name = cell_name(1, column);
  name.pop_back();
  return name;
}

// A cell of the table: "reg.csv:14:23" (or "reg.csv:14" for a whole row)
// in a CSV, "reg.xlsx:Ark1!C14" in a sheet.
SourceLocation cell_at(const TableSource& source, int row, std::size_t column, int text_column) {
  if (!source.sheet.empty()) {
    return {source.display + ":" + source.sheet + "!" + cell_name(row, column), 0, 0, "", ""};
  }
  return {source.display, row, text_column, "", ""};
}

// A value as a message or the guesses may show it: cut, CPR numbers starred
// out, control characters shown as '?'.
std::string shown(const std::string& value) { return show_controls(mask_cpr_numbers(quote_value(value))); }

// An id from a header: lower case letters (æ, ø, å kept), digits and '_', a
// letter first, at most 64 bytes, and not one of `taken`.
std::string id_from(const std::string& header, std::set<std::string>& taken) {
  std::string id;
  for (std::size_t i = 0; i < header.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(header[i]);
    if (c == 0xC3 && i + 1 < header.size()) {
      unsigned char next = static_cast<unsigned char>(header[i + 1]) | 0x20;  // Æ Ø Å -> æ ø å
      if (next == 0xA6 || next == 0xB8 || next == 0xA5) {
        id += header.substr(i, 1) + static_cast<char>(next);
        ++i;
        continue;
      }
    }
    if (std::isalnum(c))
      id += static_cast<char>(std::tolower(c));
    else if (!id.empty() && id.back() != '_')
      id += '_';
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) id = "i_" + id;
  if (id.size() > kMaxIdBytes - 4) id.resize(kMaxIdBytes - 4);
  while (!id.empty() && (static_cast<unsigned char>(id.back()) & 0xC0) == 0xC0) id.pop_back();  // a cut letter
  std::string unique = id;
  for (int n = 2; taken.contains(unique); ++n) unique = id + "_" + std::to_string(n);
  taken.insert(unique);
  return unique;
}

std::string project_id_from(const std::string& stem) {
  std::string id;
  for (unsigned char c : stem) {
    if (std::isalnum(c))
      id += static_cast<char>(std::tolower(c));
    else if (!id.empty() && id.back() != '-')
      id += '-';
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  if (id.size() > kMaxIdBytes) id.resize(kMaxIdBytes);
  return id.empty() ? "projekt" : id;
}

const ColumnGuess* find_role(const std::vector<ColumnGuess>& guesses, ColumnRole role) {
  auto it = std::find_if(guesses.begin(), guesses.end(), [&](const ColumnGuess& g) { return g.role == role; });
  return it == guesses.end() ? nullptr : &*it;
}

std::string header_list(const std::vector<ColumnGuess>& guesses) {
  std::string out;
  for (const auto& g : guesses) out += (out.empty() ? "" : ", ") + shown(g.header);
  return out;
}

// The errors that leave nothing to write, and a warning for each cell that
// does not fit its column or column left out for want of a name.
void report_problems(const std::vector<ColumnGuess>& guesses, const TableSource& source, int header_line,
                     Diagnostics& diags) {
  SourceLocation header = cell_at(source, header_line, 0, 0);
  if (!find_role(guesses, ColumnRole::kParticipant)) {
    diags.error("E213", Words("participant", {{"columns", header_list(guesses)}}), header);
  }
  if (!find_role(guesses, ColumnRole::kMunicipality)) {
    diags.error("E213", Words("municipality", {{"columns", header_list(guesses)}}), header);
  }
  if (!find_role(guesses, ColumnRole::kDate)) {
    diags.error("E214", {{"columns", header_list(guesses)}}, header);
  }
  for (const auto& g : guesses) {
    if (g.role == ColumnRole::kLeftOut && g.filled > 0) {
      Words words = g.header.empty() ? Words{} : Words("named", {{"header", shown(g.header)}});
      words.args.insert(words.args.end(), {{"column", column_letters(g.index)}, {"why", g.why}});
      diags.warning("W140", words, header);
    }
    if (g.misfits == 0 || !g.first_misfit) continue;
    std::string variant = std::string(g.misfits == 1 ? "one_" : "many_") +
                          (g.role == ColumnRole::kDate ? "date" : "municipality");
    diags.warning("W141",
                  Words(variant, {{"n", std::to_string(g.misfits)},
                                  {"column", shown(g.header)},
                                  {"value", shown(g.first_misfit->value)}}),
                  cell_at(source, g.first_misfit->row, g.first_misfit->column, g.first_misfit->text_column));
  }
}

struct Draft {
  OrderedJson project;
  std::string targets;
  std::vector<std::string> notes;      // what each indicator and breakdown counts, for the guesses
  std::vector<std::string> undecided;  // columns init could find no use for, and what a person might do
};

Draft draft_project(const std::vector<ColumnGuess>& guesses, const std::string& title, const std::string& file,
                    const std::string& sheet, bool events) {
  Draft draft;
  const ColumnGuess& participant = *find_role(guesses, ColumnRole::kParticipant);
  const ColumnGuess& municipality = *find_role(guesses, ColumnRole::kMunicipality);
  std::optional<Date> first, last;
  for (const auto& g : guesses) {
    if (g.role != ColumnRole::kDate) continue;
    if (!first || *g.first < *first) first = g.first;
    if (!last || *g.last > *last) last = g.last;
  }
  OrderedJson& p = draft.project;
  p["id"] = project_id_from(title);
  p["title"] = title;
  p["period"] = {{"start", Date::from_ymd(first->year(), first->month(), 1).iso()},
                 {"end", Date::from_ymd(last->year(), 12, 31).iso()}};
  p["municipalities"] = OrderedJson::array();
  for (const auto& v : municipality.values) p["municipalities"].push_back(v.value);

  std::set<std::string> ids;
  OrderedJson indicators = OrderedJson::array();
  auto add = [&](const ColumnGuess& date, const std::string& label, OrderedJson where, const std::string& note) {
    std::string id = id_from(label, ids);
    OrderedJson ind = {{"id", id}, {"label", label}, {"kind", "count"}, {"date_field", date.header}};
    if (!where.is_null()) ind["where"] = std::move(where);
    indicators.push_back(ind);
    draft.notes.push_back("indicator '" + id + "': participants with a date in " + shown(date.header) + note);
  };
  for (const auto& date : guesses) {
    if (date.role != ColumnRole::kDate) continue;
    auto category = std::find_if(guesses.begin(), guesses.end(), [&](const ColumnGuess& g) {
      return g.role == ColumnRole::kCategory && g.date_column == date.index;
    });
    if (category == guesses.end()) {
      add(date, date.header, nullptr, "");
      continue;
    }
    OrderedJson values = OrderedJson::array();
    for (const auto& v : category->values) values.push_back(v.value);
    add(date, date.header, {{category->header, values}},
        " and one of the " + std::to_string(values.size()) + " values of " + shown(category->header) +
            " (delete those that should not count)");
  }
  for (const auto& g : guesses) {
    if (g.role == ColumnRole::kYesNo && !g.date_column) {
      draft.undecided.push_back(shown(g.header) + " (yes/no) goes with no date column: add \"where\": {\"" + g.header +
                                "\": true} to an indicator to count only its yes rows");
    }
    if (g.role != ColumnRole::kYesNo || !g.date_column) continue;
    add(guesses[*g.date_column], g.header, {{g.header, true}}, " and yes in " + shown(g.header));
  }
  p["indicators"] = indicators;

  OrderedJson breakdowns = OrderedJson::array();
  for (const auto& g : guesses) {
    if (g.role != ColumnRole::kCategory || g.date_column) continue;
    if (g.values.size() < 2 || g.values.size() > kMaxBreakdownCategories) {
      draft.undecided.push_back(shown(g.header) + " (category) has " + std::to_string(g.values.size()) +
                                (g.values.size() == 1 ? " value" : " values") +
                                ": no breakdown made (one needs 2 to 12)");
      continue;
    }
    OrderedJson categories = OrderedJson::array();
    for (const auto& v : g.values) categories.push_back(v.value);
    std::string id = id_from(g.header, ids);
    breakdowns.push_back({{"id", id},
                          {"label", g.header},
                          {"indicator", indicators[0]["id"]},
                          {"field", g.header},
                          {"categories", categories}});
    draft.notes.push_back("breakdown '" + id + "': " + indicators[0]["id"].get<std::string>() + " by " +
                          shown(g.header));
  }
  if (!breakdowns.empty()) p["breakdowns"] = breakdowns;
  p["targets"] = {{"file", "targets.csv"}};
  p["registrations"] = {{"file", file}};
  if (!sheet.empty()) p["registrations"]["sheet"] = sheet;
  if (events) p["registrations"]["rows"] = "event";
  p["registrations"]["columns"] = {{"participant", participant.header}, {"municipality", municipality.header}};

  // Every municipality and indicator, the target left empty for the user;
  // the name column is for them (maaltal reads only the other three).
  draft.targets = "kommune;navn;indikator;måltal\n";
  for (const auto& v : municipality.values) {
    for (const auto& ind : indicators) {
      draft.targets += v.value + ";" + municipalities().at(v.value).name + ";" + ind["id"].get<std::string>() + ";\n";
    }
  }
  return draft;
}

// The guesses in words: each column's role and why, the values seen with
// their counts (never an id's, nor free text), and what the project counts.
std::string describe(const std::vector<ColumnGuess>& guesses, const Draft& draft, const std::string& display, int rows,
                     std::optional<int> total_row) {
  std::string out = display + ": " + std::to_string(guesses.size()) + " columns, " + std::to_string(rows) + " rows" +
                    (total_row ? " (and a total row, row " + std::to_string(*total_row) + ", left out)" : "") +
                    ". What each column holds (check these guesses):\n";
  for (const auto& g : guesses) {
    out += "  " + column_letters(g.index) + " " + (g.header.empty() ? "(no header)" : shown(g.header)) + ": " +
           role_name(g.role) + ", " + g.why;
    if (g.role == ColumnRole::kParticipant) out += " (its values are not shown: personal data)";
    if (g.role == ColumnRole::kDate) out += ", " + g.first->iso() + " to " + g.last->iso();
    if (g.date_column) out += ", goes with " + shown(guesses[*g.date_column].header);
    if (g.role == ColumnRole::kText || g.role == ColumnRole::kNumber) out += "; not used";
    out += "\n";
    if (g.values.empty()) continue;
    std::string values;
    for (std::size_t i = 0; i < g.values.size() && i < kValuesShown; ++i) {
      const auto& v = g.values[i];
      std::string name =
          g.role == ColumnRole::kMunicipality ? v.value + " " + municipalities().at(v.value).name : shown(v.value);
      values += (values.empty() ? "" : ", ") + name + " " + std::to_string(v.count);
    }
    if (g.values.size() > kValuesShown) values += ", and " + std::to_string(g.values.size() - kValuesShown) + " more";
    if (g.role != ColumnRole::kMunicipality && rows > g.filled)
      values += ", (empty) " + std::to_string(rows - g.filled);
    out += "      " + values + "\n";
  }
  const OrderedJson& period = draft.project["period"];
  out += "The project:\n  period " + period["start"].get<std::string>() + " to " + period["end"].get<std::string>() +
         " (from the dates found; set the project's real period)\n";
  for (const auto& note : draft.notes) out += "  " + note + "\n";
  if (!draft.undecided.empty()) out += "Could not decide:\n";
  for (const auto& note : draft.undecided) out += "  " + note + "\n";
  return out;
}

// A file init would write that is there already: refused unless --force.
void refuse_existing(const fs::path& path, bool force) {
  std::error_code ec;
  if (force || !fs::exists(fs::symlink_status(path, ec))) return;
  throw Error(ErrorKind::kUsage, "'" + path.generic_string() +
                                     "' exists already; init does not overwrite it (give --force to replace it)");
}

}  // namespace

InitResult run_init(const InitOptions& options) {
  InitResult result;
  const std::string display = options.sheet.generic_string();
  const std::string name = options.sheet.filename().string();
  std::error_code ec;
  bool in_place =
      fs::exists(options.out, ec) &&
      fs::equivalent(options.out, options.sheet.parent_path().empty() ? "." : options.sheet.parent_path(), ec);
  if (name == "project.json" || name == "targets.csv") {
    throw Error(ErrorKind::kUsage, "'" + display + "': the table may not be named " + name +
                                       ", which init writes; rename it (e.g. registreringer.csv)");
  }
  refuse_existing(options.out / "project.json", options.force);
  refuse_existing(options.out / "targets.csv", options.force);
  if (!in_place) refuse_existing(options.out / name, options.force);

  std::optional<TableSurvey> survey;
  int header_line = 1;
  TableSource source = read_table(options.sheet, display, result.diagnostics, [&](const TableRow& row) {
    if (survey) return survey->add(row);
    survey.emplace(row.cells);
    header_line = row.number;
  });
  if (!survey) {
    result.diagnostics.error("E103", Words("empty_table"),
                             cell_at(source, 1, 0, 0));
    return result;
  }
  if (survey->rows() == 0) {
    result.diagnostics.error("E212", Words{},
                             cell_at(source, header_line, 0, 0));
    return result;
  }
  std::vector<ColumnGuess> guesses = survey->guesses();
  report_problems(guesses, source, header_line, result.diagnostics);
  if (result.diagnostics.has_errors()) return result;

  const ColumnGuess& participant = *find_role(guesses, ColumnRole::kParticipant);
  Draft draft = draft_project(guesses, options.sheet.stem().string(), name, source.sheet, participant.repeats);
  result.guesses = describe(guesses, draft, display, survey->rows(), survey->total_row());

  OutputFolder folder(options.out);
  folder.write("project.json", draft.project.dump(2) + "\n");
  folder.write("targets.csv", draft.targets);
  std::string names = "project.json,targets.csv";
  if (!in_place) {
    fs::copy_file(options.sheet, folder.reserve(name), ec);
    if (ec)
      throw Error(ErrorKind::kWrite,
                  "cannot copy '" + display + "' into '" + options.out.generic_string() + "': " + ec.message());
    names += "," + name;
  }
  folder.commit();
  std::string dir = options.out.generic_string();
  result.written = dir + "/{" + names + "}";
  result.next = "Next:\n  1. fill in the targets in " + dir +
                "/targets.csv (column måltal; delete the row of a target there is not)\n  2. maaltal check " + dir +
                "/project.json\n  3. maaltal build " + dir + "/project.json --out " + dir + "/rapport\n";
  return result;
}

}  // namespace maaltal
