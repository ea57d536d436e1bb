#include "rpc/registry_methods.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contracts/contract_keys.hpp"
#include "contracts/contract_types.hpp"
#include "ledger/genesis.hpp"
#include "ledger/liveness.hpp"
#include "ledger/params.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/state_types.hpp"
#include "ledger/state_view.hpp"
#include "rpc/json_registry.hpp"
#include "rpc/method_support.hpp"

namespace grid::rpc {
namespace {

using core::Result;
using core::Status;
using ledger::StateReader;
namespace keys = ledger::keys;

// ---- params ----------------------------------------------------------------------------------

template <class T>
Result<std::optional<T>> optional_param(const Params& params, std::string_view name,
                                        Result<T> (Params::*get)(std::string_view) const) {
  if (!params.has(name)) {
    GRID_TRY(params.raw(name).status());  // an undeclared name is still a handler bug
    return std::optional<T>();
  }
  GRID_ASSIGN(T value, (params.*get)(name));
  return std::optional<T>(std::move(value));
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}
bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return lowercase(a) == lowercase(b);
}

Result<std::optional<ledger::NodeStatus>> get_status_filter(const Params& params) {
  GRID_ASSIGN(auto name, optional_param(params, "status", &Params::get_string));
  if (!name) return std::optional<ledger::NodeStatus>();
  for (auto status :
       {ledger::NodeStatus::up, ledger::NodeStatus::down, ledger::NodeStatus::standby})
    if (*name == ledger::node_status_name(status)) return std::optional<ledger::NodeStatus>(status);
  return invalid_params("status: expected up, down or standby");
}

// ---- state -----------------------------------------------------------------------------------

// What every registry read needs besides the records: the chain parameters and the latest
// block time (for node status).
struct ChainNow {
  ledger::ChainParams params;
  std::uint64_t now = 0;
};

Result<ChainNow> chain_now(const StateReader& reader) {
  ChainNow out;
  GRID_ASSIGN(auto params, ledger::load<ledger::ChainParams>(reader, keys::params()));
  GRID_ASSIGN(auto meta, ledger::load<ledger::ChainMeta>(reader, keys::chain_meta()));
  if (!params || !meta) return Status::internal("the state has no chain params or chain meta");
  out.params = *params;
  out.now = meta->time;
  return out;
}

// Visits every record of `table` in id order, decoded as T; stops at the first error.
template <class T, class Visit>
Status scan_table(const StateReader& reader, std::uint8_t table, Visit&& visit) {
  Status failure = Status::ok();
  GRID_TRY(
      reader.scan_prefix(keys::table_key(table), [&](core::ByteView key, core::ByteView value) {
        auto decoded = core::decode<T>(value);
        if (!decoded) {
          failure = Status::corruption("state entry " + core::hex_encode(key) +
                                       " does not decode: " + decoded.error().message());
          return false;
        }
        failure = visit(*decoded);
        return failure.is_ok();
      }));
  return failure;
}

Result<NodeFacts> node_facts(const StateReader& reader, const ledger::Node& node,
                             const ChainNow& chain) {
  NodeFacts facts;
  facts.status = ledger::node_status(node, chain.now, chain.params);
  facts.rentable = node.rent_contract_id == 0 && node.contract_count == 0;
  if (node.rent_contract_id != 0) {
    GRID_ASSIGN(auto rent, ledger::load<contracts::Contract>(
                               reader, contracts::keys::contract(node.rent_contract_id)));
    if (rent) facts.rented_by = rent->twin_id;
  }
  return facts;
}

template <class T>
Result<T> load_found(const StateReader& reader, const core::Bytes& key, std::string_view what,
                     std::uint32_t id) {
  return found(ledger::load<T>(reader, key), std::string(what) + " " + std::to_string(id));
}

// ---- getters ---------------------------------------------------------------------------------

Result<JsonText> twin_get(NodeApi& node, const Params& params) {
  GRID_ASSIGN(std::size_t chosen, exactly_one_of(params, {"id", "address"}));
  std::optional<std::uint32_t> by_id;
  core::AccountId account{};
  if (chosen == 0) {
    GRID_ASSIGN(by_id, params.get_u32("id"));
  } else {
    GRID_ASSIGN(account, params.get_address("address"));
  }
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    std::uint32_t id = 0;
    if (by_id) {
      id = *by_id;
    } else {
      GRID_ASSIGN(id, found(ledger::load<std::uint32_t>(reader, keys::twin_by_account(account)),
                            "twin of " + account.to_address()));
    }
    GRID_ASSIGN(ledger::Twin twin, load_found<ledger::Twin>(reader, keys::twin(id), "twin", id));
    write_twin(w, twin);
    return Status::ok();
  });
}

