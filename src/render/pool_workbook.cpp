// The pool's report.xlsx for STAR: an overview of projects × indicators, a
// sheet per project with its municipalities' rows and its totals as formulas
// over them, municipalities across projects (each project's row referring to
// that project's sheet, and the sum), and every input's provenance. Each
// formula's value is cached as maaltal computed it, so a reader without
// recalculation sees the same figures (tests/e2e/test_pool.py recalculates).
#include <array>
#include <cmath>

#include "render/locale.h"
#include "render/pool_writers.h"
#include "render/xlsx_book.h"

namespace maaltal {

namespace {

constexpr const char* kCount = "#,##0";
constexpr const char* kPercent = "0%";

std::string column_name(int col) {
  std::string name;
  for (++col; col > 0; col = (col - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (col - 1) % 26));
  return name;
}

std::string cell_ref(int row, int col) { return column_name(col) + std::to_string(row + 1); }

std::string sheet_ref(const std::string& sheet, int row, int col) {
  std::string quoted;
  for (char c : sheet) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return "'" + quoted + "'!" + cell_ref(row, col);
}

// A sheet name Excel takes: at most 31 characters, none of []:*?/\.
std::string sheet_name(const std::string& id) {
  std::string name;
  for (char c : id) name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  return name.substr(0, 31);
}

bool same(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

class PoolBook {
 public:
  PoolBook(const PoolReport& pool, const Locale& words, const std::filesystem::path& path)
      : pool_(pool), words_(words), book_(path) {}

  void write() {
    // Every sheet on A4, landscape (three columns per indicator), with the pool's name, date and page number.
    book_.print_pages(
        page_heading(words_, pool_.locale, pool_.title, "as_of", pool_.as_of.value_or(pool_.latest_as_of)));
    lxw_worksheet* overview = book_.add_sheet(words_.get("sheet_overview"));
    for (const auto& p : pool_.projects) project_sheet(p);
    overview_sheet(overview);
    units_sheet();
    inputs_sheet();
    book_.close();
  }

 private:
  // Three columns per indicator: actual, target, attainment.
  static int col_of(std::size_t k, int first, int which) { return first + static_cast<int>(k) * 3 + which; }

  void headers(lxw_worksheet* s, std::vector<std::string> fixed) {
    for (std::size_t k = 0; k < pool_.indicators.size(); ++k) {
      for (const char* key : {"col_actual", "col_target", "col_attainment"})
        fixed.push_back(pool_.indicators[k].label + " " + words_.get(key));
    }
    for (std::size_t c = 0; c < fixed.size(); ++c) {
      text(s, 0, static_cast<int>(c), fixed[c], true);
      check(worksheet_set_column(s, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 std::max(10, text_width(fixed[c]) + 2), nullptr),
            "pool workbook");
    }
  }

  void text(lxw_worksheet* s, int row, int col, const std::string& value, bool bold = false) {
    check(worksheet_write_string(s, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), value.c_str(),
                                 book_.format("", bold)),
          "pool workbook");
  }
  void number(lxw_worksheet* s, int row, int col, std::optional<double> value, const char* format, bool bold) {
    if (!value) return;
    check(worksheet_write_number(s, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), *value,
                                 book_.format(format, bold)),
          "pool workbook");
  }
  void formula(lxw_worksheet* s, int row, int col, const std::string& f, std::optional<double> value,
               const char* format, bool bold) {
    if (!value) return;
    check(worksheet_write_formula_num(s, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), f.c_str(),
                                      book_.format(format, bold), *value),
          "pool workbook");
  }

  // A figure in its three columns; "not part of" in the first when it is.
  void figure(lxw_worksheet* s, int row, int first, std::size_t k, const PoolFigure& f, bool bold) {
    int a = col_of(k, first, 0), t = col_of(k, first, 1), p = col_of(k, first, 2);
    if (!f.part_of) {
      text(s, row, a, words_.get("not_part_of"), bold);
      return;
    }
    number(s, row, a, f.actual, kCount, bold);
    number(s, row, t, f.target, kCount, bold);
    if (f.attainment && f.actual && f.target && same(*f.attainment, *f.actual / *f.target))
      formula(s, row, p, "=" + cell_ref(row, a) + "/" + cell_ref(row, t), f.attainment, kPercent, bold);
    else
      number(s, row, p, f.attainment, kPercent, bold);
  }

