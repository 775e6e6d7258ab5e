#include "read/spreadsheet.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <exception>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

#include "core/date.h"
#include "core/error.h"
#include "core/limits.h"

namespace maaltal {

namespace {

// Excel's and LibreOffice's own limits: a sheet has no more rows or columns.
// A repeat past them (a hostile .ods) is an error, never a loop of billions.
constexpr int kMaxRows = 1'048'576;
constexpr std::size_t kMaxColumns = 16'384;
// The sheet itself is streamed, so only time bounds it; a part held whole
// (shared strings, styles, the workbook) is bounded as a file read whole.
constexpr std::uint64_t kMaxSheetBytes = std::uint64_t{8} << 30;

[[noreturn]] void fail(const std::string& display, const std::string& what) {
  throw Error(ErrorKind::kRead, "cannot read '" + display + "': " + what);
}

// ---- the zip container ------------------------------------------------------

class ZipFile {
 public:
  ZipFile(const std::string& path, const std::string& display) : display_(display) {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_directory(status)) fail(display, "it is a folder, not a file");
    if (!ec && !std::filesystem::is_regular_file(status))
      fail(display, "it is not a regular file (a FIFO, a socket or a device); give a file");
    int error = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (!zip_) {
      if (error == ZIP_ER_OPEN || error == ZIP_ER_READ) fail(display, "cannot open it");
      fail(display, "it is not an .xlsx or .ods file (not a zip archive); save it again from Excel or "
                    "LibreOffice, or save the sheet as CSV");
    }
  }
  ~ZipFile() { zip_discard(zip_); }
  ZipFile(const ZipFile&) = delete;
  ZipFile& operator=(const ZipFile&) = delete;

  bool has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), 0) >= 0; }

  // The names of every part.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    zip_int64_t n = zip_get_num_entries(zip_, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
      if (const char* name = zip_get_name(zip_, static_cast<zip_uint64_t>(i), 0)) out.emplace_back(name);
    }
    return out;
  }

  // Hands the part's bytes to `sink` a piece at a time, stopping with an
  // error past `limit` bytes as they come out (a zip bomb may lie about its
  // size), or when `sink` returns false.
  template <typename Sink>
  void stream(const std::string& name, std::uint64_t limit, Sink&& sink) const {
    zip_file_t* file = zip_fopen(zip_, name.c_str(), 0);
    if (!file) fail(display_, "its part '" + name + "' cannot be opened (" + zip_strerror(zip_) + ")");
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> closer(file, zip_fclose);
    std::string buffer(1 << 16, '\0');
    std::uint64_t total = 0;
    for (;;) {
      zip_int64_t n = zip_fread(file, buffer.data(), buffer.size());
      if (n < 0) fail(display_, "its part '" + name + "' is damaged (" + zip_file_strerror(file) + ")");
      total += static_cast<std::uint64_t>(n);
      if (total > limit) {
        fail(display_, "its part '" + name + "' unpacks to more than " + std::to_string(limit >> 20) +
                           " MiB, more than maaltal reads (a damaged file or a zip bomb)");
      }
      bool last = n == 0;
      if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)), last) || last) return;
    }
  }

 private:
  std::string display_;
  zip_t* zip_ = nullptr;
};

// ---- XML, streamed ---------------------------------------------------------

// Names arrive as "namespace-uri\x01local-name"; the readers look at the
// local name, and at the namespace only where two share a local name.
constexpr char kNsSeparator = '\x01';

std::string_view local_name(const char* name) {
  std::string_view n(name);
  auto at = n.rfind(kNsSeparator);
  return at == std::string_view::npos ? n : n.substr(at + 1);
}

std::string_view name_space(const char* name) {
  std::string_view n(name);
  auto at = n.rfind(kNsSeparator);
  return at == std::string_view::npos ? std::string_view() : n.substr(0, at);
}

const char* attribute(const char** attrs, std::string_view local, std::string_view ns_part = {}) {
  for (int i = 0; attrs[i]; i += 2) {
    if (local_name(attrs[i]) == local && (ns_part.empty() || name_space(attrs[i]).find(ns_part) != std::string_view::npos))
      return attrs[i + 1];
  }
  return nullptr;
}

