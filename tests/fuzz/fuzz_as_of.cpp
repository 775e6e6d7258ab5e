// libFuzzer: any bytes as the --as-of date, parsed as the command line does
// and, when it is a date, the project computed as of it.
#include "core/date.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto project =
      fuzz::write("project-as-of.json", fuzz::project_json("rows.csv"));
  static const auto rows = fuzz::write("rows.csv", fuzz::kRegistrationsCsv);
  auto as_of = maaltal::parse_date(fuzz::bytes(data, size));
  if (as_of) fuzz::run_pipeline(project, as_of);
  return 0;
}
