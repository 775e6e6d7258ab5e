#include "read/survey_reader.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

#include "core/paths.h"
#include "core/text.h"
#include "read/csv.h"
#include "read/project_reader.h"
#include "read/row_leftovers.h"
#include "read/sheet_input.h"
#include "read/spreadsheet.h"
#include "read/text_file.h"

namespace maaltal {

namespace {

// The logical columns of a survey file and the headers looked for by default.
constexpr std::array<const char*, 4> kFields{"respondent", "group", "question", "answer"};
const std::map<std::string, std::vector<std::string>> kDefaultHeaders{
    {"respondent", {"respondent", "respondent_id", "besvarelse", "id"}},
    {"group", {"group", "gruppe"}},
    {"question", {"question", "spoergsmaal", "spørgsmål"}},
    {"answer", {"answer", "svar"}},
};

// A value as compared only to say how it differs: case, and every space, left out.
std::string loose(std::string_view value) {
  std::string folded = fold_category(value);
  std::erase_if(folded, [](char c) { return c == ' ' || c == '\t'; });
  return folded;
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "'" : ", '") + v + "'";
  return out;
}

// A list of strings, each given once; reports E202 / E250 at its pointer.
std::vector<std::string> string_list(const Json& obj, const std::string& ptr, const char* key, bool required,
                                     JsonFields& fields, Diagnostics& diags, const std::string& file) {
  std::vector<std::string> out;
  const Json* list = fields.array(obj, ptr, key, required);
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string at = ptr + "/" + key + "/" + std::to_string(i);
    if (!(*list)[i].is_string() || (*list)[i].get<std::string>().empty()) {
      fields.wrong_type(at, Words("string"));
      continue;
    }
    std::string value = (*list)[i].get<std::string>();
    if (std::find(out.begin(), out.end(), value) != out.end()) {
      diags.error("E250", Words("twice", {{"value", value}}), {file, 0, 0, at, ""});
      continue;
    }
    out.push_back(value);
  }
  return out;
}

