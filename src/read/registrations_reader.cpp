#include "read/registrations_reader.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/numbers.h"
#include "core/progress_meter.h"
#include "core/text.h"
#include "read/csv.h"
#include "read/json_input.h"
#include "read/municipalities.h"
#include "read/text_file.h"

namespace maaltal {
namespace {

// The logical fields a row is read into, in order: participant, municipality,
// the schema's date fields, then its category fields.
std::vector<std::string> logical_fields(const RecordSchema& schema) {
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
  std::string message;
};

class RowChecker {
 public:
  struct UnitLookup {
    int index = -1;  // in Project::unit_codes, or -1 with the error
    std::string code, message;
  };

  RowChecker(Dataset& dataset, Diagnostics& diags)
      : dataset_(dataset),
        diags_(diags),
        regs_(dataset.registrations),
        dates_(dataset.schema.date_fields.size()),
        categories_(dataset.schema.category_fields.size()),
        problems_(dataset.schema.category_fields.size()),
        seen_(0) {
    for (const auto& ind : dataset.project.indicators) {
      for (const auto& filter : ind.filters) {
        if (filter.flag) yes_no_fields_.insert(filter.field);
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
      ++dataset_.rows_rejected;
      return;
    }
    const auto u = static_cast<std::uint16_t>(unit.index);
    const int position = row.json_index >= 0 ? row.json_index : row.line;
    if (once) {
      auto row_index = static_cast<std::uint32_t>(regs_.size());
      std::uint32_t first = seen_.find_or_add(hash, row_index, [&](std::uint32_t other) {
        return regs_.unit(other) == u && regs_.participant(other) == participant;
      });
      if (first != row_index) {
        repeats_.push_back({diags_.all().size(), first});
        diags_.warning("W109", repeat_message(regs_.position(first), row.json_index >= 0, u), row.where(0));
        ++dataset_.rows_rejected;
        return;
      }
    }
    regs_.add(participant, u, dates_, categories_, position);
  }

  // The W109 message for a row that repeats the one at `earlier` (a CSV
  // line, or with `json` an index). The id itself stays out of it: it is
  // personal data, and the two locations find it.
  std::string repeat_message(int earlier, bool json, std::uint16_t unit) const {
    return std::string("the participant of ") + (json ? "row /" : "line ") + std::to_string(earlier) +
           " is registered again in municipality " + dataset_.project.unit_codes[unit] + "; counted once";
  }

  // For the second half of a file read by another checker: its kept rows
  // that repeat one of this checker's, as (its row, the row here), in order.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> repeats_in(const Registrations& later) const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> found;
    if (dataset_.project.registrations.events) return found;
    for (std::uint32_t k = 0; k < later.size(); ++k) {
      std::string_view id = later.participant(k);
      std::uint32_t first = seen_.find(participant_hash(id, later.unit(k)), [&](std::uint32_t other) {
        return regs_.unit(other) == later.unit(k) && regs_.participant(other) == id;
      });
      if (first != RowIndex::kNone) found.emplace_back(k, first);
    }
    return found;
  }

  // Each W109 given: its index in the diagnostics, and the row it repeats.
  const std::vector<std::pair<std::size_t, std::uint32_t>>& repeats() const { return repeats_; }

  // Room for `rows` registrations, of which this checker reads `own`.
  void reserve(std::size_t rows, std::size_t own) {
    regs_.reserve(rows);
    if (!dataset_.project.registrations.events) seen_ = RowIndex(own);
  }

  void reject(const SourceLocation& where, const std::string& code, const std::string& message) {
    ++dataset_.rows_read;
    ++dataset_.rows_rejected;
    diags_.error(code, message, where);
  }

 private:
  // Reads the row's values into dates_ and categories_, reporting every
  // problem; whether the row can be counted.
  bool fill(const RawRow& row, const UnitLookup& unit) {
    bool ok = true;
    if (trim(row.values[0]).empty()) {
      diags_.error("E107", "missing participant id", row.where(0));
      ok = false;
    }
    if (unit.index < 0) {
      diags_.error(unit.code, unit.message, row.where(1));
      ok = false;
    }
    std::size_t field = 2;
    for (std::size_t i = 0; i < dates_.size(); ++i, ++field) ok = read_date(row, field, dates_[i]) && ok;
    for (std::size_t i = 0; i < categories_.size(); ++i, ++field) {
      categories_[i] = regs_.intern(trim(row.values[field]));
      if (const auto* problem = category_problem(i, categories_[i]))
        diags_.warning(problem->code, problem->message, row.where(field));
    }
    return ok;
  }

