#include "rpc/json_registry.hpp"

#include <algorithm>
#include <string>

#include "contracts/pricing.hpp"

namespace grid::rpc {
namespace {

using ledger::Resources;

std::uint64_t minus(std::uint64_t a, std::uint64_t b) {
  return a > b ? a - b : 0;
}

void write_optional_string(JsonWriter& w, const std::optional<std::string>& s) {
  if (s)
    write_string(w, *s);
  else
    w.Null();
}

void write_ip_gw(JsonWriter& w, const ledger::IpGw& ip) {
  w.StartObject();
  write_key(w, "ip");
  write_string(w, ip.ip);
  write_key(w, "gateway");
  write_string(w, ip.gateway);
  w.EndObject();
}

void write_location(JsonWriter& w, const ledger::Location& l) {
  w.StartObject();
  write_key(w, "country");
  write_string(w, l.country);
  write_key(w, "city");
  write_string(w, l.city);
  write_key(w, "latitude");
  write_string(w, l.latitude);
  write_key(w, "longitude");
  write_string(w, l.longitude);
  w.EndObject();
}

void write_interface(JsonWriter& w, const ledger::Interface& i) {
  w.StartObject();
  write_key(w, "name");
  write_string(w, i.name);
  write_key(w, "mac");
  write_string(w, i.mac);
  write_key(w, "ips");
  w.StartArray();
  for (const auto& ip : i.ips) write_string(w, ip);
  w.EndArray();
  w.EndObject();
}

void write_public_config(JsonWriter& w, const std::optional<ledger::PublicConfig>& config) {
  if (!config) {
    w.Null();
    return;
  }
  w.StartObject();
  write_key(w, "ipv4");
  write_ip_gw(w, config->ipv4);
  write_key(w, "ipv6");
  if (config->ipv6)
    write_ip_gw(w, *config->ipv6);
  else
    w.Null();
  write_key(w, "domain");
  write_optional_string(w, config->domain);
  w.EndObject();
}

void write_capacity(JsonWriter& w, const ledger::Node& node) {
  w.StartObject();
  write_key(w, "total");
  write_resources(w, node.resources);
  write_key(w, "reserved");
  write_resources(w, node.reserved);
  write_key(w, "free");
  write_resources(w, free_resources(node));
  w.EndObject();
}

}  // namespace

Resources free_resources(const ledger::Node& node) {
  const Resources& t = node.resources;
  const Resources& r = node.reserved;
  return Resources{.cru = minus(t.cru, r.cru),
                   .mru = minus(t.mru, r.mru),
                   .sru = minus(t.sru, r.sru),
                   .hru = minus(t.hru, r.hru)};
}

void write_twin(JsonWriter& w, const ledger::Twin& twin) {
  w.StartObject();
  write_key(w, "id");
  write_u32(w, twin.id);
  write_key(w, "account");
  write_address(w, twin.account);
  write_key(w, "relay");
  write_optional_string(w, twin.relay);
  write_key(w, "pk");
  if (twin.pk)
    write_hex(w, *twin.pk);
  else
    w.Null();
  write_key(w, "stash");
  if (twin.stash)
    write_address(w, *twin.stash);
  else
    w.Null();
  write_key(w, "created_at");
  w.Uint64(twin.created_at);
  w.EndObject();
}

std::uint32_t free_ip_count(const ledger::Farm& farm) {
  return static_cast<std::uint32_t>(
      std::count_if(farm.public_ips.begin(), farm.public_ips.end(),
                    [](const auto& ip) { return ip.contract_id == 0; }));
}

void write_farm(JsonWriter& w, const ledger::Farm& farm) {
  w.StartObject();
  write_key(w, "id");
  write_u32(w, farm.id);
  write_key(w, "name");
  write_string(w, farm.name);
  write_key(w, "twin_id");
  write_u32(w, farm.twin_id);
  write_key(w, "certification");
  write_string(w, farm.certification == ledger::FarmCertification::gold ? "gold" : "none");
  write_key(w, "dedicated");
  w.Bool(farm.dedicated);
  write_key(w, "pricing_policy_id");
  write_u32(w, farm.pricing_policy_id);
  write_key(w, "farming_policy_id");
  write_u32(w, farm.farming_policy_id);
  write_key(w, "open");
  w.Bool(farm.open);
  write_key(w, "allowed");
  w.StartArray();
  for (const auto& account : farm.allowed) write_address(w, account);
  w.EndArray();
  write_key(w, "node_count");
  write_u32(w, farm.node_count);
  write_key(w, "public_ips");
  w.StartArray();
  for (const auto& ip : farm.public_ips) {
    w.StartObject();
    write_key(w, "ip");
    write_string(w, ip.ip);
    write_key(w, "gateway");
    write_string(w, ip.gateway);
    write_key(w, "contract_id");
    if (ip.contract_id != 0)
      write_u64(w, ip.contract_id);
    else
      w.Null();
    w.EndObject();
  }
  w.EndArray();
  write_key(w, "free_ips");
  write_u32(w, free_ip_count(farm));
  w.EndObject();
}

void write_node(JsonWriter& w, const ledger::Node& node, const NodeFacts& facts) {
  w.StartObject();
  write_key(w, "id");
  write_u32(w, node.id);
  write_key(w, "farm_id");
  write_u32(w, node.farm_id);
  write_key(w, "twin_id");
  write_u32(w, node.twin_id);
  write_key(w, "account");
  write_address(w, node.account);
  write_key(w, "status");
  write_string(w, ledger::node_status_name(facts.status));
  write_key(w, "power_state");
  write_string(w, ledger::power_state_name(node.power_state));
  write_key(w, "power_target");
  write_string(w, ledger::power_state_name(node.power_target));
  write_key(w, "power_state_since");
  w.Uint64(node.power_state_since);
  write_key(w, "last_uptime_report");
  w.Uint64(node.last_uptime_report);
  write_key(w, "last_uptime_value");
  write_u64(w, node.last_uptime_value);
  write_key(w, "down_seconds_total");
  write_u64(w, node.down_seconds_total);
  write_key(w, "certification");
  write_string(w, node.certification == ledger::NodeCertification::certified ? "certified" : "diy");
  write_key(w, "secure_boot");
  w.Bool(node.secure_boot);
  write_key(w, "virtualized");
  w.Bool(node.virtualized);
  write_key(w, "serial");
  write_optional_string(w, node.serial);
  write_key(w, "created_at");
  w.Uint64(node.created_at);
  write_key(w, "location");
  write_location(w, node.location);
  write_key(w, "interfaces");
  w.StartArray();
  for (const auto& i : node.interfaces) write_interface(w, i);
  w.EndArray();
  write_key(w, "public_config");
  write_public_config(w, node.public_config);
  write_key(w, "capacity");
  write_capacity(w, node);
  write_key(w, "extra_fee_musd_month");
  write_u64(w, node.extra_fee_musd_month);
  write_key(w, "contract_count");
  write_u32(w, node.contract_count);
  write_key(w, "rent_contract_id");
  if (node.rent_contract_id != 0)
    write_u64(w, node.rent_contract_id);
  else
    w.Null();
  write_key(w, "rented_by");
  if (facts.rented_by)
    write_u32(w, *facts.rented_by);
  else
    w.Null();
  write_key(w, "rentable");
  w.Bool(facts.rentable);
  w.EndObject();
}

void write_pricing_policy(JsonWriter& w, const ledger::PricingPolicy& p) {
  w.StartObject();
  write_key(w, "id");
  write_u32(w, p.id);
  write_key(w, "name");
  write_string(w, p.name);
  write_key(w, "cu");
  write_u64(w, p.cu);
  write_key(w, "su");
  write_u64(w, p.su);
  write_key(w, "nu");
  write_u64(w, p.nu);
  write_key(w, "ipv4");
  write_u64(w, p.ipv4);
  write_key(w, "unique_name");
  write_u64(w, p.unique_name);
  write_key(w, "domain_name");
  write_u64(w, p.domain_name);
  write_key(w, "dedicated_discount_percent");
  write_u32(w, p.dedicated_discount_percent);
  w.EndObject();
}

void write_farming_policy(JsonWriter& w, const ledger::FarmingPolicy& p) {
  w.StartObject();
  write_key(w, "id");
  write_u32(w, p.id);
  write_key(w, "name");
  write_string(w, p.name);
  write_key(w, "cu_reward");
  write_u64(w, p.cu_reward);
  write_key(w, "su_reward");
  write_u64(w, p.su_reward);
  write_key(w, "ipv4_reward");
  write_u64(w, p.ipv4_reward);
  write_key(w, "minimal_uptime_permille");
  write_u32(w, p.minimal_uptime_permille);
  write_key(w, "certified");
  w.Bool(p.certified);
  write_key(w, "connection_price_musd");
  write_u32(w, p.connection_price_musd);
  w.EndObject();
}

void write_price(JsonWriter& w, const ledger::TftPrice& price, const ledger::ChainParams& params) {
  w.StartObject();
  write_key(w, "latest_musd");
  write_u32(w, price.latest_musd);
  write_key(w, "average_musd");
  write_u64(w, price.average_musd);
  write_key(w, "price_min");
  write_u32(w, params.price_min);
  write_key(w, "price_max");
  write_u32(w, params.price_max);
  write_key(w, "effective_musd");
  write_u32(w, contracts::clamp_price(price.average_musd, params.price_min, params.price_max));
  w.EndObject();
}

}  // namespace grid::rpc
