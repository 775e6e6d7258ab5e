#include "read/counts_reader.h"

#include <algorithm>
#include <functional>

#include "core/numbers.h"
#include "read/csv.h"
#include "read/json_input.h"
#include "read/municipalities.h"
#include "read/project_limits.h"
#include "read/sheet_input.h"
#include "read/spreadsheet.h"
#include "read/row_leftovers.h"
#include "read/text_file.h"

namespace maaltal {

std::optional<Date> parse_count_date(std::string_view text) {
  if (auto date = parse_date(text)) return date;
  if (text.size() == 7 && text[4] == '-') {
    auto first = parse_date(std::string(text) + "-01");
    if (!first) return std::nullopt;
    unsigned month = first->month();
    int year = first->year();
    Date next = month == 12 ? Date::from_ymd(year + 1, 1, 1) : Date::from_ymd(year, month + 1, 1);
    return Date::from_days(next.days_since_epoch() - 1);
  }
  return std::nullopt;
}

namespace {

enum Column { kUnit, kIndicator, kDate, kCount };

constexpr double kMaxCount = 1e9;  // beyond any count of people; a whole number still fits a long long

// One row's four values and where each came from.
struct CountRow {
  std::string values[4];
  std::function<SourceLocation(Column)> where;
};

class CountChecker {
 public:
  CountChecker(Dataset& dataset, Diagnostics& diags) : dataset_(dataset), diags_(diags) {}

  void accept(const CountRow& row, int position) {
    ++dataset_.rows_read;
    auto count = check(row);
    if (!count) {
      rejected();
      return;
    }
    count->position = position;
    dataset_.counts.push_back(*count);
  }

  // A row that is no count: blank, or a total row (Excel's leftovers).
  void leftover(RowKind kind, const std::string& word, const SourceLocation& where) {
    ++dataset_.rows_read;
    if (kind == RowKind::kBlank) {
      ++dataset_.rows_blank;
    } else if (kind == RowKind::kTotalAtEnd) {
      ++dataset_.rows_total;
      diags_.note("W131", total_row_note_words(word), where);
    } else {
      error("E119", total_row_inside_words(word), where);
      rejected();
    }
  }

  // A row's error; under skip_bad_rows a warning, the row listed by its first.
  void error(const std::string& code, const Words& words, const SourceLocation& where) {
    if (!dataset_.skip_bad_rows) {
      diags_.error(code, words, where);
      return;
    }
    diags_.warning(code, words, where);
    if (!first_error_) {
      first_error_ = Diagnostic{Severity::kWarning, code, "", {where.file, where.line, where.column, where.pointer, ""}};
      set_words(*first_error_, words);
    }
  }

  void rejected() {
    ++dataset_.rows_rejected;
    if (first_error_) {
      ++dataset_.rows_skipped;
      if (dataset_.skipped_rows.size() < limits::kKeptDiagnostics) dataset_.skipped_rows.push_back(*first_error_);
    }
    first_error_.reset();
  }

 private:
  std::optional<AggregatedCount> check(const CountRow& row) {
    const Project& project = dataset_.project;
    AggregatedCount c;
    for (Column col : {kUnit, kIndicator, kDate, kCount}) {
      if (is_excel_error(row.values[col])) {
        error("E118", Words("quoted", {{"quoted", quote_value(row.values[col])}}), row.where(col));
        return std::nullopt;
      }
    }
    MunicipalityMatch unit = find_municipality(row.values[kUnit], project.unit_codes);
    if (unit.code.empty()) {
      error(unit.error, unit.words, row.where(kUnit));
      return std::nullopt;
    }
    c.unit_code = unit.code;
    if (std::find(project.unit_codes.begin(), project.unit_codes.end(), c.unit_code) == project.unit_codes.end()) {
      error("E105", {{"code", c.unit_code}}, row.where(kUnit));
      return std::nullopt;
    }
    c.indicator = row.values[kIndicator];
    int index = project.indicator_index(c.indicator);
    if (index < 0 || project.indicators[static_cast<std::size_t>(index)].kind != IndicatorKind::kCount) {
      error("E204", Words("not_count", {{"quoted", quote_value(c.indicator)}}), row.where(kIndicator));
      return std::nullopt;
    }
    auto date = parse_count_date(row.values[kDate]);
    if (!date) {
      error("E106", Words("month", {{"quoted", quote_value(row.values[kDate])}}), row.where(kDate));
      return std::nullopt;
    }
    // A count dated far from the period would become the as-of date, with a
    // monthly series up to it: a mistyped year, refused like --as-of's.
    const ProjectInfo& info = project.info;
    if (auto problem = as_of_problem(*date, info.start, info.end, quote_value(row.values[kDate]))) {
      error("E106", *problem, row.where(kDate));
      return std::nullopt;
    }
    c.date = *date;
    auto count = parse_number(row.values[kCount]);
    if (count && *count > kMaxCount) {
      error("E109", Words("too_many", {{"quoted", quote_value(row.values[kCount])}}), row.where(kCount));
      return std::nullopt;
    }
    if (!count || *count < 0 || *count != static_cast<double>(static_cast<long long>(*count))) {
      error("E109", {{"quoted", quote_value(row.values[kCount])}}, row.where(kCount));
      return std::nullopt;
    }
    c.count = *count;
    return c;
  }

