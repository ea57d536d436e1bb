#include "contracts/lifecycle.hpp"

#include "contracts/capacity.hpp"
#include "contracts/contract_keys.hpp"
#include "contracts/contract_ops.hpp"
#include "core/uint128.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"

namespace grid::contracts {
std::uint64_t grace_expiry_time(const Contract& contract, const ledger::ChainParams& params) {
  std::uint64_t period =
      contract.kind == ContractKind::rent ? params.grace_period_rent : params.grace_period_node;
  return core::saturate_u64(core::u128{contract.grace_since} + period);
}

namespace {

// A rent contract ends: the node contracts on its node go first (billed, then rent_ended), then
// the node is no longer rented.
core::Status end_rent(ledger::BlockContext& ctx, const Contract& rent) {
  std::uint32_t node_id = *rent.rent_node_id;
  GRID_ASSIGN(auto ids, live_node_contract_ids(ctx.state, node_id));
  for (std::uint64_t id : ids) {
    GRID_ASSIGN(Contract contract, load_contract(ctx.state, id));
    GRID_TRY(bill_now(ctx, contract));
    if (contract.is_live()) GRID_TRY(delete_contract(ctx, contract, DeleteReason::rent_ended));
  }
  GRID_ASSIGN(ledger::Node node, ledger::load_node(ctx.state, node_id));
  if (node.rent_contract_id == rent.id) node.rent_contract_id = 0;
  ledger::store_node(ctx.state, node);
  return core::Status::ok();
}

// A node contract ends: its reservation and IPs go back to the node and the farm.
core::Status release_node_contract(ledger::BlockContext& ctx, const Contract& contract) {
  const NodeContractTerms& terms = *contract.node;
  GRID_ASSIGN(ledger::Node node, ledger::load_node(ctx.state, terms.node_id));
  node.reserved = subtract(node.reserved, terms.resources);
  if (node.contract_count == 0)
    return core::Status::internal("node " + std::to_string(node.id) +
                                  " counts no contract to release");
  node.contract_count -= 1;
  ledger::store_node(ctx.state, node);
  ctx.state.erase(keys::node_contract(node.id, contract.id));
  if (terms.ips.empty()) return core::Status::ok();
  GRID_ASSIGN(ledger::Farm farm, ledger::load_farm(ctx.state, node.farm_id));
  free_ips(farm, contract.id, terms.ips);
  ledger::store_farm(ctx.state, farm);
  ledger::Event e = contract_event("ips_freed", contract);
  e.farm = farm.id;
  for (const auto& ip : terms.ips) e.with("ip", ip);
  ctx.emit(std::move(e));
  return core::Status::ok();
}

}  // namespace

core::Result<Contract> load_contract(const ledger::StateReader& state, std::uint64_t id) {
  GRID_ASSIGN(auto contract, ledger::load<Contract>(state, keys::contract(id)));
  if (!contract)
    return ledger::refuse(ledger::reason::not_found, "no contract " + std::to_string(id));
  return std::move(*contract);
}

void store_contract(ledger::Overlay& state, const Contract& contract) {
  ledger::store(state, keys::contract(contract.id), contract);
}

// Puts the entry; a caller moving a contract removes its old entry with unschedule_due.
void schedule_due(ledger::Overlay& state, std::uint64_t id, std::uint64_t due_time) {
  state.put(keys::due(due_time, id), {});
}

void unschedule_due(ledger::Overlay& state, std::uint64_t id, std::uint64_t due_time) {
  state.erase(keys::due(due_time, id));
}

std::uint64_t next_due_time(const Contract& contract, const ledger::ChainParams& params) {
  return core::saturate_u64(core::u128{contract.last_billed} + params.billing_period);
}

core::Status delete_contract(ledger::BlockContext& ctx, Contract& contract, DeleteReason reason) {
  if (!contract.is_live())
    return core::Status::internal("contract " + std::to_string(contract.id) +
                                  " is already deleted");
  if (contract.kind == ContractKind::rent && contract.rent_node_id)
    GRID_TRY(end_rent(ctx, contract));
  if (contract.kind == ContractKind::node && contract.node)
    GRID_TRY(release_node_contract(ctx, contract));
  if (contract.kind == ContractKind::name && contract.name)
    ctx.state.erase(keys::name_contract(*contract.name));
  if (billed_by_due_index(contract))
    unschedule_due(ctx.state, contract.id, next_due_time(contract, ctx.params));
  if (contract.state == ContractState::grace_period)
    ctx.state.erase(keys::grace_expiry(grace_expiry_time(contract, ctx.params), contract.id));

  contract.state = ContractState::deleted;
  contract.delete_reason = reason;
  contract.deleted_at = ctx.now();
  store_contract(ctx.state, contract);
  ledger::Event e = contract_event("contract_deleted", contract);
  e.with("reason", std::string(delete_reason_name(reason)));
  ctx.emit(std::move(e));
  return core::Status::ok();
}

}  // namespace grid::contracts
