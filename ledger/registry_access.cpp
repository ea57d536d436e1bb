#include "ledger/registry_access.hpp"

#include <limits>

#include "ledger/accounts.hpp"
#include "ledger/refusal.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

template <class T>
Result<T> load_by_id(const StateReader& state, const Bytes& key, std::string_view what,
                     std::uint64_t id) {
  GRID_ASSIGN(auto record, load<T>(state, key));
  if (!record) return refuse(reason::not_found, std::string(what) + " " + std::to_string(id));
  return std::move(*record);
}

}  // namespace

Result<Twin> load_twin(const StateReader& state, std::uint32_t twin_id) {
  return load_by_id<Twin>(state, keys::twin(twin_id), "no twin", twin_id);
}

Result<Farm> load_farm(const StateReader& state, std::uint32_t farm_id) {
  return load_by_id<Farm>(state, keys::farm(farm_id), "no farm", farm_id);
}

Result<Node> load_node(const StateReader& state, std::uint32_t node_id) {
  return load_by_id<Node>(state, keys::node(node_id), "no node", node_id);
}

void store_twin(Overlay& state, const Twin& twin) {
  store(state, keys::twin(twin.id), twin);
}
void store_farm(Overlay& state, const Farm& farm) {
  store(state, keys::farm(farm.id), farm);
}
void store_node(Overlay& state, const Node& node) {
  store(state, keys::node(node.id), node);
}

Result<std::optional<std::uint32_t>> load_index(const StateReader& state, ByteView key) {
  return load<std::uint32_t>(state, key);
}

void store_index(Overlay& state, Bytes key, std::uint32_t id) {
  store(state, std::move(key), id);
}

Result<std::optional<std::uint32_t>> twin_id_of(const StateReader& state, const AccountId& who) {
  return load_index(state, keys::twin_by_account(who));
}

Result<std::uint32_t> require_twin(const StateReader& state, const AccountId& who) {
  GRID_ASSIGN(auto twin_id, twin_id_of(state, who));
  if (!twin_id) return refuse(reason::no_twin, who.to_address() + " has no twin");
  return *twin_id;
}

Result<std::optional<std::uint32_t>> node_id_of(const StateReader& state, const AccountId& who) {
  return load_index(state, keys::node_by_account(who));
}

Result<bool> is_farm_owner(const StateReader& state, const Farm& farm, const AccountId& who) {
  GRID_ASSIGN(auto twin_id, twin_id_of(state, who));
  return twin_id && *twin_id == farm.twin_id;
}

Result<Farm> load_owned_farm(const StateReader& state, std::uint32_t farm_id,
                             const AccountId& who) {
  GRID_ASSIGN(Farm farm, load_farm(state, farm_id));
  GRID_ASSIGN(bool owner, is_farm_owner(state, farm, who));
  if (!owner)
    return refuse(reason::unauthorized,
                  "farm " + std::to_string(farm_id) + " is not owned by " + who.to_address());
  return farm;
}

Result<Node> load_farmer_node(const StateReader& state, std::uint32_t node_id,
                              const AccountId& who) {
  GRID_ASSIGN(Node node, load_node(state, node_id));
  GRID_ASSIGN(Farm farm, load_farm(state, node.farm_id));
  GRID_ASSIGN(bool owner, is_farm_owner(state, farm, who));
  if (!owner)
    return refuse(reason::unauthorized, "node " + std::to_string(node_id) + " is in farm " +
                                            std::to_string(farm.id) + ", not owned by " +
                                            who.to_address());
  return node;
}

Result<std::uint32_t> allocate_id(Overlay& state, std::uint32_t Counters::*last,
                                  std::string_view what) {
  GRID_ASSIGN(Counters counters, load_counters(state));
  if (counters.*last == std::numeric_limits<std::uint32_t>::max())
    return refuse(reason::invalid_input, "no " + std::string(what) + " id left");
  counters.*last += 1;
  store_counters(state, counters);
  return counters.*last;
}

Event twin_event(std::string kind, const Twin& twin) {
  return Event{.kind = std::move(kind), .account = twin.account, .twin = twin.id};
}

Event farm_event(std::string kind, const Farm& farm, std::optional<AccountId> account) {
  return Event{.kind = std::move(kind), .account = account, .twin = farm.twin_id, .farm = farm.id};
}

Event node_event(std::string kind, const Node& node) {
  return Event{.kind = std::move(kind),
               .account = node.account,
               .twin = node.twin_id,
               .farm = node.farm_id,
               .node = node.id};
}

}  // namespace grid::ledger