bool read_flag(const Json& obj, const std::string& ptr, const char* key, JsonFields& fields) {
  auto it = obj.find(key);
  if (it == obj.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  fields.wrong_type(JsonFields::pointer(ptr, key), Words("boolean"));
  return false;
}

Survey read_one(const Json& obj, const std::string& ptr, const std::filesystem::path& folder,
                const std::string& display, JsonFields& fields, Diagnostics& diags) {
  Survey s;
  s.pointer = ptr;
  s.id = fields.string(obj, ptr, "id", true).value_or("");
  s.title = fields.string(obj, ptr, "title", false).value_or(s.id);
  if (auto file = fields.string(obj, ptr, "file", true)) {
    if (!inside_folder(folder, *file)) {
      diags.error("E207", {{"file", *file}}, {display, 0, 0, ptr + "/file", ""});
    } else {
      s.path = folder / *file;
      s.display_path = display_path_beside(display, *file);
    }
  }
  std::string respondents = fields.string(obj, ptr, "respondents", true).value_or("citizens");
  if (respondents == "staff")
    s.respondents = Respondents::kStaff;
  else if (respondents != "citizens")
    diags.error("E250", Words("respondents", {{"value", respondents}}), {display, 0, 0, ptr + "/respondents", ""});
  s.publish_small_n = read_flag(obj, ptr, "publish_small_n", fields);
  if (s.publish_small_n && s.respondents == Respondents::kCitizens)
    diags.warning("W176", Words(), {display, 0, 0, ptr + "/publish_small_n", ""});
  std::string shares_of = fields.string(obj, ptr, "shares_of", false).value_or("respondents");
  if (shares_of == "answered")
    s.shares_of = ShareBase::kAnswered;
  else if (shares_of != "respondents")
    diags.error("E250", Words("shares_of", {{"value", shares_of}}), {display, 0, 0, ptr + "/shares_of", ""});
  s.scale = string_list(obj, ptr, "scale", true, fields, diags, display);
  if (obj.contains("scale") && obj["scale"].is_array() && s.scale.size() < 2)
    diags.error("E250", Words("scale"), {display, 0, 0, ptr + "/scale", ""});
  s.not_answered = string_list(obj, ptr, "not_answered", false, fields, diags, display);
  for (std::size_t i = 0; i < s.not_answered.size(); ++i) {
    if (std::find(s.scale.begin(), s.scale.end(), s.not_answered[i]) != s.scale.end())
      diags.error("E250", Words("twice", {{"value", s.not_answered[i]}}),
                  {display, 0, 0, ptr + "/not_answered/" + std::to_string(i), ""});
  }
  s.groups = string_list(obj, ptr, "groups", true, fields, diags, display);
  s.questions = string_list(obj, ptr, "questions", false, fields, diags, display);
  if (const Json* columns = fields.object(obj, ptr, "columns", false)) {
    for (const auto& [field, header] : columns->items()) {
      std::string at = JsonFields::pointer(ptr + "/columns", field);
      if (std::find(kFields.begin(), kFields.end(), field) == kFields.end())
        diags.error("E250", Words("column_field", {{"field", field}}), {display, 0, 0, at, ""});
      else if (!header.is_string())
        fields.wrong_type(at, Words("column"));
      else
        s.columns[field] = header.get<std::string>();
    }
  }
  return s;
}

// One cell of a survey file with where it stands.
struct Cell {
  std::string value;
  SourceLocation where;
};
using Row = std::array<Cell, kFields.size()>;

class ResponseChecker {
 public:
  ResponseChecker(const Survey& survey, Diagnostics& diags, SurveyResponses& out)
      : survey_(survey), diags_(diags), out_(out), answers_(survey.answers()) {
    out_.questions = survey.questions;
  }

  void check(const Row& row) {
    for (std::size_t f = 0; f < kFields.size(); ++f) {
      if (trim(row[f].value).empty()) {
        diags_.error("E254", Words("", {{"field", kFields[f]}}), row[f].where);
        return;
      }
    }
    int group = index_in(survey_.groups, row[1], "E252");
    int answer = index_in(answers_, row[3], "E251");
    if (group < 0 || answer < 0) return;
    const std::string& respondent = row[0].value;
    auto [seen, fresh] = group_of_.emplace(respondent, std::make_pair(group, row[1].where));
    if (!fresh && seen->second.first != group) {
      diags_.error("E256",
                   Words("", {{"group", row[1].value},
                              {"first", survey_.groups[static_cast<std::size_t>(seen->second.first)]},
                              {"where", format_location(seen->second.second)}}),
                   row[1].where);
      return;
    }
    int question = question_index(row[2].value);
    auto [first, once] = answered_.emplace(std::make_pair(respondent, question), row[2].where);
    if (!once) {
      diags_.error("E253", Words("", {{"first", format_location(first->second)}}), row[2].where);
      return;
    }
    out_.answers.push_back({respondent, group, question, answer});
  }

  // Declared groups and questions that no row has: said, not an error.
  void finish() {
    std::vector<bool> group_seen(survey_.groups.size(), false);
    for (const auto& a : out_.answers) group_seen[static_cast<std::size_t>(a.group)] = true;
    for (std::size_t g = 0; g < survey_.groups.size(); ++g) {
      if (!group_seen[g])
        diags_.warning("W175", Words("", {{"group", survey_.groups[g]}}),
                       {survey_.display_path, 0, 0, "", ""});
    }
    std::vector<bool> question_seen(out_.questions.size(), false);
    for (const auto& a : out_.answers) question_seen[static_cast<std::size_t>(a.question)] = true;
    for (std::size_t q = 0; q < survey_.questions.size(); ++q) {
      if (!question_seen[q])
        diags_.warning("W177", Words("", {{"question", survey_.questions[q]}}),
                       {survey_.display_path, 0, 0, "", ""});
    }
  }

 private:
  static std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
  }

  // The exact value's index; otherwise an error naming the allowed values,
  // and the one it differs from only in case or spacing when there is one.
  int index_in(const std::vector<std::string>& allowed, const Cell& cell, const char* code) {
    auto it = std::find(allowed.begin(), allowed.end(), cell.value);
    if (it != allowed.end()) return static_cast<int>(it - allowed.begin());
    for (const auto& a : allowed) {
      if (loose(a) == loose(cell.value)) {
        diags_.error(code, Words("near", {{"value", cell.value}, {"near", a}, {"allowed", joined(allowed)}}),
                     cell.where);
        return -1;
      }
    }
    diags_.error(code, Words("", {{"value", cell.value}, {"allowed", joined(allowed)}}), cell.where);
    return -1;
  }

  int question_index(const std::string& text) {
    auto it = std::find(out_.questions.begin(), out_.questions.end(), text);
    if (it != out_.questions.end()) return static_cast<int>(it - out_.questions.begin());
    out_.questions.push_back(text);
    return static_cast<int>(out_.questions.size()) - 1;
  }

  const Survey& survey_;
  Diagnostics& diags_;
  SurveyResponses& out_;
  std::vector<std::string> answers_;
  std::map<std::string, std::pair<int, SourceLocation>> group_of_;
  std::map<std::pair<std::string, int>, SourceLocation> answered_;
};

