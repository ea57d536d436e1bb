// Genesis: the first state of a chain: chain id, genesis time, funded accounts, council,
// validators, TFT price, policies and every parameter.
//
// Contract: the genesis hash is hash(encode(Genesis)): the same genesis gives the same hash on
// every machine (the JSON form is converted to this struct by rpc/genesis_json). genesis_state()
// writes the initial state into an overlay and checks it (no duplicate accounts, supply fits in
// u64, a non-empty validator set). dev_genesis() is the built-in dev chain of WIRE.md and
// ECONOMICS.md: chain id "gridchain-dev", alice..ferdie with 1 000 000 TFT each.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/account_id.hpp"
#include "core/codec.hpp"
#include "core/hash.hpp"
#include "ledger/params.hpp"
#include "ledger/state_view.hpp"

namespace grid::ledger {

struct GenesisAccount {
  core::AccountId account{};
  std::uint64_t balance = 0;
  bool operator==(const GenesisAccount&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.account);
    v(self.balance);
  }
};

struct GenesisValidator {
  core::AccountId operator_account{};            // receives fees and rewards
  std::array<std::uint8_t, 32> consensus_key{};  // ed25519
  std::uint64_t self_bond = 0;                   // moved from the operator's balance at genesis
  std::uint32_t commission_percent = 0;
  bool operator==(const GenesisValidator&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.operator_account);
    v(self.consensus_key);
    v(self.self_bond);
    v(self.commission_percent);
  }
};

struct Genesis {
  std::string chain_id;
  std::uint64_t genesis_time = 0;  // unix seconds
  std::vector<GenesisAccount> accounts;
  std::vector<core::AccountId> council;
  std::vector<GenesisValidator> validators;
  std::vector<core::AccountId> price_feeders;
  std::uint32_t tft_price_musd = 20;
  std::vector<PricingPolicy> pricing_policies;
  std::vector<FarmingPolicy> farming_policies;
  ChainParams params;
  bool operator==(const Genesis&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.chain_id);
    v(self.genesis_time);
    v(self.accounts);
    v(self.council);
    v(self.validators);
    v(self.price_feeders);
    v(self.tft_price_musd);
    v(self.pricing_policies);
    v(self.farming_policies);
    v(self.params);
  }
};

// What the state remembers of the chain itself: its identity and the last applied block.
struct ChainMeta {
  std::string chain_id;
  core::Hash32 genesis_hash;
  std::uint64_t genesis_time = 0;
  std::uint64_t height = 0;  // of the last applied block; 0 = genesis only
  std::uint64_t time = 0;    // of the last applied block
  core::Hash32 last_block_hash;
  bool operator==(const ChainMeta&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.chain_id);
    v(self.genesis_hash);
    v(self.genesis_time);
    v(self.height);
    v(self.time);
    v(self.last_block_hash);
  }
};

core::GenesisHash genesis_hash(const Genesis& genesis);

// Writes the genesis state (accounts, counters with the total supply, params, policies,
// council, chain meta) into `state`. Code::invalid when the genesis is inconsistent.
core::Status write_genesis_state(const Genesis& genesis, Overlay& state);

// The dev chain: the six dev accounts funded, alice on the council, one validator whose
// consensus key is given (gridnode dev generates or loads it), short periods.
Genesis dev_genesis(const std::array<std::uint8_t, 32>& validator_consensus_key,
                    std::uint64_t genesis_time);

}  // namespace grid::ledger
