#include "read/table_survey.h"

#include <algorithm>

#include "core/numbers.h"
#include "core/project.h"
#include "core/text.h"
#include "read/municipalities.h"

namespace maaltal {

namespace {

constexpr std::size_t kMaxDistinct = 1000;  // kept per column; a category has far fewer
constexpr std::size_t kMaxCategories = 20;  // "few distinct values"

std::string trim(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

bool all_digits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

// A date cell: what parse_date reads, but a bare number only as an Excel
// serial day from 2000 to 2060, so that a birth year (1975) or a count is no date.
std::optional<Date> date_of(const std::string& text) {
  auto date = parse_date(text);
  if (!date || !all_digits(text)) return date;
  if (date->year() < 2000 || date->year() > 2060) return std::nullopt;
  return date;
}

// Lower case for Danish names: ASCII and Æ, Ø, Å (UTF-8); "aa" as "å"; no
// " kommune" at the end.
std::string name_key(std::string text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if (next == 0x86 || next == 0x98 || next == 0x85) next += 0x20;  // Æ Ø Å -> æ ø å
      out += static_cast<char>(c);
      out += static_cast<char>(next);
      ++i;
    } else {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }
  out = trim(out);
  const std::string suffix = " kommune";
  if (out.size() > suffix.size() && out.ends_with(suffix)) out = trim(out.substr(0, out.size() - suffix.size()));
  for (std::size_t at; (at = out.find("aa")) != std::string::npos;) out.replace(at, 2, "\xC3\xA5");
  return out;
}

// Only the letters and digits of a header, in lower case: "Udfalds-dato" and
// "udfaldsdato" alike.
std::string header_key(const std::string& header) {
  std::string out;
  for (char c : name_key(header)) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) out += c;
  }
  return out;
}

std::vector<std::string> header_words(const std::string& header) {
  std::vector<std::string> words(1);
  for (char c : name_key(header)) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80))
      words.back() += c;
    else if (!words.back().empty())
      words.emplace_back();
  }
  return words;
}

bool named_like_id(const std::string& header) {
  for (const auto& w : header_words(header)) {
    if (w == "id" || w == "nr" || w.starts_with("cpr") || w.starts_with("deltager") || w.starts_with("borger") ||
        w.starts_with("person") || w.ends_with("id"))
      return true;
  }
  return false;
}

// A spreadsheet's total row, by its label: "I alt", "Total", "Sum".
bool is_total_label(const std::string& cell) {
  std::string key = name_key(cell);
  if (key.ends_with(":")) key.pop_back();
  return key == "i alt" || key == "ialt" || key == "total" || key == "totalt" || key == "sum";
}

bool named_like_municipality(const std::string& header) {
  std::string key = header_key(header);
  return key.find("kommun") != std::string::npos || key.find("municipal") != std::string::npos;
}

std::vector<ValueCount> by_count(const std::map<std::string, int>& counts) {
  std::vector<ValueCount> out;
  for (const auto& [value, count] : counts) out.push_back({value, count});
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  return out;
}

std::string of(int part, int whole, const char* what) {
  return std::to_string(part) + " of " + std::to_string(whole) + " values " + what;
}

}  // namespace

const char* role_name(ColumnRole role) {
  switch (role) {
    case ColumnRole::kLeftOut:
      return "left out";
    case ColumnRole::kParticipant:
      return "participant id";
    case ColumnRole::kMunicipality:
      return "municipality";
    case ColumnRole::kDate:
      return "date";
    case ColumnRole::kYesNo:
      return "yes/no";
    case ColumnRole::kCategory:
      return "category";
    case ColumnRole::kNumber:
      return "number";
    case ColumnRole::kText:
      return "free text";
  }
  return "";
}

std::string municipality_code_of(const std::string& text) {
  static const std::map<std::string, std::string> kByName = [] {
    std::map<std::string, std::string> names;
    for (const auto& [code, m] : municipalities()) names[name_key(m.name)] = code;
    return names;
  }();
  std::string value = trim(text);
  if (all_digits(value)) {
    std::string code = normalise_municipality_code(value);
    return municipalities().contains(code) ? code : "";
  }
  auto it = kByName.find(name_key(value));
  return it == kByName.end() ? "" : it->second;
}

