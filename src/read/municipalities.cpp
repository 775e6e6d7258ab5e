#include "read/municipalities.h"

#include "core/diagnostics.h"
#include "core/error.h"
#include "core/resources.h"
#include "read/csv.h"

namespace maaltal {

const std::map<std::string, Municipality>& municipalities() {
  static const std::map<std::string, Municipality> kList = [] {
    std::string_view text = *embedded_resource("data/kommuner.csv");
    Diagnostics diags;
    LineIndex lines(text);
    CsvTable table = parse_csv(text, ',', "data/kommuner.csv", lines, diags);
    std::map<std::string, Municipality> list;
    for (std::size_t i = 1; i < table.records.size(); ++i) {
      const auto& f = table.records[i].fields;
      if (f.size() < 3) continue;
      list[f[0].value] = {f[0].value, f[1].value, f[2].value};
    }
    return list;
  }();
  return kList;
}

std::string normalise_municipality_code(const std::string& text) {
  std::string code;
  for (char c : text) {
    if (c != ' ' && c != '\t') code += c;
  }
  bool digits = !code.empty() && code.size() <= 3 && code.find_first_not_of("0123456789") == std::string::npos;
  if (digits) code.insert(0, 3 - code.size(), '0');
  return code;
}

}  // namespace maaltal
