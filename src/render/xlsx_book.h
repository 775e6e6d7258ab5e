// A libxlsxwriter workbook in a C++ owner, shared by the workbook's sheet
// writers: every call's result is checked, and close() turns lxw_strerror into
// an Error, so no exception crosses C.
#pragma once
#include <xlsxwriter.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "core/error.h"
#include "render/workbook_print.h"

namespace maaltal {

class Workbook {
 public:
  // In constant-memory mode each row goes to disk as the next one starts:
  // rows must come in order, and Excel tables are not available.
  // libxlsxwriter's own temporary files go beside `path` (the build's private
  // folder), not into the shared /tmp.
  explicit Workbook(const std::filesystem::path& path, bool constant_memory = false)
      : path_(path.string()), tmpdir_(path.parent_path().empty() ? "." : path.parent_path().string()) {
    lxw_workbook_options options{};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    options.tmpdir = tmpdir_.data();
    book_ = workbook_new_opt(path_.c_str(), &options);
    if (!book_) throw Error(ErrorKind::kWrite, "cannot create workbook '" + path_ + "'");
  }
  ~Workbook() {
    if (book_) workbook_close(book_);  // only on an error path; the file is discarded then
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() { return book_; }
  // Every sheet added after this prints on A4 with `heading` on each page.
  void print_pages(PageHeading heading) { heading_ = std::move(heading); }
  lxw_worksheet* add_sheet(const std::string& name, const PrintAs& how = {}) {
    lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
    if (!sheet) throw Error(ErrorKind::kWrite, "cannot add sheet '" + name + "' (an invalid or duplicate name?)");
    if (heading_) set_print_layout(sheet, *heading_, how);
    return sheet;
  }
  lxw_format* format(const std::string& num_format, bool bold = false) {
    std::string key = num_format + (bold ? "|b" : "");
    auto it = formats_.find(key);
    if (it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(book_);
    if (!num_format.empty()) format_set_num_format(f, num_format.c_str());
    if (bold) format_set_bold(f);
    formats_[key] = f;
    return f;
  }
  void close() {
    lxw_error error = workbook_close(book_);
    book_ = nullptr;
    if (error != LXW_NO_ERROR)
      throw Error(ErrorKind::kWrite, "cannot write workbook '" + path_ + "': " + lxw_strerror(error));
  }

 private:
  std::string path_;
  std::string tmpdir_;
  lxw_workbook* book_ = nullptr;
  std::optional<PageHeading> heading_;
  std::map<std::string, lxw_format*> formats_;
};

inline void check(lxw_error error, const std::string& what) {
  if (error != LXW_NO_ERROR) throw Error(ErrorKind::kWrite, what + ": " + lxw_strerror(error));
}

// The width of a text in characters, for fitting columns.
inline int text_width(const std::string& text) {
  int chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return chars;
}

}  // namespace maaltal
