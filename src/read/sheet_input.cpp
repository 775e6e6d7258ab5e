#include "read/sheet_input.h"

#include <fstream>
#include <map>
#include <optional>

#include "core/error.h"
#include "core/limits.h"
#include "core/sha256.h"
#include "core/text.h"
#include "read/csv.h"
#include "read/csv_row_reader.h"
#include "read/row_checker.h"
#include "read/spreadsheet.h"

namespace maaltal {

namespace {

// The text of cell `column` of `row`; "" beyond its last cell.
std::string_view cell_text(const SheetRow& row, std::size_t column) {
  return column < row.cells.size() ? std::string_view(row.cells[column].text) : std::string_view();
}

// Reads registrations a sheet row at a time: the first row with a value is
// the header, matched as a CSV's; every later row goes to the RowChecker.
// Values right of the header's last column have no field and are not read.
class SheetRowReader {
 public:
  SheetRowReader(Dataset& dataset, Diagnostics& diags)
      : dataset_(dataset),
        diags_(diags),
        file_(dataset.project.registrations.display_path),
        checker_(dataset, diags),
        cpr_(diags, dataset.project) {
    locator_.reader = this;
    raw_.locator = &locator_;
  }

  void read() {
    auto& source = dataset_.project.registrations;
    // The sheet read is named in later messages about its rows (dataset_checks).
    source.sheet =
        read_sheet_rows(source.path.string(), file_, source.sheet, [&](const SheetRow& row) { return on_row(row); });
    checker_.end_of_rows();
    warn_headerless_columns();
    if (header_.empty()) {
      diags_.error("E103", Words("empty_sheet"), {file_, 1, 0, "", ""});
    }
  }

 private:
  bool on_row(const SheetRow& row) {
    if (header_.empty()) {
      if (!row.cells.empty()) read_header(row);
      return columns_.has_value() || header_.empty();  // a missing column is reported once; no row can be read
    }
    row_ = &row;
    cells_.clear();
    for (const auto& cell : row.cells) cells_.emplace_back(cell.text);
    note_headerless_values(row);
    if (checker_.leftover(cells_, (*columns_)[0], [&](std::size_t c) { return where(c); })) return true;
    for (std::size_t c = 0; c < header_.size() && c < row.cells.size(); ++c) {
      cpr_.check(row.cells[c].text, header_[c], [&] { return where(c); });
    }
    raw_.line = row.number;
    raw_.values.clear();
    for (std::size_t c : *columns_) raw_.values.push_back(cell_text(row, c));
    checker_.accept(raw_);
    return true;
  }

  // Values right of the header's last column have no field: nothing reads
  // them. Each such column is said once (W121), with its rows, so that a
  // column whose header was forgotten is not lost without a word.
  void note_headerless_values(const SheetRow& row) {
    for (std::size_t c = header_.size(); c < row.cells.size(); ++c) {
      if (is_blank_cell(row.cells[c].text)) continue;
      auto [it, first] = headerless_.try_emplace(c, Headerless{0, row.number});
      ++it->second.rows;
    }
  }

  void warn_headerless_columns() {
    for (const auto& [column, seen] : headerless_) {
      std::string name = cell_name(1, column);
      name.pop_back();  // the column's letters: "J" of "J1"
      diags_.warning("W121", Words(seen.rows == 1 ? "one" : "", {{"column", name}, {"rows", std::to_string(seen.rows)}}),
                     {file_, 0, 0, std::string(sheet_name_) + "!" + cell_name(seen.first_row, column), ""});
    }
  }

  // The header's names matched as a CSV header's (header_columns' rules):
  // its E103s are moved from the synthesized line to the header row.
  void read_header(const SheetRow& row) {
    CsvRecord record;
    record.line = row.number;
    std::string line;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      header_.push_back(row.cells[c].text);
      record.fields.push_back({row.cells[c].text, line.size()});
      line += row.cells[c].text + ";";
    }
    std::size_t from = diags_.all().size();
    LineIndex lines(line, row.number);
    columns_ = header_columns_of(record, lines);
    sheet_name_ = std::string(row.sheet);
    const std::string cell = sheet_name_ + "!" + cell_name(row.number, 0);
    diags_.relocate(from, [&](SourceLocation& w) { w = {file_, 0, 0, cell, ""}; });
  }

  std::optional<std::vector<std::size_t>> header_columns_of(const CsvRecord& record, const LineIndex& lines) {
    return header_columns(dataset_, record, file_, lines, diags_);
  }