  bool read_date(const RawRow& row, std::size_t field, std::optional<Date>& date) {
    std::string_view text = trim(row.values[field]);
    date.reset();
    if (text.empty()) return true;
    date = parse_date(text);
    const auto& project = dataset_.project;
    auto quoted = [&] {
      return "'" + std::string(text) + "' in column '" + project.column_for(dataset_.schema.date_fields[field - 2]) +
             "'";
    };
    if (!date) {
      diags_.error("E106",
                   quoted() +
                       " is not a date (expected 2019-12-31, 31-12-2019, 31.12.2019, 31/12/2019 or an Excel "
                       "serial day such as 43830)",
                   row.where(field));
      return false;
    }
    if (*date < project.info.start || *date > project.info.end) {
      diags_.warning("W114",
                     quoted() + " is outside the project period (" + project.info.start.iso() + " to " +
                         project.info.end.iso() + "); not counted",
                     row.where(field));
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
    auto quoted = [&] { return "'" + std::string(value) + "' in column '" + dataset_.project.column_for(field) + "'"; };
    for (const auto& b : dataset_.project.breakdowns) {
      if (b.field != field) continue;
      if (!b.age_bands.empty()) {
        if (parse_number(value)) continue;
        return {"W111", quoted() + " is not a number; counted as other"};
      }
      if (std::find(b.categories.begin(), b.categories.end(), value) != b.categories.end()) continue;
      std::string hint = closest(value, b.categories);
      return {"W110", quoted() + " is not one of the declared categories; counted as other" +
                          (hint.empty() ? "" : " (did you mean '" + hint + "'?)")};
    }
    if (yes_no_fields_.contains(field) && !dataset_.project.booleans.read(value)) {
      return {"W113", quoted() + " is neither yes nor no (expected e.g. ja/nej, 1/0, x/empty); counted as no"};
    }
    return {};
  }

  // The declared category within two edits of `value`, ignoring case: the
  // likely intended one ("Dagpenge" for "dagpenge" or "Dagpnge"); "" if none.
  static std::string closest(std::string_view value, const std::vector<std::string>& categories) {
    const std::string folded = fold_case(value);
    std::string best;
    std::size_t best_distance = 3;
    for (const auto& c : categories) {
      std::size_t d = edit_distance(folded, fold_case(c));
      if (d < best_distance) best = c, best_distance = d;
    }
    return best;
  }

  static std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = above;
      }
    }
    return row[b.size()];
  }

  // The municipality's index in the project, or the error to report. A file
  // names a handful of municipalities a million times: each distinct
  // spelling is looked up once.
  const UnitLookup& unit_lookup(std::string_view text) {
    auto it = units_.find(text);
    if (it == units_.end()) it = units_.emplace(std::string(text), unit_index(text)).first;
    return it->second;
  }

  UnitLookup unit_index(std::string_view text) const {
    if (text.empty()) return {-1, "E107", "missing municipality code"};
    std::string code = normalise_municipality_code(std::string(text));
    if (!municipalities().contains(code)) return {-1, "E104", "unknown municipality code '" + std::string(text) + "'"};
    const auto& units = dataset_.project.unit_codes;
    auto it = std::find(units.begin(), units.end(), code);
    if (it == units.end())
      return {-1, "E105",
              "municipality " + code + " (" + municipalities().at(code).name +
                  ") is not one of the project's municipalities"};
    return {static_cast<int>(it - units.begin()), "", ""};
  }

  static std::uint64_t participant_hash(std::string_view participant, std::uint16_t unit) {
    return std::hash<std::string_view>{}(participant) ^ (unit * 0x9E3779B97F4A7C15ull);
  }

  static std::string_view trim(std::string_view s) {
    auto begin = s.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
  }

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  Dataset& dataset_;
  Diagnostics& diags_;
  Registrations& regs_;
  std::set<std::string> yes_no_fields_;                                       // fields an indicator tests as yes/no
  std::vector<std::optional<Date>> dates_;                                    // the row being read
  std::vector<std::uint32_t> categories_;                                     // the row being read
  std::vector<std::vector<std::optional<CategoryProblem>>> problems_;         // [category field][value id]
  std::unordered_map<std::string, UnitLookup, Hash, std::equal_to<>> units_;  // by the text as written
  RowIndex seen_;  // rows by municipality and participant, for W109
  std::vector<std::pair<std::size_t, std::uint32_t>> repeats_;
};

