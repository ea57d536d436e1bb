#include "ledger/governance_actions.hpp"

#include <array>
#include <limits>

#include "ledger/executor.hpp"
#include "ledger/governance_ops.hpp"
#include "ledger/module.hpp"
#include "ledger/oracle_module.hpp"
#include "ledger/refusal.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/tagged_variant.hpp"

namespace grid::ledger {
namespace {

// One settable chain parameter: its name and the u64 or the u32 field it names.
struct ParamField {
  std::string_view name;
  std::uint64_t ChainParams::*u64 = nullptr;
  std::uint32_t ChainParams::*u32 = nullptr;
};

#define GRID_P64(f)              \
  ParamField {                   \
#f, &ChainParams::f, nullptr \
  }
#define GRID_P32(f)              \
  ParamField {                   \
#f, nullptr, &ChainParams::f \
  }
constexpr std::array kParamFields = {
    GRID_P64(base_fee),
    GRID_P64(byte_fee),
    GRID_P64(existential_deposit),
    GRID_P64(billing_period),
    GRID_P32(max_bills_per_block),
    GRID_P32(max_settlements_per_block),
    GRID_P64(uptime_report_interval),
    GRID_P64(offline_after),
    GRID_P64(consumption_report_interval),
    GRID_P64(timestamp_hint_tolerance),
    GRID_P64(grace_period_node),
    GRID_P64(grace_period_rent),
    GRID_P32(certified_uplift_percent),
    GRID_P32(mru_reserve_percent),
    GRID_P64(mru_reserve_min),
    GRID_P64(sru_reserve),
    GRID_P32(foundation_percent),
    GRID_P32(staking_pool_percent),
    GRID_P64(min_validator_bond),
    GRID_P64(unbonding_period),
    GRID_P64(epoch_length),
    GRID_P32(max_validators),
    GRID_P32(slash_percent),
    GRID_P64(jail_period),
    GRID_P64(evidence_max_age),
    GRID_P64(minting_period),
    GRID_P64(max_supply),
    GRID_P32(max_mints_per_block),
    GRID_P32(price_min),
    GRID_P32(price_max),
    GRID_P32(price_window),
    GRID_P64(price_submit_interval),
    GRID_P64(proposal_duration),
    GRID_P32(proposal_min_farms),
    GRID_P32(council_motion_percent),
    GRID_P32(council_vetoes_to_close),
};
#undef GRID_P64
#undef GRID_P32

// `params` with the named field set to `value`; invalid_input for an unknown name or a value
// that does not fit the field.
Result<ChainParams> with_param(ChainParams params, const GovSetChainParam& a) {
  for (const auto& f : kParamFields) {
    if (f.name != a.name) continue;
    if (f.u64) {
      params.*f.u64 = a.value;
    } else {
      if (a.value > std::numeric_limits<std::uint32_t>::max())
        return refuse(reason::invalid_input, a.name + " is a u32 parameter");
      params.*f.u32 = static_cast<std::uint32_t>(a.value);
    }
    return params;
  }
  return refuse(reason::invalid_input, "unknown chain parameter '" + a.name + "'");
}

// An action no ledger operation runs: the first module hook that answers.
Status run_by_module_hook(BlockContext& ctx, const GovAction& action) {
  for (const auto& m : ctx.modules) {
    if (auto done = m->run_governance_action(ctx, action)) return std::move(*done);
  }
  return refuse(reason::unsupported_call,
                "no module runs the governance action " + std::string(action.name()));
}

struct Executor {
  BlockContext& ctx;
  const AccountId& by;
  const GovAction& whole;

  Status operator()(const GovSetPricingPolicy& a) { return set_pricing_policy(ctx, by, a.policy); }
  Status operator()(const GovSetFarmingPolicy& a) { return set_farming_policy(ctx, by, a.policy); }
  Status operator()(const GovSetChainParam& a) {
    GRID_ASSIGN(ChainParams current, load_params(ctx.state));
    GRID_ASSIGN(ChainParams next, with_param(current, a));
    return set_chain_params(ctx, by, next);
  }
  Status operator()(const GovCertifyNode& a) {
    return certify_node(ctx, by, a.node_id, a.certification);
  }
  Status operator()(const GovCertifyFarm& a) {
    return certify_farm(ctx, by, a.farm_id, a.certification);
  }
  Status operator()(const GovSetFarmDedicated& a) {
    return set_farm_dedicated(ctx, by, a.farm_id, a.dedicated);
  }
  Status operator()(const GovApproveSolutionProvider&) { return run_by_module_hook(ctx, whole); }
  Status operator()(const GovCancelContract&) { return run_by_module_hook(ctx, whole); }
  Status operator()(const GovAddCouncilMember& a) { return add_council_member(ctx, by, a.account); }
  Status operator()(const GovRemoveCouncilMember& a) {
    return remove_council_member(ctx, by, a.account);
  }
  Status operator()(const GovAddPriceFeeder& a) { return add_price_feeder(ctx, a.account); }
  Status operator()(const GovRemovePriceFeeder& a) { return remove_price_feeder(ctx, a.account); }
};

}  // namespace

std::uint8_t GovAction::tag() const {
  return tagged_tag(body);
}

std::string_view GovAction::name() const {
  return tagged_name(body);
}

void GovAction::encode_to(core::Writer& w) const {
  tagged_encode(w, body);
}

void GovAction::decode_from(core::Reader& r) {
  tagged_decode(r, body, "governance action");
}

std::vector<std::string_view> chain_param_names() {
  std::vector<std::string_view> out;
  for (const auto& f : kParamFields) out.push_back(f.name);
  return out;
}

Result<AccountId> governance_authority(const StateReader& state) {
  GRID_ASSIGN(Council council, load_required<Council>(state, keys::council(), "council"));
  if (council.members.empty()) return Status::corruption("the council is empty");
  return council.members.front();
}

Status execute_action(BlockContext& ctx, const GovAction& action) {
  GRID_ASSIGN(AccountId by, governance_authority(ctx.state));
  return std::visit(Executor{ctx, by, action}, action.body);
}

}  // namespace grid::ledger
