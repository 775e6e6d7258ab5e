// Files compiled into the binary: the default templates (templates/) and the
// built-in configuration (config/: the municipality list, the default project
// settings, the locale word lists, the workbook layout). Keys are paths
// relative to the source tree ("templates/status.md.mustache",
// "config/kommuner.csv"). Nothing here reads the file system, so an installed
// binary works with no source tree beside it.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maaltal {

const std::map<std::string_view, std::string_view>& embedded_resources();

// The embedded text of `key`, or nullopt when no such resource exists.
std::optional<std::string_view> embedded_resource(std::string_view key);

// The built-in folders a file's short name is looked up in, in order.
inline constexpr std::string_view kBuiltInFolders[] = {"templates", "config"};

// The built-in file `name` as a user names it ("status.md.mustache",
// "locale/da.json", "kommuner.csv"): from templates/, else config/. The two
// folders share one name space, as a --templates folder overrides both.
std::optional<std::string_view> built_in_file(std::string_view name);

// The short names of the built-in files in `folder` ("templates" or "config"), sorted.
std::vector<std::string> built_in_names(std::string_view folder);

}  // namespace maaltal
