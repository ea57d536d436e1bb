// What the agent reads from and sends to the chain over JSON-RPC: its node, the contracts on it,
// and signed calls (docs/api.md; the calls of ledger/calls.hpp).
//
// Contract:
// - parse_contract_view / parse_node_view read the contract object and the node object of
//   docs/api.md (Code::invalid naming a bad member). Pure.
// - ChainReader wraps one RpcClient (not thread-safe: the agent loop's). find_node pages through
//   node_list of the farm for the node whose account is `address`; live_contracts lists the
//   node's contracts in state created and grace_period (every page).
// - submit_call sends one call with the TxSender and waits for its commit. A refusal (before
//   the chain, or committed with ok false) is Code::invalid "reason: detail"; not committed in
//   time is Code::io (retry); a transport failure is Code::io.
// - next_allowed_time reads the "next at T" that the chain's rate_limited refusals end with.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "ledger/calls.hpp"
#include "tools/agent/reconciler.hpp"
#include "tools/client/rpc_client.hpp"
#include "tools/client/tx_sender.hpp"

namespace grid::tools {

struct NodeView {
  std::uint32_t id = 0;
  std::uint32_t farm_id = 0;
  std::uint32_t twin_id = 0;
  std::string account;
  bool power_up = true;
  std::uint64_t last_uptime_report = 0;
  ledger::NodeSpec spec;  // resources = capacity.total
};

core::Result<ContractView> parse_contract_view(const rapidjson::Value& contract);
core::Result<NodeView> parse_node_view(const rapidjson::Value& node);

class ChainReader {
 public:
  explicit ChainReader(RpcClient& rpc) : rpc_(rpc) {}

  core::Result<std::uint64_t> height();
  // The account's twin id, nullopt when it has none.
  core::Result<std::optional<std::uint32_t>> twin_of(const std::string& address);
  core::Result<std::optional<NodeView>> find_node(std::uint32_t farm_id,
                                                  const std::string& address);
  core::Result<NodeView> node(std::uint32_t id);
  core::Result<std::vector<ContractView>> live_contracts(std::uint32_t node_id);
  core::Result<ContractView> contract(std::uint64_t id);

 private:
  RpcClient& rpc_;
};

core::Result<SendResult> submit_call(TxSender& sender, const ledger::Call& call);
std::optional<std::uint64_t> next_allowed_time(std::string_view refusal);

}  // namespace grid::tools
