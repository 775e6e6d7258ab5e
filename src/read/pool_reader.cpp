#include "read/pool_reader.h"

#include <set>

#include "read/json_input.h"
#include "read/text_file.h"

namespace maaltal {

namespace fs = std::filesystem;

namespace {

class PoolReader {
 public:
  PoolReader(const fs::path& path, std::string display, Diagnostics& diags)
      : folder_(path.parent_path()), display_(std::move(display)), diags_(diags), fields_(display_, diags) {}

  std::optional<PoolDefinition> read(const Json& root) {
    if (!root.is_object()) {
      fields_.wrong_type("", Words("object"));
      return std::nullopt;
    }
    int before = diags_.error_count();
    pool_.file = display_;
    pool_.id = fields_.string(root, "", "id", true).value_or("");
    pool_.title = fields_.string(root, "", "title", true).value_or("");
    read_aggregation(root);
    read_period(root);
    read_projects(root);
    read_indicators(root);
    if (diags_.error_count() > before) return std::nullopt;
    return pool_;
  }

 private:
  void read_aggregation(const Json& root) {
    auto aggregation = fields_.string(root, "", "aggregation", false);
    if (!aggregation) return;
    if (*aggregation == "sum")
      pool_.aggregation = Aggregation::kSum;
    else if (*aggregation == "mean")
      pool_.aggregation = Aggregation::kMean;
    else if (*aggregation == "mean_capped")
      pool_.aggregation = Aggregation::kMeanCapped;
    else
      fields_.invalid("/aggregation", Words("aggregation", {{"value", *aggregation}}));
  }

  void read_period(const Json& root) {
    const Json* period = fields_.object(root, "", "period", false);
    if (!period) return;
    pool_.period_start = fields_.date(*period, "/period", "start", true);
    pool_.period_end = fields_.date(*period, "/period", "end", true);
    if (pool_.period_start && pool_.period_end && !(*pool_.period_start < *pool_.period_end)) {
      fields_.invalid("/period/end", Words("pool_period_order"));
    }
  }

  // Each project is a path relative to the pool file, alone or as
  // {"path", "dashboard"}. It may lead out of the pool's folder (the pool
  // sits beside its projects): naming a project here is naming it to `build`
  // on the command line, and each project's own files stay inside its own
  // folder (E207), as in `build`.
  void read_projects(const Json& root) {
    const Json* projects = fields_.array(root, "", "projects", true);
    if (!projects) return;
    if (projects->empty()) fields_.invalid("/projects", Words("no_project"));
    std::set<std::string> seen;
    for (std::size_t i = 0; i < projects->size(); ++i) {
      std::string ptr = "/projects/" + std::to_string(i);
      auto entry = project_entry((*projects)[i], ptr);
      if (!entry) continue;
      if (!seen.insert(entry->display).second) {
        diags_.error("E205", Words("project", {{"path", entry->path}}), {display_, 0, 0, ptr, ""});
        continue;
      }
      pool_.projects.push_back(std::move(*entry));
    }
  }

  std::optional<PoolProjectEntry> project_entry(const Json& entry, const std::string& ptr) {
    PoolProjectEntry out;
    if (entry.is_object()) {
      out.path = fields_.string(entry, ptr, "path", true).value_or("");
      out.dashboard = fields_.string(entry, ptr, "dashboard", false).value_or("");
      if (out.path.empty()) return std::nullopt;
      if (!out.dashboard.empty() && !safe_link(out.dashboard)) {
        diags_.error("E218", Words({{"link", out.dashboard}}),
                     {display_, 0, 0, ptr + "/dashboard", ""});
        return std::nullopt;
      }
    } else if (entry.is_string() && !entry.get<std::string>().empty()) {
      out.path = entry.get<std::string>();
    } else {
      fields_.wrong_type(ptr, Words("pool_project"));
      return std::nullopt;
    }
    out.display = (folder_ / out.path).lexically_normal().generic_string();
    return out;
  }

  // A link a public page may carry: http(s), or a path without a scheme
  // (no javascript:, data: or the like), without spaces or control characters.
  static bool safe_link(const std::string& link) {
    for (unsigned char c : link) {
      if (c <= ' ' || c == 0x7f) return false;
    }
    auto colon = link.find(':');
    auto slash = link.find_first_of("/?#");
    if (colon == std::string::npos || (slash != std::string::npos && slash < colon)) return true;
    std::string scheme = link.substr(0, colon);
    for (auto& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return scheme == "https" || scheme == "http";
  }

  void read_indicators(const Json& root) {
    const Json* indicators = fields_.array(root, "", "indicators", true);
    if (!indicators) return;
    if (indicators->empty()) fields_.invalid("/indicators", Words("no_indicator"));
    std::set<std::string> seen;
    for (std::size_t i = 0; i < indicators->size(); ++i) {
      std::string ptr = "/indicators/" + std::to_string(i);
      const Json& obj = (*indicators)[i];
      if (!obj.is_object()) {
        fields_.wrong_type(ptr, Words("object"));
        continue;
      }
      PoolIndicator ind;
      ind.id = fields_.string(obj, ptr, "id", true).value_or("");
      ind.label = fields_.string(obj, ptr, "label", false).value_or(ind.id);
      if (!ind.id.empty() && !seen.insert(ind.id).second) {
        diags_.error("E205", Words("indicator", {{"id", ind.id}}), {display_, 0, 0, ptr + "/id", ""});
      }
      if (const Json* from = fields_.object(obj, ptr, "from", true)) {
        if (from->empty()) fields_.invalid(ptr + "/from", Words("pool_from_empty"));
        for (const auto& [project, id] : from->items()) {
          std::string at = JsonFields::pointer(ptr + "/from", project);
          if (!id.is_string() || id.get<std::string>().empty()) {
            fields_.wrong_type(at, Words("project_indicator_id"));
            continue;
          }
          ind.from[project] = id.get<std::string>();
          ind.from_pointer[project] = at;
        }
      }
      pool_.indicators.push_back(std::move(ind));
    }
  }

  fs::path folder_;
  std::string display_;
  Diagnostics& diags_;
  JsonFields fields_;
  PoolDefinition pool_;
};

}  // namespace

std::optional<PoolDefinition> read_pool_file(const fs::path& path, const std::string& display, Diagnostics& diags,
                                             std::vector<InputFile>& provenance) {
  std::string text = read_text_file(path, display, provenance);
  auto root = parse_json(text, display, diags);
  if (!root) return std::nullopt;
  FreeJsonOnExit free_root(*root);
  return PoolReader(path, display, diags).read(*root);
}

}  // namespace maaltal
