// Checks the registrations one row at a time, whatever file they come from
// (CSV or JSON): required values, municipality codes, dates, category values,
// and repeats of a participant (W109). Keeps each row it can count in the
// dataset's Registrations and counts each one it cannot, with a diagnostic.
// Every source hands each row to leftover() first (blank rows, a total row),
// then to accept() or reject(), and calls end_of_rows() after the last.
#pragma once
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/dataset.h"
#include "core/diagnostics.h"
#include "core/numbers.h"
#include "core/text.h"
#include "read/duration_reader.h"
#include "read/municipalities.h"
#include "read/spreadsheet.h"
#include "read/row_leftovers.h"

namespace maaltal {

// The logical fields a row is read into, in order: participant, municipality,
// the schema's date fields, then its category fields.
inline std::vector<std::string> logical_fields(const RecordSchema& schema) {
  std::vector<std::string> fields{kParticipantField, kMunicipalityField};
  fields.insert(fields.end(), schema.date_fields.begin(), schema.date_fields.end());
  fields.insert(fields.end(), schema.category_fields.begin(), schema.category_fields.end());
  return fields;
}

// Where a row's logical field came from, worked out only for a message:
// it is not cheap.
class Locator {
 public:
  virtual SourceLocation at(std::size_t field) const = 0;

 protected:
  ~Locator() = default;
};

// One row's values for the logical fields, and where each came from.
struct RawRow {
  std::vector<std::string_view> values;  // views of the parsed record, valid while it is checked
  const Locator* locator = nullptr;
  int line = 0;         // the CSV line, or
  int json_index = -1;  // the index in a JSON array

  SourceLocation where(std::size_t field) const { return locator->at(field); }
};

// What is wrong with one category value in one column, found once per
// distinct value and reused for every row that holds it.
struct CategoryProblem {
  std::string code;
  Words words;
};

// A row RowChecker::leftover holds until the next row says whether it was
// the last (a total row). Outside RowChecker: clang cannot default-construct
// a nested struct with member initializers inside std::optional there.
struct HeldRow {
  Diagnostics diags{SIZE_MAX};
  std::optional<Diagnostic> skipped;  // its first error, under skip_bad_rows
  SourceLocation where;               // its first non-blank cell
  std::string word;                   // "I alt", or empty for a row told by its numbers
  std::vector<std::pair<std::size_t, std::int64_t>> numbers;
  ColumnSums above;  // the sums of the rows above it
};

class RowChecker {
 public:
  struct UnitLookup {
    int index = -1;  // in Project::unit_codes, or -1 with the error
    std::string code;
    Words words;
  };

  RowChecker(Dataset& dataset, Diagnostics& diags)
      : dataset_(dataset),
        diags_(diags),
        regs_(dataset.registrations),
        dates_(dataset.schema.date_fields.size()),
        categories_(dataset.schema.category_fields.size()),
        problems_(dataset.schema.category_fields.size()),
        seen_(0),
        id_column_(fold_case(dataset.project.column_for(kParticipantField))),
        duration_fields_(duration_fields(dataset)) {
    for (const auto& ind : dataset.project.indicators) {
      for (const auto* filter : ind.conditions()) {
        if (filter->flag) yes_no_fields_.insert(filter->field);
      }
    }
  }

  void accept(const RawRow& row) {
    ++dataset_.rows_read;
    const std::string_view participant = trim(row.values[0]);
    const UnitLookup& unit = unit_lookup(trim(row.values[1]));
    const bool once = !dataset_.project.registrations.events && unit.index >= 0;
    const std::uint64_t hash = once ? participant_hash(participant, static_cast<std::uint16_t>(unit.index)) : 0;
    if (once) seen_.prefetch(hash);  // the repeat check's memory arrives while the row is checked
    if (!fill(row, unit)) {
      row_rejected();
      return;
    }
    holding_current_ = false;
    const auto u = static_cast<std::uint16_t>(unit.index);
    const int position = row.json_index >= 0 ? row.json_index : row.line;
    if (once) {
      auto row_index = static_cast<std::uint32_t>(regs_.size());
      std::uint32_t first = seen_.find_or_add(hash, row_index, [&](std::uint32_t other) {
        return regs_.unit(other) == u && regs_.participant(other) == participant;
      });
      if (first != row_index) {
        const std::size_t index = diags_.all().size();
        if (sink().warning("W109", repeat_words(regs_.position(first), row.json_index >= 0, u), row.where(0))) {
          repeats_.push_back({index, first});
        }
        ++dataset_.rows_rejected;
        return;
      }
    }
    // A duration's end before its start, or without one: said where the end
    // date stands; the row is kept and counted, the duration leaves it out.
    for (const auto& p : duration_problems(duration_fields_, dates_)) {
      sink().warning(p.code, p.words, row.where(2 + p.date_field));
    }
    regs_.add(participant, u, dates_, categories_, position);
  }