TableSurvey::TableSurvey(std::vector<std::string> header) : header_(std::move(header)), columns_(header_.size()) {}

void TableSurvey::add(const TableRow& row) {
  auto filled = std::find_if(row.cells.begin(), row.cells.end(), [](const std::string& c) { return !trim(c).empty(); });
  if (filled == row.cells.end()) return;
  if (is_total_label(*filled)) {
    if (!total_row_) total_row_ = row.number;
    return;
  }
  static const BooleanWords kWords;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    Evidence& e = columns_[c];
    std::string value = c < row.cells.size() ? trim(row.cells[c]) : "";
    auto misfit = [&] {
      int text_column = c < row.text_columns.size() ? row.text_columns[c] : 0;
      return Misfit{value, row.number, c, text_column};
    };
    e.marked.push_back(!value.empty() && kWords.read(value) != false);
    if (value.empty()) continue;
    ++e.filled;
    if (auto date = date_of(value)) {
      ++e.dates;
      if (!e.first || *date < *e.first) e.first = date;
      if (!e.last || *date > *e.last) e.last = date;
    } else if (!e.first_non_date) {
      e.first_non_date = misfit();
    }
    std::string code = municipality_code_of(value);
    if (!code.empty()) {
      ++e.municipalities;
      if (!all_digits(value)) ++e.named_municipalities;
      ++e.codes[code];
    } else if (!e.first_non_municipality) {
      e.first_non_municipality = misfit();
    }
    if (kWords.read(value)) ++e.yes_no;
    if (parse_number(value)) ++e.numbers;
    if (auto it = e.distinct.find(value); it != e.distinct.end())
      ++it->second;
    else if (e.distinct.size() < kMaxDistinct)
      e.distinct.emplace(value, 1);
    else
      e.too_many = true;
    if (!e.repeats && !e.seen.insert(value).second) {
      e.repeats = true;
      e.seen = {};  // only an id column needs every value
    }
  }
  ++rows_;
}

ColumnGuess TableSurvey::classify(std::size_t c, bool id_taken) const {
  const Evidence& e = columns_[c];
  ColumnGuess g;
  g.index = c;
  g.header = trim(header_[c]);
  g.filled = e.filled;
  g.repeats = e.repeats;
  std::size_t distinct = e.distinct.size();
  auto at_least = [&](int part, int tenths) { return part * 10 >= e.filled * tenths; };
  if (g.header.empty()) {
    g.why = e.filled == 0 ? "no header and no values" : "no header: give the column a name to use it";
  } else if (e.filled == 0) {
    g.why = "always empty";
  } else if (!id_taken && named_like_id(g.header)) {
    g.role = ColumnRole::kParticipant;
    g.why = std::string("named like an id") + (e.repeats ? "; some values repeat (one row per event?)" : "");
  } else if (at_least(e.dates, 8)) {
    g.role = ColumnRole::kDate;
    g.why = of(e.dates, e.filled, "are dates");
    g.first = e.first;
    g.last = e.last;
    g.misfits = e.filled - e.dates;
    g.first_misfit = e.first_non_date;
  } else if (at_least(e.municipalities, 8) &&
             (named_like_municipality(g.header) || e.named_municipalities > 0 || e.municipalities == e.filled)) {
    g.role = ColumnRole::kMunicipality;
    g.why = of(e.municipalities, e.filled,
               e.named_municipalities > 0 ? "are municipality names or codes" : "are municipality codes");
    g.values = by_count(e.codes);
    g.misfits = e.filled - e.municipalities;
    g.first_misfit = e.first_non_municipality;
  } else if (e.yes_no == e.filled && distinct <= 4) {
    g.role = ColumnRole::kYesNo;
    g.why = "every value is a yes/no word";
    g.values = by_count(e.distinct);
  } else if (e.numbers == e.filled) {
    g.role = ColumnRole::kNumber;
    g.why = "every value is a number";
  } else if (!e.too_many && distinct <= kMaxCategories && distinct * 2 <= static_cast<std::size_t>(e.filled)) {
    g.role = ColumnRole::kCategory;
    g.why = std::to_string(distinct) + " different values, each used again";
    g.values = by_count(e.distinct);
  } else {
    g.role = ColumnRole::kText;
    g.why = std::string(e.too_many ? "over " : "") + std::to_string(distinct) + " different values: free text";
  }
  return g;
}

