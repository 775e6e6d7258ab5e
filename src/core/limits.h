// The limits maaltal keeps to, in one place: each is far beyond any real
// project and there so that a hostile or careless input ends in a message
// and an exit code, never in a crash, a hang or all of the machine's memory.
// README.md's "Limits" lists them; change both together.
#pragma once
#include <cstddef>
#include <cstdint>

namespace maaltal::limits {

// A file read whole (project.json, targets, counts, texts, JSON
// registrations, --previous): 256 MiB. CSV registrations are read in pieces,
// in bounded memory, whatever their size.
inline constexpr std::uint64_t kWholeFileBytes = std::uint64_t{256} << 20;

// Arrays and objects within each other in any JSON input (project.json has 4).
inline constexpr int kJsonDepth = 64;

// Problems kept with their message (printed, listed in the workbook); beyond
// these, and the first of each code, a problem is only counted by its code.
inline constexpr std::size_t kKeptDiagnostics = 10'000;

// Months in a monthly series (the project period, or its start to the as-of
// date): 100 years. Every figure holds one value per month.
inline constexpr int kSeriesMonths = 1'200;

// SOURCE_DATE_EPOCH: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
inline constexpr std::int64_t kLatestEpochSecond = 253'402'300'799;

// `generate --participants`.
inline constexpr std::int64_t kGeneratedParticipants = 100'000'000;

}  // namespace maaltal::limits
