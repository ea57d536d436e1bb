// Timeouts: the kinds of timer events the engine asks for, and how long each lasts per round.
//
// Contract: the engine never reads a clock. It asks the Timer (interfaces.hpp) to deliver a
// TimeoutEvent after delay_ms of the node's time; the event comes back through Engine::on_timeout.
// Stale events (another height, round or step) are ignored by the engine, so a timer never needs
// cancelling. Durations grow linearly with the round: base + delta * round (saturating).
// Thread safety: values and pure functions.
#pragma once

#include <cstdint>

#include "consensus/types.hpp"
#include "core/uint128.hpp"

namespace grid::consensus {

enum class TimeoutKind : std::uint8_t {
  propose = 0,      // no proposal arrived in time: prevote nil
  prevote = 1,      // 2/3 prevotes for different values: precommit nil
  precommit = 2,    // 2/3 precommits without a decision: next round
  commit = 3,       // the pause after a decision before round 0 of the next height
  rebroadcast = 4,  // periodic re-send of this node's own messages of the height
};
inline constexpr std::uint64_t kMaxTimeoutKind = 4;

struct TimeoutEvent {
  TimeoutKind kind = TimeoutKind::propose;
  Height height = 0;
  Round round = 0;

  bool operator==(const TimeoutEvent&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.kind, core::Limit{kMaxTimeoutKind});
    v(self.height);
    v(self.round);
  }
};

struct TimeoutConfig {
  std::uint64_t propose_ms = 3000, propose_delta_ms = 500;
  std::uint64_t prevote_ms = 1000, prevote_delta_ms = 500;
  std::uint64_t precommit_ms = 1000, precommit_delta_ms = 500;
  std::uint64_t commit_ms = 1000;  // the block time target
  std::uint64_t rebroadcast_ms = 2000;
};

inline std::uint64_t timeout_delay_ms(const TimeoutConfig& c, TimeoutKind kind, Round round) {
  auto grow = [round](std::uint64_t base, std::uint64_t delta) {
    return core::saturate_u64(core::u128{delta} * round + base);
  };
  switch (kind) {
    case TimeoutKind::propose:
      return grow(c.propose_ms, c.propose_delta_ms);
    case TimeoutKind::prevote:
      return grow(c.prevote_ms, c.prevote_delta_ms);
    case TimeoutKind::precommit:
      return grow(c.precommit_ms, c.precommit_delta_ms);
    case TimeoutKind::commit:
      return c.commit_ms;
    case TimeoutKind::rebroadcast:
      return c.rebroadcast_ms;
  }
  return c.commit_ms;
}

}  // namespace grid::consensus
