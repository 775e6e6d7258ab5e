#include "core/paths.h"

#include <algorithm>

namespace maaltal {

namespace fs = std::filesystem;

bool inside_folder(const fs::path& folder, const fs::path& path) {
  if (path.is_absolute()) return false;  // even /home/me/project/x: a project must move as a folder
  std::error_code ec;
  fs::path root = fs::weakly_canonical(folder.empty() ? fs::path(".") : folder, ec);
  if (ec) return false;
  fs::path target = fs::weakly_canonical(root / path, ec);
  if (ec) return false;
  // Component by component, so that /a/project2 is not taken to be inside /a/project.
  return std::mismatch(root.begin(), root.end(), target.begin(), target.end()).first == root.end();
}

}  // namespace maaltal