  // The W109 words for a row that repeats the one at `earlier` (a CSV
  // line, or with `json` an index). The id itself stays out of it: it is
  // personal data, and the two locations find it.
  Words repeat_words(int earlier, bool json, std::uint16_t unit) const {
    const char* variant = json ? "json" : is_spreadsheet(dataset_.project.registrations.display_path) ? "sheet" : "";
    return Words(variant, {{"row", std::to_string(earlier)}, {"code", dataset_.project.unit_codes[unit]}});
  }

  // For the second half of a file read by another checker: its kept rows
  // that repeat one of this checker's, as (its row, the row here), in order.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> repeats_in(const Registrations& later) const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> found;
    if (dataset_.project.registrations.events) return found;
    std::vector<std::uint64_t> hashes(later.size());
    for (std::uint32_t k = 0; k < later.size(); ++k) hashes[k] = participant_hash(later.participant(k), later.unit(k));
    constexpr std::size_t kAhead = 16;  // probes asked for ahead, so that they do not wait for memory one by one
    for (std::uint32_t k = 0; k < later.size(); ++k) {
      if (k + kAhead < later.size()) seen_.prefetch(hashes[k + kAhead]);
      std::string_view id = later.participant(k);
      std::uint32_t first = seen_.find(hashes[k], [&](std::uint32_t other) {
        return regs_.unit(other) == later.unit(k) && regs_.participant(other) == id;
      });
      if (first != RowIndex::kNone) found.emplace_back(k, first);
    }
    return found;
  }

  // Each W109 kept: its index in the diagnostics, and the row it repeats.
  const std::vector<std::pair<std::size_t, std::uint32_t>>& repeats() const { return repeats_; }

  // Room for `rows` registrations, of which this checker reads `own`.
  void reserve(std::size_t rows, std::size_t own) {
    regs_.reserve(rows);
    if (!dataset_.project.registrations.events) seen_ = RowIndex(own);
  }

  void reject(const SourceLocation& where, const std::string& code, const Words& words) {
    ++dataset_.rows_read;
    row_error(code, words, where);
    row_rejected();
  }

  // Excel's leftovers, before a row's own checks: `cells` are all the row's
  // cells, `id_cell` the participant's, `where` a cell's location (its
  // value shown). A blank row is counted and skipped; a total row ("I alt")
  // is held until the next row says whether it was the last (a note) or not
  // (E119); a row without an id whose numbers could be the column sums is
  // checked as usual, its messages held the same way. Whether the row was
  // taken care of here.
  template <typename Where>
  bool leftover(const std::vector<std::string_view>& cells, std::size_t id_cell, Where where) {
    if (is_blank_row(cells)) {
      ++dataset_.rows_read;
      ++dataset_.rows_blank;
      return true;
    }
    settle_held();
    if (auto word = total_word(cells)) {
      std::size_t first = 0;
      while (is_blank_cell(cells[first])) ++first;
      held_.emplace();
      held_->where = where(first);
      held_->word = *word;
      holding_current_ = true;
      ++dataset_.rows_read;
      row_error("E119", total_row_inside_words(*word), held_->where);
      row_rejected();
      return true;
    }
    if (id_cell < cells.size() && is_blank_cell(cells[id_cell])) {
      auto numbers = ColumnSums::numbers(cells);
      if (!numbers.empty()) {  // a total row by its numbers, if it turns out to be the last
        std::size_t first = 0;
        while (is_blank_cell(cells[first])) ++first;
        held_.emplace();
        held_->where = where(first);
        held_->numbers = std::move(numbers);
        held_->above = sums_;
        holding_current_ = true;
      }
    }
    sums_.add(cells);
    return false;
  }

  // After the last row: a row held is the last one. `before` holds the sums
  // of the rows another reader read before this one's (a file read in two).
  void end_of_rows(const ColumnSums* before = nullptr) {
    if (!held_) return;
    ColumnSums above = held_->above;
    if (before) above.add(*before);
    if (held_->word.empty() && !above.are_sums_of(held_->numbers)) {
      settle_held();
      return;
    }
    --dataset_.rows_rejected;
    if (held_->skipped) --dataset_.rows_skipped;
    ++dataset_.rows_total;
    diags_.note("W131", total_row_note_words(held_->word), held_->where);
    held_.reset();
  }

  // A row held by leftover() is not the last: its messages are said.
  void settle_held() {
    if (!held_) return;
    for (const auto& d : held_->diags.all()) diags_.add(d);
    if (held_->skipped) list_skipped(*held_->skipped);
    held_.reset();
  }