Result<JsonText> farm_get(NodeApi& node, const Params& params) {
  GRID_ASSIGN(std::uint32_t id, params.get_u32("id"));
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    GRID_ASSIGN(ledger::Farm farm, load_found<ledger::Farm>(reader, keys::farm(id), "farm", id));
    write_farm(w, farm);
    return Status::ok();
  });
}

Result<JsonText> node_get(NodeApi& node, const Params& params) {
  GRID_ASSIGN(std::uint32_t id, params.get_u32("id"));
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    GRID_ASSIGN(ChainNow chain, chain_now(reader));
    GRID_ASSIGN(ledger::Node record, load_found<ledger::Node>(reader, keys::node(id), "node", id));
    GRID_ASSIGN(NodeFacts facts, node_facts(reader, record, chain));
    write_node(w, record, facts);
    return Status::ok();
  });
}

Result<JsonText> pricing_get_policy(NodeApi& node, const Params& params) {
  GRID_ASSIGN(std::uint32_t id, params.get_u32("id"));
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    GRID_ASSIGN(auto policy, load_found<ledger::PricingPolicy>(reader, keys::pricing_policy(id),
                                                               "pricing policy", id));
    write_pricing_policy(w, policy);
    return Status::ok();
  });
}

Result<JsonText> farming_get_policy(NodeApi& node, const Params& params) {
  GRID_ASSIGN(std::uint32_t id, params.get_u32("id"));
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    GRID_ASSIGN(auto policy, load_found<ledger::FarmingPolicy>(reader, keys::farming_policy(id),
                                                               "farming policy", id));
    write_farming_policy(w, policy);
    return Status::ok();
  });
}

Result<JsonText> price_get(NodeApi& node, const Params&) {
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    GRID_ASSIGN(ChainNow chain, chain_now(reader));
    GRID_ASSIGN(auto price, ledger::load<ledger::TftPrice>(reader, keys::tft_price()));
    write_price(w, price.value_or(ledger::TftPrice{}), chain.params);
    return Status::ok();
  });
}

// ---- lists -----------------------------------------------------------------------------------

struct FarmFilter {
  std::optional<std::string> name_contains;  // lowercased
  std::optional<std::uint32_t> twin_id;
  std::optional<bool> certified;
  std::optional<bool> dedicated;
  std::optional<std::uint32_t> free_ips_min;

  bool matches(const ledger::Farm& farm) const {
    if (name_contains && lowercase(farm.name).find(*name_contains) == std::string::npos)
      return false;
    if (twin_id && farm.twin_id != *twin_id) return false;
    if (certified && (farm.certification == ledger::FarmCertification::gold) != *certified)
      return false;
    if (dedicated && farm.dedicated != *dedicated) return false;
    return !free_ips_min || free_ip_count(farm) >= *free_ips_min;
  }
};

Result<FarmFilter> get_farm_filter(const Params& params) {
  FarmFilter f;
  GRID_ASSIGN(f.name_contains, optional_param(params, "name_contains", &Params::get_string));
  if (f.name_contains) f.name_contains = lowercase(*f.name_contains);
  GRID_ASSIGN(f.twin_id, optional_param(params, "twin_id", &Params::get_u32));
  GRID_ASSIGN(f.certified, optional_param(params, "certified", &Params::get_bool));
  GRID_ASSIGN(f.dedicated, optional_param(params, "dedicated", &Params::get_bool));
  GRID_ASSIGN(f.free_ips_min, optional_param(params, "free_ips_min", &Params::get_u32));
  return f;
}

