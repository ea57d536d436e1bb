// SimClock: one validator's wall clock in the simulation, a pure function of virtual time.
//
// Contract:
// - read(epoch, t) = epoch + t + offset + drift_ppm * t / 10^6 (truncated toward zero)
//   + jump_ms once t >= jump_at_ms - back_ms once t >= back_at_ms: a constant offset, a rate
//   error, a forward jump and a later backward jump. Never below 0 (saturates).
// - small_clock: |offset| <= 500 ms, |drift| <= 200 ppm, no jumps (a synchronised clock).
//   skewed_clock: |offset| of about 20 s or 5 min, |drift| up to 5 %, a forward jump of about
//   5 min and a backward jump of 0.5 to 1.5 times that, both inside [0, span_ms); `skewed` set.
//   exact clocks are the default value.
// - max_error_ms(t) bounds |read(epoch, u) - epoch - u| for every u <= t of a clock without
//   jumps (the error of such a clock only grows with time).
// - Drawn from the given Prng only: same Prng state, same clock.
// Values; no state besides the configuration.
#pragma once

#include <cstdint>
#include <string>

#include "tests/sim/prng.hpp"

namespace grid::sim {

struct SimClock {
  static constexpr std::uint64_t kNever = UINT64_MAX;
  std::int64_t offset_ms = 0;
  std::int64_t drift_ppm = 0;
  std::uint64_t jump_at_ms = kNever;
  std::int64_t jump_ms = 0;
  std::uint64_t back_at_ms = kNever;
  std::int64_t back_ms = 0;
  bool skewed = false;

  std::uint64_t read(std::uint64_t epoch_ms, std::uint64_t t) const;
  std::uint64_t max_error_ms(std::uint64_t t) const;
  std::string describe() const;  // "+20312ms 4100ppm +300000ms@1200 -251000ms@3400"
};

SimClock small_clock(Prng& prng);
SimClock skewed_clock(Prng& prng, std::uint64_t span_ms);

}  // namespace grid::sim
