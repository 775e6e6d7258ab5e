// What a spreadsheet leaves in a table of rows besides the data, whatever
// file the rows come from (CSV, JSON, a sheet): blank rows, a total row at
// the bottom, and error values where a formula gives none. Only recognises
// them; the readers decide what to do (RowChecker for registrations, the
// counts and targets readers for theirs). Must not read files or report.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostics.h"

namespace maaltal {

// `cell` without the spaces, tabs and line breaks around it.
std::string_view trimmed(std::string_view cell);

// A cell of nothing but spaces (Excel's `;;;;` rows, a row a sheet left empty).
bool is_blank_cell(std::string_view cell);

// Whether every cell of a row is blank.
bool is_blank_row(const std::vector<std::string_view>& cells);

// Whether `cell` is one of Excel's error values, in Danish or English
// (#I/T, #N/A, #VÆRDI!, #VALUE!, #DIV/0!, #REF!, #NAVN?, #NAME?, #NUM!, #TAL!,
// #NULL!, #NUL!): a formula in the sheet that gives no value.
bool is_excel_error(std::string_view cell);


// The first non-blank cell of a row when it names a total (I alt, Total,
// Sum, Sum total, Total i alt, in any case), or nullopt.
std::optional<std::string> total_word(const std::vector<std::string_view>& cells);

// The sums of each column's whole numbers over the rows seen, for telling a
// total row by its numbers: one whose whole numbers all equal the sums of
// their columns above it (two rows or more above).
class ColumnSums {
 public:
  void add(const std::vector<std::string_view>& cells);
  // Adds another part's sums: the rows of a file's first half, to its second's.
  void add(const ColumnSums& other);
  // The row's whole numbers by cell, or nothing when it has none.
  static std::vector<std::pair<std::size_t, std::int64_t>> numbers(const std::vector<std::string_view>& cells);
  bool are_sums_of(const std::vector<std::pair<std::size_t, std::int64_t>>& numbers) const;
  int rows() const { return rows_; }

 private:
  std::vector<std::int64_t> sums_;
  int rows_ = 0;
};

// What each row of a table read whole (targets, counts) is. `key_cell` is
// the cell a data row cannot leave empty (the municipality): a row without
// it whose numbers are the column sums above it is a total row.
enum class RowKind { kData, kBlank, kTotalAtEnd, kTotalInside };
std::vector<RowKind> leftover_kinds(const std::vector<std::vector<std::string_view>>& rows, std::size_t key_cell);

// The note for a total row at the end (W131): `word` the total's word, or
// empty when its numbers told it.
Words total_row_note_words(const std::string& word);

// The error for a total row with data below it (E119).
Words total_row_inside_words(const std::string& word);

}  // namespace maaltal
