#include "read/project_limits.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <system_error>
#include <vector>

#include "core/error.h"
#include "core/month_names.h"

namespace maaltal {

namespace {

// How many items an array or object may hold, by its member name; others
// hold at most kDefaultItems. Sized far above any real project, and below
// what makes a build slow (200 indicators take a few seconds to write).
struct ItemLimit {
  const char* key;
  std::size_t max;
  const char* items;
};
constexpr ItemLimit kItemLimits[] = {
    {"indicators", 200, "indicators"},
    {"of", 50, "terms"},
    {"stages", 20, "stages"},
    {"breakdowns", 50, "breakdowns"},
    {"categories", 200, "categories"},
    {"age_bands", 200, "age bands"},
    {"funnels", 50, "funnels"},
    {"goals", 200, "goals"},
    {"texts", 20, "texts"},
    {"milestones", 10000, "milestones"},
    {"targets", kMaxTargets, "targets"},
    {"municipalities", 98, "municipalities"},
    {"where", 20, "fields"},
    {"true", 100, "words"},
    {"false", 100, "words"},
};
constexpr ItemLimit kDefaultItems{"", 1000, "items"};

const ItemLimit& item_limit(const std::string& key) {
  for (const auto& limit : kItemLimits) {
    if (key == limit.key) return limit;
  }
  return kDefaultItems;
}

std::string pointer_of(const std::vector<std::string>& keys) {
  std::string ptr;
  for (const auto& key : keys) ptr = JsonFields::pointer(ptr, key);
  return ptr;
}

// 20000 as "20,000", as README writes the limits.
std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

}  // namespace

std::size_t character_count(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool check_definition_size(const Json& root, JsonFields& fields) {
  bool ok = true;
  std::vector<std::string> keys;  // the path of the value looked at
  auto too_long = [&](std::string_view text, const char* what) {
    std::size_t n = character_count(text);
    if (n <= kMaxTextLength) return;
    fields.invalid(pointer_of(keys), std::string(what) + " of " + grouped(n) + " characters; at most " +
                                         grouped(kMaxTextLength) + " are allowed");
    ok = false;
  };
  // True when `value` is an array or object to look inside.
  auto within_limits = [&](const Json& value) {
    if (value.is_string()) too_long(value.get_ref<const std::string&>(), "a text");
    if (!value.is_structured()) return false;
    const ItemLimit& limit = item_limit(keys.empty() ? "" : keys.back());
    if (value.size() <= limit.max) return true;
    fields.invalid(pointer_of(keys), "at most " + grouped(limit.max) + " " + limit.items + " are allowed here, not " +
                                         grouped(value.size()));
    ok = false;
    return false;
  };
  // Depth first without recursion: a deeply nested document cannot exhaust the stack.
  struct Open {
    const Json* node;
    Json::const_iterator next;
    std::size_t index;
  };
  std::vector<Open> open;
  if (within_limits(root)) open.push_back({&root, root.cbegin(), 0});
  while (!open.empty()) {
    Open& top = open.back();
    if (top.next == top.node->cend()) {
      open.pop_back();
      if (!keys.empty()) keys.pop_back();
      continue;
    }
    auto child = top.next++;
    std::size_t index = top.index++;
    if (top.node->is_object()) too_long(child.key(), "a name");  // at the object's pointer: not echoed whole
    keys.push_back(top.node->is_object() ? child.key() : std::to_string(index));
    if (within_limits(*child)) {
      open.push_back({&*child, child->cbegin(), 0});  // its key stays on the path until it is done
    } else {
      keys.pop_back();
    }
  }
  return ok;
}

void require_small_file(const std::filesystem::path& path, const std::string& display_name) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return;  // read_text_file says why not
  std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size <= kMaxSmallFileBytes) return;
  throw Error(ErrorKind::kRead, "cannot read '" + display_name + "': it is " + std::to_string(size >> 20) +
                                    " MiB, larger than the 16 MiB a counts or targets file may be");
}

std::string quote_value(std::string_view value) {
  std::size_t end = 0;
  for (std::size_t chars = 0; end < value.size() && chars < kMaxQuotedCharacters; ++chars) {
    do ++end;
    while (end < value.size() && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80);
  }
  return "'" + std::string(value.substr(0, end)) + (end < value.size() ? "…'" : "'");
}

std::optional<std::string> month_header_equal_to(const std::string& label, Date start, Date end,
                                                 const std::string& locale) {
  if (end < start || end > years_after(start, kMaxPeriodYears)) return std::nullopt;  // already refused
  std::string folded = fold_id(label);
  Date last = years_after(end, kMaxAsOfReachYears);
  for (int year = start.year(); year <= last.year(); ++year) {
    for (unsigned month = 1; month <= 12; ++month) {
      std::string header = month_name(month, locale) + " " + std::to_string(year);
      if (fold_id(header) == folded) return header;
    }
  }
  return std::nullopt;
}

std::string fold_id(std::string_view id) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(id.data(), static_cast<int32_t>(id.size())))
      .foldCase()
      .toUTF8String(out);
  return out;
}

bool check_id(const std::string& id, IdKind kind, const std::string& ptr, JsonFields& fields) {
  const bool project = kind == IdKind::kProject;
  // Bytes, not characters: libxlsxwriter keeps a defined name in 128 bytes
  // and drops a longer one without a word ("Maalopfyldelse_" + the id).
  bool valid = !id.empty() && id.size() <= kMaxIdLength;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(id.data());
  const auto length = static_cast<std::int32_t>(id.size());
  for (std::int32_t i = 0; valid && i < length;) {
    bool first = i == 0;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    bool letter = c > 0 && u_isalpha(c);
    bool digit = c >= '0' && c <= '9';
    valid = letter || (digit && (project || !first)) || (!first && (c == '_' || (project && c == '-')));
  }
  if (valid) return true;
  fields.invalid(ptr, Words(project ? "project_id_form" : "id_form"));
  return false;
}

Date years_after(Date date, int years) {
  unsigned day = date.month() == 2 && date.day() == 29 ? 28 : date.day();
  return Date::from_ymd(date.year() + years, date.month(), day);
}

std::optional<Words> as_of_problem(Date as_of, Date start, Date end, const std::string& what) {
  if (as_of > years_after(end, kMaxAsOfReachYears)) return Words("as_of_after", {{"what", what}, {"end", end.iso()}});
  if (as_of < years_after(start, -kMaxAsOfReachYears)) {
    return Words("as_of_before", {{"what", what}, {"start", start.iso()}});
  }
  return std::nullopt;
}

}  // namespace maaltal
