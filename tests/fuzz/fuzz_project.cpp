// libFuzzer: a whole project read from any bytes as project.json, with a few
// registrations beside it, then checked and computed, public report included.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto rows = fuzz::write("registrations.csv",
                                       "deltager;kommune;visiteret;udfald;dato\nA1;461;2021-02-01;job;2021-05-01\n");
  fuzz::run_pipeline(fuzz::write("project.json", fuzz::bytes(data, size)));
  return 0;
}