// The header row: the column of each logical field, or an E103 for each one
// missing (reported once, not once per row).
std::optional<std::vector<std::size_t>> header_columns(const Dataset& dataset, const CsvRecord& header,
                                                       const std::string& file, const LineIndex& lines,
                                                       Diagnostics& diags) {
  std::vector<std::size_t> columns;
  bool complete = true;
  for (const auto& field : logical_fields(dataset.schema)) {
    std::string wanted = normalise_header(dataset.project.column_for(field));
    auto it = std::find_if(header.fields.begin(), header.fields.end(),
                           [&](const CsvField& f) { return normalise_header(f.value) == wanted; });
    if (it == header.fields.end()) {
      diags.error("E103", "missing column '" + dataset.project.column_for(field) + "' (for " + field + ")",
                  {file, header.line, 1, "", lines.line_text(header.line)});
      complete = false;
    }
    columns.push_back(static_cast<std::size_t>(it - header.fields.begin()));
  }
  if (!complete) return std::nullopt;
  return columns;
}

// Warns once per column that holds CPR numbers (W119): they are personal
// data, starred out of every message and never written to any output.
class CprColumns {
 public:
  explicit CprColumns(Diagnostics& diags) : diags_(diags) {}

  template <typename Where>
  void check(const std::string& value, const std::string& column, Where where) {
    if (value.size() < 10 || value.size() > 13 || warned_.contains(column) || !is_cpr_number(value)) return;
    warned_.insert(column);
    diags_.warning("W119",
                   "column '" + column +
                       "' holds CPR numbers; they are starred out of every message and never written to any "
                       "output, but consider a pseudonymous id instead",
                   where());
  }

 private:
  Diagnostics& diags_;
  std::set<std::string> warned_;
};

// The longest row read: a longer one is not a registration (a file's
// binary content, or a hostile file), and reading stops there.
constexpr std::size_t kMaxRowBytes = 1 << 20;

// Reads registrations CSV a piece at a time (TextStream), handing the
// checker one row at a time, so the file is never held whole: memory stays
// bounded by the longest row, whatever the file's size. Reads a whole file,
// or one part of it beside another reader (read_in_two).
class CsvRowReader {
 public:
  // `stream` gives `part_bytes` of text from line `first_line` on; the
  // dataset's rows are reserved for `expected_bytes` (the whole file, when
  // another part will be joined to this one). Only one reader,
  // `shows_progress`, draws the progress line.
  CsvRowReader(Dataset& dataset, Diagnostics& diags, TextStream& stream, int first_line, double part_bytes,
               double expected_bytes, bool shows_progress)
      : dataset_(dataset),
        diags_(diags),
        file_(dataset.project.registrations.display_path),
        stream_(stream),
        first_line_(first_line),
        part_bytes_(part_bytes),
        expected_bytes_(expected_bytes),
        shows_progress_(shows_progress),
        checker_(dataset, diags),
        cpr_(diags) {
    locator_.reader = this;
    row_.locator = &locator_;
  }

  // Reads to the end; false when reading stopped early (E110).
  bool read() {
    while (more_ && !stopped_) step();
    if (!header_ && !stopped_)
      diags_.error("E103", "the registrations file is empty (expected a header row)", {file_, 1, 0, "", ""});
    return !stopped_;
  }

  // Reads until the header row is known (and the first piece's rows).
  void read_header() {
    while (more_ && !stopped_ && !header_) step();
  }

  // The header and delimiter of the reader of the file's first part: this
  // one starts after it.
  void adopt_header(const CsvRowReader& first) {
    header_ = first.header_;
    columns_ = first.columns_;
    delimiter_ = first.delimiter_;
  }

  // Where the participant of each of `lines` is, the line shown with its id
  // starred out; read again instead of checking rows.
  std::map<int, SourceLocation> locate(const std::set<int>& lines) {
    wanted_ = &lines;
    while (more_ && !stopped_) step();
    wanted_ = nullptr;
    return std::move(located_);
  }

  RowChecker& checker() { return checker_; }

