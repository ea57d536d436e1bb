#include "ledger/governance_ops.hpp"

#include <algorithm>

#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

Result<Council> load_council(const StateReader& state) {
  return load_required<Council>(state, keys::council(), "council");
}

bool is_member(const Council& council, const AccountId& who) {
  return std::find(council.members.begin(), council.members.end(), who) != council.members.end();
}

// Emits `e` with the council member on whose authority it ran.
void emit_by(BlockContext& ctx, Event e, const AccountId& caller) {
  e.with("by", caller.to_address());
  ctx.emit(std::move(e));
}

Status invalid(std::string detail) {
  return refuse(reason::invalid_input, detail);
}

Status check_chain_params(const ChainParams& p) {
  if (p.uptime_report_interval == 0) return invalid("uptime_report_interval must be > 0");
  if (p.offline_after < p.uptime_report_interval)
    return invalid("offline_after must be at least uptime_report_interval");
  if (p.billing_period == 0) return invalid("billing_period must be > 0");
  if (p.epoch_length == 0) return invalid("epoch_length must be > 0");
  if (std::uint64_t{p.foundation_percent} + p.staking_pool_percent > 100)
    return invalid("foundation_percent + staking_pool_percent must be at most 100");
  if (p.price_min == 0 || p.price_min > p.price_max)
    return invalid("price_min must be in 1..price_max");
  if (p.mru_reserve_percent > 100) return invalid("mru_reserve_percent must be at most 100");
  if (p.certified_uplift_percent < 100) return invalid("certified_uplift_percent must be >= 100");
  return Status::ok();
}

std::string_view node_certification_name(NodeCertification c) {
  return c == NodeCertification::certified ? "certified" : "diy";
}
std::string_view farm_certification_name(FarmCertification c) {
  return c == FarmCertification::gold ? "gold" : "none";
}

}  // namespace

Status require_council(const StateReader& state, const AccountId& who) {
  GRID_ASSIGN(Council council, load_council(state));
  if (!is_member(council, who))
    return refuse(reason::not_council, who.to_address() + " is not on the council");
  return Status::ok();
}

Status certify_node(BlockContext& ctx, const AccountId& caller, std::uint32_t node_id,
                    NodeCertification certification) {
  GRID_TRY(require_council(ctx.state, caller));
  GRID_ASSIGN(Node node, load_node(ctx.state, node_id));
  node.certification = certification;
  store_node(ctx.state, node);
  Event e = node_event("node_certified", node);
  e.with("certification", std::string(node_certification_name(certification)));
  emit_by(ctx, std::move(e), caller);
  return Status::ok();
}

Status certify_farm(BlockContext& ctx, const AccountId& caller, std::uint32_t farm_id,
                    FarmCertification certification) {
  GRID_TRY(require_council(ctx.state, caller));
  GRID_ASSIGN(Farm farm, load_farm(ctx.state, farm_id));
  farm.certification = certification;
  store_farm(ctx.state, farm);
  Event e = farm_event("farm_certified", farm);
  e.with("certification", std::string(farm_certification_name(certification)));
  emit_by(ctx, std::move(e), caller);
  return Status::ok();
}

Status set_farm_dedicated(BlockContext& ctx, const AccountId& caller, std::uint32_t farm_id,
                          bool dedicated) {
  GRID_TRY(require_council(ctx.state, caller));
  GRID_ASSIGN(Farm farm, load_farm(ctx.state, farm_id));
  farm.dedicated = dedicated;
  store_farm(ctx.state, farm);
  Event e = farm_event("farm_dedicated_set", farm);
  e.with("dedicated", dedicated ? "true" : "false");
  emit_by(ctx, std::move(e), caller);
  return Status::ok();
}

Status set_pricing_policy(BlockContext& ctx, const AccountId& caller, const PricingPolicy& policy) {
  GRID_TRY(require_council(ctx.state, caller));
  if (policy.id == 0) return invalid("pricing policy id 0");
  if (policy.dedicated_discount_percent > 100)
    return invalid("dedicated_discount_percent must be at most 100");
  store(ctx.state, keys::pricing_policy(policy.id), policy);
  Event e{.kind = "pricing_policy_set"};
  e.with("id", std::to_string(policy.id)).with("name", policy.name);
  emit_by(ctx, std::move(e), caller);
  return Status::ok();
}

Status set_farming_policy(BlockContext& ctx, const AccountId& caller, const FarmingPolicy& policy) {
  GRID_TRY(require_council(ctx.state, caller));
  if (policy.id == 0) return invalid("farming policy id 0");
  if (policy.minimal_uptime_permille > 1000)
    return invalid("minimal_uptime_permille must be at most 1000");
  store(ctx.state, keys::farming_policy(policy.id), policy);
  Event e{.kind = "farming_policy_set"};
  e.with("id", std::to_string(policy.id)).with("name", policy.name);
  emit_by(ctx, std::move(e), caller);
  return Status::ok();
}

Status set_chain_params(BlockContext& ctx, const AccountId& caller, const ChainParams& params) {
  GRID_TRY(require_council(ctx.state, caller));
  GRID_TRY(check_chain_params(params));
  store(ctx.state, keys::params(), params);
  emit_by(ctx, Event{.kind = "chain_params_set", .account = caller}, caller);
  return Status::ok();
}

Status add_council_member(BlockContext& ctx, const AccountId& caller, const AccountId& member) {
  GRID_TRY(require_council(ctx.state, caller));
  GRID_ASSIGN(Council council, load_council(ctx.state));
  if (is_member(council, member))
    return invalid(member.to_address() + " is already on the council");
  council.members.push_back(member);
  store(ctx.state, keys::council(), council);
  emit_by(ctx, Event{.kind = "council_member_added", .account = member}, caller);
  return Status::ok();
}

Status remove_council_member(BlockContext& ctx, const AccountId& caller, const AccountId& member) {
  GRID_TRY(require_council(ctx.state, caller));
  GRID_ASSIGN(Council council, load_council(ctx.state));
  auto at = std::find(council.members.begin(), council.members.end(), member);
  if (at == council.members.end())
    return refuse(reason::not_found, member.to_address() + " is not on the council");
  if (council.members.size() == 1) return invalid("the last council member cannot be removed");
  council.members.erase(at);
  store(ctx.state, keys::council(), council);
  emit_by(ctx, Event{.kind = "council_member_removed", .account = member}, caller);
  return Status::ok();
}

}  // namespace grid::ledger
