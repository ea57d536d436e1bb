#include "ledger/liveness.hpp"
#include "ledger/node_calls.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/validation.hpp"

namespace grid::ledger {
namespace {

// Loads the node for its farmer, lets `change(node, event)` check and edit it, stores it and
// emits the event (kind `kind`, the node's ids, the farmer as an attribute).
template <class Change>
Status change_farmer_node(TxContext& ctx, std::uint32_t node_id, std::string kind, Change change) {
  GRID_ASSIGN(Node node, load_farmer_node(ctx.state, node_id, ctx.signer()));
  Event e = node_event(std::move(kind), node);
  GRID_TRY(change(node, e));
  store_node(ctx.state, node);
  e.with("farmer", ctx.signer().to_address());
  ctx.emit(std::move(e));
  return Status::ok();
}

}  // namespace

Status apply_set_node_public_config(TxContext& ctx, const SetNodePublicConfig& call) {
  return change_farmer_node(ctx, call.node_id, "node_public_config_set",
                            [&](Node& node, Event& e) -> Status {
                              if (call.config) GRID_TRY(validate_public_config(*call.config));
                              node.public_config = call.config;
                              if (!call.config) {
                                e.with("cleared", "true");
                                return Status::ok();
                              }
                              e.with("ipv4", call.config->ipv4.ip);
                              if (call.config->ipv6) e.with("ipv6", call.config->ipv6->ip);
                              if (call.config->domain) e.with("domain", *call.config->domain);
                              return Status::ok();
                            });
}

Status apply_set_power_target(TxContext& ctx, const SetPowerTarget& call) {
  return change_farmer_node(ctx, call.node_id, "node_power_target", [&](Node& node, Event& e) {
    node.power_target = power_state_of(call.up);
    e.with("target", std::string(power_state_name(node.power_target)));
    return Status::ok();
  });
}

Status apply_set_node_extra_fee(TxContext& ctx, const SetNodeExtraFee& call) {
  return change_farmer_node(ctx, call.node_id, "node_extra_fee_set", [&](Node& node, Event& e) {
    node.extra_fee_musd_month = call.musd_per_month;
    e.with("musd_per_month", std::to_string(call.musd_per_month));
    return Status::ok();
  });
}

}  // namespace grid::ledger
