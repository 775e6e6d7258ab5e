// What made an output: maaltal's version and those of the libraries that
// shape its outputs. The one source of both `maaltal --version` and the
// generator every output records (summary.json, the workbook, the dashboard,
// status.md), so the two cannot differ.
#pragma once
#include <string>

namespace maaltal {

// "0.1.0 (libxlsxwriter 1.1.4, cmark-gfm 0.29.0.gfm.6, ICU 72.1, nlohmann-json 3.11.2)".
// The shared libraries report the version actually loaded, not the one built
// against, as that is the code that wrote the output.
const std::string& version_text();

}  // namespace maaltal
