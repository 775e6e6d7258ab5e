// libFuzzer: any bytes as a JSON input (project.json, JSON registrations or
// counts, --previous): the strict parser ends in a document or in one located
// error, never in a crash; a document is then written out and freed.
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/json_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  maaltal::Diagnostics diags;
  auto json = maaltal::parse_json(text, "x.json", diags);
  for (const auto& d : diags.all()) (void)maaltal::format_diagnostic(d);
  if (json.has_value() == diags.has_errors()) __builtin_trap();  // one or the other
  if (json) {
    maaltal::FreeJsonOnExit free_json(*json);
    (void)json->dump();
  }
  return 0;
}