// A SAX handler: start, end and text of elements.
class XmlHandler {
 public:
  virtual void start(std::string_view name, const char* raw_name, const char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
  // Stops the reading at once: what was wanted is read.
  void stop() {
    done = true;
    if (parser) XML_StopParser(parser, XML_FALSE);
  }
  // A callback's exception, kept until expat has returned.
  void fail_later(std::exception_ptr e) {
    if (!failure) failure = e;
    stop();
  }
  bool done = false;
  std::exception_ptr failure;
  XML_Parser parser = nullptr;  // set while parse_part runs

 protected:
  ~XmlHandler() = default;
};

// Parses part `name` of the zip with `handler`, never holding it whole. XML
// that does not parse is an error naming the part, its line and column.
void parse_part(const ZipFile& zip, const std::string& display, const std::string& name, std::uint64_t limit,
                XmlHandler& handler) {
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreateNS(nullptr, kNsSeparator),
                                                                 XML_ParserFree);
  if (!parser) throw std::bad_alloc();
  XML_SetUserData(parser.get(), &handler);
  handler.parser = parser.get();
  // An exception must not pass through expat's C frames (its memory would
  // leak): a callback's is kept, the parser stopped, and it is thrown after.
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const XML_Char* el, const XML_Char** attrs) {
        auto* h = static_cast<XmlHandler*>(data);
        try {
          h->start(local_name(el), el, attrs);
        } catch (...) {
          h->fail_later(std::current_exception());
        }
      },
      [](void* data, const XML_Char* el) {
        auto* h = static_cast<XmlHandler*>(data);
        try {
          h->end(local_name(el));
        } catch (...) {
          h->fail_later(std::current_exception());
        }
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* s, int len) {
    auto* h = static_cast<XmlHandler*>(data);
    try {
      h->text(std::string_view(s, static_cast<std::size_t>(len)));
    } catch (...) {
      h->fail_later(std::current_exception());
    }
  });
  zip.stream(name, limit, [&](std::string_view bytes, bool last) {
    auto status = XML_Parse(parser.get(), bytes.data(), static_cast<int>(bytes.size()), last);
    if (handler.failure) std::rethrow_exception(handler.failure);
    if (status == XML_STATUS_ERROR && !handler.done) {
      fail(display, "its part '" + name + "' is not well-formed XML at line " +
                        std::to_string(XML_GetCurrentLineNumber(parser.get())) + ", column " +
                        std::to_string(XML_GetCurrentColumnNumber(parser.get()) + 1) + " (" +
                        XML_ErrorString(XML_GetErrorCode(parser.get())) +
                        "); open it in Excel or LibreOffice and save it again");
    }
    return !handler.done;
  });
}

// ---- cell values -----------------------------------------------------------

std::string shortest(double value) {
  if (value == 0) return "0";  // never "-0"
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string();
}

std::optional<double> to_double(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// An Excel serial day as yyyy-mm-dd. In the 1900 system day 1 is 1900-01-01
// and day 60 the 29th of February 1900 that never was (Lotus's bug, kept by
// Excel): shown as 1900-02-29, so that the date check refuses it. In the
// 1904 system day 0 is 1904-01-01. A time of day is dropped.
std::optional<std::string> serial_date(double serial, bool date1904) {
  if (!(serial >= 0) || serial > 2'958'465) return std::nullopt;  // 9999-12-31
  auto day = static_cast<std::int32_t>(std::floor(serial));
  if (!date1904 && day == 60) return std::string("1900-02-29");
  const Date base = date1904 ? Date::from_ymd(1904, 1, 1) : Date::from_ymd(1899, 12, day < 60 ? 31 : 30);
  return Date::from_days(base.days_since_epoch() + day).iso();
}

// Whether an Excel number format shows a date: it has a day, a month or a
// year. Quoted text, escaped characters and [..] parts (colours, locales,
// elapsed hours) are no part of it; an m with h or s beside it is minutes.
bool is_date_format(std::string_view code) {
  std::string letters;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') {
      i = code.find('"', i + 1);
      if (i == std::string_view::npos) break;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      i = code.find(']', i + 1);
      if (i == std::string_view::npos) break;
    } else if (c == ';') {
      break;  // the first section decides
    } else {
      letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (letters.find_first_of("dy") != std::string::npos) return true;
  return letters.find('m') != std::string::npos && letters.find_first_of("hs") == std::string::npos;
}

// Excel's built-in formats that show a date (14-17, 22 with a time); 18-21
// and 45-47 show only a time and are read as numbers.
bool is_builtin_date_format(int id) { return (id >= 14 && id <= 17) || id == 22; }

// Column letters ("C") to an index (2); -1 when there are none.
long column_index(std::string_view ref) {
  long column = 0;
  std::size_t i = 0;
  for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i) {
    column = column * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (column > static_cast<long>(kMaxColumns)) return static_cast<long>(kMaxColumns);
  }
  return i == 0 ? -1 : column - 1;
}

