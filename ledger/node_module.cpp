#include "ledger/node_module.hpp"

#include <algorithm>

#include "ledger/node_calls.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/validation.hpp"

namespace grid::ledger {
namespace {

Status validate_node_spec(const NodeSpec& spec) {
  GRID_TRY(validate_node_resources(spec.resources));
  GRID_TRY(validate_location(spec.location));
  for (const auto& interface : spec.interfaces) GRID_TRY(validate_interface(interface));
  if (spec.serial) GRID_TRY(validate_serial(*spec.serial));
  return Status::ok();
}

void copy_spec(Node& node, const NodeSpec& spec) {
  node.resources = spec.resources;
  node.location = spec.location;
  node.interfaces = spec.interfaces;
  node.secure_boot = spec.secure_boot;
  node.virtualized = spec.virtualized;
  node.serial = spec.serial;
}

// New total resources must still hold what contracts reserved on the node.
Status check_holds_reserved(const Node& node, const Resources& total) {
  const Resources& r = node.reserved;
  if (total.cru < r.cru || total.mru < r.mru || total.sru < r.sru || total.hru < r.hru)
    return refuse(reason::resources_in_use,
                  "contracts reserve cru " + std::to_string(r.cru) + ", mru " +
                      std::to_string(r.mru) + ", sru " + std::to_string(r.sru) + ", hru " +
                      std::to_string(r.hru) + " on node " + std::to_string(node.id));
  return Status::ok();
}

void add_resource_attributes(Event& e, const Resources& r) {
  e.with("cru", std::to_string(r.cru))
      .with("mru", std::to_string(r.mru))
      .with("sru", std::to_string(r.sru))
      .with("hru", std::to_string(r.hru));
}

Status apply_register_node(TxContext& ctx, const RegisterNode& call) {
  const AccountId& signer = ctx.signer();
  GRID_ASSIGN(std::uint32_t twin_id, require_twin(ctx.state, signer));
  GRID_ASSIGN(Farm farm, load_farm(ctx.state, call.farm_id));
  bool listed = std::find(farm.allowed.begin(), farm.allowed.end(), signer) != farm.allowed.end();
  if (!farm.open && !listed)
    return refuse(reason::node_not_allowed, "farm " + std::to_string(farm.id) +
                                                " is not open and does not list " +
                                                signer.to_address());
  GRID_ASSIGN(auto existing, node_id_of(ctx.state, signer));
  if (existing)
    return refuse(reason::node_exists,
                  signer.to_address() + " already runs node " + std::to_string(*existing));
  GRID_TRY(validate_node_spec(call.spec));

  GRID_ASSIGN(std::uint32_t id, allocate_id(ctx.state, &Counters::last_node_id, "node"));
  Node node;
  node.id = id;
  node.farm_id = farm.id;
  node.twin_id = twin_id;
  node.account = signer;
  copy_spec(node, call.spec);
  node.created_at = ctx.now();
  node.power_state_since = ctx.now();
  node.last_uptime_report = ctx.now();  // a new node counts as up
  store_node(ctx.state, node);
  store_index(ctx.state, keys::node_by_account(signer), id);
  ctx.state.put(keys::node_in_farm(farm.id, id), {});
  farm.node_count += 1;
  store_farm(ctx.state, farm);

  Event e = node_event("node_registered", node);
  add_resource_attributes(e, node.resources);
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_update_node(TxContext& ctx, const UpdateNode& call) {
  GRID_ASSIGN(Node node, load_node(ctx.state, call.node_id));
  if (node.account != ctx.signer())
    return refuse(reason::unauthorized,
                  "node " + std::to_string(node.id) + " is updated by its own account only");
  GRID_TRY(validate_node_spec(call.spec));
  GRID_TRY(check_holds_reserved(node, call.spec.resources));
  bool drop = node.certification == NodeCertification::certified &&
              resources_changed_more_than_one_percent(node.resources, call.spec.resources);
  copy_spec(node, call.spec);
  if (drop) node.certification = NodeCertification::diy;
  store_node(ctx.state, node);

  Event e = node_event("node_updated", node);
  add_resource_attributes(e, node.resources);
  ctx.emit(std::move(e));
  if (drop) {
    Event dropped = node_event("node_certification_dropped", node);
    dropped.with("reason", "resources changed by more than 1 %").with("certification", "diy");
    ctx.emit(std::move(dropped));
  }
  return Status::ok();
}

Status apply_delete_node(TxContext& ctx, const DeleteNode& call) {
  GRID_ASSIGN(Node node, load_node(ctx.state, call.node_id));
  GRID_ASSIGN(Farm farm, load_farm(ctx.state, node.farm_id));
  GRID_ASSIGN(bool farmer, is_farm_owner(ctx.state, farm, ctx.signer()));
  if (node.account != ctx.signer() && !farmer)
    return refuse(reason::unauthorized, "node " + std::to_string(node.id) +
                                            " is deleted by its account or its farmer only");
  // The node's dependants first: contracts bill and end themselves (and free farm IPs).
  for (const auto& module : ctx.modules) GRID_TRY(module->on_node_deleted(ctx, node.id));

  GRID_ASSIGN(farm, load_farm(ctx.state, node.farm_id));  // hooks may have changed it
  ctx.state.erase(keys::node(node.id));
  ctx.state.erase(keys::node_by_account(node.account));
  ctx.state.erase(keys::node_in_farm(farm.id, node.id));
  if (farm.node_count == 0)
    return Status::internal("farm " + std::to_string(farm.id) + " counts no node to delete");
  farm.node_count -= 1;
  store_farm(ctx.state, farm);

  Event e = node_event("node_deleted", node);
  e.with("by", ctx.signer().to_address());
  ctx.emit(std::move(e));
  return Status::ok();
}

}  // namespace

bool NodeModule::handles(const Call& call) const {
  return call.as<RegisterNode>() || call.as<UpdateNode>() || call.as<DeleteNode>() ||
         call.as<SetNodePublicConfig>() || call.as<SetPowerTarget>() ||
         call.as<SetNodeExtraFee>() || is_node_report(call);
}

bool NodeModule::is_fee_free(const Call& call) const {
  return is_node_report(call);
}

Status NodeModule::check_free_call(const StateReader& state, const ChainParams& params,
                                   const BlockHeader& header, const Transaction& tx) const {
  return check_node_report(state, params, header.time, tx.signer, tx.call);
}

Status NodeModule::apply(TxContext& ctx) {
  const Call& call = ctx.tx.call;
  if (auto* c = call.as<RegisterNode>()) return apply_register_node(ctx, *c);
  if (auto* c = call.as<UpdateNode>()) return apply_update_node(ctx, *c);
  if (auto* c = call.as<DeleteNode>()) return apply_delete_node(ctx, *c);
  if (auto* c = call.as<SetNodePublicConfig>()) return apply_set_node_public_config(ctx, *c);
  if (auto* c = call.as<SetPowerTarget>()) return apply_set_power_target(ctx, *c);
  if (auto* c = call.as<SetNodeExtraFee>()) return apply_set_node_extra_fee(ctx, *c);
  if (auto* c = call.as<ReportUptime>()) return apply_report_uptime(ctx, *c);
  if (auto* c = call.as<SetPowerState>()) return apply_set_power_state(ctx, *c);
  return Status::internal("node module given a call it does not handle");
}

}  // namespace grid::ledger
