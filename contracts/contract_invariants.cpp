// ContractModule::check_invariants (listed in contract_module.hpp). Tests and debug builds only:
// it scans every contract, node, farm and index entry, which no call or block step may do.
#include <map>
#include <set>
#include <vector>

#include "contracts/capacity.hpp"
#include "contracts/contract_calls.hpp"
#include "contracts/contract_keys.hpp"
#include "contracts/contract_ops.hpp"
#include "ledger/state_keys.hpp"

namespace grid::contracts {
namespace {

using namespace ledger;

Status broken(const std::string& what) {
  return Status::internal("contract invariant broken: " + what);
}

std::string id_text(std::uint64_t id) {
  return "contract " + std::to_string(id);
}

// Every record of a table, decoded.
template <class T>
Result<std::vector<T>> scan_all(const StateReader& state, core::Bytes prefix) {
  std::vector<T> out;
  Status error;
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView value) {
    auto decoded = core::decode<T>(value);
    if (!decoded) {
      error = Status::corruption("entry " + core::hex_encode(key) + " does not decode");
      return false;
    }
    out.push_back(std::move(*decoded));
    return true;
  }));
  GRID_TRY(error);
  return out;
}

Result<std::vector<core::Bytes>> scan_keys(const StateReader& state, core::Bytes prefix) {
  std::vector<core::Bytes> out;
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView) {
    out.emplace_back(key.begin(), key.end());
    return true;
  }));
  return out;
}

struct NodeShare {
  Resources reserved;
  std::uint32_t count = 0;
  std::uint64_t rent_contract_id = 0;
};

struct Live {
  std::map<std::uint64_t, Contract> contracts;
  std::map<std::uint32_t, NodeShare> nodes;  // what the live contracts say about each node
};

Status check_references(const StateReader& state, const Contract& c, Live& live) {
  GRID_ASSIGN(auto twin, state.get(ledger::keys::twin(c.twin_id)));
  if (!twin) return broken(id_text(c.id) + " references missing twin " + std::to_string(c.twin_id));
  if (auto node_id = contract_node(c)) {
    GRID_ASSIGN(auto node, state.get(ledger::keys::node(*node_id)));
    if (!node)
      return broken(id_text(c.id) + " references missing node " + std::to_string(*node_id));
    NodeShare& share = live.nodes[*node_id];
    if (c.node) {
      share.reserved = add(share.reserved, c.node->resources);
      share.count += 1;
      GRID_ASSIGN(auto entry, state.get(keys::node_contract(*node_id, c.id)));
      if (!entry) return broken(id_text(c.id) + " is missing from its node index");
    } else if (share.rent_contract_id != 0) {
      return broken("node " + std::to_string(*node_id) + " has two live rent contracts");
    } else {
      share.rent_contract_id = c.id;
    }
  }
  return Status::ok();
}

Status check_nodes(const StateReader& state, const ChainParams& params, const Live& live) {
  GRID_ASSIGN(auto nodes, scan_all<Node>(state, ledger::keys::table_key(ledger::keys::kNode)));
  for (const Node& node : nodes) {
    auto it = live.nodes.find(node.id);
    NodeShare share = it == live.nodes.end() ? NodeShare{} : it->second;
    std::string name = "node " + std::to_string(node.id);
    if (node.reserved != share.reserved)
      return broken(name + " reserved differs from its contracts");
    if (node.contract_count != share.count) return broken(name + " contract_count differs");
    if (node.rent_contract_id != share.rent_contract_id)
      return broken(name + " rent contract differs");
    if (!check_capacity(node, {}, node.reserved, params).is_ok())
      return broken(name + " reservation exceeds its usable capacity");
    GRID_ASSIGN(auto index, scan_keys(state, keys::node_contracts_prefix(node.id)));
    if (index.size() != share.count) return broken(name + " index holds other contracts");
  }
  return Status::ok();
}

// Farm IPs <-> live node contracts, both ways.
Status check_ips(const StateReader& state, const Live& live) {
  GRID_ASSIGN(auto farms, scan_all<Farm>(state, ledger::keys::table_key(ledger::keys::kFarm)));
  std::map<std::uint64_t, std::size_t> held;
  for (const Farm& farm : farms) {
    for (const FarmIp& ip : farm.public_ips) {
      if (ip.contract_id == 0) continue;
      auto it = live.contracts.find(ip.contract_id);
      const Contract* c = it == live.contracts.end() ? nullptr : &it->second;
      bool holds = c && c->node &&
                   std::find(c->node->ips.begin(), c->node->ips.end(), ip.ip) != c->node->ips.end();
      if (!holds)
        return broken("farm IP " + ip.ip + " is assigned to " + id_text(ip.contract_id) +
                      ", which does not hold it");
      held[ip.contract_id] += 1;
    }
  }
  for (const auto& [id, c] : live.contracts) {
    if (!c.node) continue;
    std::set<std::string> distinct(c.node->ips.begin(), c.node->ips.end());
    if (distinct.size() != c.node->ips.size() || held[id] != c.node->ips.size() ||
        c.node->ips.size() != c.node->public_ips)
      return broken(id_text(id) + " IPs do not match the farm's assignments");
  }
  return Status::ok();
}

// The due index holds every live contract billed through it exactly once; the name index every
// live name contract.
Status check_indexes(const StateReader& state, const Live& live) {
  GRID_ASSIGN(auto due, scan_keys(state, keys::due_prefix()));
  std::set<std::uint64_t> scheduled;
  for (const auto& key : due) {
    std::uint64_t time = 0, id = 0;
    if (!keys::parse_time_id(key, time, id)) return broken("malformed due key");
    auto it = live.contracts.find(id);
    if (it == live.contracts.end() || !billed_by_due_index(it->second))
      return broken("due index holds " + id_text(id) + ", not a live billable contract");
    if (!scheduled.insert(id).second) return broken("due index holds " + id_text(id) + " twice");
  }
  std::size_t names = 0;
  for (const auto& [id, c] : live.contracts) {
    if (billed_by_due_index(c) && !scheduled.count(id))
      return broken(id_text(id) + " is missing from the due index");
    if (!c.name) continue;
    ++names;
    GRID_ASSIGN(auto held, load<std::uint64_t>(state, keys::name_contract(*c.name)));
    if (held != id) return broken("name index does not give " + id_text(id));
  }
  GRID_ASSIGN(auto name_keys, scan_keys(state, keys::name_contract("")));
  if (name_keys.size() != names) return broken("name index holds dead names");
  return Status::ok();
}

}  // namespace

Status check_contract_invariants(const StateReader& state) {
  GRID_ASSIGN(ChainParams params,
              load_required<ChainParams>(state, ledger::keys::params(), "params"));
  GRID_ASSIGN(auto contracts, scan_all<Contract>(state, ledger::keys::table_key(keys::kContract)));
  Live live;
  for (Contract& c : contracts) {
    if (!c.is_live()) continue;
    GRID_TRY(check_references(state, c, live));
    std::uint64_t id = c.id;
    live.contracts.emplace(id, std::move(c));
  }
  GRID_TRY(check_nodes(state, params, live));
  GRID_TRY(check_ips(state, live));
  return check_indexes(state, live);
}

}  // namespace grid::contracts
