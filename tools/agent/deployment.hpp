// Deployment: what the agent provisioned for one contract on its node (the local record kept in
// STATE_DIR/contracts/<id>.json) and the reservation it was provisioned from.
//
// Contract: plain values; describe() renders a reservation for log lines
// ("cru 2, mru 4.0 GiB, sru 50.0 GiB, hru 0 B, 1 public ip"). Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/wire_types.hpp"

namespace grid::tools {

struct Reservation {
  ledger::Resources resources;
  std::uint32_t public_ips = 0;
  std::vector<std::string> ips;  // CIDR, as the chain assigned them
  std::string deployment_hash;   // hex
  bool operator==(const Reservation&) const = default;
};

struct Deployment {
  std::uint64_t contract_id = 0;
  std::uint32_t twin_id = 0;
  bool paused = false;  // the contract is in its grace period: workloads stopped
  Reservation reservation;
  std::uint64_t provisioned_at = 0;  // unix seconds
  bool operator==(const Deployment&) const = default;
};

std::string describe(const Reservation& r);

}  // namespace grid::tools
