// The key of every state entry: one table byte, then the record's id in big-endian (so that
// keys of a table sort by id) or its raw identifying bytes.
//
// Contract: the table bytes and layouts are part of the authenticated state (proofs name these
// keys): never reuse a table byte. contracts/ owns tables 0x40-0x5f; staking and governance
// 0x60-0x7f. Pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/account_id.hpp"
#include "core/bytes.hpp"

namespace grid::ledger::keys {

enum Table : std::uint8_t {
  kCounters = 0x01,
  kParams = 0x02,
  kChainMeta = 0x03,
  kValidators = 0x04,
  kTftPrice = 0x05,
  kPriceFeeder = 0x06,  // + account: PriceFeeder
  kPriceRing = 0x07,    // PriceRing
  kPriceSample = 0x08,  // + u32 slot: u32 mUSD
  kAccount = 0x10,
  kTerms = 0x11,
  kKv = 0x12,
  kTwin = 0x20,
  kTwinByAccount = 0x21,
  kTwinByStash = 0x22,
  kFarm = 0x28,
  kFarmByName = 0x29,
  kNode = 0x30,
  kNodeByAccount = 0x31,
  kNodesByFarm = 0x32,
  kPricingPolicy = 0x38,
  kFarmingPolicy = 0x39,
  kCouncil = 0x3a,
};

core::Bytes counters();
core::Bytes params();
core::Bytes chain_meta();
core::Bytes validators();
core::Bytes tft_price();
core::Bytes price_feeder(const core::AccountId& id);
core::Bytes price_feeder_prefix();
core::Bytes price_ring();
core::Bytes price_sample(std::uint32_t slot);
core::Bytes price_sample_prefix();
core::Bytes account(const core::AccountId& id);
core::Bytes terms(const core::AccountId& id);
core::Bytes kv(const core::AccountId& owner, core::ByteView key);
core::Bytes kv_prefix(const core::AccountId& owner);
core::Bytes twin(std::uint32_t id);
core::Bytes twin_by_account(const core::AccountId& id);
core::Bytes twin_by_stash(const core::AccountId& stash);
core::Bytes farm(std::uint32_t id);
core::Bytes farm_by_name(std::string_view name);
core::Bytes node(std::uint32_t id);
core::Bytes node_by_account(const core::AccountId& id);
core::Bytes node_in_farm(std::uint32_t farm_id, std::uint32_t node_id);
core::Bytes nodes_in_farm_prefix(std::uint32_t farm_id);
core::Bytes pricing_policy(std::uint32_t id);
core::Bytes farming_policy(std::uint32_t id);
core::Bytes council();

// Building blocks for other modules' keys.
core::Bytes table_key(std::uint8_t table);
void append_u32(core::Bytes& key, std::uint32_t v);
void append_u64(core::Bytes& key, std::uint64_t v);
void append_account(core::Bytes& key, const core::AccountId& id);

}  // namespace grid::ledger::keys
