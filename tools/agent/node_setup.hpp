// The agent's start on chain: its twin (accept_terms + create_twin when the account has none),
// its node in the farm (register_node when absent; update_node when the capacity or location
// differ from the wanted ones, keeping the node's interfaces, serial and flags).
//
// Contract: setup_node is idempotent (it reads the chain first), so a caller may retry it after
// Code::io (node unreachable, commit not seen in time). A refusal by the chain is Code::invalid
// "call: reason: detail" (e.g. node_not_allowed when the farm does not allow the account,
// node_exists when the account's node is in another farm). Logs each action. Not thread-safe
// (uses the caller's RpcClient).
#pragma once

#include <cstdint>

#include "core/status.hpp"
#include "ledger/wire_types.hpp"
#include "tools/agent/chain_access.hpp"

namespace grid::tools {

// The terms the agent accepts for its account (accept_terms needs a non-empty link and hash).
inline constexpr std::string_view kTermsLink =
    "https://library.threefold.me/info/legal/#/legal__terms_conditions_griduser";
inline constexpr std::string_view kTermsHash = "gridchain-node-terms-v1";

struct NodeWanted {
  std::uint32_t farm_id = 0;
  ledger::Resources resources;
  ledger::Location location;
};

struct NodeIdentity {
  std::uint32_t twin_id = 0;
  std::uint32_t node_id = 0;
  bool power_up = true;  // the chain's power state at the end of setup
};

core::Result<NodeIdentity> setup_node(ChainReader& chain, TxSender& sender,
                                      const NodeWanted& wanted);

}  // namespace grid::tools
