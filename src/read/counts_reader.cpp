#include "read/counts_reader.h"

#include <algorithm>
#include <functional>

#include "core/numbers.h"
#include "read/csv.h"
#include "read/json_input.h"
#include "read/municipalities.h"
#include "read/project_limits.h"
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

  void accept(const CountRow& row) {
    ++dataset_.rows_read;
    auto count = check(row);
    if (!count) {
      ++dataset_.rows_rejected;
      return;
    }
    dataset_.counts.push_back(*count);
  }

 private:
  std::optional<AggregatedCount> check(const CountRow& row) {
    const Project& project = dataset_.project;
    AggregatedCount c;
    MunicipalityMatch unit = find_municipality(row.values[kUnit], project.unit_codes);
    if (unit.code.empty()) {
      diags_.error(unit.error, unit.message, row.where(kUnit));
      return std::nullopt;
    }
    c.unit_code = unit.code;
    if (std::find(project.unit_codes.begin(), project.unit_codes.end(), c.unit_code) == project.unit_codes.end()) {
      diags_.error("E105", "municipality " + c.unit_code + " is not one of the project's municipalities",
                   row.where(kUnit));
      return std::nullopt;
    }
    c.indicator = row.values[kIndicator];
    int index = project.indicator_index(c.indicator);
    if (index < 0 || project.indicators[static_cast<std::size_t>(index)].kind != IndicatorKind::kCount) {
      diags_.error("E204", quote_value(c.indicator) + " is not a count indicator", row.where(kIndicator));
      return std::nullopt;
    }
    auto date = parse_count_date(row.values[kDate]);
    if (!date) {
      diags_.error("E106", quote_value(row.values[kDate]) + " is not a date or month (expected 2021-03-31 or 2021-03)",
                   row.where(kDate));
      return std::nullopt;
    }
    // A count dated far from the period would become the as-of date, with a
    // monthly series up to it: a mistyped year, refused like --as-of's.
    const ProjectInfo& info = project.info;
    if (auto problem = as_of_problem(*date, info.start, info.end, quote_value(row.values[kDate]))) {
      diags_.error("E106", *problem + "; is the year right?", row.where(kDate));
      return std::nullopt;
    }
    c.date = *date;
    auto count = parse_number(row.values[kCount]);
    if (count && *count > kMaxCount) {
      diags_.error("E109", quote_value(row.values[kCount]) + " is more than 1,000,000,000, more than a count of people",
                   row.where(kCount));
      return std::nullopt;
    }
    if (!count || *count < 0 || *count != static_cast<double>(static_cast<long long>(*count))) {
      diags_.error("E109", quote_value(row.values[kCount]) + " is not a count (a whole number, 0 or more)",
                   row.where(kCount));
      return std::nullopt;
    }
    c.count = *count;
    return c;
  }

  Dataset& dataset_;
  Diagnostics& diags_;
};

void read_csv(Dataset& dataset, const std::string& text, const std::string& file, Diagnostics& diags) {
  LineIndex lines(text);
  CsvTable table = parse_csv(text, 0, file, lines, diags);
  if (table.records.empty()) {
    diags.error("E103", "the counts file is empty (expected a header: municipality, indicator, date, count)",
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
    diags.error("E103", std::string("missing column '") + names[c] + "'",
                {file, header.line, 1, "", lines.line_text(header.line)});
    complete = false;
  }
  if (!complete) return;
  CountChecker checker(dataset, diags);
  for (std::size_t i = 1; i < table.records.size(); ++i) {
    const CsvRecord& r = table.records[i];
    auto at_offset = [&](std::size_t offset) {
      int line = lines.line_of(offset);
      return SourceLocation{file, line, lines.column_of(offset), "", lines.line_text(line)};
    };
    if (r.fields.size() != header.fields.size()) {
      ++dataset.rows_read;
      ++dataset.rows_rejected;
      diags.error(
          "E102",
          "expected " + std::to_string(header.fields.size()) + " fields, found " + std::to_string(r.fields.size()),
          at_offset(r.fields.front().offset));
      continue;
    }
    CountRow row;
    for (int c = 0; c < 4; ++c) row.values[c] = r.fields[static_cast<std::size_t>(columns[c])].value;
    row.where = [&](Column c) { return at_offset(r.fields[static_cast<std::size_t>(columns[c])].offset); };
    checker.accept(row);
  }
}

void read_json(Dataset& dataset, const std::string& text, const std::string& file, Diagnostics& diags) {
  auto json = parse_json(text, file, diags);
  if (!json) return;
  FreeJsonOnExit free_json(*json);
  JsonFields fields(file, diags);
  if (!json->is_array()) {
    fields.wrong_type("", "an array of counts");
    return;
  }
  const char* keys[4] = {"municipality", "indicator", "date", "count"};
  CountChecker checker(dataset, diags);
  for (std::size_t i = 0; i < json->size(); ++i) {
    const Json& obj = (*json)[i];
    std::string ptr = "/" + std::to_string(i);
    CountRow row;
    for (int c = 0; c < 4; ++c) {
      const char* key = c == kDate && obj.is_object() && obj.contains("month") ? "month" : keys[c];
      auto it = obj.is_object() ? obj.find(key) : obj.end();
      if (obj.is_object() && it != obj.end() && !it->is_null()) {
        row.values[c] = it->is_string() ? it->get<std::string>() : it->dump();
      }
    }
    row.where = [&](Column c) { return SourceLocation{file, 0, 0, JsonFields::pointer(ptr, keys[c]), ""}; };
    checker.accept(row);
  }
}

}  // namespace

void read_counts(Dataset& dataset, Diagnostics& diags) {
  if (!dataset.project.counts) return;
  const CountSource& source = *dataset.project.counts;
  require_small_file(source.path, source.display_path);
  std::string text = read_text_file(source.path, source.display_path, dataset.project.input_files);
  if (source.path.extension() == ".json")
    read_json(dataset, text, source.display_path, diags);
  else
    read_csv(dataset, text, source.display_path, diags);
}

}  // namespace maaltal
