// create_name_contract and create_rent_contract (rules in contract_module.hpp).
#include "contracts/contract_calls.hpp"
#include "contracts/contract_keys.hpp"
#include "contracts/contract_ops.hpp"
#include "contracts/contract_refusals.hpp"
#include "contracts/lifecycle.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/validation.hpp"

namespace grid::contracts {
namespace {

using namespace ledger;

// Refusal node_has_contracts when a twin other than `twin_id` has a node contract on the node.
Status check_only_own_contracts(const StateReader& state, const Node& node, std::uint32_t twin_id) {
  GRID_ASSIGN(auto ids, live_node_contract_ids(state, node.id));
  for (std::uint64_t id : ids) {
    GRID_ASSIGN(Contract contract, load_contract(state, id));
    if (contract.twin_id != twin_id)
      return refuse(reason::node_has_contracts, "node " + std::to_string(node.id) +
                                                    " has contract " + std::to_string(id) +
                                                    " of twin " + std::to_string(contract.twin_id));
  }
  return Status::ok();
}

void emit_created(TxContext& ctx, const Contract& contract) {
  Event e = contract_event("contract_created", contract);
  e.with("kind", std::string(contract_kind_name(contract.kind)));
  if (contract.name) e.with("name", *contract.name);
  ctx.emit(std::move(e));
}

}  // namespace

Status apply_create_name_contract(TxContext& ctx, const CreateNameContract& call) {
  GRID_ASSIGN(std::uint32_t twin_id, require_twin(ctx.state, ctx.signer()));
  GRID_TRY(validate_name_contract_name(call.name));
  GRID_ASSIGN(auto existing, ctx.state.get(keys::name_contract(call.name)));
  if (existing)
    return refuse(ledger::reason::duplicate_name,
                  "the name '" + call.name + "' is held by a live name contract");

  GRID_ASSIGN(Contract contract, open_contract(ctx, twin_id, ContractKind::name));
  contract.name = call.name;
  register_contract(ctx, contract);
  store(ctx.state, keys::name_contract(call.name), contract.id);
  emit_created(ctx, contract);
  return Status::ok();
}

Status apply_create_rent_contract(TxContext& ctx, const CreateRentContract& call) {
  GRID_ASSIGN(std::uint32_t twin_id, require_twin(ctx.state, ctx.signer()));
  GRID_ASSIGN(Node node, load_node(ctx.state, call.node_id));
  if (node.rent_contract_id != 0)
    return refuse(reason::node_rented, "node " + std::to_string(node.id) +
                                           " is rented by contract " +
                                           std::to_string(node.rent_contract_id));
  GRID_TRY(check_only_own_contracts(ctx.state, node, twin_id));
  GRID_TRY(require_approved_provider(ctx.state, call.solution_provider_id));

  GRID_ASSIGN(Contract contract, open_contract(ctx, twin_id, ContractKind::rent));
  contract.rent_node_id = node.id;
  contract.solution_provider_id = call.solution_provider_id;
  snapshot_liveness(contract, node, ctx);
  register_contract(ctx, contract);
  node.rent_contract_id = contract.id;
  store_node(ctx.state, node);
  emit_created(ctx, contract);
  return Status::ok();
}

}  // namespace grid::contracts
