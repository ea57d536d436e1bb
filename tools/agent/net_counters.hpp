// Network interface byte counters from /proc/net/dev, for consumption reports from real traffic.
//
// Contract: parse_net_dev reads the text of /proc/net/dev and returns the received and
// transmitted byte counters of `interface`; Code::not_found when the interface is absent,
// Code::invalid when its line is malformed. read_net_counters reads the file (Code::io when it
// cannot). counter_delta is the traffic between two readings, treating a counter that went
// backwards (a reset, e.g. the interface was recreated) as restarting from zero. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace grid::tools {

struct NetCounters {
  std::uint64_t rx_bytes = 0;
  std::uint64_t tx_bytes = 0;
  std::uint64_t total() const { return rx_bytes + tx_bytes; }
};

core::Result<NetCounters> parse_net_dev(std::string_view text, std::string_view interface);
core::Result<NetCounters> read_net_counters(const std::string& interface);
std::uint64_t counter_delta(const NetCounters& before, const NetCounters& after);

}  // namespace grid::tools