// The header each logical field is read from: project.json's "columns", else
// the first default that the file has.
std::string header_for(const Survey& survey, const char* field, const std::vector<std::string>& headers) {
  if (auto it = survey.columns.find(field); it != survey.columns.end()) return it->second;
  for (const auto& name : kDefaultHeaders.at(field)) {
    for (const auto& h : headers) {
      if (normalise_header(h) == normalise_header(name)) return h;
    }
  }
  return kDefaultHeaders.at(field).front();
}

// The column of each field (respondent, group, question, answer) in `headers`,
// or nullopt after an E255 at `where` for each one missing.
std::optional<std::array<int, kFields.size()>> field_columns(const Survey& survey, const std::vector<std::string>& headers,
                                                             const SourceLocation& where, Diagnostics& diags) {
  std::array<int, kFields.size()> column{};
  bool complete = true;
  for (std::size_t f = 0; f < kFields.size(); ++f) {
    std::string wanted = header_for(survey, kFields[f], headers);
    column[f] = -1;
    for (std::size_t h = 0; h < headers.size(); ++h) {
      if (normalise_header(headers[h]) == normalise_header(wanted)) column[f] = static_cast<int>(h);
    }
    if (column[f] < 0) {
      diags.error("E255", Words("", {{"field", kFields[f]}, {"column", wanted}, {"columns", joined(headers)}}), where);
      complete = false;
    }
  }
  if (!complete) return std::nullopt;
  return column;
}

// Whether every field has its column in `headers`.
bool is_header(const Survey& survey, const std::vector<std::string>& headers) {
  return std::all_of(kFields.begin(), kFields.end(), [&](const char* field) {
    std::string wanted = normalise_header(header_for(survey, field, headers));
    return std::any_of(headers.begin(), headers.end(), [&](const auto& h) { return normalise_header(h) == wanted; });
  });
}

// A spreadsheet (.xlsx or .ods, its first sheet): the header is the first row
// that names every field (a title above it is passed over, as project managers'
// sheets have one), each row with a value after it one answer, located as
// "Ark1!C14". Without such a row, E255 at the first row with a value.
void read_sheet(const Survey& survey, Project& project, Diagnostics& diags, ResponseChecker& checker) {
  std::optional<std::array<int, kFields.size()>> column;
  std::optional<std::pair<std::vector<std::string>, SourceLocation>> first;
  read_sheet_rows(survey.path.string(), survey.display_path, "", [&](const SheetRow& row) {
    std::vector<std::string> texts;
    for (const auto& cell : row.cells) texts.push_back(cell.text);
    std::vector<std::string_view> views(texts.begin(), texts.end());
    if (is_blank_row(views)) return true;  // as a blank line of a CSV
    std::string sheet(row.sheet);
    auto at = [&](std::size_t c) { return SourceLocation{survey.display_path, 0, 0, sheet + "!" + cell_name(row.number, c), ""}; };
    if (!column) {
      if (!first) first.emplace(texts, at(0));
      if (is_header(survey, texts)) column = field_columns(survey, texts, at(0), diags);
      return true;
    }
    Row answer;
    for (std::size_t f = 0; f < kFields.size(); ++f) {
      auto c = static_cast<std::size_t>((*column)[f]);
      answer[f] = {c < texts.size() ? texts[c] : "", at(c)};
    }
    checker.check(answer);
    return true;
  });
  if (!column && first) field_columns(survey, first->first, first->second, diags);
  record_sheet_provenance(survey.path, survey.display_path, project.input_files);
}

