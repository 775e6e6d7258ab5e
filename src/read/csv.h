// CSV as RFC 4180 and Excel write it: `;`, `,` or tab delimiters (detected
// from the header line when not given), quoted fields that hold delimiters,
// doubled quotes and line breaks, CRLF or LF, blank lines skipped. Produces
// raw text fields with their byte offsets; knows nothing about what the
// columns mean.
#pragma once
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "read/text_file.h"

namespace maaltal {

struct CsvField {
  std::string value;
  std::size_t offset = 0;  // byte offset of the field's first character in the text
};

struct CsvRecord {
  std::vector<CsvField> fields;
  int line = 0;  // the line the record starts on
};

struct CsvTable {
  char delimiter = ',';
  std::vector<CsvRecord> records;  // records[0] is the header row
};

// The most frequent of `;`, `,` and tab outside quotes in the first line
// (`;` wins ties, as Danish Excel writes it).
char detect_delimiter(std::string_view text);

// Parses `text` (file `file`, indexed by `lines`). An unterminated quoted field
// is reported as E101 and ends the parse.
CsvTable parse_csv(std::string_view text, char delimiter, const std::string& file, const LineIndex& lines,
                   Diagnostics& diags);

// The same, record by record: `on_record` sees each record (the header first)
// and may keep nothing, so a large file's rows are never all held at once.
// Returns the delimiter used.
char for_each_csv_record(std::string_view text, char delimiter, const std::string& file, const LineIndex& lines,
                         Diagnostics& diags, const std::function<void(const CsvRecord&)>& on_record);

// The index of the first header field that matches one of `names` (after
// normalise_header), or -1.
int find_header(const CsvRecord& header, std::initializer_list<const char*> names);

// Where the last whole record of `text` ends (just past its line break; 0 when
// there is none): a quote opens or closes a quoted field, so a line break
// inside one is not a record's end. For a file parsed a piece at a time.
std::size_t complete_records_end(std::string_view text);

// A header name for matching: trimmed, ASCII letters in lower case.
std::string normalise_header(std::string_view name);

}  // namespace maaltal
