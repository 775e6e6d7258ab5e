#include "render/workbook_details.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "render/view_model.h"

namespace maaltal {

namespace {

// A cell of a long-form table: text, or a number with its format.
struct Cell {
  std::string text;
  std::optional<double> number;
  std::string format;
};

Cell text(const std::string& t) { return {t, std::nullopt, ""}; }
Cell number(double v, const std::string& format) { return {"", v, format}; }

// One sheet: a bold, frozen, filterable header row, the rows, fitted widths.
void write_table(Workbook& book, const std::string& name, const std::vector<std::string>& headers,
                 const std::vector<std::vector<Cell>>& rows) {
  lxw_worksheet* sheet = book.add_sheet(name);
  std::vector<int> widths;
  for (std::size_t c = 0; c < headers.size(); ++c) {
    check(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), book.format("", true)), name);
    widths.push_back(text_width(headers[c]));
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const Cell& cell = rows[r][c];
      auto row = static_cast<lxw_row_t>(r + 1);
      auto col = static_cast<lxw_col_t>(c);
      if (cell.number) {
        check(worksheet_write_number(sheet, row, col, *cell.number, book.format(cell.format)), name);
      } else if (!cell.text.empty()) {
        check(worksheet_write_string(sheet, row, col, cell.text.c_str(), nullptr), name);
      }
      widths[c] = std::max(widths[c], cell.number ? 8 : text_width(cell.text));
    }
  }
  for (std::size_t c = 0; c < widths.size(); ++c) {
    check(worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), std::min(widths[c] + 3, 80),
                               nullptr),
          name);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  check(worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(rows.size()),
                             static_cast<lxw_col_t>(headers.size() - 1)),
        name);
}

void write_breakdowns(const Report& report, const Locale& locale, const std::string& sheet,
                      const std::string& count_format, Workbook& book) {
  std::vector<std::vector<Cell>> rows;
  for (const auto& b : report.breakdowns) {
    auto add = [&](const BreakdownRow& row) {
      std::string unit = row_name(row.code, row.name, locale);
      for (std::size_t c = 0; c < b.categories.size(); ++c) {
        rows.push_back(
            {text(b.label), text(row.code), text(unit), text(b.categories[c]), number(row.counts[c], count_format)});
      }
      if (b.total.other > 0) {
        rows.push_back({text(b.label), text(row.code), text(unit), text(locale.get("other_category")),
                        number(row.other, count_format)});
      }
    };
    for (const auto& row : b.units) add(row);
    add(b.total);
  }
  write_table(book, sheet,
              {locale.get("breakdown_label"), locale.get("code"), locale.get("municipality"), locale.get("category"),
               locale.get("actual")},
              rows);
}

void write_funnels(const Report& report, const Locale& locale, const std::string& sheet,
                   const std::string& count_format, const std::string& percent_format, Workbook& book) {
  std::vector<std::vector<Cell>> rows;
  for (const auto& f : report.funnels) {
    auto add = [&](const FunnelRow& row) {
      for (std::size_t k = 0; k < f.stages.size(); ++k) {
        std::vector<Cell> cells{text(f.label),
                                text(row.code),
                                text(row_name(row.code, row.name, locale)),
                                number(static_cast<double>(k + 1), "0"),
                                text(report.label_of(f.stages[k])),
                                number(row.actual[k], count_format)};
        if (row.conversion[k]) cells.push_back(number(*row.conversion[k], percent_format));
        rows.push_back(cells);
      }
    };
    for (const auto& row : f.units) add(row);
    add(f.total);
  }
  write_table(book, sheet,
              {locale.get("funnel_label"), locale.get("code"), locale.get("municipality"), locale.get("stage_number"),
               locale.get("stage"), locale.get("actual"), locale.get("conversion")},
              rows);
}

void write_goals(const Report& report, const Locale& locale, const std::string& sheet, Workbook& book) {
  std::vector<std::vector<Cell>> rows;
  auto status_word = [&](const std::string& s) { return s.empty() ? std::string() : locale.get("status_" + s); };
  for (const auto& g : report.goals) {
    rows.push_back({text(locale.get("level_" + g.goal.level)), text(g.goal.goal), text(g.goal.target_text),
                    text(status_word(g.goal.status)), text(status_word(g.suggested_status)),
                    text(g.goal.override_reason), text(g.goal.evidence)});
  }
  write_table(book, sheet,
              {locale.get("goal_level"), locale.get("goal"), locale.get("goal_target"), locale.get("status"),
               locale.get("suggested_status"), locale.get("override_reason"), locale.get("goal_evidence")},
              rows);
}

}  // namespace

void write_detail_sheets(const Report& report, const Locale& locale, const nlohmann::json& layout, Workbook& book) {
  const auto& overview = layout.at("overview");
  std::string count_format = overview.value("count_format", "#,##0");
  std::string percent_format = overview.value("percent_format", "0 %");
  const auto& sheets = layout.at("details");
  if (!report.breakdowns.empty()) {
    write_breakdowns(report, locale, locale.get(sheets.at("breakdowns").get<std::string>()), count_format, book);
  }
  if (!report.funnels.empty()) {
    write_funnels(report, locale, locale.get(sheets.at("funnels").get<std::string>()), count_format, percent_format,
                  book);
  }
  if (!report.goals.empty()) write_goals(report, locale, locale.get(sheets.at("goals").get<std::string>()), book);
}

}  // namespace maaltal