// Builds rows a cell at a time and hands them over: empty cells before a
// value are filled in, trailing empty ones left out; rows with no value are
// handed over only when a row with a value follows them (Excel's blank rows
// between data stay, the million empty rows an .ods may end with do not).
class RowSink {
 public:
  RowSink(const std::string& display, const std::function<bool(const SheetRow&)>& on_row)
      : display_(display), on_row_(on_row) {}

  // The sheet being read: named in every row handed over.
  void set_sheet(const std::string& name) {
    sheet_ = name;
    row_.sheet = sheet_;
  }

  void start_row(int number) {
    if (number > kMaxRows) fail(display_, "it has more than 1,048,576 rows, more than a sheet may hold");
    row_.number = number;
    row_.cells.clear();
    next_column_ = 0;
  }
  int row_number() const { return row_.number; }
  std::size_t next_column() const { return next_column_; }

  // `repeat` cells from column `column` on.
  void add(std::size_t column, const SheetCell& cell, std::size_t repeat = 1) {
    if (column < next_column_) column = next_column_;  // out of order: kept after the last
    next_column_ = column + repeat;
    if (cell.kind == CellKind::kEmpty) return;
    if (column + repeat > kMaxColumns)
      fail(display_, "row " + std::to_string(row_.number) + " has more than 16,384 columns");
    row_.cells.resize(column);
    for (std::size_t i = 0; i < repeat; ++i) row_.cells.push_back(cell);
  }

  // Ends the row; false when the reader is to stop.
  bool end_row(int repeat = 1) {
    if (row_.cells.empty()) return true;
    if (row_.number + repeat - 1 > kMaxRows)
      fail(display_, "it has more than 1,048,576 rows, more than a sheet may hold");
    SheetRow blank;
    blank.sheet = sheet_;
    for (blank.number = handed_ + 1; blank.number < row_.number; ++blank.number) {
      if (!on_row_(blank)) return false;
    }
    for (int i = 0; i < repeat; ++i) {
      handed_ = row_.number;
      if (!on_row_(row_)) return false;
      ++row_.number;
    }
    --row_.number;
    return true;
  }

 private:
  const std::string& display_;
  const std::function<bool(const SheetRow&)>& on_row_;
  std::string sheet_;
  SheetRow row_;
  std::size_t next_column_ = 0;
  int handed_ = 0;  // the last row handed over
};

// ---- .xlsx -----------------------------------------------------------------

struct Workbook {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  bool date1904 = false;
};

class WorkbookHandler : public XmlHandler {
 public:
  Workbook book;
  void start(std::string_view name, const char*, const char** attrs) override {
    if (name == "sheet") {
      const char* sheet = attribute(attrs, "name");
      const char* id = attribute(attrs, "id", "relationships");
      if (sheet && id) book.sheets.emplace_back(sheet, id);
    } else if (name == "workbookPr") {
      const char* d = attribute(attrs, "date1904");
      book.date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
    }
  }
  void end(std::string_view) override {}
};

class RelsHandler : public XmlHandler {
 public:
  std::map<std::string, std::string> targets;  // id -> target
  void start(std::string_view name, const char*, const char** attrs) override {
    const char* id = attribute(attrs, "Id");
    const char* target = attribute(attrs, "Target");
    if (name == "Relationship" && id && target) targets[id] = target;
  }
  void end(std::string_view) override {}
};

