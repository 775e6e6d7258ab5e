#include "read/labels.h"

#include <algorithm>
#include <iterator>

namespace maaltal {

std::optional<std::string> read_label(JsonFields& fields, const Json& obj, const std::string& parent,
                                      const std::string& key, bool required, const std::string& language,
                                      Translations& texts) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_object()) return fields.string(obj, parent, key, required);
  std::string ptr = JsonFields::pointer(parent, key);
  Translations given{{}, ptr};
  for (const auto& [code, text] : it->items()) {
    if (std::find(std::begin(kLanguages), std::end(kLanguages), code) == std::end(kLanguages)) {
      fields.invalid(JsonFields::pointer(ptr, code), Words("language", {{"value", code}}));
    } else if (!text.is_string()) {
      fields.wrong_type(JsonFields::pointer(ptr, code), Words("string"));
    } else {
      given.texts[code] = text.get<std::string>();
    }
  }
  if (it->empty()) {
    fields.invalid(ptr, Words("label_texts"));
  }
  if (given.texts.empty()) return std::nullopt;
  texts = std::move(given);
  return texts.in(language);
}

}  // namespace maaltal