 private:
  void step() {
    const auto& source = dataset_.project.registrations;
    more_ = stream_.next(piece_);
    bytes_read_ += static_cast<double>(piece_.size());
    if (shows_progress_)
      progress::update("reading registrations", part_bytes_ > 0 ? std::min(1.0, bytes_read_ / part_bytes_) : 1.0);
    window_ += piece_;
    std::size_t end = more_ ? complete_records_end(window_) : window_.size();
    if (end == 0 && window_.size() > kMaxRowBytes) {
      diags_.error("E110",
                   "line " + std::to_string(first_line_) +
                       " is longer than 1 MiB; is this a registrations file? "
                       "Reading stopped here",
                   {file_, first_line_, 1, "", ""});
      stopped_ = true;
      return;
    }
    if (end == 0) return;
    std::string_view text(window_.data(), end);
    if (!delimiter_) delimiter_ = source.delimiter ? source.delimiter : detect_delimiter(text);
    if (!reserved_ && !wanted_) reserve_for(text);
    LineIndex lines(text, first_line_);
    for_each_csv_record(text, delimiter_, file_, lines, diags_,
                        [&](const CsvRecord& record) { on_record(record, lines); });
    first_line_ += lines.lines() - 1;
    window_.erase(0, end);
  }

  // Room for the rows the file will likely hold, judged by the first
  // piece's lines, so that a large file's rows are not moved again and
  // again. Only from a fair sample, and capped: a hostile file (short rows,
  // then one huge line) must not make maaltal reserve for millions of rows.
  void reserve_for(std::string_view first_piece) {
    reserved_ = true;
    constexpr std::size_t kMinSample = 1000;
    constexpr double kMaxRows = 2'000'000;
    auto lines = static_cast<std::size_t>(std::count(first_piece.begin(), first_piece.end(), '\n'));
    if (lines < kMinSample) return;
    auto rows_in = [&](double bytes) {
      double rows = bytes / static_cast<double>(first_piece.size()) * static_cast<double>(lines);
      return static_cast<std::size_t>(std::min(rows * 1.05, kMaxRows));
    };
    checker_.reserve(rows_in(expected_bytes_), rows_in(part_bytes_));
  }

  SourceLocation where_offset(std::size_t offset, const LineIndex& lines) const {
    int line = lines.line_of(offset);
    return SourceLocation{file_, line, lines.column_of(offset), "", lines.line_text(line)};
  }

  void on_record(const CsvRecord& record, const LineIndex& lines) {
    if (!header_) {
      header_ = record;
      columns_ = header_columns(dataset_, record, file_, lines, diags_);
      return;
    }
    if (!columns_) return;  // a missing column is reported once; the rows cannot be read
    if (wanted_) {
      if (wanted_->contains(record.line) && record.fields.size() == header_->fields.size()) {
        locator_.record = &record;
        locator_.lines = &lines;
        located_[record.line] = locator_.at(0);
      }
      return;
    }
    if (record.fields.size() != header_->fields.size()) {
      checker_.reject(where_offset(record.fields.front().offset, lines), "E102",
                      "expected " + std::to_string(header_->fields.size()) + " fields (delimiter '" +
                          std::string(1, delimiter_) + "'), found " + std::to_string(record.fields.size()));
      return;
    }
    for (std::size_t c = 0; c < record.fields.size(); ++c) {
      cpr_.check(record.fields[c].value, header_->fields[c].value,
                 [&] { return where_offset(record.fields[c].offset, lines); });
    }
    row_.line = record.line;
    row_.values.clear();
    for (std::size_t c : *columns_) row_.values.push_back(record.fields[c].value);
    locator_.record = &record;
    locator_.lines = &lines;
    checker_.accept(row_);
  }

  // Where a field of the record being checked is; the participant's id is
  // starred out of the line shown under a message.
  struct RecordLocator : Locator {
    const CsvRowReader* reader = nullptr;
    const CsvRecord* record = nullptr;
    const LineIndex* lines = nullptr;
    SourceLocation at(std::size_t field) const override {
      const auto& columns = *reader->columns_;
      SourceLocation where = reader->where_offset(record->fields[columns[field]].offset, *lines);
      const CsvField& id = record->fields[columns[0]];
      if (lines->line_of(id.offset) == where.line) {
        std::size_t start = id.offset - lines->start_of(where.line);
        if (where.line_text.compare(start, 1, "\"") == 0) ++start;
        where.line_text = star_out(where.line_text, start, id.value.size());
      }
      return where;
    }
  };

