// libFuzzer: a whole project read from any bytes as project.json, with the
// sample's registrations beside it, then computed.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "compute/compute.h"
#include "core/error.h"
#include "read/load.h"

namespace {

std::filesystem::path scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("maaltal-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    std::ofstream(d / "registrations.csv")
        << "deltager;kommune;visiteret;udfald;dato\nA1;461;2021-02-01;job;2021-05-01\n";
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto project = scratch() / "project.json";
  std::ofstream(project, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  maaltal::Diagnostics diags;
  try {
    auto dataset = maaltal::load_dataset(project, "project.json", diags);
    for (const auto& d : diags.all()) (void)maaltal::format_diagnostic(d);
    if (dataset && !diags.has_errors()) (void)maaltal::compute_report(*dataset, {std::nullopt, std::nullopt, "fuzz"});
  } catch (const maaltal::Error&) {
    // A file the project names that cannot be read: a clean error, not a crash.
  }
  return 0;
}
