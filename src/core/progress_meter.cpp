#include "core/progress_meter.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

namespace maaltal::progress {

namespace {

using Clock = std::chrono::steady_clock;

struct State {
  bool on = false;
  double delay = 1.0;
  Clock::time_point start = Clock::now();
  Clock::time_point last{};
  bool shown = false;
  std::string stage;  // the one shown last
};

State& state() {
  static State s;
  return s;
}

}  // namespace

void enable(double delay_seconds) {
  State& s = state();
  s.on = true;
  s.delay = delay_seconds;
  s.start = Clock::now();
}

void update(const char* stage, std::optional<double> fraction) {
  State& s = state();
  if (!s.on) return;
  auto now = Clock::now();
  if (std::chrono::duration<double>(now - s.start).count() < s.delay) return;
  // A new stage is shown at once; a stage's own progress ten times a second.
  if (s.shown && s.stage == stage && now - s.last < std::chrono::milliseconds(100)) return;
  s.last = now;
  s.stage = stage;
  s.shown = true;
  if (fraction)
    std::fprintf(stderr, "\rmaaltal: %s %3d %%\033[K", stage, static_cast<int>(std::lround(*fraction * 100)));
  else
    std::fprintf(stderr, "\rmaaltal: %s ...\033[K", stage);
  std::fflush(stderr);
}

void finish() {
  State& s = state();
  if (s.shown) std::fprintf(stderr, "\r\033[K");
  s.shown = false;
  s.on = false;
}

}  // namespace maaltal::progress
