// registreringer.xlsx: the pseudonymised registrations, streamed row by row.
#include <algorithm>

#include "core/numbers.h"
#include "core/sha256.h"
#include "core/text.h"
#include "render/workbook_details.h"
#include "render/writers.h"

namespace maaltal {

namespace {

constexpr std::size_t kRowsPerSheet = 1048576 - 1;  // Excel's last row, less the header

// One sheet of up to kRowsPerSheet rows below a bold header, filtered and
// with the header frozen; printed landscape when its columns are too wide
// for a portrait page.
lxw_worksheet* start_sheet(Workbook& book, const std::string& name, const std::vector<std::string>& headers,
                           std::size_t rows) {
  constexpr double kWidth = 16;
  bool wide = !fits_portrait(std::vector<double>(headers.size(), kWidth));
  lxw_worksheet* sheet = book.add_sheet(name, {.landscape = wide, .header_row = true, .fit_width = true});
  auto last_col = static_cast<lxw_col_t>(headers.size() - 1);
  check(worksheet_set_column(sheet, 0, last_col, kWidth, nullptr), "raw rows");
  check(worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(rows), last_col), "raw rows");
  worksheet_freeze_panes(sheet, 1, 0);
  lxw_format* bold = book.format("", true);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    check(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), bold), "raw rows");
  }
  return sheet;
}

// Whether project.json declares `value` for category column `field`: a
// breakdown's category, a `where` value, a yes/no word (project.json's
// `booleans`, or the built-in ones) of a column tested as yes/no, or a number
// in an age breakdown's column. Such a value is the column's own, not an id,
// even when it equals one (with ids 1, 2, 3..., a yes/no `1` or a birth year).
bool declared(const Report& report, const RawRows& raw, const std::string& field, std::string_view value) {
  auto among = [&](const std::vector<std::string>& values) {
    return std::any_of(values.begin(), values.end(), [&](const std::string& v) { return same_category(v, value); });
  };
  for (const auto& b : raw.breakdowns) {
    if (b.field == field && (b.age_bands.empty() ? among(b.categories) : parse_number(value).has_value())) return true;
  }
  for (const auto& ind : report.indicators) {
    for (const auto* f : ind.conditions()) {
      if (f->field == field && (f->flag ? raw.booleans.read(value).has_value() : among(f->values))) return true;
    }
  }
  return false;
}

// What each category value is written as, by column. A participant's id or
// a CPR number must not reach the workbook by another column than the
// pseudonym's: a CPR number is written as its pseudonym, and so is a value
// that equals some participant's id (so that it still matches the pseudonym
// column) unless it is declared for its column; a CPR number inside a longer
// text is starred out. A column is never pseudonymised whole: how many of
// its values equal ids changes from month to month, its values would not.
class ShownValues {
 public:
  ShownValues(const Report& report, HmacSha256& pseudonyms)
      : regs_(report.raw_rows->registrations), shown_(regs_.distinct_values()) {
    StringMap<std::uint32_t> value_ids;
    for (std::uint32_t v = 0; v < regs_.distinct_values(); ++v) value_ids.emplace(regs_.value(v), v);
    std::vector<bool> is_id(regs_.distinct_values());
    for (std::size_t k = 0; k < regs_.size(); ++k) {
      if (auto it = value_ids.find(regs_.participant(k)); it != value_ids.end()) is_id[it->second] = true;
    }
    const RawRows& raw = *report.raw_rows;
    kept_.assign(raw.category_fields.size(), std::vector<bool>(regs_.distinct_values()));
    for (std::uint32_t v = 0; v < regs_.distinct_values(); ++v) {
      std::string_view value = regs_.value(v);
      if (value.empty()) continue;
      const bool cpr = is_cpr_number(value);
      shown_[v] = is_id[v] || cpr ? pseudonyms.hex(value, 16) : mask_cpr_numbers(value);
      // A kept id is written as read: one with a CPR number in it never is.
      if (!is_id[v] || cpr || mask_cpr_numbers(value) != value) continue;
      for (std::size_t f = 0; f < kept_.size(); ++f) kept_[f][v] = declared(report, raw, raw.category_fields[f], value);
    }
  }

  std::string_view operator()(std::size_t field, std::uint32_t v) const {
    return kept_[field][v] ? regs_.value(v) : std::string_view(shown_[v]);
  }

 private:
  const Registrations& regs_;
  std::vector<std::string> shown_;       // by value: a pseudonym, or the value with CPR numbers starred out
  std::vector<std::vector<bool>> kept_;  // by column and value: an id declared for the column, written as it is
};

}  // namespace

void write_raw_workbook(const Report& report, const TemplateSet& templates, const std::filesystem::path& path) {
  const RawRows& raw = *report.raw_rows;
  const Registrations& regs = raw.registrations;
  Locale locale = Locale::load(templates, report.project.locale);
  Workbook book(path, true);
  set_properties(report, locale, book);
  book.print_pages(workbook_heading(report, locale));
  lxw_format* date = book.format(layout_for(report, templates).format("date"));
  std::vector<std::string> headers{locale.get("raw_pseudonym"), locale.get("code"), locale.get("municipality")};
  headers.insert(headers.end(), raw.date_fields.begin(), raw.date_fields.end());
  headers.insert(headers.end(), raw.category_fields.begin(), raw.category_fields.end());
  std::vector<std::string> names;  // by unit index
  for (const auto& code : raw.unit_codes) {
    auto unit =
        std::find_if(report.units.begin(), report.units.end(), [&](const UnitFigures& u) { return u.code == code; });
    names.push_back(unit == report.units.end() ? "" : unit->name);
  }
  HmacSha256 pseudonyms(raw.key);
  const ShownValues values(report, pseudonyms);
  // The first sheet is written even without a registration: the header alone.
  const std::string sheet_name = locale.get("sheet_raw_rows");
  lxw_worksheet* sheet = start_sheet(book, sheet_name, headers, std::min(kRowsPerSheet, regs.size()));
  lxw_row_t row = 1;
  for (std::size_t k = 0; k < regs.size(); ++k) {
    if (k > 0 && k % kRowsPerSheet == 0) {
      std::string name = sheet_name + " " + std::to_string(k / kRowsPerSheet + 1);
      sheet = start_sheet(book, name, headers, std::min(kRowsPerSheet, regs.size() - k));
      row = 1;
    }
    lxw_col_t col = 0;
    auto text = [&](std::string_view value) {
      if (!value.empty())
        check(worksheet_write_string(sheet, row, col, std::string(value).c_str(), nullptr), "raw rows");
      ++col;
    };
    text(pseudonyms.hex(regs.participant(k), 16));
    text(raw.unit_codes[regs.unit(k)]);
    text(names[regs.unit(k)]);
    for (std::size_t f = 0; f < regs.date_fields(); ++f, ++col) {
      if (auto d = regs.date(k, f)) {
        // Excel's serial day: 25569 is 1 January 1970.
        check(worksheet_write_number(sheet, row, col, d->days_since_epoch() + 25569.0, date), "raw rows");
      }
    }
    for (std::size_t f = 0; f < regs.category_fields(); ++f) text(values(f, regs.category_id(k, f)));
    ++row;
  }
  book.close();
}

}  // namespace maaltal
