// Node capacity and farm IPs held by node contracts (ECONOMICS.md "Capacity reservation").
//
// Contract: pure functions over the records given (the caller stores them).
// - usable_capacity: the node's total minus the system reserve: mru reserve =
//   max(mru * mru_reserve_percent / 100, mru_reserve_min), sru reserve = sru_reserve; cru and hru
//   have none; a dimension whose reserve exceeds its total has 0 usable.
// - check_capacity: refusal node_overbooked unless `others + requested` fits the usable capacity
//   in every dimension (others: what other contracts reserve; exactly at the limit fits).
// - add/subtract: per dimension; subtract never goes below 0 (callers keep the invariant).
// - assign_ips: takes `count` free farm IPs in farm order for `contract_id`, appending them to
//   `ips`; refusal not_enough_ips (farm unchanged) when fewer are free.
// - free_ips: frees the farm IPs named in `ips` that this contract holds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "ledger/params.hpp"
#include "ledger/state_types.hpp"

namespace grid::contracts {

ledger::Resources usable_capacity(const ledger::Resources& total, const ledger::ChainParams& p);
core::Status check_capacity(const ledger::Node& node, const ledger::Resources& others,
                            const ledger::Resources& requested, const ledger::ChainParams& p);
ledger::Resources add(const ledger::Resources& a, const ledger::Resources& b);
ledger::Resources subtract(const ledger::Resources& a, const ledger::Resources& b);

core::Status assign_ips(ledger::Farm& farm, std::uint64_t contract_id, std::uint32_t count,
                        std::vector<std::string>& ips);
void free_ips(ledger::Farm& farm, std::uint64_t contract_id, const std::vector<std::string>& ips);

}  // namespace grid::contracts
