// report_consumption: the node daemon's network-unit reports (rules in contract_module.hpp).
// One validation, used both by check_free_call (mempool / block building) and by the call.
#include <map>

#include "contracts/contract_calls.hpp"
#include "contracts/contract_ops.hpp"
#include "contracts/contract_refusals.hpp"
#include "contracts/lifecycle.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"

namespace grid::contracts {
namespace {

using namespace ledger;

struct CheckedReports {
  Node node;
  std::map<std::uint64_t, Contract> contracts;  // as they are after the reports
};

Result<Node> reporting_node(const StateReader& state, const ChainParams& params, std::uint64_t now,
                            const AccountId& signer) {
  GRID_ASSIGN(auto node_id, node_id_of(state, signer));
  if (!node_id) return refuse(ledger::reason::not_a_node, signer.to_address() + " is not a node");
  GRID_ASSIGN(Node node, load_node(state, *node_id));
  std::uint64_t half = params.consumption_report_interval / 2;
  std::uint64_t last = node.last_consumption_report;
  if (last != 0 && (now < last || now - last < half))
    return refuse(ledger::reason::rate_limited, "consumption reports at most every " +
                                                    std::to_string(half) + " s; next at " +
                                                    std::to_string(last + half));
  return node;
}

// The live node contract on `node` a report names (as earlier reports of the call left it).
Result<Contract*> reported_contract(const StateReader& state, const Node& node,
                                    std::map<std::uint64_t, Contract>& seen, std::uint64_t id) {
  auto it = seen.find(id);
  if (it != seen.end()) return &it->second;
  auto loaded = load_contract(state, id);
  if (!loaded && !is_refusal(loaded.status())) return loaded.status();
  if (!loaded || !loaded->is_live() || !loaded->node || loaded->node->node_id != node.id)
    return refuse(reason::contract_not_on_node, "contract " + std::to_string(id) +
                                                    " is not a live node contract on node " +
                                                    std::to_string(node.id));
  return &seen.emplace(id, std::move(*loaded)).first->second;
}

Status apply_report(Contract& contract, const ConsumptionReport& report, std::uint64_t now) {
  if (report.window == 0)
    return refuse(ledger::reason::invalid_input,
                  "contract " + std::to_string(contract.id) + ": empty window");
  std::uint64_t open = now > contract.last_consumption_at ? now - contract.last_consumption_at : 0;
  if (report.window > open)
    return refuse(reason::window_overlap, "contract " + std::to_string(contract.id) +
                                              ": window of " + std::to_string(report.window) +
                                              " s but only " + std::to_string(open) +
                                              " s since its last accepted window");
  if (__builtin_add_overflow(contract.nu_pending_bytes, report.public_bytes,
                             &contract.nu_pending_bytes))
    return refuse(ledger::reason::amount_overflow,
                  "contract " + std::to_string(contract.id) + ": pending bytes overflow");
  contract.last_consumption_at = now;
  return Status::ok();
}

Result<CheckedReports> check_reports(const StateReader& state, const ChainParams& params,
                                     std::uint64_t now, const AccountId& signer,
                                     const ReportConsumption& call) {
  CheckedReports out;
  GRID_ASSIGN(out.node, reporting_node(state, params, now, signer));
  for (const auto& report : call.reports) {
    GRID_ASSIGN(Contract * contract,
                reported_contract(state, out.node, out.contracts, report.contract_id));
    GRID_TRY(apply_report(*contract, report, now));
  }
  return out;
}

}  // namespace

Status check_report_consumption(const StateReader& state, const ChainParams& params,
                                std::uint64_t now, const AccountId& signer,
                                const ReportConsumption& call) {
  return check_reports(state, params, now, signer, call).status();
}

Status apply_report_consumption(TxContext& ctx, const ReportConsumption& call) {
  GRID_ASSIGN(CheckedReports checked,
              check_reports(ctx.state, ctx.params, ctx.now(), ctx.signer(), call));
  checked.node.last_consumption_report = ctx.now();
  store_node(ctx.state, checked.node);
  for (const auto& report : call.reports) {
    Event e = contract_event("consumption_reported", checked.contracts.at(report.contract_id));
    e.with("window", std::to_string(report.window))
        .with("public_bytes", std::to_string(report.public_bytes));
    ctx.emit(std::move(e));
  }
  for (const auto& [id, contract] : checked.contracts) store_contract(ctx.state, contract);
  return Status::ok();
}

}  // namespace grid::contracts
