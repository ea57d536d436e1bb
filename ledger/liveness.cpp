#include "ledger/liveness.hpp"

#include <limits>

namespace grid::ledger {
namespace {

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  std::uint64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? std::numeric_limits<std::uint64_t>::max() : sum;
}

// Seconds past the offline mark at `now` (0 when not past it).
std::uint64_t ongoing_down(const Node& node, std::uint64_t now, const ChainParams& params) {
  std::uint64_t mark = offline_mark(node, params);
  return now > mark ? now - mark : 0;
}

}  // namespace

std::string_view node_status_name(NodeStatus status) {
  switch (status) {
    case NodeStatus::up:
      return "up";
    case NodeStatus::down:
      return "down";
    case NodeStatus::standby:
      return "standby";
  }
  return "unknown";
}

std::string_view power_state_name(PowerState state) {
  return state == PowerState::up ? "up" : "down";
}

std::uint64_t offline_mark(const Node& node, const ChainParams& params) {
  return saturating_add(node.last_uptime_report, params.offline_after);
}

std::uint64_t down_seconds_at(const Node& node, std::uint64_t now, const ChainParams& params) {
  return saturating_add(node.down_seconds_total, ongoing_down(node, now, params));
}

NodeStatus node_status(const Node& node, std::uint64_t now, const ChainParams& params) {
  if (node.power_state == PowerState::down) return NodeStatus::standby;
  return now > offline_mark(node, params) ? NodeStatus::down : NodeStatus::up;
}

void record_uptime_report(Node& node, std::uint64_t now, std::uint64_t uptime,
                          const ChainParams& params) {
  node.down_seconds_total = down_seconds_at(node, now, params);
  node.last_uptime_report = now;
  node.last_uptime_value = uptime;
}

std::uint64_t standby_seconds_at(const Node& node, std::uint64_t now) {
  if (node.power_state != PowerState::down || now <= node.power_state_since)
    return node.standby_seconds_total;
  return node.standby_seconds_total + (now - node.power_state_since);
}

void record_power_state(Node& node, PowerState state, std::uint64_t now) {
  node.standby_seconds_total = standby_seconds_at(node, now);
  node.power_state = state;
  node.power_state_since = now;
}

}  // namespace grid::ledger
