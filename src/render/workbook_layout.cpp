#include "render/workbook_layout.h"

#include <algorithm>

#include "core/error.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

// The fields each sheet can show, in their default order.
const std::map<std::string, std::vector<std::string>>& known_fields() {
  static const std::map<std::string, std::vector<std::string>> kFields = {
      {"overview",
       {"code", "municipality", "indicator", "indicator_id", "target", "target_original", "actual", "attainment",
        "expected", "gap", "forecast", "status"}},
      {"months", {"code", "municipality", "indicator", "indicator_id", "month", "new", "cumulative", "trajectory"}},
      {"breakdowns", {"breakdown", "code", "municipality", "category", "actual"}},
      {"funnels", {"funnel", "code", "municipality", "stage_number", "stage", "actual", "conversion"}},
      {"durations",
       {"duration", "duration_id", "code", "municipality", "n", "open", "median", "mean", "within_share", "within_days",
        "target", "attainment"}},
      {"goals", {"level", "goal", "target", "status", "suggested_status", "override_reason", "evidence"}},
      {"charts", {}},
      {"data_quality", {"file", "line", "column", "pointer", "severity", "code", "message"}},
      {"definitions", {"indicator", "indicator_id", "definition", "numerator", "denominator", "rule"}},
      {"about", {}},
  };
  return kFields;
}

std::string listed(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

class LayoutReader {
 public:
  explicit LayoutReader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    throw Error(ErrorKind::kTemplate, origin_ + ": " + pointer + ": " + message);
  }

  std::string string(const Json& obj, const std::string& key, const std::string& ptr) const {
    if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string()) fail(ptr + "/" + key, "expected a string");
    return obj[key].get<std::string>();
  }

  ColumnLayout column(const Json& obj, const std::string& sheet, const std::string& ptr) const {
    ColumnLayout c{string(obj, "field", ptr), string(obj, "header", ptr), std::nullopt};
    const auto& fields = known_fields().at(sheet);
    if (std::find(fields.begin(), fields.end(), c.field) == fields.end()) {
      fail(ptr + "/field",
           "unknown column '" + c.field + "' in sheet '" + sheet + "' (expected one of " + listed(fields) + ")");
    }
    if (obj.contains("width")) {
      if (!obj["width"].is_number() || obj["width"].get<double>() <= 0)
        fail(ptr + "/width", "expected a positive number");
      c.width = obj["width"].get<double>();
    }
    return c;
  }

  SheetLayout sheet(const Json& obj, const std::string& ptr) const {
    SheetLayout s;
    s.id = string(obj, "id", ptr);
    if (!known_fields().contains(s.id)) {
      std::vector<std::string> ids;
      for (const auto& [id, fields] : known_fields()) ids.push_back(id);
      fail(ptr + "/id", "unknown sheet '" + s.id + "' (expected one of " + listed(ids) + ")");
    }
    s.name = string(obj, "name", ptr);
    s.options = obj;
    if (!known_fields().at(s.id).empty()) {
      if (!obj.contains("columns") || !obj["columns"].is_array() || obj["columns"].empty())
        fail(ptr + "/columns", "expected a non-empty array of columns");
      for (std::size_t c = 0; c < obj["columns"].size(); ++c) {
        s.columns.push_back(column(obj["columns"][c], s.id, ptr + "/columns/" + std::to_string(c)));
      }
    }
    return s;
  }

  WorkbookLayout read(const std::string& text, int percent_decimals) const {
    Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) fail("", "not a JSON object");
    WorkbookLayout layout;
    if (j.contains("formats")) {
      if (!j["formats"].is_object()) fail("/formats", "expected an object of number formats");
      for (const auto& [kind, format] : j["formats"].items())
        layout.formats[kind] = string(j["formats"], kind, "/formats");
    }
    if (percent_decimals > 0) {
      std::string& pct = layout.formats["percent"];
      if (pct.empty()) pct = "0 %";
      pct.insert(1, "." + std::string(static_cast<std::size_t>(percent_decimals), '0'));
    }
    if (!j.contains("sheets") || !j["sheets"].is_array()) fail("/sheets", "expected an array of sheets");
    for (std::size_t s = 0; s < j["sheets"].size(); ++s) {
      layout.sheets.push_back(sheet(j["sheets"][s], "/sheets/" + std::to_string(s)));
    }
    return layout;
  }

 private:
  std::string origin_;
};

}  // namespace

int SheetLayout::column_of(const std::string& field) const {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].field == field) return static_cast<int>(c);
  }
  return -1;
}

