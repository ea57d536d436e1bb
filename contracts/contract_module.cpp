#include "contracts/contract_module.hpp"

#include "contracts/contract_calls.hpp"
#include "contracts/contract_ops.hpp"
#include "contracts/lifecycle.hpp"
#include "contracts/solution_providers.hpp"
#include "ledger/governance_actions.hpp"
#include "ledger/registry_access.hpp"

namespace grid::contracts {

using namespace ledger;

bool ContractModule::handles(const Call& call) const {
  return call.as<CreateNodeContract>() || call.as<UpdateNodeContract>() ||
         call.as<CancelContract>() || call.as<CreateNameContract>() ||
         call.as<CreateRentContract>() || call.as<ReportConsumption>() ||
         call.as<CreateSolutionProvider>() || call.as<AttachSolutionProvider>() ||
         is_service_contract_call(call);
}

Status ContractModule::apply(TxContext& ctx) {
  const Call& call = ctx.tx.call;
  if (auto* c = call.as<CreateNodeContract>()) return apply_create_node_contract(ctx, *c);
  if (auto* c = call.as<UpdateNodeContract>()) return apply_update_node_contract(ctx, *c);
  if (auto* c = call.as<CancelContract>()) return apply_cancel_contract(ctx, *c);
  if (auto* c = call.as<CreateNameContract>()) return apply_create_name_contract(ctx, *c);
  if (auto* c = call.as<CreateRentContract>()) return apply_create_rent_contract(ctx, *c);
  if (auto* c = call.as<ReportConsumption>()) return apply_report_consumption(ctx, *c);
  if (auto* c = call.as<CreateSolutionProvider>()) return apply_create_solution_provider(ctx, *c);
  if (auto* c = call.as<AttachSolutionProvider>()) return apply_attach_solution_provider(ctx, *c);
  if (is_service_contract_call(call)) return apply_service_contract_call(ctx);
  return Status::internal("contract module given a call it does not handle");
}

bool ContractModule::is_fee_free(const Call& call) const {
  return call.as<ReportConsumption>() != nullptr;
}

Status ContractModule::check_free_call(const StateReader& state, const ChainParams& params,
                                       const BlockHeader& header, const Transaction& tx) const {
  auto* call = tx.call.as<ReportConsumption>();
  if (!call)
    return Status::internal("not a fee-free contract call: " + std::string(tx.call.name()));
  return check_report_consumption(state, params, header.time, tx.signer, *call);
}

// Node contracts first (each billed, then deleted), then the node's rent contract.
Status ContractModule::on_node_deleted(BlockContext& ctx, std::uint32_t node_id) {
  GRID_ASSIGN(auto ids, live_node_contract_ids(ctx.state, node_id));
  for (std::uint64_t id : ids) {
    GRID_ASSIGN(Contract contract, load_contract(ctx.state, id));
    GRID_TRY(bill_now(ctx, contract));
    if (contract.is_live()) GRID_TRY(delete_contract(ctx, contract, DeleteReason::node_deleted));
  }
  GRID_ASSIGN(Node node, load_node(ctx.state, node_id));
  if (node.rent_contract_id == 0) return Status::ok();
  GRID_ASSIGN(Contract rent, load_contract(ctx.state, node.rent_contract_id));
  GRID_TRY(bill_now(ctx, rent));
  if (rent.is_live()) GRID_TRY(delete_contract(ctx, rent, DeleteReason::node_deleted));
  return Status::ok();
}

namespace {

Status cancel_by_governance(BlockContext& ctx, std::uint64_t contract_id) {
  GRID_ASSIGN(Contract contract, load_live_contract(ctx.state, contract_id));
  GRID_TRY(bill_now(ctx, contract));
  if (contract.is_live())
    GRID_TRY(delete_contract(ctx, contract, DeleteReason::canceled_by_governance));
  ctx.emit(contract_event("contract_canceled", contract).with("by", "governance"));
  return Status::ok();
}

}  // namespace

std::optional<Status> ContractModule::run_governance_action(BlockContext& ctx,
                                                            const GovAction& action) {
  if (auto* a = action.as<GovCancelContract>()) return cancel_by_governance(ctx, a->contract_id);
  if (auto* a = action.as<GovApproveSolutionProvider>()) {
    auto authority = governance_authority(ctx.state);
    if (!authority) return authority.status();
    return approve_solution_provider(ctx, *authority, a->provider_id);
  }
  return std::nullopt;
}

Status ContractModule::check_invariants(const StateReader& state, std::uint64_t& /*held*/) const {
  return check_contract_invariants(state);
}

}  // namespace grid::contracts
