// The reference list of Denmark's 98 municipalities (kommunekode -> name),
// compiled in from data/kommuner.csv, the project's copy of the shared facts.
#pragma once
#include <map>
#include <string>

namespace maaltal {

struct Municipality {
  std::string code;    // three digits, "101"
  std::string name;    // "København"
  std::string region;  // "Region Hovedstaden"
};

const std::map<std::string, Municipality>& municipalities();

// "746" for "746", 746 or " 746 "; "101" for "101"; leading zeros restored.
std::string normalise_municipality_code(const std::string& text);

}  // namespace maaltal
