#include "core/collate.h"

#include <algorithm>
#include <catch2/catch.hpp>

using maaltal::Collator;

TEST_CASE("collate: Danish order puts Æ, Ø, Å after Z and Aa with Å") {
  Collator da("da");
  std::vector<std::string> names{"Aarhus", "Ærø", "Aabenraa", "Odder", "Albertslund", "Ålborg", "Zeta", "Østerby"};
  std::sort(names.begin(), names.end(), [&](const auto& a, const auto& b) { return da.less(a, b); });
  REQUIRE(names ==
          std::vector<std::string>{"Albertslund", "Odder", "Zeta", "Ærø", "Østerby", "Aabenraa", "Ålborg", "Aarhus"});
}

TEST_CASE("collate: English order keeps Aarhus first") {
  Collator en("en");
  REQUIRE(en.less("Aarhus", "Albertslund"));
}
