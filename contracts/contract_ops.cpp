#include "contracts/contract_ops.hpp"

#include "contracts/billing.hpp"
#include "contracts/contract_keys.hpp"
#include "contracts/contract_refusals.hpp"
#include "contracts/lifecycle.hpp"
#include "ledger/accounts.hpp"
#include "ledger/liveness.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"

namespace grid::contracts {

using ledger::refuse;

core::Result<Contract> load_live_contract(const ledger::StateReader& state, std::uint64_t id) {
  GRID_ASSIGN(Contract contract, load_contract(state, id));
  if (!contract.is_live())
    return refuse(reason::contract_deleted,
                  "contract " + std::to_string(id) + " was deleted (" +
                      std::string(delete_reason_name(contract.delete_reason)) + ")");
  return contract;
}

core::Result<Contract> load_owned_contract(const ledger::StateReader& state, std::uint64_t id,
                                           const AccountId& signer) {
  GRID_ASSIGN(std::uint32_t twin_id, ledger::require_twin(state, signer));
  GRID_ASSIGN(Contract contract, load_live_contract(state, id));
  if (contract.twin_id != twin_id)
    return refuse(
        ledger::reason::unauthorized,
        "contract " + std::to_string(id) + " belongs to twin " + std::to_string(contract.twin_id));
  return contract;
}

core::Status require_kind(const Contract& contract, ContractKind kind) {
  if (contract.kind != kind)
    return refuse(reason::wrong_contract_kind,
                  "contract " + std::to_string(contract.id) + " is a " +
                      std::string(contract_kind_name(contract.kind)) + " contract, not a " +
                      std::string(contract_kind_name(kind)) + " contract");
  return core::Status::ok();
}

bool billed_by_due_index(const Contract& contract) {
  return contract.kind != ContractKind::service;
}

core::Result<Contract> open_contract(ledger::BlockContext& ctx, std::uint32_t twin_id,
                                     ContractKind kind) {
  GRID_ASSIGN(ledger::Counters counters, ledger::load_counters(ctx.state));
  if (counters.last_contract_id == UINT64_MAX)
    return refuse(ledger::reason::invalid_input, "no contract id left");
  counters.last_contract_id += 1;
  ledger::store_counters(ctx.state, counters);
  Contract contract;
  contract.id = counters.last_contract_id;
  contract.twin_id = twin_id;
  contract.kind = kind;
  contract.created_at = ctx.now();
  contract.last_billed = ctx.now();
  contract.last_consumption_at = ctx.now();
  return contract;
}

void register_contract(ledger::BlockContext& ctx, const Contract& contract) {
  store_contract(ctx.state, contract);
  ctx.state.put(keys::twin_contract(contract.twin_id, contract.id), {});
  if (billed_by_due_index(contract))
    schedule_due(ctx.state, contract.id, next_due_time(contract, ctx.params));
}

core::Status bill_now(ledger::BlockContext& ctx, Contract& contract) {
  if (!billed_by_due_index(contract)) return core::Status::ok();
  std::uint64_t old_due = next_due_time(contract, ctx.params);
  GRID_TRY(bill_contract(ctx, contract));
  std::uint64_t new_due = next_due_time(contract, ctx.params);
  if (!contract.is_live() || new_due == old_due) return core::Status::ok();
  GRID_ASSIGN(auto old_entry, ctx.state.get(keys::due(old_due, contract.id)));
  if (old_entry) {  // billing left the entry where it was: move it
    unschedule_due(ctx.state, contract.id, old_due);
    schedule_due(ctx.state, contract.id, new_due);
  }
  return core::Status::ok();
}

void snapshot_liveness(Contract& contract, const ledger::Node& node,
                       const ledger::BlockContext& ctx) {
  contract.down_seconds_at_bill = ledger::down_seconds_at(node, ctx.now(), ctx.params);
  contract.standby_seconds_at_bill = ledger::standby_seconds_at(node, ctx.now());
}

core::Result<SolutionProvider> load_solution_provider(const ledger::StateReader& state,
                                                      std::uint64_t id) {
  GRID_ASSIGN(auto provider, ledger::load<SolutionProvider>(state, keys::solution_provider(id)));
  if (!provider)
    return refuse(ledger::reason::not_found, "no solution provider " + std::to_string(id));
  return std::move(*provider);
}

core::Status require_approved_provider(const ledger::StateReader& state,
                                       const std::optional<std::uint64_t>& provider_id) {
  if (!provider_id) return core::Status::ok();
  GRID_ASSIGN(SolutionProvider provider, load_solution_provider(state, *provider_id));
  if (!provider.approved)
    return refuse(
        reason::solution_provider_not_approved,
        "solution provider " + std::to_string(provider.id) + " is not approved by the council");
  return core::Status::ok();
}

core::Result<std::vector<std::uint64_t>> live_node_contract_ids(const ledger::StateReader& state,
                                                                std::uint32_t node_id) {
  std::vector<std::uint64_t> ids;
  GRID_TRY(state.scan_prefix(keys::node_contracts_prefix(node_id),
                             [&](core::ByteView key, core::ByteView) {
                               ids.push_back(keys::trailing_id(key));
                               return true;
                             }));
  return ids;
}

std::optional<std::uint32_t> contract_node(const Contract& contract) {
  if (contract.node) return contract.node->node_id;
  if (contract.rent_node_id) return *contract.rent_node_id;
  return std::nullopt;
}

ledger::Event contract_event(std::string kind, const Contract& contract) {
  return ledger::Event{.kind = std::move(kind),
                       .twin = contract.twin_id,
                       .node = contract_node(contract),
                       .contract = contract.id};
}

}  // namespace grid::contracts