Result<JsonText> farm_list(NodeApi& node, const Params& params) {
  GRID_ASSIGN(FarmFilter filter, get_farm_filter(params));
  GRID_ASSIGN(Page page, get_page(params, kDefaultRegistryPageSize));
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    std::vector<ledger::Farm> farms;
    GRID_TRY(scan_table<ledger::Farm>(reader, keys::kFarm, [&](ledger::Farm& farm) {
      if (filter.matches(farm)) farms.push_back(std::move(farm));
      return Status::ok();
    }));
    write_page(w, "farms", farms, page, write_farm);
    return Status::ok();
  });
}

struct NodeFilter {
  std::optional<std::uint32_t> farm_id;
  std::optional<std::string> country;
  std::optional<std::string> city;
  std::optional<ledger::NodeStatus> status;
  ledger::Resources free_min;
  std::optional<bool> has_ipv4;
  std::optional<bool> certified;
  std::optional<bool> rentable;
  std::optional<std::uint32_t> rented_by;

  bool matches(const ledger::Node& node, const NodeFacts& facts) const {
    if (farm_id && node.farm_id != *farm_id) return false;
    if (country && !equal_ignoring_case(node.location.country, *country)) return false;
    if (city && !equal_ignoring_case(node.location.city, *city)) return false;
    if (status && facts.status != *status) return false;
    ledger::Resources free = free_resources(node);
    if (free.cru < free_min.cru || free.mru < free_min.mru || free.sru < free_min.sru ||
        free.hru < free_min.hru)
      return false;
    if (has_ipv4 && node.public_config.has_value() != *has_ipv4) return false;
    if (certified && (node.certification == ledger::NodeCertification::certified) != *certified)
      return false;
    if (rentable && facts.rentable != *rentable) return false;
    return !rented_by || facts.rented_by == rented_by;
  }
};

Result<NodeFilter> get_node_filter(const Params& params) {
  NodeFilter f;
  GRID_ASSIGN(f.farm_id, optional_param(params, "farm_id", &Params::get_u32));
  GRID_ASSIGN(f.country, optional_param(params, "country", &Params::get_string));
  GRID_ASSIGN(f.city, optional_param(params, "city", &Params::get_string));
  GRID_ASSIGN(f.status, get_status_filter(params));
  GRID_ASSIGN(f.free_min.cru, params.get_u64_or("free_cru", 0));
  GRID_ASSIGN(f.free_min.mru, params.get_u64_or("free_mru", 0));
  GRID_ASSIGN(f.free_min.sru, params.get_u64_or("free_sru", 0));
  GRID_ASSIGN(f.free_min.hru, params.get_u64_or("free_hru", 0));
  GRID_ASSIGN(f.has_ipv4, optional_param(params, "has_ipv4", &Params::get_bool));
  GRID_ASSIGN(f.certified, optional_param(params, "certified", &Params::get_bool));
  GRID_ASSIGN(f.rentable, optional_param(params, "rentable", &Params::get_bool));
  GRID_ASSIGN(f.rented_by, optional_param(params, "rented_by", &Params::get_u32));
  return f;
}

using NodeEntry = std::pair<ledger::Node, NodeFacts>;

// sort_by: "id" (the default, ascending), "farm_id" (then id), or "free_cru" / "free_mru" /
// "free_sru" / "free_hru" (the most free first, then id).
using NodeOrder = bool (*)(const NodeEntry&, const NodeEntry&);

template <std::uint64_t ledger::Resources::*field>
bool most_free_first(const NodeEntry& a, const NodeEntry& b) {
  std::uint64_t fa = free_resources(a.first).*field;
  std::uint64_t fb = free_resources(b.first).*field;
  return fa != fb ? fa > fb : a.first.id < b.first.id;
}

