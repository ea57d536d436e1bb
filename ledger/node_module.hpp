// NodeModule: register_node, update_node, delete_node, set_node_public_config, report_uptime,
// set_power_state, set_power_target, set_node_extra_fee (WIRE.md tags 0x20-0x27).
//
// Rules (ECONOMICS.md "Identity and registry", "Node daemon duties", "Billing"):
// - register_node: signed by the node daemon's own account, which needs a twin (no_twin); the
//   farm must exist (not_found) and be open or list the signer (node_not_allowed: **fix**, the
//   farmer must allow the node); one node per account (node_exists); the spec passes validation
//   (resources cru >= 1, mru >= 2 GiB, sru >= 100 GiB; location; every interface; the serial if
//   given). Ids count up from 1. A new node counts as up: created_at = last_uptime_report =
//   power_state_since = now. The farm's node_count and the nodes_in_farm index follow.
// - update_node: by the node's own account (unauthorized); the same validation; resources below
//   what contracts reserved on it (Node.reserved, any of cru/mru/sru/hru) are resources_in_use;
//   a certified node whose cru, mru, sru or hru changes by more than 1 % drops to diy (event
//   node_certification_dropped); exactly 1 % keeps it.
// - delete_node: by the node's account or its farmer (unauthorized); first every module's
//   on_node_deleted hook runs (contracts bill and end the node's contracts), then the node, its
//   indexes and one of the farm's node_count go.
// - set_node_public_config (validate_public_config; absent clears), set_power_target and
//   set_node_extra_fee (mUSD per month): by the node's farmer only (unauthorized).
// - report_uptime and set_power_state are fee-free but rate-limited: the signer must be a
//   registered node (not_a_node); check_free_call refuses them before they can enter a block, so
//   a refused report costs nothing.
//   * report_uptime: at most once per half uptime_report_interval since the last report
//     (rate_limited), except the first report after registration (in a later block);
//     timestamp_hint within +-timestamp_hint_tolerance of the block time (bad_timestamp). The
//     report updates the liveness account (ledger/liveness.hpp).
//   * set_power_state: at most once per half uptime_report_interval since power_state_since
//     (rate_limited); a state the node is already in is invalid_input.
// Refusals leave the state unchanged. Every change emits an event naming the node, its farm,
// its twin and its account.
#pragma once

#include "ledger/module.hpp"

namespace grid::ledger {

class NodeModule final : public Module {
 public:
  std::string_view name() const override { return "nodes"; }
  bool handles(const Call& call) const override;
  Status apply(TxContext& ctx) override;
  bool is_fee_free(const Call& call) const override;
  Status check_free_call(const StateReader& state, const ChainParams& params,
                         const BlockHeader& header, const Transaction& tx) const override;
};

}  // namespace grid::ledger
