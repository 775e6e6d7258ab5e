// The project's analysis definitions in project.json, read after its
// indicators and targets: milestones, funnels, breakdowns (with age bands)
// and qualitative goals. Checks references to indicators and municipalities;
// reports problems as diagnostics with JSON Pointers.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostics.h"
#include "core/project.h"
#include "read/json_input.h"

namespace maaltal {

// What the definitions reader borrows from the project reader.
struct DefinitionReader {
  JsonFields& fields;
  Diagnostics& diags;
  const std::string& file;
  Project& project;
  // A municipality code from a JSON value, checked; "" when invalid.
  std::function<std::string(const Json&, const std::string&)> unit_code;
  // The objects of an array member, each with its JSON Pointer.
  std::function<std::vector<std::pair<const Json*, std::string>>(const Json&, const std::string&, bool)> objects_in;
};

void read_definitions(const Json& root, DefinitionReader& reader);

}  // namespace maaltal
