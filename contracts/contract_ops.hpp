// Helpers shared by the contract calls and the lifecycle (internal to contracts/): loading a
// contract for an action, opening and registering new contracts, billing at once while keeping
// the due index exact, solution-provider checks, events.
//
// Contract:
// - load_live_contract: refusal not_found (no such id) / contract_deleted (already deleted).
// - load_owned_contract: a live contract whose twin is the signer's (no_twin / unauthorized).
// - require_kind: refusal wrong_contract_kind unless the contract is of `kind`.
// - open_contract: a new contract record (id from Counters.last_contract_id, created_at =
//   last_billed = last_consumption_at = now), not stored yet; register_contract stores it with
//   its twin index entry and, for kinds billed through the due index (all but service
//   contracts), its due entry at next_due_time.
// - bill_now: bill_contract(ctx, contract) for the time up to now, then moves the contract's due
//   entry to its new next_due_time when billing did not already (the due index stays exact
//   whoever reschedules). Service contracts are billed by their service only: a no-op for them.
// - snapshot_liveness: the node's current down/standby totals as the contract's billing marks.
// - require_approved_provider: refusal not_found / solution_provider_not_approved.
// - live_node_contract_ids: the node index of one node (never a scan of all contracts).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracts/contract_types.hpp"
#include "ledger/module.hpp"
#include "ledger/state_types.hpp"

namespace grid::contracts {

core::Result<Contract> load_live_contract(const ledger::StateReader& state, std::uint64_t id);
core::Result<Contract> load_owned_contract(const ledger::StateReader& state, std::uint64_t id,
                                           const AccountId& signer);
core::Status require_kind(const Contract& contract, ContractKind kind);

bool billed_by_due_index(const Contract& contract);
core::Result<Contract> open_contract(ledger::BlockContext& ctx, std::uint32_t twin_id,
                                     ContractKind kind);
void register_contract(ledger::BlockContext& ctx, const Contract& contract);

core::Status bill_now(ledger::BlockContext& ctx, Contract& contract);
void snapshot_liveness(Contract& contract, const ledger::Node& node,
                       const ledger::BlockContext& ctx);

core::Result<SolutionProvider> load_solution_provider(const ledger::StateReader& state,
                                                      std::uint64_t id);
core::Status require_approved_provider(const ledger::StateReader& state,
                                       const std::optional<std::uint64_t>& provider_id);

// The ids of the live node contracts on a node, in id order (an index scan bounded by the
// node's contract count).
core::Result<std::vector<std::uint64_t>> live_node_contract_ids(const ledger::StateReader& state,
                                                                std::uint32_t node_id);

// The node a contract concerns (node contracts and rent contracts), if any.
std::optional<std::uint32_t> contract_node(const Contract& contract);
// An event naming the contract, its twin and its node (if any).
ledger::Event contract_event(std::string kind, const Contract& contract);

}  // namespace grid::contracts
