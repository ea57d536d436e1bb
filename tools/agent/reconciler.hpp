// The reconciler: from the chain's view of the contracts on this node and the deployments
// recorded locally, the actions that make the node match the chain. Pure: the agent loop
// performs the actions (files, logs) and feeds the reconciler again.
//
// Contract:
// - reconcile(local, chain, complete): for each contract the chain shows (only contracts on this
//   node are passed):
//     created       -> provision when not local; resume when local and paused; update when the
//                      reservation changed (update_node_contract) - resume first, then update;
//     grace_period  -> provision then pause when not local; pause when local and running;
//                      update when the reservation changed;
//     deleted       -> remove when local.
//   When `complete` (the chain list is every live contract on the node), a local deployment the
//   chain does not show is removed too ("gone"). A partial view (one contract after an event)
//   never removes what it does not mention. Actions come in contract id order; an up-to-date
//   deployment yields none, so reconciling twice is harmless.
// - contracts_touched(event, node): the contract an event concerns when it is a contract
//   lifecycle event (contract_created / updated / canceled / deleted, grace_started /
//   grace_ended) on `node`; nullopt otherwise.
// Thread-safe (pure functions).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tools/agent/deployment.hpp"
#include "tools/client/event_view.hpp"

namespace grid::tools {

enum class ChainState { created, grace_period, deleted };

struct ContractView {
  std::uint64_t id = 0;
  std::uint32_t twin_id = 0;
  std::uint32_t node_id = 0;
  ChainState state = ChainState::created;
  Reservation reservation;
};

enum class ActionKind { provision, update, pause, resume, remove };
std::string_view action_name(ActionKind kind);

struct Action {
  ActionKind kind = ActionKind::provision;
  std::uint64_t contract_id = 0;
  std::optional<ContractView> contract;  // the chain's view (absent for a "gone" removal)
  bool operator==(const Action& o) const { return kind == o.kind && contract_id == o.contract_id; }
};

using LocalDeployments = std::map<std::uint64_t, Deployment>;

std::vector<Action> reconcile(const LocalDeployments& local, std::span<const ContractView> chain,
                              bool complete);
std::optional<std::uint64_t> contracts_touched(const EventView& event, std::uint32_t node);

}  // namespace grid::tools
