#include "tools/agent/node_setup.hpp"

#include "tools/agent/agent_log.hpp"
#include "tools/client/cli_args.hpp"

namespace grid::tools {
namespace {

core::Result<SendResult> send_logged(TxSender& sender, const ledger::Call& call) {
  auto result = submit_call(sender, call);
  if (!result) {
    if (result.error().code() == core::Code::invalid)
      return core::Status::invalid(std::string(call.name()) + ": " + result.error().message());
    return result.error();
  }
  agent_log(std::string(call.name()) + " committed at height " +
            std::to_string(result->height.value_or(0)) + " (tx " + result->id + ")");
  return result;
}

std::string describe(const ledger::Resources& r) {
  return "cru " + std::to_string(r.cru) + ", mru " + format_size(r.mru) + ", sru " +
         format_size(r.sru) + ", hru " + format_size(r.hru);
}

core::Result<std::uint32_t> ensure_twin(ChainReader& chain, TxSender& sender) {
  const std::string address = sender.account().to_address();
  GRID_ASSIGN(auto twin, chain.twin_of(address));
  if (twin) return *twin;
  agent_log("account " + address + " has no twin: accepting the terms and creating one");
  GRID_TRY(
      send_logged(sender, ledger::AcceptTerms{std::string(kTermsLink), std::string(kTermsHash)})
          .status());
  GRID_ASSIGN(SendResult created, send_logged(sender, ledger::CreateTwin{}));
  const EventView* e = created.find_event("twin_created");
  if (!e || !e->twin) return core::Status::invalid("create_twin: no twin_created event");
  agent_log("created twin " + std::to_string(*e->twin));
  return *e->twin;
}

}  // namespace

core::Result<NodeIdentity> setup_node(ChainReader& chain, TxSender& sender,
                                      const NodeWanted& wanted) {
  NodeIdentity id;
  GRID_ASSIGN(id.twin_id, ensure_twin(chain, sender));
  const std::string address = sender.account().to_address();
  GRID_ASSIGN(std::optional<NodeView> node, chain.find_node(wanted.farm_id, address));
  if (!node) {
    ledger::RegisterNode call;
    call.farm_id = wanted.farm_id;
    call.spec.resources = wanted.resources;
    call.spec.location = wanted.location;
    GRID_ASSIGN(SendResult sent, send_logged(sender, call));
    const EventView* e = sent.find_event("node_registered");
    if (!e || !e->node) return core::Status::invalid("register_node: no node_registered event");
    id.node_id = *e->node;
    agent_log("registered node " + std::to_string(id.node_id) + " in farm " +
              std::to_string(wanted.farm_id) + " (" + describe(wanted.resources) + ")");
    return id;
  }
  id.node_id = node->id;
  id.power_up = node->power_up;
  if (node->spec.resources == wanted.resources && node->spec.location == wanted.location) {
    agent_log("node " + std::to_string(id.node_id) + " in farm " + std::to_string(node->farm_id) +
              " is up to date (" + describe(wanted.resources) + ")");
    return id;
  }
  ledger::UpdateNode call;
  call.node_id = node->id;
  call.spec = node->spec;
  call.spec.resources = wanted.resources;
  call.spec.location = wanted.location;
  GRID_TRY(send_logged(sender, call).status());
  agent_log("updated node " + std::to_string(id.node_id) + ": " + describe(node->spec.resources) +
            " -> " + describe(wanted.resources));
  return id;
}

}  // namespace grid::tools
