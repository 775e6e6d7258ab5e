#include "read/registrations_reader.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <future>
#include <map>
#include <set>
#include <utility>

#include "core/text.h"
#include "read/csv_row_reader.h"
#include "read/json_input.h"
#include "read/row_checker.h"
#include "read/sheet_input.h"
#include "read/spreadsheet.h"
#include "read/text_file.h"

namespace maaltal {
namespace {
void read_json_rows(Dataset& dataset, const std::string& text, Diagnostics& diags) {
  const std::string& file = dataset.project.registrations.display_path;
  // A syntax error's line holds participants' ids: shown with every value
  // starred out, JSON's punctuation kept so that the caret still points at
  // the fault.
  Diagnostics syntax;
  auto json = parse_json(text, file, syntax);
  for (Diagnostic d : syntax.all()) {
    d.where.line_text = star_out_except(d.where.line_text, "{}[],:\" \t");
    diags.add(d);
  }
  if (!json) return;
  FreeJsonOnExit free_json(*json);
  JsonFields fields(file, diags);
  if (!json->is_array()) {
    fields.wrong_type("", Words("registrations"));
    return;
  }
  std::vector<std::string> names;
  for (const auto& field : logical_fields(dataset.schema)) names.push_back(dataset.project.column_for(field));
  RowChecker checker(dataset, diags);
  CprColumns cpr(diags, dataset.project);
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
      checker.reject({file, 0, 0, ptr, ""}, "E202", Words("object"));
      continue;
    }
    // A number as an id must be exact: one beyond 2^64, or with a fraction
    // or an exponent, is held as a double, and two such ids could become one.
    // An object, an array or a boolean is no id at all.
    auto id = obj.find(names[0]);
    if (id != obj.end() && !id->is_null() && !id->is_string() && !id->is_number_integer()) {
      checker.reject(
          {file, 0, 0, JsonFields::pointer(ptr, names[0]), ""}, "E202", Words("participant_id"));
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
    std::vector<std::string_view> cells(values.begin(), values.end());
    if (checker.leftover(cells, 0, [&](std::size_t f) { return locator.at(f); })) continue;
    checker.accept(row);
  }
  checker.end_of_rows();
}

// Where a file is read in two: the start of the first line after its
// middle, and that line's number. Only where it pays and is safe: a file of
// several pieces, whose line breaks all end records (no quote anywhere),
// not converted whole (UTF-16); MAALTAL_READ_THREADS=1 turns it off.
using Split = TextStream::LineStart;

std::optional<Split> split_point(const TextStream& stream) {
  constexpr std::uint64_t kMinBytes = 8 * TextStream::kPiece;
  const char* threads = std::getenv("MAALTAL_READ_THREADS");
  if ((threads && std::string_view(threads) == "1") || stream.encoding() == "utf-16" || stream.has_quotes() ||
      stream.size() < kMinBytes)
    return std::nullopt;
  return stream.line_after(stream.size() / 2 / TextStream::kPiece * TextStream::kPiece, kMaxRowBytes);
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
    return checker.repeat_words(dataset.registrations.position(earlier), false, later.unit(row));
  };
  for (auto [row, earlier] : repeats) {
    repeated[row] = earlier;
    skip.push_back(row);
  }
  std::vector<Diagnostic> items = rest_diags.all();
  // A repeat of a row that itself repeats the first part names the first.
  for (auto [index, row] : second.checker().repeats()) {
    if (auto it = repeated.find(row); it != repeated.end()) set_words(items[index], message_for(row, it->second));
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
  diags.add_not_kept(rest_diags);
  dataset.rows_read += rest.rows_read;
  dataset.rows_rejected += rest.rows_rejected + static_cast<int>(skip.size());
  dataset.rows_blank += rest.rows_blank;
  dataset.rows_total += rest.rows_total;
  dataset.rows_skipped += rest.rows_skipped;
  for (const auto& d : rest.skipped_rows) {
    if (dataset.skipped_rows.size() < limits::kKeptDiagnostics) dataset.skipped_rows.push_back(d);
  }
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
  rest.skip_bad_rows = dataset.skip_bad_rows;
  rest.registrations.set_shape(dataset.schema.date_fields.size(), dataset.schema.category_fields.size());
  Diagnostics rest_diags;
  const auto rest_bytes = static_cast<double>(stream.size() - split.offset);
  CsvRowReader second(rest, rest_diags, second_part, split.line, rest_bytes, rest_bytes, false);
  second.adopt_header(first);
  auto second_read = std::async(std::launch::async, [&] { return second.read(); });
  bool whole = first.read();
  second_read.get();
  // A total row at the end of the first part is the last only when the
  // second holds nothing but blank rows; one at the end of the second is
  // told by the sums of both.
  if (!whole || rest.rows_read > rest.rows_blank) {
    first.checker().settle_held();
  } else {
    first.checker().end_of_rows();
  }
  if (!whole) return;  // reading stopped in the first part (E110): nothing after it is read
  second.checker().end_of_rows(&first.checker().sums());
  join_second_part(dataset, diags, first, rest, rest_diags, second, stream, split);
}

}  // namespace

void read_registrations(Dataset& dataset, Diagnostics& diags) {
  const auto& source = dataset.project.registrations;
  if (source.display_path.empty()) return;
  dataset.registrations.set_shape(dataset.schema.date_fields.size(), dataset.schema.category_fields.size());
  if (is_spreadsheet(source.display_path)) {
    read_sheet_registrations(dataset, diags);
    return;
  }
  if (source.path.extension() == ".json") {
    read_json_rows(dataset, read_text_file(source.path, source.display_path, dataset.project.input_files), diags);
    return;
  }
  TextStream stream(source.path, source.display_path, dataset.project.input_files);
  if (auto split = split_point(stream)) {
    read_in_two(dataset, diags, stream, *split);
  } else {
    auto bytes = static_cast<double>(stream.size());
    CsvRowReader reader(dataset, diags, stream, 1, bytes, bytes, true);
    if (reader.read())
      reader.checker().end_of_rows();
    else
      reader.checker().settle_held();  // reading stopped (E110): what was held is no last row
  }
  stream.record_provenance();
}

}  // namespace maaltal
