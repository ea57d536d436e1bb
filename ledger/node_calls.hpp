// The handlers of NodeModule's calls, split by who signs them (internal to ledger/node_*.cpp):
// node_module.cpp the node's lifecycle, node_settings.cpp the farmer's settings,
// node_reports.cpp the node daemon's fee-free reports. The rules are listed in
// ledger/node_module.hpp.
#pragma once

#include <cstdint>

#include "ledger/module.hpp"
#include "ledger/state_types.hpp"

namespace grid::ledger {

// Farmer settings (node_settings.cpp).
Status apply_set_node_public_config(TxContext& ctx, const SetNodePublicConfig& call);
Status apply_set_power_target(TxContext& ctx, const SetPowerTarget& call);
Status apply_set_node_extra_fee(TxContext& ctx, const SetNodeExtraFee& call);

// Node daemon reports (node_reports.cpp). check_node_report is everything that makes a report
// refusable; it reads only `state` so the mempool and block builder can run it.
bool is_node_report(const Call& call);
Status check_node_report(const StateReader& state, const ChainParams& params, std::uint64_t now,
                         const AccountId& signer, const Call& call);
Status apply_report_uptime(TxContext& ctx, const ReportUptime& call);
Status apply_set_power_state(TxContext& ctx, const SetPowerState& call);

}  // namespace grid::ledger
