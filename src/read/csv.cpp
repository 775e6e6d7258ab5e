#include "read/csv.h"

#include "core/text.h"

namespace maaltal {

char detect_delimiter(std::string_view text) {
  int semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    semicolons += c == ';';
    commas += c == ',';
    tabs += c == '\t';
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  return commas > semicolons ? ',' : ';';
}

namespace {

class CsvParser {
 public:
  CsvParser(std::string_view text, char delimiter, int first_line)
      : text_(text), delim_(delimiter), line_(first_line) {}

  // Parses one record starting at pos_. Returns false at the end of the text.
  // Sets unterminated_ when a quoted field runs to the end.
  // The record's fields reuse the strings of the one before: no allocation
  // per field once the first rows are read.
  bool next(CsvRecord& record) {
    while (pos_ < text_.size() && is_blank_line()) skip_line();
    if (pos_ >= text_.size()) return false;
    record.line = line_;
    std::size_t used = 0;
    while (true) {
      if (used == record.fields.size()) record.fields.emplace_back();
      field(record.fields[used++]);
      if (unterminated_ || pos_ >= text_.size()) break;
      char c = text_[pos_];
      if (c == delim_) {
        ++pos_;
        continue;
      }
      skip_line_break();
      break;
    }
    record.fields.resize(used);
    return true;
  }

  bool unterminated() const { return unterminated_; }
  std::size_t quote_start() const { return quote_start_; }

 private:
  bool is_blank_line() const {
    return text_[pos_] == '\n' || (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n');
  }
  void skip_line() {
    while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    if (pos_ < text_.size()) ++pos_;
    ++line_;
  }
  void skip_line_break() {
    if (text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
  }

  void field(CsvField& f) {
    f.value.clear();
    f.offset = pos_;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      quoted_field(f);
      return;
    }
    std::size_t start = pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == delim_ || c == '\n' || (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')) break;
      ++pos_;
    }
    f.value.assign(text_.data() + start, pos_ - start);
  }

  void quoted_field(CsvField& f) {
    quote_start_ = pos_;
    ++pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          f.value += '"';
          ++pos_;
          continue;
        }
        // Excel keeps anything between the closing quote and the delimiter.
        while (pos_ < text_.size() && text_[pos_] != delim_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
          f.value += text_[pos_++];
        }
        return;
      }
      if (c == '\n') ++line_;
      f.value += c;
    }
    unterminated_ = true;
  }

  std::string_view text_;
  char delim_;
  std::size_t pos_ = 0;
  int line_;
  bool unterminated_ = false;
  std::size_t quote_start_ = 0;
};

}  // namespace

char for_each_csv_record(std::string_view text, char delimiter, const std::string& file, const LineIndex& lines,
                         Diagnostics& diags, const std::function<void(const CsvRecord&)>& on_record) {
  char used = delimiter ? delimiter : detect_delimiter(text);
  CsvParser parser(text, used, lines.first_line());
  CsvRecord record;
  while (parser.next(record)) {
    if (parser.unterminated()) {
      // The parser knows nothing of what the columns mean, so not which value
      // is a participant's id: every value on the line shown is starred out,
      // the delimiters and quotes kept, so that the open quote can be found.
      int line = lines.line_of(parser.quote_start());
      diags.error("E101", Words{},
                  {file, line, lines.column_of(parser.quote_start()), "",
                   star_out_except(lines.line_text(line), std::string{used, '"'})});
      break;
    }
    on_record(record);
  }
  return used;
}

CsvTable parse_csv(std::string_view text, char delimiter, const std::string& file, const LineIndex& lines,
                   Diagnostics& diags) {
  CsvTable table;
  table.delimiter = for_each_csv_record(text, delimiter, file, lines, diags,
                                        [&](const CsvRecord& record) { table.records.push_back(record); });
  return table;
}

int find_header(const CsvRecord& header, std::initializer_list<const char*> names) {
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string have = normalise_header(header.fields[i].value);
    for (const char* name : names) {
      if (have == name) return static_cast<int>(i);
    }
  }
  return -1;
}

std::string normalise_header(std::string_view name) { return fold_case(name); }

std::size_t complete_records_end(std::string_view text) {
  if (text.find('"') == std::string_view::npos) return text.rfind('\n') + 1;  // npos + 1 is 0: no line break
  bool quoted = false;
  std::size_t end = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == '\n' && !quoted) end = i + 1;
  }
  return end;
}

}  // namespace maaltal
