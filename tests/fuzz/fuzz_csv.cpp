// libFuzzer: the CSV reader on any bytes, decoded as a file would be.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/diagnostics.h"
#include "core/encoding.h"
#include "read/csv.h"
#include "read/text_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  maaltal::DecodedText decoded = maaltal::decode_text(std::string(reinterpret_cast<const char*>(data), size));
  const std::string& text = decoded.text;
  maaltal::LineIndex lines(text);
  maaltal::Diagnostics diags;
  auto table = maaltal::parse_csv(text, maaltal::detect_delimiter(text), "fuzz.csv", lines, diags);
  for (const auto& d : diags.all()) (void)maaltal::format_diagnostic(d);
  if (!table.records.empty()) (void)maaltal::find_header(table.records[0], {"deltager", "kommune"});
  return 0;
}
