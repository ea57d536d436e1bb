#include "ledger/state_keys.hpp"

namespace grid::ledger::keys {

core::Bytes table_key(std::uint8_t table) {
  return core::Bytes{table};
}

void append_u32(core::Bytes& key, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) key.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void append_u64(core::Bytes& key, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) key.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void append_account(core::Bytes& key, const core::AccountId& id) {
  key.push_back(static_cast<std::uint8_t>(id.scheme));
  key.insert(key.end(), id.key.begin(), id.key.end());
}

namespace {
core::Bytes with_u32(Table t, std::uint32_t id) {
  core::Bytes k = table_key(t);
  append_u32(k, id);
  return k;
}
core::Bytes with_account(Table t, const core::AccountId& id) {
  core::Bytes k = table_key(t);
  append_account(k, id);
  return k;
}
}  // namespace

core::Bytes counters() {
  return table_key(kCounters);
}
core::Bytes params() {
  return table_key(kParams);
}
core::Bytes chain_meta() {
  return table_key(kChainMeta);
}
core::Bytes tft_price() {
  return table_key(kTftPrice);
}
core::Bytes price_feeder(const core::AccountId& id) {
  return with_account(kPriceFeeder, id);
}
core::Bytes price_feeder_prefix() {
  return table_key(kPriceFeeder);
}
core::Bytes price_ring() {
  return table_key(kPriceRing);
}
core::Bytes price_sample(std::uint32_t slot) {
  return with_u32(kPriceSample, slot);
}
core::Bytes price_sample_prefix() {
  return table_key(kPriceSample);
}
core::Bytes validators() {
  return table_key(kValidators);
}
core::Bytes account(const core::AccountId& id) {
  return with_account(kAccount, id);
}
core::Bytes terms(const core::AccountId& id) {
  return with_account(kTerms, id);
}
core::Bytes kv_prefix(const core::AccountId& owner) {
  return with_account(kKv, owner);
}
core::Bytes kv(const core::AccountId& owner, core::ByteView key) {
  core::Bytes k = kv_prefix(owner);
  k.insert(k.end(), key.begin(), key.end());
  return k;
}
core::Bytes twin(std::uint32_t id) {
  return with_u32(kTwin, id);
}
core::Bytes twin_by_account(const core::AccountId& id) {
  return with_account(kTwinByAccount, id);
}
core::Bytes twin_by_stash(const core::AccountId& stash) {
  return with_account(kTwinByStash, stash);
}
core::Bytes farm(std::uint32_t id) {
  return with_u32(kFarm, id);
}
core::Bytes farm_by_name(std::string_view name) {
  core::Bytes k = table_key(kFarmByName);
  k.insert(k.end(), name.begin(), name.end());
  return k;
}
core::Bytes node(std::uint32_t id) {
  return with_u32(kNode, id);
}
core::Bytes node_by_account(const core::AccountId& id) {
  return with_account(kNodeByAccount, id);
}
core::Bytes nodes_in_farm_prefix(std::uint32_t farm_id) {
  return with_u32(kNodesByFarm, farm_id);
}
core::Bytes node_in_farm(std::uint32_t farm_id, std::uint32_t node_id) {
  core::Bytes k = nodes_in_farm_prefix(farm_id);
  append_u32(k, node_id);
  return k;
}
core::Bytes pricing_policy(std::uint32_t id) {
  return with_u32(kPricingPolicy, id);
}
core::Bytes farming_policy(std::uint32_t id) {
  return with_u32(kFarmingPolicy, id);
}
core::Bytes council() {
  return table_key(kCouncil);
}

}  // namespace grid::ledger::keys
