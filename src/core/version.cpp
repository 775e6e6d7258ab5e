#include "core/version.h"

#include <cmark-gfm.h>
#include <unicode/uversion.h>
#include <xlsxwriter.h>

#include <nlohmann/json.hpp>

namespace maaltal {
namespace {

std::string icu_version() {
  UVersionInfo version;
  u_getVersion(version);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(version, text);
  return text;
}

// nlohmann-json is header-only: the version compiled in is the one running.
std::string json_version() {
  return std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." + std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
         std::to_string(NLOHMANN_JSON_VERSION_PATCH);
}

}  // namespace

const std::string& version_text() {
  static const std::string text = std::string(MAALTAL_VERSION) + " (libxlsxwriter " + lxw_version() + ", cmark-gfm " +
                                  cmark_version_string() + ", ICU " + icu_version() + ", nlohmann-json " +
                                  json_version() + ")";
  return text;
}

}  // namespace maaltal
