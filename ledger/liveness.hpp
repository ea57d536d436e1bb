// Node liveness (ECONOMICS.md "Billing", liveness-aware): when a node counts as down, how many
// seconds it has been down in total, and how an uptime report updates that account.
//
// Rules:
// - A node is down from last_uptime_report + offline_after (its offline mark) until its next
//   report. A registered node starts with last_uptime_report = its registration time.
// - On a report at `now`: if now > offline mark, down_seconds_total grows by now - offline mark;
//   then last_uptime_report = now and last_uptime_value = the reported uptime.
// - down_seconds_at(now) is down_seconds_total plus the ongoing down time when `now` is past the
//   offline mark; it never decreases as `now` grows, so a contract can bill the up time between
//   two readings as (elapsed - difference of the two readings).
// - Status: standby when the node's power state is down (its farmer powered it down), else down
//   when `now` is past the offline mark, else up.
// Pure functions; integer math with saturation (an offline_after near u64 max never wraps).
#pragma once

#include <cstdint>
#include <string_view>

#include "ledger/params.hpp"
#include "ledger/state_types.hpp"

namespace grid::ledger {

enum class NodeStatus : std::uint8_t { up = 0, down = 1, standby = 2 };

// "up", "down", "standby".
std::string_view node_status_name(NodeStatus status);
// "up", "down"; and the power state a call's `up` flag names.
std::string_view power_state_name(PowerState state);
inline PowerState power_state_of(bool up) {
  return up ? PowerState::up : PowerState::down;
}

// The time from which the node counts as down if it does not report again.
std::uint64_t offline_mark(const Node& node, const ChainParams& params);

std::uint64_t down_seconds_at(const Node& node, std::uint64_t now, const ChainParams& params);

// Standby accounting: standby_seconds_at(now) is standby_seconds_total plus the ongoing standby
// time when the node is powered down now. record_power_state closes the running period.
std::uint64_t standby_seconds_at(const Node& node, std::uint64_t now);
void record_power_state(Node& node, PowerState state, std::uint64_t now);

NodeStatus node_status(const Node& node, std::uint64_t now, const ChainParams& params);

// Applies an uptime report made at `now` (the liveness rule above).
void record_uptime_report(Node& node, std::uint64_t now, std::uint64_t uptime,
                          const ChainParams& params);

}  // namespace grid::ledger
