// `maaltal init`'s guesses: what each column of a user's registrations table
// holds (participant id, municipality, dates, yes/no, categories, numbers or
// free text), from its header and its cells' texts, and which category or
// yes/no column goes with which date. Pure: rows of cell texts in, guesses
// out; reading the table and writing the project are app/init's job.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/date.h"

namespace maaltal {

// One row of the table as cell texts, with where it came from: `number` is
// the line (CSV) or the sheet's row; `text_columns`, for a CSV, the
// character column each cell starts at (empty for a sheet).
struct TableRow {
  int number = 0;
  std::vector<std::string> cells;
  std::vector<int> text_columns;
};

enum class ColumnRole { kLeftOut, kParticipant, kMunicipality, kDate, kYesNo, kCategory, kNumber, kText };

// "participant id", "municipality", "date", ...
const char* role_name(ColumnRole role);

struct ValueCount {
  std::string value;  // as written, trimmed (a municipality: its code)
  int count = 0;
};

// A cell that does not fit its column's role (a date column's "31-11-2024").
struct Misfit {
  std::string value;
  int row = 0;
  std::size_t column = 0;
  int text_column = 0;  // a CSV's character column; 0 for a sheet
};

struct ColumnGuess {
  std::size_t index = 0;
  std::string header;
  ColumnRole role = ColumnRole::kLeftOut;
  std::string why;                  // the evidence, for a person to check
  int filled = 0;                   // cells that are not empty
  bool repeats = false;             // some value occurs twice (a participant column: one row per event)
  std::vector<ValueCount> values;   // municipality, yes/no and category columns: most frequent first
  std::optional<Date> first, last;  // a date column's range
  int misfits = 0;                  // cells that do not fit the role
  std::optional<Misfit> first_misfit;
  // A category or yes/no column that goes with a date column (udfald with
  // udfaldsdato): that date column's index.
  std::optional<std::size_t> date_column;
};

// Whether `text` names a municipality by its code or its name, in any case,
// with or without "Kommune", with aa for å; its code, or "".
std::string municipality_code_of(const std::string& text);

// Collects each column's evidence row by row (the table is never held), then
// guesses. Blank rows (every cell empty) and total rows (the first filled
// cell "I alt", "Total" or "Sum") are not counted: they are no participants.
class TableSurvey {
 public:
  explicit TableSurvey(std::vector<std::string> header);
  void add(const TableRow& row);
  int rows() const { return rows_; }
  // The number of the first total row left out, if any.
  std::optional<int> total_row() const { return total_row_; }
  std::vector<ColumnGuess> guesses() const;

 private:
  struct Evidence {
    int filled = 0, dates = 0, municipalities = 0, named_municipalities = 0, yes_no = 0, numbers = 0;
    std::map<std::string, int> distinct;   // up to kMaxDistinct values
    bool too_many = false;                 // more distinct values than kept
    std::unordered_set<std::string> seen;  // every value while all differ (an id column)
    bool repeats = false;
    std::map<std::string, int> codes;
    std::optional<Date> first, last;
    std::optional<Misfit> first_non_date, first_non_municipality;
    std::vector<bool> marked;  // per row: filled, and not a "no" word
  };
  ColumnGuess classify(std::size_t c, bool id_taken) const;
  void pair_with_dates(std::vector<ColumnGuess>& guesses) const;

  std::vector<std::string> header_;
  std::vector<Evidence> columns_;
  int rows_ = 0;
  std::optional<int> total_row_;
};

}  // namespace maaltal
