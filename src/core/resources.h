// Files compiled into the binary: default templates, locale strings and the
// reference list of municipalities. Keys are paths relative to the source tree
// ("templates/status.md.mustache"). Nothing here reads the file system.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace maaltal {

const std::map<std::string_view, std::string_view>& embedded_resources();

// The embedded text of `key`, or nullopt when no such resource exists.
std::optional<std::string_view> embedded_resource(std::string_view key);

}  // namespace maaltal