  Dataset& dataset_;
  Diagnostics& diags_;
  std::optional<Diagnostic> first_error_;
};

void read_csv(Dataset& dataset, const std::string& text, const std::string& file, Diagnostics& diags) {
  LineIndex lines(text);
  CsvTable table = parse_csv(text, 0, file, lines, diags);
  if (table.records.empty()) {
    diags.error("E103", Words("empty_counts"),
                {file, 1, 0, "", ""});
    return;
  }
  const CsvRecord& header = table.records[0];
  int columns[4] = {
      find_header(header, {"municipality", "kommune", "kommunekode"}), find_header(header, {"indicator", "indikator"}),
      find_header(header, {"date", "dato", "month", "måned", "maaned"}), find_header(header, {"count", "antal"})};
  const char* names[4] = {"municipality", "indicator", "date", "count"};
  bool complete = true;
  for (int c = 0; c < 4; ++c) {
    if (columns[c] >= 0) continue;
    diags.error("E103", {{"column", names[c]}},
                {file, header.line, 1, "", lines.line_text(header.line)});
    complete = false;
  }
  if (!complete) return;
  CountChecker checker(dataset, diags);
  std::vector<std::vector<std::string_view>> cells(table.records.size() - 1);
  for (std::size_t i = 1; i < table.records.size(); ++i) {
    for (const auto& f : table.records[i].fields) cells[i - 1].emplace_back(f.value);
  }
  auto kinds = leftover_kinds(cells, static_cast<std::size_t>(columns[kUnit]));
  for (std::size_t i = 1; i < table.records.size(); ++i) {
    const CsvRecord& r = table.records[i];
    auto at_offset = [&](std::size_t offset) {
      int line = lines.line_of(offset);
      return SourceLocation{file, line, lines.column_of(offset), "", lines.line_text(line)};
    };
    if (kinds[i - 1] != RowKind::kData) {
      std::size_t first = 0;
      while (first + 1 < r.fields.size() && is_blank_cell(r.fields[first].value)) ++first;
      checker.leftover(kinds[i - 1], total_word(cells[i - 1]).value_or(""), at_offset(r.fields[first].offset));
      continue;
    }
    if (r.fields.size() != header.fields.size()) {
      ++dataset.rows_read;
      checker.error("E102",
                    {{"expected", std::to_string(header.fields.size())}, {"found", std::to_string(r.fields.size())}},
                    at_offset(r.fields.front().offset));
      checker.rejected();
      continue;
    }
    CountRow row;
    for (int c = 0; c < 4; ++c) row.values[c] = r.fields[static_cast<std::size_t>(columns[c])].value;
    row.where = [&](Column c) { return at_offset(r.fields[static_cast<std::size_t>(columns[c])].offset); };
    checker.accept(row, r.line);
  }
}

void read_json(Dataset& dataset, const std::string& text, const std::string& file, Diagnostics& diags) {
  auto json = parse_json(text, file, diags);
  if (!json) return;
  FreeJsonOnExit free_json(*json);
  JsonFields fields(file, diags);
  if (!json->is_array()) {
    fields.wrong_type("", Words("counts"));
    return;
  }
  const char* keys[4] = {"municipality", "indicator", "date", "count"};
  CountChecker checker(dataset, diags);
  std::vector<CountRow> rows(json->size());
  std::vector<std::vector<std::string_view>> cells(json->size());
  for (std::size_t i = 0; i < json->size(); ++i) {
    const Json& obj = (*json)[i];
    for (int c = 0; c < 4; ++c) {
      const char* key = c == kDate && obj.is_object() && obj.contains("month") ? "month" : keys[c];
      auto it = obj.is_object() ? obj.find(key) : obj.end();
      if (obj.is_object() && it != obj.end() && !it->is_null()) {
        rows[i].values[c] = it->is_string() ? it->get<std::string>() : it->dump();
      }
      // A value that is not an object is no blank row: it is checked (and refused) as a count.
      cells[i].emplace_back(obj.is_object() ? std::string_view(rows[i].values[c]) : std::string_view("?"));
    }
  }
  auto kinds = leftover_kinds(cells, kUnit);
  for (std::size_t i = 0; i < json->size(); ++i) {
    std::string ptr = "/" + std::to_string(i);
    if (kinds[i] != RowKind::kData) {
      checker.leftover(kinds[i], total_word(cells[i]).value_or(""), {file, 0, 0, ptr, ""});
      continue;
    }
    CountRow& row = rows[i];
    row.where = [&](Column c) { return SourceLocation{file, 0, 0, JsonFields::pointer(ptr, keys[c]), ""}; };
    checker.accept(row, static_cast<int>(i));
  }
}

}  // namespace

void read_counts(Dataset& dataset, Diagnostics& diags) {
  if (!dataset.project.counts) return;
  const CountSource& source = *dataset.project.counts;
  require_small_file(source.path, source.display_path);
  if (is_spreadsheet(source.display_path)) {
    SheetText sheet = read_sheet_as_csv(source.path, source.display_path, source.sheet, dataset.project.input_files);
    std::size_t from = diags.all().size();
    read_csv(dataset, sheet.csv, source.display_path, diags);
    locate_in_sheet(diags, from, source.display_path, sheet);
    return;
  }
  std::string text = read_text_file(source.path, source.display_path, dataset.project.input_files);
  if (source.path.extension() == ".json")
    read_json(dataset, text, source.display_path, diags);
  else
    read_csv(dataset, text, source.display_path, diags);
}

}  // namespace maaltal