  // The sums of the columns over every row read so far (held ones too).
  const ColumnSums& sums() const { return sums_; }

 private:
  // Reads the row's values into dates_ and categories_, reporting every
  // problem; whether the row can be counted.
  bool fill(const RawRow& row, const UnitLookup& unit) {
    bool ok = true;
    if (is_excel_error(row.values[0])) {
      excel_error(row, 0);
      ok = false;
    } else if (trim(row.values[0]).empty()) {
      row_error("E107", Words{}, row.where(0));
      ok = false;
    }
    if (unit.index < 0) {
      if (is_excel_error(row.values[1]))
        excel_error(row, 1);
      else
        row_error(unit.code, unit.words, row.where(1));
      ok = false;
    }
    std::size_t field = 2;
    for (std::size_t i = 0; i < dates_.size(); ++i, ++field) ok = read_date(row, field, dates_[i]) && ok;
    for (std::size_t i = 0; i < categories_.size(); ++i, ++field) {
      if (is_excel_error(row.values[field])) {
        excel_error(row, field);
        ok = false;
        continue;
      }
      categories_[i] = regs_.intern(trim(row.values[field]));
      if (const auto* problem = category_problem(i, categories_[i]))
        sink().warning(problem->code, problem->words, row.where(field));
    }
    return ok;
  }

  void excel_error(const RawRow& row, std::size_t field) {
    const auto fields = logical_fields(dataset_.schema);
    row_error("E118", quoted(trim(row.values[field]), fields[field], {}, field == 0), row.where(field));
  }

  // Where this row's messages go: held with the row while it may be a total
  // row at the end, else straight to the run's.
  Diagnostics& sink() { return holding_current_ && held_ ? held_->diags : diags_; }

  // An error that rejects the row: with skip_bad_rows a warning (its code
  // kept), the row listed by its first.
  void row_error(const std::string& code, const Words& words, const SourceLocation& where) {
    if (!dataset_.skip_bad_rows) {
      sink().error(code, words, where);
      return;
    }
    sink().warning(code, words, where);
    if (!row_error_) {
      row_error_ = Diagnostic{Severity::kWarning, code, "", {where.file, where.line, where.column, where.pointer, ""}};
      set_words(*row_error_, words);
    }
  }

  void row_rejected() {
    ++dataset_.rows_rejected;
    if (row_error_) {
      ++dataset_.rows_skipped;
      if (holding_current_ && held_)
        held_->skipped = std::move(row_error_);
      else
        list_skipped(*row_error_);
    }
    row_error_.reset();
    holding_current_ = false;
  }

  void list_skipped(const Diagnostic& d) {
    if (dataset_.skipped_rows.size() < limits::kKeptDiagnostics) dataset_.skipped_rows.push_back(d);
  }

  bool read_date(const RawRow& row, std::size_t field, std::optional<Date>& date) {
    std::string_view text = trim(row.values[field]);
    date.reset();
    if (text.empty()) return true;
    date = parse_date(text);
    const auto& project = dataset_.project;
    auto column = [&] { return dataset_.schema.date_fields[field - 2]; };
    if (is_excel_error(text)) {
      excel_error(row, field);
      return false;
    }
    if (!date) {
      row_error("E106", quoted(text, column()), row.where(field));
      return false;
    }
    const std::string start = project.info.start.iso(), end = project.info.end.iso();
    if ((*date < project.info.start || *date > project.info.end) && has_two_digit_year(text)) {
      sink().warning(
          "W135",
          quoted(text, column(), {{"year", std::to_string(date->year())}, {"start", start}, {"end", end}}),
          row.where(field));
      date.reset();
    } else if (*date < project.info.start || *date > project.info.end) {
      sink().warning("W114", quoted(text, column(), {{"start", start}, {"end", end}}), row.where(field));
      date.reset();
    }
    return true;
  }

  // The problem with value `id` in category field `i`, or null; worked out
  // the first time the value appears in that field.
  const CategoryProblem* category_problem(std::size_t i, std::uint32_t id) {
    auto& known = problems_[i];
    if (id >= known.size()) known.resize(regs_.distinct_values());
    if (!known[id]) known[id] = check_category(dataset_.schema.category_fields[i], regs_.value(id));
    return known[id]->code.empty() ? nullptr : &*known[id];
  }

