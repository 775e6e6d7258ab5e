#include "read/row_leftovers.h"

#include <algorithm>
#include <array>

#include "core/text.h"

namespace maaltal {

// By hand: find_first_not_of searched its set with memchr for each
// character, on every cell of every row (5 % of `check` in the profile).
std::string_view trimmed(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

namespace {

// A whole number of at most 15 digits (a sum of people fits; a date, a
// code with letters or a decimal does not count).
std::optional<std::int64_t> whole_number(std::string_view cell) {
  cell = trimmed(cell);
  if (cell.empty() || cell.size() > 15) return std::nullopt;
  std::int64_t n = 0;
  for (char c : cell) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

bool is_blank_cell(std::string_view cell) { return trimmed(cell).empty(); }

bool is_blank_row(const std::vector<std::string_view>& cells) {
  return std::all_of(cells.begin(), cells.end(), is_blank_cell);
}

bool is_excel_error(std::string_view cell) {
  if (cell.empty() || (cell[0] != '#' && cell.find('#') == std::string_view::npos)) return false;
  cell = trimmed(cell);
  static constexpr std::array<std::string_view, 12> kErrors{"#I/T",    "#N/A",  "#VÆRDI!", "#VALUE!",
                                                            "#DIV/0!", "#REF!", "#NAVN?",  "#NAME?",
                                                            "#NUM!",   "#TAL!", "#NULL!",  "#NUL!"};
  std::string upper(cell);
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  // Only ASCII is upper-cased: "#værdi!" keeps its "æ".
  return std::find(kErrors.begin(), kErrors.end(), upper) != kErrors.end() || upper == "#VæRDI!";
}

std::optional<std::string> total_word(const std::vector<std::string_view>& cells) {
  for (std::string_view cell : cells) {
    std::string_view text = trimmed(cell);
    if (text.empty()) continue;
    if (text.size() > 12) return std::nullopt;
    // Every word starts with i, s or t: other cells (an id, most rows) are not folded, which allocated.
    if (std::string_view("iIsStT").find(text.front()) == std::string_view::npos) return std::nullopt;
    std::string folded = fold_case(text.back() == ':' ? text.substr(0, text.size() - 1) : text);
    for (const char* word : {"i alt", "total", "sum", "sum total", "total i alt"}) {
      if (folded == word) return std::string(text);
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::vector<std::pair<std::size_t, std::int64_t>> ColumnSums::numbers(const std::vector<std::string_view>& cells) {
  std::vector<std::pair<std::size_t, std::int64_t>> found;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (auto n = whole_number(cells[c])) found.emplace_back(c, *n);
  }
  return found;
}

void ColumnSums::add(const std::vector<std::string_view>& cells) {
  ++rows_;
  if (sums_.size() < cells.size()) sums_.resize(cells.size());
  for (std::size_t c = 0; c < cells.size(); ++c) {
    // Most cells are ids, dates or words: the first character says so.
    if (cells[c].empty() || ((cells[c][0] < '0' || cells[c][0] > '9') && cells[c][0] != ' ')) continue;
    if (auto n = whole_number(cells[c])) sums_[c] += *n;
  }
}

void ColumnSums::add(const ColumnSums& other) {
  rows_ += other.rows_;
  if (sums_.size() < other.sums_.size()) sums_.resize(other.sums_.size());
  for (std::size_t c = 0; c < other.sums_.size(); ++c) sums_[c] += other.sums_[c];
}

bool ColumnSums::are_sums_of(const std::vector<std::pair<std::size_t, std::int64_t>>& numbers) const {
  if (rows_ < 2 || numbers.empty()) return false;
  bool any = false;
  for (auto [c, n] : numbers) {
    if ((c < sums_.size() ? sums_[c] : 0) != n) return false;
    any = any || n != 0;
  }
  return any;
}

std::vector<RowKind> leftover_kinds(const std::vector<std::vector<std::string_view>>& rows, std::size_t key_cell) {
  std::vector<RowKind> kinds(rows.size(), RowKind::kData);
  std::size_t last = rows.size();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (is_blank_row(rows[i]))
      kinds[i] = RowKind::kBlank;
    else
      last = i;
  }
  ColumnSums sums;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (kinds[i] == RowKind::kBlank) continue;
    bool keyless = key_cell >= rows[i].size() || is_blank_cell(rows[i][key_cell]);
    if (total_word(rows[i]))
      kinds[i] = i == last ? RowKind::kTotalAtEnd : RowKind::kTotalInside;
    else if (i == last && keyless && sums.are_sums_of(ColumnSums::numbers(rows[i])))
      kinds[i] = RowKind::kTotalAtEnd;
    else
      sums.add(rows[i]);
  }
  return kinds;
}

Words total_row_note_words(const std::string& word) {
  if (word.empty()) return Words("sums");
  return Words{{"word", word}};
}

Words total_row_inside_words(const std::string& word) { return Words{{"word", word}}; }

}  // namespace maaltal