  // Where cell `column` of the row being checked is, with its text; the
  // participant's id starred out, as in a CSV line.
  SourceLocation where(std::size_t column) const {
    std::string text(cell_text(*row_, column));
    if (columns_ && column == (*columns_)[0]) text = star_out_except(text, "");
    return SourceLocation{file_, 0, 0, std::string(row_->sheet) + "!" + cell_name(row_->number, column), text};
  }

  struct CellLocator : Locator {
    const SheetRowReader* reader = nullptr;
    SourceLocation at(std::size_t field) const override { return reader->where((*reader->columns_)[field]); }
  };

  Dataset& dataset_;
  Diagnostics& diags_;
  std::string file_;
  RowChecker checker_;
  CprColumns cpr_;
  std::vector<std::string> header_;
  std::optional<std::vector<std::size_t>> columns_;
  const SheetRow* row_ = nullptr;
  std::vector<std::string_view> cells_;  // the row's cells, for RowChecker::leftover
  struct Headerless {
    int rows = 0;
    int first_row = 0;
  };
  std::map<std::size_t, Headerless> headerless_;  // by column: values right of the header
  std::string sheet_name_;
  RawRow raw_;
  CellLocator locator_;
};

}  // namespace

void record_sheet_provenance(const std::filesystem::path& path, const std::string& display,
                             std::vector<InputFile>& provenance) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kRead, "cannot open '" + display + "'");
  Sha256 hash;
  std::string buffer(1 << 16, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    hash.add(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  provenance.push_back({display, hash.hex(), "utf-8"});
}

void read_sheet_registrations(Dataset& dataset, Diagnostics& diags) {
  const auto& source = dataset.project.registrations;
  SheetRowReader(dataset, diags).read();
  record_sheet_provenance(source.path, source.display_path, dataset.project.input_files);
}

SheetText read_sheet_as_csv(const std::filesystem::path& path, const std::string& display, const std::string& sheet,
                            std::vector<InputFile>& provenance) {
  SheetText out;
  std::size_t width = 0;
  out.sheet = read_sheet_rows(path.string(), display, sheet, [&](const SheetRow& row) {
    if (width == 0) width = row.cells.size();
    for (std::size_t c = 0; c < std::max(width, row.cells.size()) && !row.cells.empty(); ++c) {
      if (c > 0) out.csv += ';';
      out.csv += '"';
      for (char ch : cell_text(row, c)) {
        if (ch == '"') out.csv += '"';
        out.csv += ch == '\n' || ch == '\r' ? ' ' : ch;
      }
      out.csv += '"';
    }
    out.csv += '\n';
    if (out.csv.size() > limits::kWholeFileBytes) {
      throw Error(ErrorKind::kRead, "cannot read '" + display + "': its sheet holds more than 256 MiB of text, more "
                                    "than a targets or counts file read whole may be");
    }
    return true;
  });
  record_sheet_provenance(path, display, provenance);
  return out;
}

namespace {

// The fields of a line `read_sheet_as_csv` wrote: each one's first byte and
// its text, unquoted.
std::vector<std::pair<std::size_t, std::string>> sheet_line_fields(const std::string& line) {
  std::vector<std::pair<std::size_t, std::string>> fields{{0, ""}};
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back().second += '"';
      ++i;
    } else if (line[i] == '"') {
      quoted = !quoted;
    } else if (line[i] == ';' && !quoted) {
      fields.emplace_back(i + 1, "");
    } else {
      fields.back().second += line[i];
    }
  }
  return fields;
}

}  // namespace

void locate_in_sheet(Diagnostics& diags, std::size_t from, const std::string& display, const SheetText& text) {
  diags.relocate(from, [&](SourceLocation& w) {
    if (w.file != display || w.line <= 0 || !w.pointer.empty()) return;
    // The column (in characters) as a byte, and the field it falls in.
    std::size_t byte = 0;
    for (int column = 1; byte < w.line_text.size(); ++byte) {
      if ((static_cast<unsigned char>(w.line_text[byte]) & 0xC0) != 0x80 && column++ == w.column) break;
    }
    auto fields = sheet_line_fields(w.line_text);
    std::size_t field = 0;
    while (w.column > 0 && field + 1 < fields.size() && fields[field + 1].first <= byte) ++field;
    w = {display, 0, 0, text.sheet + "!" + cell_name(w.line, field), w.column > 0 ? fields[field].second : ""};
  });
}

}  // namespace maaltal