std::string WorkbookLayout::format(const std::string& kind) const {
  if (kind.empty()) return "";
  auto it = formats.find(kind);
  if (it != formats.end()) return it->second;
  static const std::map<std::string, std::string> kDefaults = {
      {"count", "#,##0"}, {"percent", "0 %"}, {"date", "dd-mm-yyyy"}, {"month", "mmm yyyy"}, {"integer", "0"},
      {"days", "0.0"}};
  auto d = kDefaults.find(kind);
  return d == kDefaults.end() ? kind : d->second;
}

WorkbookLayout parse_workbook_layout(const std::string& text, const std::string& origin, int percent_decimals) {
  return LayoutReader(origin).read(text, percent_decimals);
}

Cell text_cell(const std::string& text, bool bold) { return {text, std::nullopt, "", "", bold}; }
Cell number_cell(double value, const std::string& format, bool bold) { return {"", value, "", format, bold}; }
Cell formula_cell(const std::string& formula, double cached, const std::string& format, bool bold) {
  return {"", cached, formula, format, bold};
}
Cell date_cell(Date date, const std::string& format) {
  // Excel's serial day: 1 January 1970 is 25569.
  return {"", static_cast<double>(date.days_since_epoch()) + 25569, "", format, false};
}

std::string cell_ref(int row, int col, bool absolute) {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  std::string dollar = absolute ? "$" : "";
  return dollar + letters + dollar + std::to_string(row + 1);
}

std::string sheet_ref(const std::string& sheet_name) {
  std::string quoted;
  for (char c : sheet_name) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return "'" + quoted + "'!";
}

int write_table(Workbook& book, lxw_worksheet* sheet, const WorkbookLayout& layout, const SheetLayout& sheet_layout,
                const Locale& locale, const std::vector<Row>& rows, const std::string& table_name, int first_row,
                int first_col, std::vector<double>* widths_out) {
  const auto& columns = sheet_layout.columns;
  std::vector<std::string> headers;
  std::vector<int> widths;
  for (const auto& c : columns) {
    headers.push_back(c.literal ? c.header : locale.get(c.header));
    widths.push_back(text_width(headers.back()));
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto row = static_cast<lxw_row_t>(first_row + 1 + static_cast<int>(r));
    for (std::size_t c = 0; c < columns.size(); ++c) {
      auto it = rows[r].find(columns[c].field);
      if (it == rows[r].end()) continue;
      const Cell& cell = it->second;
      auto col = static_cast<lxw_col_t>(first_col + static_cast<int>(c));
      lxw_format* format = book.format(layout.format(cell.format), cell.bold);
      std::string where = table_name + " " + cell_ref(static_cast<int>(row), static_cast<int>(col));
      if (!cell.formula.empty()) {
        check(worksheet_write_formula_num(sheet, row, col, cell.formula.c_str(), format, cell.number.value_or(0)),
              where);
      } else if (cell.number) {
        check(worksheet_write_number(sheet, row, col, *cell.number, format), where);
      } else if (!cell.text.empty()) {
        check(worksheet_write_string(sheet, row, col, cell.text.c_str(), format), where);
      }
      int shown = cell.number ? (cell.format == "date" ? 10 : 9) : text_width(cell.text);
      widths[c] = std::max(widths[c], shown + (cell.bold ? 1 : 0));
    }
  }
  auto first = static_cast<lxw_row_t>(first_row);
  auto last_row = static_cast<lxw_row_t>(first_row + static_cast<int>(rows.size()));
  auto left = static_cast<lxw_col_t>(first_col);
  auto last_col = static_cast<lxw_col_t>(first_col + static_cast<int>(columns.size()) - 1);
  if (rows.empty()) {
    for (std::size_t c = 0; c < headers.size(); ++c) {
      check(worksheet_write_string(sheet, first, static_cast<lxw_col_t>(left + c), headers[c].c_str(),
                                   book.format("", true)),
            table_name);
    }
    check(worksheet_autofilter(sheet, first, left, first, last_col), table_name);
  } else {
    std::vector<lxw_table_column> column_options(columns.size());
    std::vector<lxw_table_column*> column_list;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      column_options[c].header = const_cast<char*>(headers[c].c_str());  // libxlsxwriter copies it
      column_list.push_back(&column_options[c]);
    }
    column_list.push_back(nullptr);
    lxw_table_options options{};
    options.name = const_cast<char*>(table_name.c_str());
    options.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    options.style_type_number = 9;
    options.columns = column_list.data();
    check(worksheet_add_table(sheet, first, left, last_row, last_col, &options), table_name);
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    double width = columns[c].width.value_or(std::min(widths[c] + 4, 80));  // room for the filter button
    auto col = static_cast<lxw_col_t>(left + c);
    check(worksheet_set_column(sheet, col, col, width, nullptr), table_name);
    if (widths_out) widths_out->push_back(width);
  }
  return static_cast<int>(last_row);
}

}  // namespace maaltal