  // A value a breakdown does not declare is counted as "other" and reported.
  CategoryProblem check_category(const std::string& field, std::string_view value) const {
    if (value.empty()) return {};
    for (const auto& b : dataset_.project.breakdowns) {
      if (b.field != field) continue;
      if (!b.age_bands.empty()) {
        if (parse_number(value)) continue;
        return {"W111", quoted(value, field)};
      }
      if (std::any_of(b.categories.begin(), b.categories.end(),
                      [&](const std::string& c) { return same_category(c, value); }))
        continue;
      std::string hint = closest_spelling(value, b.categories);
      if (hint.empty()) return {"W110", quoted(value, field)};
      Words words = quoted(value, field, {{"hint", hint}});
      words.variant = "hint";
      return {"W110", words};
    }
    if (yes_no_fields_.contains(field) && !dataset_.project.booleans.read(value)) {
      return {"W113", quoted(value, field)};
    }
    return {};
  }

  // The words of a message about a value in field `field`: "{value}" and
  // "{column}" ("'value' in column 'c'"), and `more`. A value of the participants' id
  // column (project.json refuses it as a date, category or filter field,
  // but reads on to report every problem) starred out, as in the line shown.
  Words quoted(std::string_view value, const std::string& field,
               std::initializer_list<std::pair<std::string, std::string>> more = {}, bool shown_whole = false) const {
    const std::string column = dataset_.project.column_for(field);
    std::string shown =
        fold_case(column) == id_column_ && !shown_whole ? star_out_except(value, "") : std::string(value);
    Words words(more);
    words.args.insert(words.args.begin(), {{"value", std::move(shown)}, {"column", column}});
    return words;
  }

  // The municipality's index in the project, or the error to report. A file
  // names a handful of municipalities a million times, by code or by name:
  // each distinct spelling is looked up once.
  const UnitLookup& unit_lookup(std::string_view text) {
    auto it = units_.find(text);
    if (it == units_.end()) it = units_.emplace(std::string(text), unit_index(text)).first;
    return it->second;
  }

  UnitLookup unit_index(std::string_view text) const {
    if (text.empty()) return {-1, "E107", Words("municipality")};
    const auto& units = dataset_.project.unit_codes;
    MunicipalityMatch found = find_municipality(text, units);
    if (found.code.empty()) return {-1, found.error, found.words};
    const std::string& code = found.code;
    auto it = std::find(units.begin(), units.end(), code);
    if (it == units.end())
      return {-1, "E105", Words("named", {{"code", code}, {"name", municipalities().at(code).name}})};
    return {static_cast<int>(it - units.begin()), "", {}};
  }

  static std::string_view trim(std::string_view s) { return trimmed(s); }

  Dataset& dataset_;
  Diagnostics& diags_;
  Registrations& regs_;
  std::set<std::string> yes_no_fields_;                                // fields an indicator tests as yes/no
  std::vector<std::optional<Date>> dates_;                             // the row being read
  std::vector<std::uint32_t> categories_;                              // the row being read
  std::vector<std::vector<std::optional<CategoryProblem>>> problems_;  // [category field][value id]
  StringMap<UnitLookup> units_;                                        // by the text as written
  RowIndex seen_;                                                      // rows by municipality and participant, for W109
  std::vector<std::pair<std::size_t, std::uint32_t>> repeats_;
  std::string id_column_;  // the participants' id column, as fold_case() gives it
  std::vector<DurationFields> duration_fields_;  // each duration's start and end in dates_

  // A row that may be a total row at the end, with what it said, until the
  // next row or the end of the rows decides.
  std::optional<HeldRow> held_;
  bool holding_current_ = false;         // the row being checked is held_
  std::optional<Diagnostic> row_error_;  // the first error of the row being checked, under skip_bad_rows
  ColumnSums sums_;
};

// Warns once per column that holds CPR numbers (W119): they are personal
// data, starred out of every message and never written to any output. The
// participants' id column is expected to hold them (a municipality keys its
// sheet by CPR number) and is not warned about: its values are starred out
// and kept out of every output anyway.
class CprColumns {
 public:
  CprColumns(Diagnostics& diags, const Project& project)
      : diags_(diags), id_column_(fold_case(project.column_for(kParticipantField))) {}

  template <typename Where>
  void check(const std::string& value, const std::string& column, Where where) {
    // 0101901234 is the shortest spelling, 01.01.90–1234 (an en dash) among the
    // longest; a few spaces around are allowed. Most values end here, the
    // rest (dates are 10 long) mostly at the pattern, before the column's
    // name is looked up or folded: that cost a set lookup and an allocation
    // per date per row.
    if (value.size() < 10 || value.size() > 20 || !is_cpr_number(value) || done_.contains(column)) return;
    done_.insert(column);
    if (fold_case(column) == id_column_) return;
    diags_.warning("W119", {{"column", column}}, where());
  }

 private:
  Diagnostics& diags_;
  std::string id_column_;      // as fold_case() gives it
  std::set<std::string> done_;  // columns warned about, and the id column once seen
};

}  // namespace maaltal
