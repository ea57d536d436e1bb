// Governance operations: the state changes a passed council or farm vote executes (ECONOMICS.md
// "Governance"). They are plain functions, not calls: the voting module (a later issue) runs
// them when a proposal passes, in that block's overlay.
//
// Rules:
// - Every operation takes the account on whose authority it runs; it must be a member of the
//   Council record (keys::council(), set at genesis) or the operation is the refusal
//   not_council. Checks come before any write, so a refusal changes nothing.
// - certify_node / certify_farm / set_farm_dedicated: the node or farm must exist (not_found).
// - set_pricing_policy / set_farming_policy: store the policy under its id (created or
//   replaced); id 0 is invalid_input, and so are a dedicated discount over 100 % and a minimal
//   uptime over 1000 per mille.
// - set_chain_params: replaces every parameter; the new values apply from the next block (the
//   executor reads them once per block). Refused (invalid_input) when they cannot work:
//   uptime_report_interval 0, offline_after below uptime_report_interval, billing_period or
//   epoch_length 0, foundation + staking pool percent over 100, price_min 0 or over price_max,
//   mru_reserve_percent over 100, certified uplift below 100 %.
// - add_council_member: not a member yet (invalid_input). remove_council_member: a member
//   (not_found), and never the last one (invalid_input).
// Each operation emits one event into ctx.events.
#pragma once

#include <cstdint>

#include "ledger/module.hpp"
#include "ledger/params.hpp"
#include "ledger/state_types.hpp"

namespace grid::ledger {

// Refusal not_council unless `who` is on the council.
Status require_council(const StateReader& state, const AccountId& who);

Status certify_node(BlockContext& ctx, const AccountId& caller, std::uint32_t node_id,
                    NodeCertification certification);
Status certify_farm(BlockContext& ctx, const AccountId& caller, std::uint32_t farm_id,
                    FarmCertification certification);
Status set_farm_dedicated(BlockContext& ctx, const AccountId& caller, std::uint32_t farm_id,
                          bool dedicated);
Status set_pricing_policy(BlockContext& ctx, const AccountId& caller, const PricingPolicy& policy);
Status set_farming_policy(BlockContext& ctx, const AccountId& caller, const FarmingPolicy& policy);
Status set_chain_params(BlockContext& ctx, const AccountId& caller, const ChainParams& params);
Status add_council_member(BlockContext& ctx, const AccountId& caller, const AccountId& member);
Status remove_council_member(BlockContext& ctx, const AccountId& caller, const AccountId& member);

}  // namespace grid::ledger