Result<NodeOrder> get_node_order(const Params& params) {
  static const std::map<std::string, NodeOrder, std::less<>> orders = {
      {"id", [](const NodeEntry& a, const NodeEntry& b) { return a.first.id < b.first.id; }},
      {"farm_id",
       [](const NodeEntry& a, const NodeEntry& b) {
         return std::pair(a.first.farm_id, a.first.id) < std::pair(b.first.farm_id, b.first.id);
       }},
      {"free_cru", most_free_first<&ledger::Resources::cru>},
      {"free_mru", most_free_first<&ledger::Resources::mru>},
      {"free_sru", most_free_first<&ledger::Resources::sru>},
      {"free_hru", most_free_first<&ledger::Resources::hru>},
  };
  std::string name = "id";
  if (params.has("sort_by")) {
    GRID_ASSIGN(name, params.get_string("sort_by"));
  }
  auto it = orders.find(name);
  if (it == orders.end())
    return invalid_params(
        "sort_by: expected id, farm_id, free_cru, free_mru, free_sru or free_hru");
  return it->second;
}

Result<JsonText> node_list(NodeApi& node, const Params& params) {
  GRID_ASSIGN(NodeFilter filter, get_node_filter(params));
  GRID_ASSIGN(NodeOrder order, get_node_order(params));
  GRID_ASSIGN(Page page, get_page(params, kDefaultRegistryPageSize));
  return answer(node, [&](JsonWriter& w, const StateReader& reader, std::uint64_t) -> Status {
    GRID_ASSIGN(ChainNow chain, chain_now(reader));
    std::vector<NodeEntry> nodes;
    GRID_TRY(scan_table<ledger::Node>(reader, keys::kNode, [&](ledger::Node& record) -> Status {
      GRID_ASSIGN(NodeFacts facts, node_facts(reader, record, chain));
      if (filter.matches(record, facts)) nodes.emplace_back(std::move(record), facts);
      return Status::ok();
    }));
    std::stable_sort(nodes.begin(), nodes.end(), order);
    write_page(w, "nodes", nodes, page,
               [](JsonWriter& out, const NodeEntry& e) { write_node(out, e.first, e.second); });
    return Status::ok();
  });
}

// ---- stats -----------------------------------------------------------------------------------

struct Stats {
  std::uint32_t twins = 0;
  std::uint32_t farms = 0;
  std::uint32_t public_ips = 0;
  std::uint32_t public_ips_used = 0;
  std::uint32_t nodes = 0;
  std::map<ledger::NodeStatus, std::uint32_t> by_status;
  std::map<std::string, std::uint32_t> by_country;
  ledger::Resources total;
  ledger::Resources reserved;
  std::uint64_t live_contracts = 0;
  ledger::Counters counters;
};

void add(ledger::Resources& sum, const ledger::Resources& r) {
  sum.cru += r.cru;
  sum.mru += r.mru;
  sum.sru += r.sru;
  sum.hru += r.hru;
}

Result<Stats> gather_stats(const StateReader& reader) {
  Stats s;
  GRID_ASSIGN(ChainNow chain, chain_now(reader));
  GRID_ASSIGN(auto counters, ledger::load<ledger::Counters>(reader, keys::counters()));
  s.counters = counters.value_or(ledger::Counters{});
  GRID_TRY(reader.scan_prefix(keys::table_key(keys::kTwin), [&](core::ByteView, core::ByteView) {
    ++s.twins;
    return true;
  }));
  GRID_TRY(scan_table<ledger::Farm>(reader, keys::kFarm, [&](const ledger::Farm& farm) {
    ++s.farms;
    s.public_ips += static_cast<std::uint32_t>(farm.public_ips.size());
    s.public_ips_used += static_cast<std::uint32_t>(farm.public_ips.size()) - free_ip_count(farm);
    return Status::ok();
  }));
  GRID_TRY(scan_table<ledger::Node>(reader, keys::kNode, [&](const ledger::Node& node) {
    ++s.nodes;
    ++s.by_status[ledger::node_status(node, chain.now, chain.params)];
    ++s.by_country[node.location.country];
    add(s.total, node.resources);
    add(s.reserved, node.reserved);
    return Status::ok();
  }));
  GRID_TRY(scan_table<contracts::Contract>(
      reader, contracts::keys::kContract, [&](const contracts::Contract& c) {
        s.live_contracts += c.state != contracts::ContractState::deleted;
        return Status::ok();
      }));
  return s;
}

