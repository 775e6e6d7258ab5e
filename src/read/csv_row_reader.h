// Reads a registrations CSV a piece at a time, handing a RowChecker one row
// at a time: the file is never held whole. A reader reads a whole file, or
// one part of it beside another reader.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/progress_meter.h"
#include "read/csv.h"
#include "read/row_checker.h"
#include "read/text_file.h"

namespace maaltal {

// The longest row read: a longer one is not a registration (a file's
// binary content, or a hostile file), and reading stops there.
inline constexpr std::size_t kMaxRowBytes = 1 << 20;

// The header row: the column of each logical field, or an E103 for each one
// missing (reported once, not once per row).
inline std::optional<std::vector<std::size_t>> header_columns(const Dataset& dataset, const CsvRecord& header,
                                                              const std::string& file, const LineIndex& lines,
                                                              Diagnostics& diags) {
  std::vector<std::size_t> columns;
  bool complete = true;
  for (const auto& field : logical_fields(dataset.schema)) {
    std::string wanted = normalise_header(dataset.project.column_for(field));
    auto it = std::find_if(header.fields.begin(), header.fields.end(),
                           [&](const CsvField& f) { return normalise_header(f.value) == wanted; });
    if (it == header.fields.end()) {
      diags.error("E103", Words("for", {{"column", dataset.project.column_for(field)}, {"field", field}}),
                  {file, header.line, 1, "", lines.line_text(header.line)});
      complete = false;
    }
    columns.push_back(static_cast<std::size_t>(it - header.fields.begin()));
  }
  if (!complete) return std::nullopt;
  return columns;
}

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
        cpr_(diags, dataset.project) {
    locator_.reader = this;
    row_.locator = &locator_;
  }

  // Reads to the end; false when reading stopped early (E110).
  bool read() {
    while (more_ && !stopped_) step();
    if (!header_ && !stopped_)
      diags_.error("E103", Words("empty_registrations"), {file_, 1, 0, "", ""});
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
      diags_.error("E110", {{"line", std::to_string(first_line_)}},
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
    cells_.clear();
    for (const auto& f : record.fields) cells_.emplace_back(f.value);
    if (checker_.leftover(cells_, (*columns_)[0], [&](std::size_t c) { return where_in(record, c, lines, true); }))
      return;
    if (record.fields.size() != header_->fields.size()) {
      checker_.reject(where_in(record, kNoField, lines), "E102",
                      Words("delimiter", {{"expected", std::to_string(header_->fields.size())},
                                          {"delimiter", std::string(1, delimiter_)},
                                          {"found", std::to_string(record.fields.size())}}));
      return;
    }
    for (std::size_t c = 0; c < record.fields.size(); ++c) {
      cpr_.check(record.fields[c].value, header_->fields[c].value, [&] { return where_in(record, c, lines); });
    }
    row_.line = record.line;
    row_.values.clear();
    for (std::size_t c : *columns_) row_.values.push_back(record.fields[c].value);
    locator_.record = &record;
    locator_.lines = &lines;
    checker_.accept(row_);
  }

  // Where field `field` of `record` is (kNoField: the record itself), its
  // line shown with every other value starred out: every message about a
  // row, whatever its problem, shows only the value it is about. The
  // participant's id is starred out even then: it never appears.
  static constexpr std::size_t kNoField = SIZE_MAX;
  // `show_id`: the value is shown even in the id column (a total row's word).
  SourceLocation where_in(const CsvRecord& record, std::size_t field, const LineIndex& lines,
                          bool show_id = false) const {
    const auto& fields = record.fields;
    SourceLocation where = where_offset(fields[field < fields.size() ? field : 0].offset, lines);
    std::size_t line_start = lines.start_of(where.line), keep_begin = 0, keep_end = 0;
    if (field < fields.size() && (show_id || field != (*columns_)[0])) {
      // A field runs to the delimiter before the next one, the last to the end of the line.
      std::size_t end = field + 1 < fields.size() ? fields[field + 1].offset - 1 : SIZE_MAX;
      keep_begin = fields[field].offset - line_start;
      keep_end = end == SIZE_MAX ? SIZE_MAX : end - line_start;
    }
    where.line_text = star_out_except(where.line_text, std::string{delimiter_, '"'}, keep_begin, keep_end);
    return where;
  }

  // Where a logical field of the record being checked is.
  struct RecordLocator : Locator {
    const CsvRowReader* reader = nullptr;
    const CsvRecord* record = nullptr;
    const LineIndex* lines = nullptr;
    SourceLocation at(std::size_t field) const override {
      return reader->where_in(*record, (*reader->columns_)[field], *lines);
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
  RawRow row_;                           // reused: no allocation per row
  std::vector<std::string_view> cells_;  // the record's cells, for RowChecker::leftover
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

}  // namespace maaltal
