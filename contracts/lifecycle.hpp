// Contract lifecycle shared by the calls and by billing: loading and storing contracts with their
// indexes, reserving and freeing node capacity and farm IPs, deleting with a stored reason.
//
// Contract: every function keeps the indexes of contracts/contract_keys.hpp consistent with the
// records: a live node contract is in its node's index and reserves its capacity (Node.reserved)
// and its IPs (FarmIp.contract_id); a live contract that bills is in the due index exactly
// once; a contract in grace is in the grace-expiry index exactly once. delete_contract bills
// nothing (callers bill first), frees capacity and IPs, removes the contract from the due, grace,
// node and name indexes, stores state deleted with the reason and emits contract_deleted (and
// ips_freed). A rent contract's deletion deletes the node contracts on its node (rent_ended).
#pragma once

#include <cstdint>

#include "contracts/contract_types.hpp"
#include "ledger/module.hpp"

namespace grid::contracts {

core::Result<Contract> load_contract(const ledger::StateReader& state, std::uint64_t id);
void store_contract(ledger::Overlay& state, const Contract& contract);

// The due index: schedule at `due_time` (removing the old entry at `old_due_time` if any).
void schedule_due(ledger::Overlay& state, std::uint64_t id, std::uint64_t due_time);
void unschedule_due(ledger::Overlay& state, std::uint64_t id, std::uint64_t due_time);
std::uint64_t next_due_time(const Contract& contract, const ledger::ChainParams& params);
// When a contract in grace runs out of it: grace_since + the grace period of its kind.
std::uint64_t grace_expiry_time(const Contract& contract, const ledger::ChainParams& params);

core::Status delete_contract(ledger::BlockContext& ctx, Contract& contract, DeleteReason reason);

}  // namespace grid::contracts
