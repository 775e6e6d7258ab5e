// libFuzzer: any bytes as a JSON registrations file, read, checked and
// computed through the whole check pipeline, public report included.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto project = fuzz::write(
      "project-json-rows.json", fuzz::project_json("registrations.json"));
  fuzz::write("registrations.json", fuzz::bytes(data, size));
  fuzz::run_pipeline(project);
  return 0;
}
