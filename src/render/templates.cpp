#include "render/templates.h"

#include <algorithm>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

#include "core/error.h"
#include "core/paths.h"
#include "core/resources.h"

namespace maaltal {

namespace mstch = kainjow::mustache;
using Json = nlohmann::json;

TemplateSet::TemplateSet(std::vector<std::filesystem::path> dirs) {
  for (auto& dir : dirs) dirs_.push_back({std::move(dir), {}});
}

void TemplateSet::add_project_dir(const std::filesystem::path& dir, const std::filesystem::path& project_folder) {
  dirs_.push_back({dir, project_folder});
}

namespace {

// Whether a template file stands at `path`. Something else under its name (a
// FIFO, a device, a folder) is refused as every other input is: a FIFO would
// block, and skipping it would silently use the built-in instead.
bool template_file_at(const std::filesystem::path& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return false;
  if (std::filesystem::is_regular_file(status)) return true;
  throw Error(ErrorKind::kRead, "cannot read template '" + path.generic_string() + "': " +
                                    (std::filesystem::is_directory(status)
                                         ? "it is a folder, not a file"
                                         : "it is not a regular file (a FIFO, a socket or a device); give a file"));
}

}  // namespace

std::string TemplateSet::text(const std::string& name) const {
  for (const auto& dir : dirs_) {
    auto path = dir.path / name;
    if (!template_file_at(path)) continue;
    if (!dir.confined_to.empty() && !inside_folder(dir.confined_to, path.lexically_relative(dir.confined_to))) {
      throw Error(ErrorKind::kTemplate, "'" + path.generic_string() +
                                            "' leads outside the project folder; a project's templates must be "
                                            "files inside it");
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (!in) throw Error(ErrorKind::kRead, "cannot read template '" + path.generic_string() + "'");
    return buffer.str();
  }
  if (auto text = built_in_file(name)) return std::string(*text);
  throw Error(ErrorKind::kTemplate, "no template named '" + name + "'");
}

std::string TemplateSet::origin(const std::string& name) const {
  for (const auto& dir : dirs_) {
    if (template_file_at(dir.path / name)) return (dir.path / name).generic_string();
  }
  return kBuiltIn;
}

namespace {

mstch::data to_mustache(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      mstch::data obj{mstch::data::type::object};
      for (const auto& [key, item] : value.items()) obj.set(key, to_mustache(item));
      return obj;
    }
    case Json::value_t::array: {
      mstch::data list{mstch::data::type::list};
      for (const auto& item : value) list.push_back(to_mustache(item));
      return list;
    }
    case Json::value_t::string:
      return mstch::data{value.get<std::string>()};
    case Json::value_t::boolean:
      return mstch::data{value.get<bool>()};
    case Json::value_t::null:
      return mstch::data{false};
    default:
      return mstch::data{value.dump()};
  }
}

// One context of the strictness check: an object to look names up in, or
// nullptr for "unknown" (inside a section over an empty list), where nothing
// can be checked.
struct Frame {
  const Json* object;
  std::string section;
};

const Json* find_name(const std::vector<Frame>& stack, const std::string& name, bool& unknown) {
  unknown = false;
  if (name == ".") {
    unknown = true;  // the current item itself: nothing to look up
    return nullptr;
  }
  std::string head = name.substr(0, name.find('.'));
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (!it->object) {
      unknown = true;
      return nullptr;
    }
    if (!it->object->is_object() || !it->object->contains(head)) continue;
    const Json* value = &(*it->object)[head];
    std::size_t pos = head.size();
    while (pos < name.size()) {
      std::size_t next = name.find('.', pos + 1);
      std::string part = name.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
      if (!value->is_object() || !value->contains(part)) return nullptr;
      value = &(*value)[part];
      pos = next == std::string::npos ? name.size() : next;
    }
    return value;
  }
  return nullptr;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

std::string text_position(const std::string& name, const std::string& text, std::size_t pos) {
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
  auto line_start = pos == 0 ? std::string::npos : text.rfind('\n', pos - 1);
  int column = static_cast<int>(pos - (line_start == std::string::npos ? 0 : line_start + 1)) + 1;
  return name + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::vector<std::string> unknown_tags(const std::string& name, const std::string& text, const Json& view) {
  std::vector<std::string> problems;
  std::vector<Frame> stack{{&view, ""}};
  static const Json kEmpty = Json::object();
  std::size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    bool triple = text.compare(pos, 3, "{{{") == 0;
    std::size_t end = text.find(triple ? "}}}" : "}}", pos);
    if (end == std::string::npos) break;
    std::string tag = trim(text.substr(pos + (triple ? 3 : 2), end - pos - (triple ? 3 : 2)));
    std::size_t tag_pos = pos;
    pos = end + (triple ? 3 : 2);
    char sigil = tag.empty() ? ' ' : tag[0];
    if (sigil == '!' || sigil == '>' || sigil == '=') continue;
    std::string tag_name = std::string("#^/&").find(sigil) != std::string::npos ? trim(tag.substr(1)) : tag;
    if (sigil == '/') {
      if (stack.size() > 1) stack.pop_back();
      continue;
    }
    bool unknown = false;
    const Json* value = find_name(stack, tag_name, unknown);
    if (!value && !unknown) {
      problems.push_back(text_position(name, text, tag_pos) + ": '" + tag_name + "' names nothing in the view model");
    }
    if (sigil == '#' || sigil == '^') {
      const Json* inner = stack.back().object;
      if (unknown || !value)
        inner = nullptr;
      else if (sigil == '#' && value->is_array())
        inner = value->empty() ? nullptr : &(*value)[0];
      else if (sigil == '#' && value->is_object())
        inner = value;
      else
        inner = &kEmpty;  // a boolean section: names resolve in the outer frames
      stack.push_back({inner, tag_name});
    }
  }
  return problems;
}

std::string render_template(const std::string& name, const std::string& text, const Json& view,
                            const EscapeFn& escape) {
  auto problems = unknown_tags(name, text, view);
  if (!problems.empty()) {
    std::string message;
    for (const auto& p : problems) message += (message.empty() ? "" : "\n") + p;
    throw Error(ErrorKind::kTemplate, message);
  }
  mstch::mustache tmpl{text};
  if (!tmpl.is_valid()) throw Error(ErrorKind::kTemplate, name + ": " + tmpl.error_message());
  tmpl.set_custom_escape(escape);
  std::string out = tmpl.render(to_mustache(view));
  if (!tmpl.is_valid()) throw Error(ErrorKind::kTemplate, name + ": " + tmpl.error_message());
  return out;
}

}  // namespace maaltal