void read_csv(const Survey& survey, const std::string& text, Diagnostics& diags, ResponseChecker& checker) {
  LineIndex lines(text);
  CsvTable table = parse_csv(text, detect_delimiter(text), survey.display_path, lines, diags);
  if (table.records.empty()) return;
  const CsvRecord& header = table.records[0];
  std::vector<std::string> headers;
  for (const auto& f : header.fields) headers.push_back(f.value);
  auto found = field_columns(survey, headers, {survey.display_path, header.line, 1, "", lines.line_text(header.line)}, diags);
  if (!found) return;
  const auto& column = *found;
  for (std::size_t r = 1; r < table.records.size(); ++r) {
    const CsvRecord& record = table.records[r];
    std::vector<std::string_view> values;
    for (const auto& field : record.fields) values.push_back(field.value);
    if (is_blank_row(values)) continue;  // ";;;", as Excel saves an empty row: blank, as in a sheet
    Row row;
    for (std::size_t f = 0; f < kFields.size(); ++f) {
      auto c = static_cast<std::size_t>(column[f]);
      std::size_t offset = c < record.fields.size() ? record.fields[c].offset
                           : record.fields.empty()  ? lines.start_of(record.line)
                                                    : record.fields.back().offset;
      int line = lines.line_of(offset);
      row[f] = {c < record.fields.size() ? record.fields[c].value : "",
                {survey.display_path, line, lines.column_of(offset), "", mask_cpr_numbers(lines.line_text(line))}};
    }
    checker.check(row);
  }
}

void read_json(const Survey& survey, const std::string& text, Diagnostics& diags, ResponseChecker& checker) {
  auto json = parse_json(text, survey.display_path, diags);
  if (!json) return;
  if (!json->is_array()) {
    diags.error("E255", Words("json", {}), {survey.display_path, 0, 0, "", ""});
    return;
  }
  for (std::size_t i = 0; i < json->size(); ++i) {
    const Json& obj = (*json)[i];
    std::string ptr = "/" + std::to_string(i);
    if (!obj.is_object()) {
      diags.error("E255", Words("json", {}), {survey.display_path, 0, 0, ptr, ""});
      continue;
    }
    std::vector<std::string> keys;
    for (const auto& [k, v] : obj.items()) keys.push_back(k);
    Row row;
    for (std::size_t f = 0; f < kFields.size(); ++f) {
      std::string key = header_for(survey, kFields[f], keys);
      auto it = obj.find(key);
      std::string value;
      if (it != obj.end() && it->is_string()) value = it->get<std::string>();
      else if (it != obj.end() && it->is_number()) value = it->dump();
      row[f] = {value, {survey.display_path, 0, 0, JsonFields::pointer(ptr, key), ""}};
    }
    checker.check(row);
  }
}

}  // namespace

void read_survey_declarations(const Json& root, const std::filesystem::path& folder, const std::string& project_display,
                              JsonFields& fields, Diagnostics& diags, Project& project) {
  const Json* list = fields.array(root, "", "surveys", false);
  if (!list) return;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string ptr = "/surveys/" + std::to_string(i);
    if (!(*list)[i].is_object()) {
      fields.wrong_type(ptr, Words("object"));
      continue;
    }
    Survey s = read_one((*list)[i], ptr, folder, project_display, fields, diags);
    if (!s.id.empty() && !ids.insert(s.id).second)
      diags.error("E250", Words("id_twice", {{"value", s.id}}), {project_display, 0, 0, ptr + "/id", ""});
    project.surveys.push_back(std::move(s));
  }
}

void read_survey_responses(Dataset& dataset, Diagnostics& diags) {
  Project& project = dataset.project;
  dataset.survey_responses.assign(project.surveys.size(), {});
  for (std::size_t i = 0; i < project.surveys.size(); ++i) {
    const Survey& survey = project.surveys[i];
    if (survey.display_path.empty()) continue;  // its file was refused already
    ResponseChecker checker(survey, diags, dataset.survey_responses[i]);
    if (is_spreadsheet(survey.display_path)) {
      read_sheet(survey, project, diags, checker);
    } else {
      std::string text = read_text_file(survey.path, survey.display_path, project.input_files);
      if (fold_case(survey.path.extension().string()) == ".json")
        read_json(survey, text, diags, checker);
      else
        read_csv(survey, text, diags, checker);
    }
    checker.finish();
  }
}

}  // namespace maaltal