  Dataset& dataset_;
  Diagnostics& diags_;
  std::string file_;
  TextStream& stream_;
  int first_line_;  // the line the window starts on
  double part_bytes_, expected_bytes_;
  bool shows_progress_;
  RowChecker checker_;
  CprColumns cpr_;
  RawRow row_;  // reused: no allocation per row
  RecordLocator locator_;
  std::string window_, piece_;
  double bytes_read_ = 0;
  bool more_ = true, stopped_ = false, reserved_ = false;
  const std::set<int>* wanted_ = nullptr;  // locate(): the lines asked for
  std::map<int, SourceLocation> located_;
  char delimiter_ = 0;
  std::optional<CsvRecord> header_;
  std::optional<std::vector<std::size_t>> columns_;
};

void read_json_rows(Dataset& dataset, const std::string& text, Diagnostics& diags) {
  const std::string& file = dataset.project.registrations.display_path;
  auto json = parse_json(text, file, diags);
  if (!json) return;
  JsonFields fields(file, diags);
  if (!json->is_array()) {
    fields.wrong_type("", "an array of registrations");
    return;
  }
  std::vector<std::string> names;
  for (const auto& field : logical_fields(dataset.schema)) names.push_back(dataset.project.column_for(field));
  RowChecker checker(dataset, diags);
  CprColumns cpr(diags);
  struct ObjectLocator : Locator {
    const std::string* file = nullptr;
    const std::vector<std::string>* names = nullptr;
    const std::string* pointer = nullptr;
    SourceLocation at(std::size_t field) const override {
      return {*file, 0, 0, JsonFields::pointer(*pointer, (*names)[field]), ""};
    }
  } locator;
  locator.file = &file;
  locator.names = &names;
  for (std::size_t i = 0; i < json->size(); ++i) {
    const Json& obj = (*json)[i];
    std::string ptr = "/" + std::to_string(i);
    if (!obj.is_object()) {
      checker.reject({file, 0, 0, ptr, ""}, "E202", "expected an object");
      continue;
    }
    std::vector<std::string> values;
    for (const auto& name : names) {
      auto it = obj.find(name);
      if (it == obj.end() || it->is_null())
        values.emplace_back();
      else if (it->is_string())
        values.push_back(it->get<std::string>());
      else
        values.push_back(it->dump());
    }
    RawRow row;
    row.values.assign(values.begin(), values.end());
    row.json_index = static_cast<int>(i);
    for (std::size_t f = 0; f < names.size(); ++f) {
      cpr.check(values[f], names[f], [&] {
        return SourceLocation{file, 0, 0, JsonFields::pointer(ptr, names[f]), ""};
      });
    }
    locator.pointer = &ptr;
    row.locator = &locator;
    checker.accept(row);
  }
}

// Where a file is read in two: the start of the first line after its
// middle, and that line's number. Only where it pays and is safe: a file of
// several pieces, whose line breaks all end records (no quote anywhere),
// not converted whole (UTF-16); MAALTAL_READ_THREADS=1 turns it off.
struct Split {
  std::uint64_t offset = 0;
  int line = 0;
};

std::optional<Split> split_point(const TextStream& stream, const std::filesystem::path& path) {
  constexpr std::uint64_t kMinBytes = 8 * TextStream::kPiece;
  const char* threads = std::getenv("MAALTAL_READ_THREADS");
  if ((threads && std::string_view(threads) == "1") || stream.encoding() == "utf-16" || stream.has_quotes() ||
      stream.size() < kMinBytes)
    return std::nullopt;
  const std::uint64_t middle = stream.size() / 2 / TextStream::kPiece * TextStream::kPiece;
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(middle));
  std::string bytes(kMaxRowBytes, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  auto line_end = bytes.find('\n');
  if (line_end == std::string::npos || stream.line_at(middle) == 0) return std::nullopt;
  return Split{middle + line_end + 1, stream.line_at(middle) + 1};
}

