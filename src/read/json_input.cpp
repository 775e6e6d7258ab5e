#include "read/json_input.h"

#include <algorithm>
#include <cctype>

#include "core/limits.h"
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

// The byte at which arrays and objects first nest deeper than the limit.
std::size_t too_deep_at(const std::string& text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limits::kJsonDepth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return text.size();
}

// nlohmann's DOM parser behind a SAX handler that keeps the JSON Pointer of
// the value being read and each open container, for the checks
// parse_json_document() promises. A refusal stops the parse (false).
class StrictSax {
 public:
  explicit StrictSax(Json& result) : result_(result), dom_(result, false) {}

  std::optional<JsonProblem> problem;

  bool null() { return value(dom_.null()); }
  bool boolean(bool b) { return value(dom_.boolean(b)); }
  bool number_integer(Json::number_integer_t n) { return value(dom_.number_integer(n)); }
  bool number_unsigned(Json::number_unsigned_t n) { return value(dom_.number_unsigned(n)); }
  bool number_float(Json::number_float_t n, const std::string& s) { return value(dom_.number_float(n, s)); }
  bool string(std::string& s) { return value(dom_.string(s)); }
  bool binary(Json::binary_t& b) { return value(dom_.binary(b)); }
  bool start_object(std::size_t n) { return open(dom_.start_object(n)); }
  bool start_array(std::size_t n) { return open(dom_.start_array(n)); }
  bool end_object() { return close(dom_.end_object()); }
  bool end_array() { return close(dom_.end_array()); }

  bool key(std::string& k) {
    Frame& frame = frames_.back();
    if (frame.container->contains(k)) {
      frame.key = k;
      refuse(JsonProblem::Kind::kDuplicateKey, "this key is given twice in its object; give each key once", 0);
      return false;
    }
    frame.key = k;
    return dom_.key(k);
  }

  // A syntax error, or a number beyond a double (nlohmann's out_of_range
  // 406). nlohmann's own message quotes the token last read ("last read:
  // '...'"), which may be a participant's id: that part is left out.
  template <class Exception>
  bool parse_error(std::size_t byte, const std::string& last_token, const Exception& e) {
    if constexpr (std::is_same_v<Exception, Json::out_of_range>) {
      refuse(JsonProblem::Kind::kNumberOutOfRange, "a number beyond the range of a number (about ±1.8e308)", byte);
      return false;
    }
    std::string message = e.what();
    auto detail = message.find("syntax error");
    if (detail != std::string::npos) message.erase(0, detail);
    const std::string quoted = "; last read: '" + last_token + "'";
    if (auto at = message.find(quoted); at != std::string::npos) message.erase(at, quoted.size());
    refuse(JsonProblem::Kind::kSyntax, message, byte);
    return false;
  }

 private:
  struct Frame {
    Json* container = nullptr;
    std::size_t index = 0;  // in an array: of the value being read
    std::string key;        // in an object: of the value being read
  };

  std::string pointer() const {
    std::string out;
    for (const auto& f : frames_) {
      out =
          f.container->is_array() ? JsonFields::pointer(out, std::to_string(f.index)) : JsonFields::pointer(out, f.key);
    }
    return out;
  }

  void refuse(JsonProblem::Kind kind, std::string message, std::size_t byte) {
    if (!problem) problem = JsonProblem{kind, std::move(message), byte, pointer()};
  }

  // A value is read: the next one in an array has the next index.
  bool value(bool ok) {
    if (!frames_.empty() && frames_.back().container->is_array()) ++frames_.back().index;
    return ok;
  }

  // The container just opened is the last value of its parent (the parse
  // builds one value at a time), or the result.
  bool open(bool ok) {
    if (static_cast<int>(frames_.size()) == limits::kJsonDepth) {
      refuse(JsonProblem::Kind::kTooDeep,
             "arrays and objects nested more than " + std::to_string(limits::kJsonDepth) + " deep", 0);
      return false;
    }
    Json* container = &result_;
    if (!frames_.empty()) {
      Frame& parent = frames_.back();
      container = parent.container->is_array() ? &parent.container->back() : &(*parent.container)[parent.key];
    }
    frames_.push_back({container, 0, ""});
    return ok;
  }

