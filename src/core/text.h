// Comparing what people type: headers, yes/no words, category names.
#pragma once
#include <string>
#include <string_view>

namespace maaltal {

// `text` without surrounding spaces and tabs, ASCII letters in lower case
// (" Ja " -> "ja"; Danish letters are left as they are).
std::string fold_case(std::string_view text);

}  // namespace maaltal
