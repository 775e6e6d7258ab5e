// Text in project.json goes into every output: HTML, Markdown, the workbook's
// XML, file names. A control character there (a NUL byte, an escape sequence,
// a C1 code) has no meaning in any of them and breaks some (a NUL in HTML, an
// invalid character in XML), so it is refused where it is written, with its
// JSON Pointer. Tabs and line breaks are allowed: the writers escape them.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/diagnostics.h"

namespace maaltal {

// Reports E203 for each string (and object key) of `root` that holds a
// control character: U+0000-U+001F but tab, line feed and carriage return,
// U+007F, or U+0080-U+009F.
void check_control_characters(const nlohmann::json& root, const std::string& display, Diagnostics& diags);

}  // namespace maaltal