void write_stats(JsonWriter& w, const Stats& s, std::uint64_t height) {
  w.StartObject();
  write_key(w, "height");
  w.Uint64(height);
  write_key(w, "twins");
  write_u32(w, s.twins);
  write_key(w, "farms");
  write_u32(w, s.farms);
  write_key(w, "nodes");
  w.StartObject();
  write_key(w, "total");
  write_u32(w, s.nodes);
  for (auto status :
       {ledger::NodeStatus::up, ledger::NodeStatus::down, ledger::NodeStatus::standby}) {
    write_key(w, ledger::node_status_name(status));
    auto it = s.by_status.find(status);
    write_u32(w, it == s.by_status.end() ? 0 : it->second);
  }
  write_key(w, "by_country");
  w.StartObject();
  for (const auto& [country, count] : s.by_country) {
    write_key(w, country);
    write_u32(w, count);
  }
  w.EndObject();
  w.EndObject();
  write_key(w, "contracts");
  w.StartObject();
  write_key(w, "created");
  write_u64(w, s.counters.last_contract_id);
  write_key(w, "live");
  write_u64(w, s.live_contracts);
  w.EndObject();
  write_key(w, "capacity");
  w.StartObject();
  write_key(w, "total");
  write_resources(w, s.total);
  write_key(w, "reserved");
  write_resources(w, s.reserved);
  w.EndObject();
  write_key(w, "public_ips");
  w.StartObject();
  write_key(w, "total");
  write_u32(w, s.public_ips);
  write_key(w, "used");
  write_u32(w, s.public_ips_used);
  w.EndObject();
  write_key(w, "tft");
  w.StartObject();
  write_key(w, "total_supply");
  write_u64(w, s.counters.total_supply);
  write_key(w, "staking_pool");
  write_u64(w, s.counters.staking_pool);
  write_key(w, "burned_total");
  write_u64(w, s.counters.burned_total);
  w.EndObject();
  w.EndObject();
}

Result<JsonText> stats_get(NodeApi& node, const Params&) {
  return answer(node,
                [&](JsonWriter& w, const StateReader& reader, std::uint64_t height) -> Status {
                  GRID_ASSIGN(Stats stats, gather_stats(reader));
                  write_stats(w, stats, height);
                  return Status::ok();
                });
}

// ---- registration ----------------------------------------------------------------------------

}  // namespace

core::Status add_registry_methods(MethodRegistry& registry, NodeApi& node) {
  const MethodSpec methods[] = {
      {"twin_get", {"id", "address"}, twin_get},
      {"farm_get", {"id"}, farm_get},
      {"farm_list",
       {"name_contains", "twin_id", "certified", "dedicated", "free_ips_min", "page", "size"},
       farm_list},
      {"node_get", {"id"}, node_get},
      {"node_list",
       {"farm_id", "country", "city", "status", "free_cru", "free_mru", "free_sru", "free_hru",
        "has_ipv4", "certified", "rentable", "rented_by", "sort_by", "page", "size"},
       node_list},
      {"pricing_getPolicy", {"id"}, pricing_get_policy},
      {"farming_getPolicy", {"id"}, farming_get_policy},
      {"price_get", {}, price_get},
      {"stats_get", {}, stats_get},
  };
  return register_methods(registry, node, methods);
}

}  // namespace grid::rpc