  // The project's total of indicator k: SUM over its rows where the total is
  // that sum (a total target stated in project.json may differ: its value).
  void total_column(lxw_worksheet* s, const PoolProject& p, std::size_t k, int row, int col, bool target) {
    const PoolFigure& f = p.values[k];
    std::optional<double> value = target ? f.target : f.actual;
    double sum = 0;
    for (const auto& u : p.units) {
      const PoolFigure& uf = u.values[k];
      sum += (target ? uf.target : uf.actual).value_or(0);
    }
    if (value && same(*value, sum) && !p.units.empty())
      formula(s, row, col, "=SUM(" + cell_ref(1, col) + ":" + cell_ref(row - 1, col) + ")", value, kCount, true);
    else
      number(s, row, col, value, kCount, true);
  }

  // Attainment of the project's total as the project makes it: actual over
  // target, or the mean (capped) of its municipalities' attainment.
  void total_attainment(lxw_worksheet* s, const PoolProject& p, std::size_t k, int row) {
    const PoolFigure& f = p.values[k];
    int c = col_of(k, 2, 2);
    if (p.aggregation == "sum" || !f.attainment) {
      figure_attainment_only(s, row, k, f);
      return;
    }
    std::string terms;
    int n = 0;
    for (std::size_t u = 0; u < p.units.size(); ++u) {
      if (!p.units[u].values[k].attainment) continue;
      std::string ref = cell_ref(static_cast<int>(u) + 1, c);
      terms += (terms.empty() ? "" : "+") + (p.aggregation == "mean_capped" ? "MIN(1," + ref + ")" : ref);
      ++n;
    }
    formula(s, row, c, "=(" + terms + ")/" + std::to_string(n), f.attainment, kPercent, true);
  }

  void figure_attainment_only(lxw_worksheet* s, int row, std::size_t k, const PoolFigure& f) {
    int a = col_of(k, 2, 0), t = col_of(k, 2, 1), c = col_of(k, 2, 2);
    if (f.attainment && f.actual && f.target && same(*f.attainment, *f.actual / *f.target))
      formula(s, row, c, "=" + cell_ref(row, a) + "/" + cell_ref(row, t), f.attainment, kPercent, true);
    else
      number(s, row, c, f.attainment, kPercent, true);
  }

  void project_sheet(const PoolProject& p) {
    std::string name = sheet_name(p.id);
    lxw_worksheet* s = book_.add_sheet(name);
    headers(s, {words_.get("code"), words_.get("municipality")});
    int row = 1;
    for (const auto& u : p.units) {
      text(s, row, 0, u.code);
      text(s, row, 1, u.name);
      for (std::size_t k = 0; k < pool_.indicators.size(); ++k) figure(s, row, 2, k, u.values[k], false);
      ++row;
    }
    text(s, row, 1, words_.get("total_row"), true);
    for (std::size_t k = 0; k < pool_.indicators.size(); ++k) {
      if (!p.values[k].part_of) {
        text(s, row, col_of(k, 2, 0), words_.get("not_part_of"), true);
        continue;
      }
      total_column(s, p, k, row, col_of(k, 2, 0), false);
      total_column(s, p, k, row, col_of(k, 2, 1), true);
      total_attainment(s, p, k, row);
    }
    total_rows_[p.id] = {name, row};
  }

  // Each project's totals refer to its sheet; the pool's row sums them.
  void overview_sheet(lxw_worksheet* s) {
    headers(s, {words_.get("project"), "Id", words_.get("as_of"), words_.get("source")});
    int row = 1;
    for (const auto& p : pool_.projects) {
      text(s, row, 0, p.title);
      text(s, row, 1, p.id);
      text(s, row, 2, p.as_of.iso());
      text(s, row, 3, words_.get("source_" + p.source));
      auto [sheet, total] = total_rows_.at(p.id);
      for (std::size_t k = 0; k < pool_.indicators.size(); ++k) {
        const PoolFigure& f = p.values[k];
        if (!f.part_of) {
          text(s, row, col_of(k, 4, 0), words_.get("not_part_of"));
          continue;
        }
        for (int which = 0; which < 3; ++which) {
          std::optional<double> v = which == 0 ? f.actual : which == 1 ? f.target : f.attainment;
          formula(s, row, col_of(k, 4, which), "=" + sheet_ref(sheet, total, col_of(k, 2, which)), v,
                  which == 2 ? kPercent : kCount, false);
        }
      }
      ++row;
    }
    text(s, row, 0, words_.get("pool_row"), true);
    for (std::size_t k = 0; k < pool_.indicators.size(); ++k) pool_total(s, k, row);
    worksheet_freeze_panes(s, 1, 1);
  }

  void pool_total(lxw_worksheet* s, std::size_t k, int row) {
    const PoolFigure& f = pool_.total[k].figure;
    if (!f.part_of) return;
    combined_row(s, f, {col_of(k, 4, 0), col_of(k, 4, 1), col_of(k, 4, 2)}, 1, row);
  }

