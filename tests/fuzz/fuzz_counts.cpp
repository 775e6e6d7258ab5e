// libFuzzer: any bytes as an aggregated counts file beside registrations,
// as CSV or (when the first byte is odd) JSON, through the check pipeline.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto csv_project = fuzz::write(
      "project-counts-csv.json",
      fuzz::project_json("rows.csv", R"("counts": {"file": "counts.csv"},)"));
  static const auto json_project = fuzz::write(
      "project-counts-json.json",
      fuzz::project_json("rows.csv", R"("counts": {"file": "counts.json"},)"));
  static const auto rows = fuzz::write("rows.csv", fuzz::kRegistrationsCsv);
  if (size == 0) return 0;
  bool json = data[0] % 2 == 1;
  fuzz::write(json ? "counts.json" : "counts.csv", fuzz::bytes(data + 1, size - 1));
  fuzz::run_pipeline(json ? json_project : csv_project);
  return 0;
}
