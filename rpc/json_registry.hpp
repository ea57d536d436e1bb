// The JSON form of the registry records served by rpc/registry_methods.hpp: twins, farms, nodes,
// pricing and farming policies, the TFT price (docs/api.md "Registry methods").
//
// Contract:
// - The conventions of rpc/json_domain.hpp: u64 values (capacities in bytes, cru, amounts,
//   contract ids, policy prices) are decimal strings; u32 ids, counts, percentages and unix times
//   are plain numbers; addresses bech32m; an absent optional is null. Keys are written in the
//   order listed beside each writer; each writer appends exactly one JSON object.
// - NodeFacts are what a node's JSON shows beyond its record; the caller derives them from the
//   state (status from ledger/liveness.hpp, the renter's twin from the rent contract).
// - Free capacity is resources - reserved per unit (never below 0), as the state records them:
//   the system reserve of the contracts module is not taken off.
// Thread safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>

#include "ledger/liveness.hpp"
#include "ledger/params.hpp"
#include "ledger/state_types.hpp"
#include "rpc/json_contracts.hpp"  // write_resources
#include "rpc/json_writer.hpp"

namespace grid::rpc {

struct NodeFacts {
  ledger::NodeStatus status = ledger::NodeStatus::up;
  std::optional<std::uint32_t> rented_by;  // the renter's twin, when rented
  bool rentable = false;                   // not rented and no node contract on it
};

// resources - reserved per unit, saturating at 0.
ledger::Resources free_resources(const ledger::Node& node);

// {"id", "account", "relay", "pk", "stash", "created_at"}
void write_twin(JsonWriter& w, const ledger::Twin& twin);

// {"id", "name", "twin_id", "certification", "dedicated", "pricing_policy_id",
//  "farming_policy_id", "open", "allowed", "node_count", "public_ips": [{"ip", "gateway",
//  "contract_id"}], "free_ips"}
void write_farm(JsonWriter& w, const ledger::Farm& farm);
std::uint32_t free_ip_count(const ledger::Farm& farm);

// {"id", "farm_id", "twin_id", "account", "status", "power_state", "power_target",
//  "power_state_since", "last_uptime_report", "last_uptime_value", "down_seconds_total",
//  "certification", "secure_boot", "virtualized", "serial", "created_at", "location",
//  "interfaces", "public_config", "capacity": {"total", "reserved", "free"},
//  "extra_fee_musd_month", "contract_count", "rent_contract_id", "rented_by", "rentable"}
void write_node(JsonWriter& w, const ledger::Node& node, const NodeFacts& facts);

// {"id", "name", "cu", "su", "nu", "ipv4", "unique_name", "domain_name",
//  "dedicated_discount_percent"}
void write_pricing_policy(JsonWriter& w, const ledger::PricingPolicy& policy);

// {"id", "name", "cu_reward", "su_reward", "ipv4_reward", "minimal_uptime_permille",
//  "certified", "connection_price_musd"}
void write_farming_policy(JsonWriter& w, const ledger::FarmingPolicy& policy);

// {"latest_musd", "average_musd", "price_min", "price_max", "effective_musd"}: effective is the
// average clamped by contracts::clamp_price (what billing uses); a plain number.
void write_price(JsonWriter& w, const ledger::TftPrice& price, const ledger::ChainParams& params);

}  // namespace grid::rpc