  // Figure `f` combined from rows `first` to `row` - 1 into row `row`, at
  // the actual, target and attainment columns `cols`: sums, and for `sum`
  // the attainment as the targeted actuals over the targets; for a mean its value.
  void combined_row(lxw_worksheet* s, const PoolFigure& f, std::array<int, 3> cols, int first, int row) {
    auto [a, t, c] = cols;
    std::string actuals = cell_ref(first, a) + ":" + cell_ref(row - 1, a);
    std::string targets = cell_ref(first, t) + ":" + cell_ref(row - 1, t);
    formula(s, row, a, "=SUM(" + actuals + ")", f.actual, kCount, true);
    formula(s, row, t, "=SUM(" + targets + ")", f.target, kCount, true);
    if (pool_.aggregation == "sum")
      formula(s, row, c, "=SUMIF(" + targets + ",\"<>\"," + actuals + ")/" + cell_ref(row, t), f.attainment, kPercent,
              true);
    else
      number(s, row, c, f.attainment, kPercent, true);
  }

  // A row per municipality and project, referring to the project's sheet,
  // then the municipality's sum over them.
  void units_sheet() {
    lxw_worksheet* s = book_.add_sheet(words_.get("sheet_units"));
    headers(s, {words_.get("code"), words_.get("municipality"), words_.get("project")});
    int row = 1;
    for (const auto& u : pool_.units) {
      int first = row;
      for (const auto& id : u.projects) {
        text(s, row, 0, u.code);
        text(s, row, 1, u.name);
        text(s, row, 2, id);
        project_unit_row(s, row, id, u.code);
        ++row;
      }
      text(s, row, 0, u.code, true);
      text(s, row, 1, u.name + " " + words_.get("total_row"), true);
      for (std::size_t k = 0; k < pool_.indicators.size(); ++k) unit_sum(s, u, k, first, row);
      ++row;
    }
    worksheet_freeze_panes(s, 1, 3);
  }

  void project_unit_row(lxw_worksheet* s, int row, const std::string& id, const std::string& code) {
    const PoolProject* p = nullptr;
    for (const auto& candidate : pool_.projects)
      if (candidate.id == id) p = &candidate;
    const std::string& sheet = total_rows_.at(id).first;
    for (std::size_t u = 0; u < p->units.size(); ++u) {
      if (p->units[u].code != code) continue;
      for (std::size_t k = 0; k < pool_.indicators.size(); ++k) {
        const PoolFigure& f = p->units[u].values[k];
        if (!f.part_of) {
          text(s, row, col_of(k, 3, 0), words_.get("not_part_of"));
          continue;
        }
        for (int which = 0; which < 3; ++which) {
          std::optional<double> v = which == 0 ? f.actual : which == 1 ? f.target : f.attainment;
          formula(s, row, col_of(k, 3, which), "=" + sheet_ref(sheet, static_cast<int>(u) + 1, col_of(k, 2, which)), v,
                  which == 2 ? kPercent : kCount, false);
        }
      }
    }
  }

  void unit_sum(lxw_worksheet* s, const PoolUnit& u, std::size_t k, int first, int row) {
    const PoolFigure& f = u.values[k].sum;
    if (!f.part_of) {
      text(s, row, col_of(k, 3, 0), words_.get("not_part_of"), true);
      return;
    }
    combined_row(s, f, {col_of(k, 3, 0), col_of(k, 3, 1), col_of(k, 3, 2)}, first, row);
  }

  void inputs_sheet() {
    lxw_worksheet* s = book_.add_sheet(words_.get("sheet_inputs"));
    std::vector<std::string> head{words_.get("file"), words_.get("sha256")};
    for (std::size_t c = 0; c < head.size(); ++c) text(s, 0, static_cast<int>(c), head[c], true);
    check(worksheet_set_column(s, 0, 0, 60, nullptr), "pool workbook");
    check(worksheet_set_column(s, 1, 1, 66, nullptr), "pool workbook");
    int row = 1;
    for (const auto& f : pool_.inputs) {
      text(s, row, 0, f.name);
      text(s, row, 1, f.sha256);
      ++row;
    }
  }

  const PoolReport& pool_;
  const Locale& words_;
  Workbook book_;
  std::map<std::string, std::pair<std::string, int>> total_rows_;  // project id -> its sheet and total row
};

}  // namespace

void write_pool_workbook(const PoolReport& pool, const TemplateSet& templates, const std::filesystem::path& path) {
  Locale words = Locale::load(templates, "pool-" + pool.locale);
  PoolBook(pool, words, path).write();
}

}  // namespace maaltal