// Which cell formats (styles.xml's cellXfs, by index) show a date.
class StylesHandler : public XmlHandler {
 public:
  std::vector<bool> date_styles;
  void start(std::string_view name, const char*, const char** attrs) override {
    if (name == "numFmt") {
      const char* id = attribute(attrs, "numFmtId");
      const char* code = attribute(attrs, "formatCode");
      if (id && code) custom_[std::atoi(id)] = is_date_format(code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = attribute(attrs, "numFmtId");
      int format = id ? std::atoi(id) : 0;
      auto it = custom_.find(format);
      date_styles.push_back(it != custom_.end() ? it->second : is_builtin_date_format(format));
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  std::map<int, bool> custom_;
  bool in_cell_xfs_ = false;
};

// The shared strings, held (cells refer to them by index): each string's
// text runs joined, its phonetic runs (rPh) left out.
class SharedStringsHandler : public XmlHandler {
 public:
  std::vector<std::string> strings;
  void start(std::string_view name, const char*, const char**) override {
    if (name == "si") strings.emplace_back();
    if (name == "rPh") ++phonetic_;
    if (name == "t") in_text_ = true;
  }
  void end(std::string_view name) override {
    if (name == "rPh") --phonetic_;
    if (name == "t") in_text_ = false;
  }
  void text(std::string_view s) override {
    if (in_text_ && phonetic_ == 0 && !strings.empty()) strings.back() += s;
  }

 private:
  int phonetic_ = 0;
  bool in_text_ = false;
};

class XlsxSheetHandler : public XmlHandler {
 public:
  XlsxSheetHandler(RowSink& sink, const std::vector<std::string>& strings, const std::vector<bool>& date_styles,
                   bool date1904)
      : sink_(sink), strings_(strings), date_styles_(date_styles), date1904_(date1904) {}

  void start(std::string_view name, const char*, const char** attrs) override {
    if (name == "row") {
      const char* r = attribute(attrs, "r");
      int number = r ? std::atoi(r) : 0;
      sink_.start_row(number > sink_.row_number() ? number : sink_.row_number() + 1);
    } else if (name == "c") {
      const char* r = attribute(attrs, "r");
      long column = r ? column_index(r) : -1;
      column_ = column >= 0 ? static_cast<std::size_t>(column) : sink_.next_column();
      const char* t = attribute(attrs, "t");
      type_ = t ? t : "n";
      const char* s = attribute(attrs, "s");
      std::size_t style = s ? static_cast<std::size_t>(std::atol(s)) : 0;
      date_ = style < date_styles_.size() && date_styles_[style];
      value_.clear();
      inline_.clear();
      in_cell_ = true;
    } else if (in_cell_ && (name == "v" || name == "t")) {
      text_ = name == "v" ? &value_ : &inline_;
    } else if (name == "rPh") {
      text_ = nullptr;
      ++phonetic_;
    }
  }

  void end(std::string_view name) override {
    if (name == "v" || name == "t") {
      text_ = nullptr;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "c") {
      sink_.add(column_, cell());
      in_cell_ = false;
    } else if (name == "row") {
      if (!sink_.end_row()) stop();
    }
  }

  void text(std::string_view s) override {
    if (text_ && phonetic_ == 0) *text_ += s;
  }

 private:
  SheetCell cell() const {
    if (type_ == "inlineStr") return text_cell(inline_);
    if (value_.empty()) return {};
    if (type_ == "s") {
      auto index = to_double(value_);
      if (!index || *index < 0 || *index >= static_cast<double>(strings_.size())) return {CellKind::kError, "#REF!"};
      return text_cell(strings_[static_cast<std::size_t>(*index)]);
    }
    if (type_ == "str") return text_cell(value_);
    if (type_ == "b") return {CellKind::kBool, value_ == "1" || value_ == "true" ? "true" : "false"};
    if (type_ == "e") return {CellKind::kError, value_};
    if (type_ == "d") return {CellKind::kDate, value_.substr(0, 10)};
    auto number = to_double(value_);
    if (!number) return text_cell(value_);
    if (date_) {
      if (auto date = serial_date(*number, date1904_)) return {CellKind::kDate, *date};
    }
    return {CellKind::kNumber, shortest(*number)};
  }

  static SheetCell text_cell(const std::string& text) {
    return text.empty() ? SheetCell{} : SheetCell{CellKind::kText, text};
  }

  RowSink& sink_;
  const std::vector<std::string>& strings_;
  const std::vector<bool>& date_styles_;
  bool date1904_;
  std::size_t column_ = 0;
  std::string type_, value_, inline_;
  std::string* text_ = nullptr;
  bool date_ = false, in_cell_ = false;
  int phonetic_ = 0;
};

std::string sheet_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
  return out.empty() ? "none" : out;
}

[[noreturn]] void no_such_sheet(const std::string& display, const std::string& sheet,
                                const std::vector<std::string>& names) {
  fail(display, names.empty() ? "it has no sheet"
                              : "it has no sheet '" + sheet + "' (its sheets: " + sheet_list(names) +
                                    "); name one of them in project.json's \"sheet\"");
}

// A part's path from a relationship's target, relative to xl/ or absolute.
std::string part_path(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string path = "xl/" + target;
  // "xl/../x" never occurs in practice; a "./" may.
  if (path.rfind("xl/./", 0) == 0) path.erase(3, 2);
  return path;
}

std::string read_xlsx(const ZipFile& zip, const std::string& display, const std::string& sheet,
                      const std::function<bool(const SheetRow&)>& on_row) {
  WorkbookHandler workbook;
  parse_part(zip, display, "xl/workbook.xml", limits::kWholeFileBytes, workbook);
  std::vector<std::string> names;
  for (const auto& s : workbook.book.sheets) names.push_back(s.first);
  auto chosen = std::find_if(workbook.book.sheets.begin(), workbook.book.sheets.end(),
                             [&](const auto& s) { return sheet.empty() || s.first == sheet; });
  if (chosen == workbook.book.sheets.end()) no_such_sheet(display, sheet, names);
  RelsHandler rels;
  if (zip.has("xl/_rels/workbook.xml.rels"))
    parse_part(zip, display, "xl/_rels/workbook.xml.rels", limits::kWholeFileBytes, rels);
  auto target = rels.targets.find(chosen->second);
  if (target == rels.targets.end() || !zip.has(part_path(target->second)))
    fail(display, "its sheet '" + chosen->first + "' has no worksheet part; open it in Excel and save it again");
  StylesHandler styles;
  if (zip.has("xl/styles.xml")) parse_part(zip, display, "xl/styles.xml", limits::kWholeFileBytes, styles);
  SharedStringsHandler strings;
  if (zip.has("xl/sharedStrings.xml"))
    parse_part(zip, display, "xl/sharedStrings.xml", limits::kWholeFileBytes, strings);
  RowSink sink(display, on_row);
  sink.set_sheet(chosen->first);
  XlsxSheetHandler handler(sink, strings.strings, styles.date_styles, workbook.book.date1904);
  parse_part(zip, display, part_path(target->second), kMaxSheetBytes, handler);
  return chosen->first;
}

// ---- .ods ------------------------------------------------------------------

class OdsHandler : public XmlHandler {
 public:
  OdsHandler(RowSink& sink, const std::string& wanted) : sink_(sink), wanted_(wanted) {}
  std::vector<std::string> names;  // the tables seen
  std::string chosen;
  bool found = false;

  void start(std::string_view name, const char* raw, const char** attrs) override {
    if (in_annotation_ > 0) {
      ++in_annotation_;
      return;
    }
    if (name == "table" && name_space(raw).find(":table:") != std::string_view::npos) {
      const char* n = attribute(attrs, "name");
      names.emplace_back(n ? n : "");
      reading_ = !found && (wanted_.empty() || names.back() == wanted_);
      if (reading_) {
        found = true;
        chosen = names.back();
        sink_.set_sheet(chosen);
      }
      row_ = 0;
      return;
    }
    if (!reading_) return;
    if (name == "table-row") {
      row_repeat_ = repeat(attrs, "number-rows-repeated");
      sink_.start_row(row_ + 1);
    } else if (name == "table-cell" || name == "covered-table-cell") {
      cell_ = {};
      text_.clear();
      paragraphs_ = 0;
      column_repeat_ = repeat(attrs, "number-columns-repeated");
      in_cell_ = name == "table-cell";
      if (in_cell_) typed(attrs);
    } else if (in_cell_ && name == "p") {
      if (paragraphs_++ > 0) text_ += '\n';
    } else if (in_cell_ && name == "s") {
      text_.append(repeat(attrs, "c") > 1000 ? 1000 : repeat(attrs, "c"), ' ');
    } else if (in_cell_ && name == "tab") {
      text_ += '\t';
    } else if (in_cell_ && name == "line-break") {
      text_ += '\n';
    } else if (name == "annotation") {
      in_annotation_ = 1;  // a comment's text is no part of the cell
    }
  }

  void end(std::string_view name) override {
    if (in_annotation_ > 0) {
      --in_annotation_;
      return;
    }
    if (name == "table" && reading_) {
      reading_ = false;
      stop();  // the one table wanted is read
    }
    if (!reading_) return;
    if (name == "table-cell" || name == "covered-table-cell") {
      if (cell_.kind == CellKind::kText || cell_.kind == CellKind::kError) cell_.text = text_;
      if (cell_.kind == CellKind::kText && text_.empty()) cell_.kind = CellKind::kEmpty;
      sink_.add(sink_.next_column(), in_cell_ ? cell_ : SheetCell{}, column_repeat_);
      in_cell_ = false;
    } else if (name == "table-row") {
      // A repeat of empty rows (an .ods ends with a million) only moves the row number on.
      int repeat = static_cast<int>(std::min<std::size_t>(row_repeat_, kMaxRows + std::size_t{1}));
      if (!sink_.end_row(repeat)) stop();
      row_ += repeat;
    }
  }

  void text(std::string_view s) override {
    if (in_cell_ && in_annotation_ == 0 && paragraphs_ > 0) text_ += s;
  }

 private:
  static std::size_t repeat(const char** attrs, std::string_view local) {
    const char* n = attribute(attrs, local);
    long value = n ? std::atol(n) : 1;
    return value > 1 ? static_cast<std::size_t>(value) : 1;
  }

  // The cell's kind and, but for text, its value from its office: attributes.
  void typed(const char** attrs) {
    const char* calc_type = attribute(attrs, "value-type", "calcext");
    const char* type = attribute(attrs, "value-type", ":office:");
    std::string_view t = type ? type : "";
    if (calc_type && std::string_view(calc_type) == "error") {
      cell_.kind = CellKind::kError;  // shown as its text: "#N/A"
    } else if (t == "float" || t == "percentage" || t == "currency") {
      auto number = to_double(attribute(attrs, "value", ":office:") ? attribute(attrs, "value", ":office:") : "");
      if (number) cell_ = {CellKind::kNumber, shortest(*number)};
      else cell_.kind = CellKind::kText;
    } else if (t == "date") {
      const char* d = attribute(attrs, "date-value", ":office:");
      if (d) cell_ = {CellKind::kDate, std::string(d).substr(0, 10)};
      else cell_.kind = CellKind::kText;
    } else if (t == "boolean") {
      const char* b = attribute(attrs, "boolean-value", ":office:");
      cell_ = {CellKind::kBool, b && std::string_view(b) == "true" ? "true" : "false"};
    } else {
      cell_.kind = CellKind::kText;  // string, time, or no type: the text shown
    }
  }

  RowSink& sink_;
  std::string wanted_;
  bool reading_ = false, in_cell_ = false;
  int row_ = 0;
  std::size_t row_repeat_ = 1, column_repeat_ = 1;
  SheetCell cell_;
  std::string text_;
  int paragraphs_ = 0, in_annotation_ = 0;
};

std::string read_ods(const ZipFile& zip, const std::string& display, const std::string& sheet,
                     const std::function<bool(const SheetRow&)>& on_row) {
  if (!zip.has("content.xml")) fail(display, "it is a zip archive but no .ods file (it has no content.xml)");
  RowSink sink(display, on_row);
  OdsHandler handler(sink, sheet);
  parse_part(zip, display, "content.xml", kMaxSheetBytes, handler);
  if (!handler.found) no_such_sheet(display, sheet, handler.names);
  return handler.chosen;
}

bool ends_with_folded(const std::string& path, std::string_view suffix) {
  if (path.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(path[path.size() - suffix.size() + i])) != suffix[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> first_broken_xml_part(const std::string& path) {
  struct Nothing : XmlHandler {
    void start(std::string_view, const char*, const char**) override {}
    void end(std::string_view) override {}
  };
  ZipFile zip(path, path);
  for (const auto& name : zip.names()) {
    if (!name.ends_with(".xml") && !name.ends_with(".rels")) continue;
    Nothing handler;
    try {
      parse_part(zip, path, name, kMaxSheetBytes, handler);
    } catch (const Error&) {
      return name;
    }
  }
  return std::nullopt;
}

bool is_spreadsheet(const std::string& path) {
  return ends_with_folded(path, ".xlsx") || ends_with_folded(path, ".ods");
}

std::string read_sheet_rows(const std::string& path, const std::string& display_name, const std::string& sheet,
                            const std::function<bool(const SheetRow&)>& on_row) {
  ZipFile zip(path, display_name);
  if (zip.has("xl/workbook.xml")) return read_xlsx(zip, display_name, sheet, on_row);
  if (zip.has("content.xml")) return read_ods(zip, display_name, sheet, on_row);
  fail(display_name, "it is a zip archive but no .xlsx or .ods file; save it again from Excel or LibreOffice");
}

std::string cell_name(int row, std::size_t column) {
  std::string letters;
  for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  }
  return letters + std::to_string(row);
}

}  // namespace maaltal