  bool close(bool ok) {
    frames_.pop_back();
    return value(ok);
  }

  Json& result_;
  nlohmann::detail::json_sax_dom_parser<Json> dom_;
  std::vector<Frame> frames_;
};

}  // namespace

namespace {

// Children first, each container emptied from its end: no allocation at all
// (nesting is at most limits::kJsonDepth, so the recursion is short).
void free_json(Json& json) {
  if (json.is_array()) {
    auto& array = json.get_ref<Json::array_t&>();
    while (!array.empty()) {
      free_json(array.back());
      array.pop_back();
    }
  } else if (json.is_object()) {
    auto& object = json.get_ref<Json::object_t&>();
    while (!object.empty()) {
      auto last = std::prev(object.end());
      free_json(last->second);
      object.erase(last);
    }
  }
}

}  // namespace

FreeJsonOnExit::~FreeJsonOnExit() { free_json(json_); }

std::variant<Json, JsonProblem> parse_json_document(const std::string& text) {
  Json result;
  FreeJsonOnExit free_partial(result);  // moved from, when the parse succeeds
  StrictSax sax(result);
  if (Json::sax_parse(text, &sax) && !sax.problem) return result;  // moved: free_partial then frees nothing
  JsonProblem problem = sax.problem.value_or(JsonProblem{JsonProblem::Kind::kSyntax, "syntax error", 0, ""});
  if (problem.kind == JsonProblem::Kind::kTooDeep) problem.byte = too_deep_at(text);
  if (problem.kind == JsonProblem::Kind::kSyntax) problem.byte = offending_token_start(text, problem.byte);
  return problem;
}

std::optional<Json> parse_json(const std::string& text, const std::string& file, Diagnostics& diags) {
  auto parsed = parse_json_document(text);
  if (auto* json = std::get_if<Json>(&parsed)) return std::move(*json);
  const auto& problem = std::get<JsonProblem>(parsed);
  switch (problem.kind) {
    case JsonProblem::Kind::kDuplicateKey:
      diags.error("E205", Words("key"), {file, 0, 0, problem.pointer, ""});  // the words of problem.message
      break;
    case JsonProblem::Kind::kNumberOutOfRange:
      diags.error("E203", Words("number_range"), {file, 0, 0, problem.pointer, ""});  // the words of problem.message
      break;
    default: {
      // The message is the parser's fault and what it expected, never the
      // input's text; the line goes with it, for the caret, and a reader of
      // personal data stars its values out (registrations_reader.cpp).
      LineIndex lines(text);
      std::size_t byte = std::min(problem.byte, text.size());
      int line = lines.line_of(byte);
      diags.error("E201", {{"problem", problem.message}},
                  {file, line, lines.column_of(byte), "", lines.line_text(line)});
    }
  }
  return std::nullopt;
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

void JsonFields::wrong_type(const std::string& ptr, const Words& expected) {
  diags_.error("E202", expected, {file_, 0, 0, ptr, ""});
}

void JsonFields::missing(const std::string& ptr) {
  diags_.error("E202", Words("missing"), {file_, 0, 0, ptr, ""});
}

void JsonFields::invalid(const std::string& ptr, const std::string& message) {
  diags_.error("E203", message, {file_, 0, 0, ptr, ""});
}

void JsonFields::invalid(const std::string& ptr, const Words& words) { diags_.error("E203", words, {file_, 0, 0, ptr, ""}); }

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
    wrong_type(pointer(parent, key), Words("string"));
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
    wrong_type(pointer(parent, key), Words("number"));
    return std::nullopt;
  }
  return v->get<double>();
}

const Json* JsonFields::array(const Json& obj, const std::string& parent, const std::string& key, bool required) {
  const Json* v = member(obj, parent, key, required);
  if (v && !v->is_array()) {
    wrong_type(pointer(parent, key), Words("array"));
    return nullptr;
  }
  return v;
}

const Json* JsonFields::object(const Json& obj, const std::string& parent, const std::string& key, bool required) {
  const Json* v = member(obj, parent, key, required);
  if (v && !v->is_object()) {
    wrong_type(pointer(parent, key), Words("object"));
    return nullptr;
  }
  return v;
}

}  // namespace maaltal
