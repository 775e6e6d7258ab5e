#include "read/json_input.h"

#include <algorithm>
#include <cctype>

#include "read/text_file.h"

namespace maaltal {

namespace {

// nlohmann's byte is 1-based and points just past the offending token; the
// caret belongs under the token's first character.
std::size_t offending_token_start(const std::string& text, std::size_t byte) {
  std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
  if (end >= text.size()) return end;
  if (text[end] == '"') {
    for (std::size_t i = end; i-- > 0;) {
      if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) return i;
    }
    return end;
  }
  std::size_t start = end;
  while (start > 0 && (std::isalnum(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '.' ||
                       text[start - 1] == '-' || text[start - 1] == '+')) {
    --start;
  }
  return std::isalnum(static_cast<unsigned char>(text[end])) ? start : end;
}

}  // namespace

std::optional<Json> parse_json(const std::string& text, const std::string& file, Diagnostics& diags) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    LineIndex lines(text);
    std::size_t byte = offending_token_start(text, e.byte);
    int line = lines.line_of(byte);
    std::string message = e.what();
    auto detail = message.find("syntax error");
    if (detail != std::string::npos) message = message.substr(detail);
    diags.error("E201", "invalid JSON: " + message, {file, line, lines.column_of(byte), "", lines.line_text(line)});
    return std::nullopt;
  }
}

std::string JsonFields::pointer(const std::string& parent, const std::string& key) {
  std::string escaped;
  for (char c : key) {
    if (c == '~')
      escaped += "~0";
    else if (c == '/')
      escaped += "~1";
    else
      escaped += c;
  }
  return parent + "/" + escaped;
}

void JsonFields::wrong_type(const std::string& ptr, const std::string& expected) {
  diags_.error("E202", "expected " + expected, {file_, 0, 0, ptr, ""});
}

void JsonFields::missing(const std::string& ptr) {
  diags_.error("E202", "required value is missing", {file_, 0, 0, ptr, ""});
}

void JsonFields::invalid(const std::string& ptr, const std::string& message) {
  diags_.error("E203", message, {file_, 0, 0, ptr, ""});
}

const Json* JsonFields::member(const Json& obj, const std::string& parent, const std::string& key, bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) missing(pointer(parent, key));
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> JsonFields::string(const Json& obj, const std::string& parent, const std::string& key,
                                              bool required) {
  const Json* v = member(obj, parent, key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    wrong_type(pointer(parent, key), "a string");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<Date> JsonFields::date(const Json& obj, const std::string& parent, const std::string& key,
                                     bool required) {
  auto text = string(obj, parent, key, required);
  if (!text) return std::nullopt;
  auto d = parse_date(*text);
  if (!d) invalid(pointer(parent, key), "'" + *text + "' is not a date (expected YYYY-MM-DD)");
  return d;
}

std::optional<double> JsonFields::number(const Json& obj, const std::string& parent, const std::string& key,
                                         bool required) {
  const Json* v = member(obj, parent, key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    wrong_type(pointer(parent, key), "a number");
    return std::nullopt;
  }
  return v->get<double>();
}

const Json* JsonFields::array(const Json& obj, const std::string& parent, const std::string& key, bool required) {
  const Json* v = member(obj, parent, key, required);
  if (v && !v->is_array()) {
    wrong_type(pointer(parent, key), "an array");
    return nullptr;
  }
  return v;
}

const Json* JsonFields::object(const Json& obj, const std::string& parent, const std::string& key, bool required) {
  const Json* v = member(obj, parent, key, required);
  if (v && !v->is_object()) {
    wrong_type(pointer(parent, key), "an object");
    return nullptr;
  }
  return v;
}

}  // namespace maaltal
