// create_node_contract, update_node_contract, cancel_contract (rules in contract_module.hpp).
#include "contracts/capacity.hpp"
#include "contracts/contract_calls.hpp"
#include "contracts/contract_keys.hpp"
#include "contracts/contract_ops.hpp"
#include "contracts/contract_refusals.hpp"
#include "contracts/lifecycle.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"

namespace grid::contracts {
namespace {

using namespace ledger;

// Who may place a node contract on `node`: on a rented node only the renter; a node of a
// dedicated farm or with an extra fee only once rented (by the signer).
Status check_placement(const StateReader& state, const Node& node, const Farm& farm,
                       std::uint32_t twin_id) {
  if (node.rent_contract_id != 0) {
    GRID_ASSIGN(Contract rent, load_contract(state, node.rent_contract_id));
    if (rent.twin_id != twin_id)
      return refuse(reason::node_rented, "node " + std::to_string(node.id) + " is rented by twin " +
                                             std::to_string(rent.twin_id));
    return Status::ok();
  }
  if (farm.dedicated || node.extra_fee_musd_month > 0)
    return refuse(reason::node_rent_only,
                  "node " + std::to_string(node.id) +
                      (farm.dedicated ? " is in a dedicated farm" : " has an extra fee") +
                      ": rent it first");
  return Status::ok();
}

Status require_not_in_grace(const Contract& contract) {
  if (contract.state == ContractState::grace_period)
    return refuse(reason::contract_in_grace, "contract " + std::to_string(contract.id) +
                                                 " is in grace since " +
                                                 std::to_string(contract.grace_since));
  return Status::ok();
}

Event ips_event(std::string kind, const Contract& contract, std::uint32_t farm_id,
                const std::vector<std::string>& ips) {
  Event e = contract_event(std::move(kind), contract);
  e.farm = farm_id;
  for (const auto& ip : ips) e.with("ip", ip);
  return e;
}

// Changes the contract's IPs to `count`: more are taken from the farm, fewer free the last ones.
Status resize_ips(TxContext& ctx, Farm& farm, Contract& contract, std::uint32_t count) {
  std::vector<std::string>& ips = contract.node->ips;
  if (count > ips.size()) {
    std::vector<std::string> added;
    GRID_TRY(assign_ips(farm, contract.id, count - static_cast<std::uint32_t>(ips.size()), added));
    ips.insert(ips.end(), added.begin(), added.end());
    ctx.emit(ips_event("ips_reserved", contract, farm.id, added));
  } else if (count < ips.size()) {
    std::vector<std::string> freed(ips.begin() + count, ips.end());
    ips.resize(count);
    free_ips(farm, contract.id, freed);
    ctx.emit(ips_event("ips_freed", contract, farm.id, freed));
  }
  return Status::ok();
}

}  // namespace

Status apply_create_node_contract(TxContext& ctx, const CreateNodeContract& call) {
  GRID_ASSIGN(std::uint32_t twin_id, require_twin(ctx.state, ctx.signer()));
  GRID_ASSIGN(Node node, load_node(ctx.state, call.node_id));
  GRID_ASSIGN(Farm farm, load_farm(ctx.state, node.farm_id));
  GRID_TRY(check_placement(ctx.state, node, farm, twin_id));
  GRID_TRY(check_capacity(node, node.reserved, call.resources, ctx.params));
  GRID_TRY(require_approved_provider(ctx.state, call.solution_provider_id));

  GRID_ASSIGN(Contract contract, open_contract(ctx, twin_id, ContractKind::node));
  NodeContractTerms terms{.node_id = node.id,
                          .resources = call.resources,
                          .public_ips = call.public_ips,
                          .ips = {},
                          .deployment_hash = call.deployment_hash,
                          .deployment_data = call.deployment_data};
  GRID_TRY(assign_ips(farm, contract.id, call.public_ips, terms.ips));
  contract.node = std::move(terms);
  contract.solution_provider_id = call.solution_provider_id;
  snapshot_liveness(contract, node, ctx);
  register_contract(ctx, contract);
  ctx.state.put(keys::node_contract(node.id, contract.id), {});
  node.reserved = add(node.reserved, call.resources);
  node.contract_count += 1;
  store_node(ctx.state, node);
  if (call.public_ips > 0) store_farm(ctx.state, farm);

  Event e = contract_event("contract_created", contract);
  e.farm = farm.id;
  e.with("kind", "node");
  ctx.emit(std::move(e));
  if (call.public_ips > 0)
    ctx.emit(ips_event("ips_reserved", contract, farm.id, contract.node->ips));
  return Status::ok();
}

Status apply_update_node_contract(TxContext& ctx, const UpdateNodeContract& call) {
  GRID_ASSIGN(Contract contract, load_owned_contract(ctx.state, call.contract_id, ctx.signer()));
  GRID_TRY(require_kind(contract, ContractKind::node));
  GRID_TRY(require_not_in_grace(contract));
  GRID_TRY(bill_now(ctx, contract));
  GRID_TRY(require_not_in_grace(contract));  // the bill may have started grace

  NodeContractTerms& terms = *contract.node;
  GRID_ASSIGN(Node node, load_node(ctx.state, terms.node_id));
  GRID_ASSIGN(Farm farm, load_farm(ctx.state, node.farm_id));
  Resources others = subtract(node.reserved, terms.resources);
  GRID_TRY(check_capacity(node, others, call.resources, ctx.params));
  GRID_TRY(resize_ips(ctx, farm, contract, call.public_ips));
  node.reserved = add(others, call.resources);
  terms.resources = call.resources;
  terms.public_ips = call.public_ips;
  terms.deployment_hash = call.deployment_hash;
  terms.deployment_data = call.deployment_data;
  store_node(ctx.state, node);
  store_farm(ctx.state, farm);
  store_contract(ctx.state, contract);

  Event e = contract_event("contract_updated", contract);
  e.with("public_ips", std::to_string(call.public_ips));
  ctx.emit(std::move(e));
  return Status::ok();
}

Status cancel_contract_by(TxContext& ctx, std::uint64_t contract_id) {
  GRID_ASSIGN(Contract contract, load_live_contract(ctx.state, contract_id));
  bool party = false;
  if (contract.service) {
    party = ctx.signer() == contract.service->service || ctx.signer() == contract.service->consumer;
  } else {
    GRID_ASSIGN(std::uint32_t twin_id, require_twin(ctx.state, ctx.signer()));
    party = twin_id == contract.twin_id;
  }
  if (!party)
    return refuse(ledger::reason::unauthorized, "contract " + std::to_string(contract.id) +
                                                    " is not cancelled by " +
                                                    ctx.signer().to_address());
  if (contract.kind == ContractKind::rent) {
    GRID_ASSIGN(Node node, load_node(ctx.state, *contract.rent_node_id));
    if (node.contract_count > 0)
      return refuse(reason::rent_has_node_contracts,
                    "node " + std::to_string(node.id) + " still has " +
                        std::to_string(node.contract_count) + " node contracts");
  }
  GRID_TRY(bill_now(ctx, contract));
  if (contract.is_live()) GRID_TRY(delete_contract(ctx, contract, DeleteReason::canceled_by_user));
  Event e = contract_event("contract_canceled", contract);
  e.account = ctx.signer();
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_cancel_contract(TxContext& ctx, const CancelContract& call) {
  return cancel_contract_by(ctx, call.contract_id);
}

}  // namespace grid::contracts