// Joins what the reader of a file's second part found (`rest`, `rest_diags`)
// to the first part's, as if one reader had read it all: rows the second
// part kept that repeat a participant of the first are W109 there (their
// lines read again for the message), W119 is said once per column, and the
// diagnostics stay in line order.
void join_second_part(Dataset& dataset, Diagnostics& diags, CsvRowReader& first, Dataset& rest,
                      const Diagnostics& rest_diags, CsvRowReader& second, const TextStream& stream,
                      const Split& split) {
  const RowChecker& checker = first.checker();
  const Registrations& later = rest.registrations;
  auto repeats = checker.repeats_in(later);  // (row in rest, the row it repeats here)
  std::map<std::uint32_t, std::uint32_t> repeated;
  std::vector<std::uint32_t> skip;
  std::map<int, SourceLocation> located;
  if (!repeats.empty()) {
    std::set<int> lines;
    for (auto [row, earlier] : repeats) lines.insert(later.position(row));
    Diagnostics unused;  // the rows were checked already
    TextStream second_part(stream, split.offset, stream.size());
    CsvRowReader again(rest, unused, second_part, split.line, 0, 0, false);
    again.adopt_header(first);
    located = again.locate(lines);
  }
  auto message_for = [&](std::uint32_t row, std::uint32_t earlier) {
    return checker.repeat_message(dataset.registrations.position(earlier), false, later.unit(row));
  };
  for (auto [row, earlier] : repeats) {
    repeated[row] = earlier;
    skip.push_back(row);
  }
  std::vector<Diagnostic> items = rest_diags.all();
  // A repeat of a row that itself repeats the first part names the first.
  for (auto [index, row] : second.checker().repeats()) {
    if (auto it = repeated.find(row); it != repeated.end()) items[index].message = message_for(row, it->second);
  }
  std::set<std::string> said;  // W119, once per column
  for (const auto& d : diags.all()) {
    if (d.code == "W119") said.insert(d.message);
  }
  auto next = repeats.begin();
  auto add_repeats_before = [&](int before) {
    for (; next != repeats.end() && later.position(next->first) < before; ++next) {
      int line = later.position(next->first);
      auto where = located.find(line);
      diags.warning("W109", message_for(next->first, next->second),
                    where != located.end()
                        ? where->second
                        : SourceLocation{dataset.project.registrations.display_path, line, 0, "", ""});
    }
  };
  for (const auto& d : items) {
    add_repeats_before(d.where.line);
    if (d.code == "W119" && !said.insert(d.message).second) continue;
    diags.add(d);
  }
  add_repeats_before(INT_MAX);
  dataset.rows_read += rest.rows_read;
  dataset.rows_rejected += rest.rows_rejected + static_cast<int>(skip.size());
  dataset.registrations.append(later, skip);
}

// Reads the file's two halves side by side, one on each core, then joins
// them: the second starts at `split`, with the header the first has read.
void read_in_two(Dataset& dataset, Diagnostics& diags, const TextStream& stream, const Split& split) {
  TextStream first_part(stream, 0, split.offset), second_part(stream, split.offset, stream.size());
  // The first part's rows are reserved for the whole file: the second's join them.
  CsvRowReader first(dataset, diags, first_part, 1, static_cast<double>(split.offset),
                     static_cast<double>(stream.size()), true);
  first.read_header();
  Dataset rest;
  rest.project = dataset.project;
  rest.schema = dataset.schema;
  rest.registrations.set_shape(dataset.schema.date_fields.size(), dataset.schema.category_fields.size());
  Diagnostics rest_diags;
  const auto rest_bytes = static_cast<double>(stream.size() - split.offset);
  CsvRowReader second(rest, rest_diags, second_part, split.line, rest_bytes, rest_bytes, false);
  second.adopt_header(first);
  auto second_read = std::async(std::launch::async, [&] { return second.read(); });
  bool whole = first.read();
  second_read.get();
  if (!whole) return;  // reading stopped in the first part (E110): nothing after it is read
  join_second_part(dataset, diags, first, rest, rest_diags, second, stream, split);
}

}  // namespace

void read_registrations(Dataset& dataset, Diagnostics& diags) {
  const auto& source = dataset.project.registrations;
  if (source.display_path.empty()) return;
  dataset.registrations.set_shape(dataset.schema.date_fields.size(), dataset.schema.category_fields.size());
  if (source.path.extension() == ".json") {
    read_json_rows(dataset, read_text_file(source.path, source.display_path, dataset.project.input_files), diags);
    return;
  }
  TextStream stream(source.path, source.display_path, dataset.project.input_files);
  if (auto split = split_point(stream, source.path)) {
    read_in_two(dataset, diags, stream, *split);
  } else {
    std::error_code ec;
    auto bytes = static_cast<double>(std::filesystem::file_size(source.path, ec));
    if (ec) bytes = 0;
    CsvRowReader(dataset, diags, stream, 1, bytes, bytes, true).read();
  }
  stream.record_provenance();
}

}  // namespace maaltal
