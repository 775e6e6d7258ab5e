#include "read/target_basis_reader.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/text.h"

namespace maaltal {

namespace {

// The names of the versions of one municipality's target for one indicator,
// in the order they were given, each once.
std::vector<std::string> version_names(const Project& project, const std::string& code, const std::string& indicator) {
  std::vector<std::string> names;
  for (const auto& t : project.targets) {
    if (t.unit_code != code || t.indicator != indicator) continue;
    if (std::find(names.begin(), names.end(), t.version) == names.end()) names.push_back(t.version);
  }
  return names;
}

// "'oprindelig', 'justeret'", for a message.
std::string quoted_list(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "'" : ", '") + name + "'";
  return text;
}

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

void read_target_basis(const Json& root, DefinitionReader& r) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& [obj_at, obj_ptr] : r.objects_in(root, "target_basis", false)) {
    const Json& obj = *obj_at;
    const std::string& ptr = obj_ptr;  // a lambda may not capture a structured binding (clang, C++20)
    auto at = [&](const std::string& key) { return SourceLocation{r.file, 0, 0, key.empty() ? ptr : ptr + "/" + key, ""}; };
    if (!obj.contains("municipality")) r.fields.missing(ptr + "/municipality");
    std::string code = obj.contains("municipality") ? r.unit_code(obj["municipality"], ptr + "/municipality") : "";
    auto indicator = r.fields.string(obj, ptr, "indicator", true);
    auto version = r.fields.string(obj, ptr, "version", true);
    auto reason = obj.contains("reason") ? r.fields.string(obj, ptr, "reason", false) : std::nullopt;
    bool ok = !code.empty() && indicator && version;
    if (!obj.contains("reason") || (reason && blank(*reason))) {
      // Measuring against another version than the one in force is a choice
      // a reader must be told the reason for.
      r.diags.error("E221", Words{}, at(obj.contains("reason") ? "reason" : ""));
      ok = false;
    } else if (!reason) {
      ok = false;  // not a string: reported by fields.string
    }
    if (!code.empty() &&
        std::find(r.project.unit_codes.begin(), r.project.unit_codes.end(), code) == r.project.unit_codes.end()) {
      r.diags.error("E105", {{"code", code}}, at("municipality"));
      ok = false;
    }
    if (indicator && r.project.indicator_index(*indicator) < 0) {
      r.diags.error("E204", {{"id", *indicator}}, at("indicator"));
      ok = false;
    }
    if (!ok) continue;
    auto names = version_names(r.project, code, *indicator);
    std::string name = r.project.unit_names.contains(code) ? r.project.unit_names.at(code) : code;
    if (names.empty()) {
      r.diags.error("E223", {{"code", code}, {"name", name}, {"id", *indicator}}, at("indicator"));
      continue;
    }
    if (std::find(names.begin(), names.end(), *version) == names.end()) {
      r.diags.error("E220",
                    {{"version", *version}, {"code", code}, {"name", name}, {"id", *indicator}, {"versions", quoted_list(names)}},
                    at("version"));
      continue;
    }
    if (!seen.emplace(code, *indicator).second) {
      r.diags.error("E222", {{"code", code}, {"name", name}, {"id", *indicator}}, at(""));
      continue;
    }
    r.project.target_basis.push_back({code, *indicator, *version, *reason});
  }
}

}  // namespace maaltal
