#include "tests/sim/sim_clock.hpp"

namespace grid::sim {

namespace {

constexpr std::int64_t kPpm = 1'000'000;

std::int64_t signed_between(Prng& prng, std::uint64_t lo, std::uint64_t hi) {
  auto magnitude = static_cast<std::int64_t>(prng.between(lo, hi));
  return prng.chance(500) ? magnitude : -magnitude;
}

std::int64_t abs64(std::int64_t v) {
  return v < 0 ? -v : v;
}

std::string signed_text(std::int64_t v) {
  return (v < 0 ? "" : "+") + std::to_string(v);
}

}  // namespace

std::uint64_t SimClock::read(std::uint64_t epoch_ms, std::uint64_t t) const {
  auto now = static_cast<std::int64_t>(t);
  std::int64_t error = offset_ms + drift_ppm * now / kPpm;
  if (t >= jump_at_ms) error += jump_ms;
  if (t >= back_at_ms) error -= back_ms;
  std::int64_t wall = static_cast<std::int64_t>(epoch_ms) + now + error;
  return wall < 0 ? 0 : static_cast<std::uint64_t>(wall);
}

std::uint64_t SimClock::max_error_ms(std::uint64_t t) const {
  auto now = static_cast<std::int64_t>(t);
  // Rounded up: the truncated drift term of read() is never larger.
  return static_cast<std::uint64_t>(abs64(offset_ms) + (abs64(drift_ppm) * now + kPpm - 1) / kPpm);
}

std::string SimClock::describe() const {
  std::string out = signed_text(offset_ms) + "ms " + signed_text(drift_ppm) + "ppm";
  if (jump_at_ms != kNever)
    out += " +" + std::to_string(jump_ms) + "ms@" + std::to_string(jump_at_ms);
  if (back_at_ms != kNever)
    out += " -" + std::to_string(back_ms) + "ms@" + std::to_string(back_at_ms);
  return out;
}

SimClock small_clock(Prng& prng) {
  SimClock c;
  c.offset_ms = signed_between(prng, 0, 500);
  c.drift_ppm = signed_between(prng, 0, 200);
  return c;
}

SimClock skewed_clock(Prng& prng, std::uint64_t span_ms) {
  SimClock c;
  c.skewed = true;
  std::uint64_t base = prng.chance(500) ? 20'000 : 300'000;
  c.offset_ms = signed_between(prng, base, base + 2'000);
  c.drift_ppm = signed_between(prng, 1'000, 50'000);
  c.jump_ms = static_cast<std::int64_t>(prng.between(240'000, 360'000));
  c.back_ms = static_cast<std::int64_t>(prng.between(120'000, 540'000));
  c.jump_at_ms = prng.below(span_ms);
  c.back_at_ms = c.jump_at_ms + prng.below(span_ms - c.jump_at_ms) + 1;
  return c;
}

}  // namespace grid::sim
