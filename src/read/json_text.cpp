#include "read/json_text.h"

#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

#include "read/json_input.h"

namespace maaltal {

namespace {

// The first control character of `text`, as its code point.
std::optional<unsigned> control_character(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return c;
    auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0u;
    if (c == 0xC2 && next >= 0x80 && next <= 0x9F) return next;  // U+0080-U+009F in UTF-8
  }
  return std::nullopt;
}

std::string hex4(unsigned code) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04X", code);
  return buffer;
}

// A pointer as it can be printed: its own control characters as \uXXXX.
std::string printable(const std::string& pointer) {
  std::string out;
  for (char c : pointer) {
    auto u = static_cast<unsigned char>(c);
    out += u < 0x20 || u == 0x7F ? "\\u" + hex4(u) : std::string(1, c);
  }
  return out;
}

}  // namespace

void check_control_characters(const nlohmann::json& root, const std::string& display, Diagnostics& diags) {
  auto report = [&](const std::string& text, const std::string& pointer) {
    if (auto code = control_character(text)) {
      diags.error("E203", Words("control_character", {{"code", hex4(*code)}}), {display, 0, 0, printable(pointer), ""});
    }
  };
  // A stack, not recursion: the depth of a hostile file is not this code's to bound.
  std::vector<std::pair<const nlohmann::json*, std::string>> pending{{&root, ""}};
  while (!pending.empty()) {
    auto [value, pointer] = std::move(pending.back());
    pending.pop_back();
    if (value->is_string()) {
      report(value->get_ref<const std::string&>(), pointer);
    } else if (value->is_object()) {
      for (auto it = value->begin(); it != value->end(); ++it) {
        std::string member = JsonFields::pointer(pointer, it.key());
        report(it.key(), member);
        pending.emplace_back(&*it, member);
      }
    } else if (value->is_array()) {
      for (std::size_t i = 0; i < value->size(); ++i) pending.emplace_back(&(*value)[i], pointer + "/" + std::to_string(i));
    }
  }
}

}  // namespace maaltal
