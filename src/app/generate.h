// `maaltal generate`: a realistic national project for tests and benchmarks.
// All 98 municipalities (some large, some with a handful of participants)
// with targets, and one registration per participant with referral and
// outcome dates, benefit group, disability group, gender and birth year in
// plausible proportions. The same seed gives the same bytes, at any size; the
// rows are written as they are drawn, so memory does not grow with N.
#pragma once
#include <cstdint>
#include <filesystem>

namespace maaltal {

struct GenerateOptions {
  std::int64_t participants = 1000;
  std::filesystem::path out;
  std::uint64_t seed = 1;
};

// Writes project.json, targets.csv and registrations.csv into options.out.
// Throws Error(kUsage) for no participants, Error(kWrite) when writing fails.
void generate_project(const GenerateOptions& options);

}  // namespace maaltal
