// Labels in project.json: one text for every language ("Visiterede"), or
// one per language ({"da": "Visiterede", "en": "Referred"}), so that
// --locale en reads English throughout (README "Labels per language").
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/project.h"
#include "read/json_input.h"

namespace maaltal {

inline constexpr const char* kLanguages[] = {"da", "en"};

// Member `key` of `obj` as a label: its text in `language` (see
// Translations::in), with `texts` filled when given per language. Reports a
// missing (if `required`) or malformed label, a language other than da and
// en, or an empty object; then nullopt.
std::optional<std::string> read_label(JsonFields& fields, const Json& obj, const std::string& parent,
                                      const std::string& key, bool required, const std::string& language,
                                      Translations& texts);

}  // namespace maaltal