std::vector<ColumnGuess> TableSurvey::guesses() const {
  std::vector<ColumnGuess> out;
  bool id_taken = false;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    out.push_back(classify(c, id_taken));
    id_taken = id_taken || out.back().role == ColumnRole::kParticipant;
  }
  // No column named like an id: the first whose every row has a value of its own.
  for (auto& g : out) {
    if (id_taken || rows_ < 2) break;
    const Evidence& e = columns_[g.index];
    bool plain = g.role == ColumnRole::kNumber || g.role == ColumnRole::kText || g.role == ColumnRole::kCategory;
    if (plain && !e.repeats && e.filled == rows_) {
      g.role = ColumnRole::kParticipant;
      g.why = "every row has a value of its own";
      g.values.clear();
      id_taken = true;
    }
  }
  // One municipality column: the first named so, else the first found.
  auto first = std::find_if(out.begin(), out.end(), [](const ColumnGuess& g) {
    return g.role == ColumnRole::kMunicipality && named_like_municipality(g.header);
  });
  if (first == out.end())
    first = std::find_if(out.begin(), out.end(), [](const auto& g) { return g.role == ColumnRole::kMunicipality; });
  for (auto it = out.begin(); it != out.end(); ++it) {
    if (it == first || it->role != ColumnRole::kMunicipality) continue;
    it->role = ColumnRole::kLeftOut;
    it->why = "also holds municipalities; the project uses '" + first->header + "'";
    it->values.clear();
    it->misfits = 0;
    it->first_misfit.reset();
  }
  pair_with_dates(out);
  return out;
}

// A category or yes/no column goes with the date column named after it
// (udfald, udfaldsdato), else with the date column filled in the rows it is
// (a category: in nearly every row, and only in some; a yes/no column: the
// date most of its yes rows have, the later column on a tie).
void TableSurvey::pair_with_dates(std::vector<ColumnGuess>& guesses) const {
  std::vector<std::size_t> dates;
  for (const auto& g : guesses) {
    if (g.role == ColumnRole::kDate) dates.push_back(g.index);
  }
  for (auto& g : guesses) {
    const Evidence& e = columns_[g.index];
    // A few values that repeat rarely (a small table) are still an outcome
    // when the column is named after a date column.
    bool few = g.role == ColumnRole::kText && !e.too_many && e.distinct.size() <= kMaxCategories;
    if (g.role != ColumnRole::kCategory && g.role != ColumnRole::kYesNo && !few) continue;
    std::string key = header_key(g.header);
    for (std::size_t d : dates) {
      if (key.size() >= 3 && header_key(guesses[d].header).starts_with(key)) {
        g.date_column = d;
        break;
      }
    }
    if (few && g.date_column) {
      g.role = ColumnRole::kCategory;
      g.why = std::to_string(e.distinct.size()) + " different values, named after a date column";
      g.values = by_count(e.distinct);
    }
    if (g.date_column || few) continue;
    const auto& mine = e.marked;
    auto marked = static_cast<int>(std::count(mine.begin(), mine.end(), true));
    int best = 0;
    for (std::size_t d : dates) {
      const auto& theirs = columns_[d].marked;
      int score = 0;
      for (std::size_t r = 0; r < mine.size(); ++r) {
        if (g.role == ColumnRole::kCategory ? mine[r] == theirs[r] : mine[r] && theirs[r]) ++score;
      }
      bool fits = g.role == ColumnRole::kCategory ? marked < rows_ && score * 20 >= rows_ * 19
                                                  : marked > 0 && score * 20 >= marked * 19;
      if (fits && score >= best) {
        best = score;
        g.date_column = d;
      }
    }
  }
}

}  // namespace maaltal
