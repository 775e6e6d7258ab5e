// A progress line for long runs: on stderr, only when stderr is a terminal
// and the run has taken longer than a delay (a second by default), so that a
// pipe, a log or a quick run gets nothing. Process-wide, like the terminal
// it writes to: the stages report, main decides whether anyone sees it.
#pragma once
#include <optional>

namespace maaltal::progress {

// Turns the line on (main, when stderr is a terminal) after `delay_seconds`.
void enable(double delay_seconds);

// The stage now running ("reading registrations") and, when known, how far it
// is (0 to 1). Cheap when off; a new stage is drawn at once, a stage's
// progress at most ten times a second.
void update(const char* stage, std::optional<double> fraction = std::nullopt);

// Clears the line, before the run's own output.
void finish();

}  // namespace maaltal::progress
