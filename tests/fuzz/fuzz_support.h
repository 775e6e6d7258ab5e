// What the libFuzzer targets share: a scratch project folder per process, a
// file written from the fuzzer's bytes, and the whole check pipeline run on
// it. A clean maaltal::Error (a file that cannot be read, say) is an answer,
// not a finding; a crash, a sanitizer report, a leak or a time-out is.
#pragma once
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "app/pipeline.h"
#include "compute/suppression.h"
#include "core/error.h"

namespace fuzz {

inline const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("maaltal-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::filesystem::path write(const std::string& name, std::string_view content) {
  auto path = scratch() / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(content.data(), static_cast<std::streamsize>(content.size()));
  return path;
}

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A small project with a funnel, a breakdown and a ratio, whose registrations
// are the file named; `extra` (counts, texts) is spliced into its object.
inline std::string project_json(const std::string& registrations, const std::string& extra = "") {
  return R"({"id": "fuzz", "title": "Fuzz", "period": {"start": "2021-01-01", "end": "2022-12-31"},
  "municipalities": ["461", "751"],
  "registrations": {"file": ")" +
         registrations + R"(", "columns": {"participant": "deltager", "municipality": "kommune"}}, )" + extra + R"(
  "indicators": [
    {"id": "visiterede", "label": "Visiterede", "kind": "count", "date_field": "visiteret"},
    {"id": "i_job", "label": "I job", "kind": "count", "date_field": "job", "after": "visiterede"},
    {"id": "andel", "label": "Andel", "kind": "ratio", "numerator": "i_job", "denominator": "visiterede"}],
  "targets": [{"municipality": "461", "indicator": "visiterede", "value": 10},
              {"municipality": "751", "indicator": "i_job", "value": 4}],
  "breakdowns": [{"id": "ydelse", "label": "Ydelse", "indicator": "visiterede", "field": "ydelse",
                  "categories": ["Dagpenge", "Kontanthjælp"]}],
  "funnels": [{"id": "forloeb", "label": "Forløb", "stages": ["visiterede", "i_job"]}]})";
}

inline constexpr const char* kRegistrationsCsv =
    "deltager;kommune;visiteret;job;ydelse\n"
    "A1;461;2021-02-01;2021-05-01;Dagpenge\n"
    "A2;751;2021-03-04;;Kontanthjælp\n"
    "A3;751;2021-04-01;2021-09-30;Andet\n";

// Every figure `check` and `build` would compute from the project, public and
// internal, without writing an output.
inline void run_pipeline(const std::filesystem::path& project, std::optional<maaltal::Date> as_of = std::nullopt) {
  maaltal::RunOptions options;
  options.project = project;
  options.as_of = as_of;
  options.max_shown = 5;
  try {
    auto result = maaltal::run_check(options);
    if (result.report) (void)maaltal::public_report(*result.report, result.report->privacy);
  } catch (const maaltal::Error&) {
    // Reported with its exit code, as `check` would: not a finding.
  }
}

}  // namespace fuzz
