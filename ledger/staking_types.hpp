// The staking module's records (ledger/staking_keys.hpp says where each one is stored).
//
// Contract: codec records; field order is the stored (and proven) layout. Amounts are base
// units; times are chain seconds. The reward accumulator is a u128 stored as two u64 halves
// (U128Field): reward per bonded unit, scaled by kRewardScale (1e18), wrapping modulo 2^128
// (only differences of it are used).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/account_id.hpp"
#include "core/codec.hpp"
#include "core/uint128.hpp"

namespace grid::ledger {

inline constexpr core::u128 kRewardScale = 1'000'000'000'000'000'000ull;  // 1e18

// A u128 in the codec: hi then lo.
struct U128Field {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  core::u128 get() const { return (core::u128{hi} << 64) | lo; }
  static U128Field of(core::u128 v) {
    return {static_cast<std::uint64_t>(v >> 64), static_cast<std::uint64_t>(v)};
  }
  bool operator==(const U128Field&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.hi);
    v(self.lo);
  }
};

// A registered validator candidate (keyed by its operator account).
struct Validator {
  core::AccountId operator_account{};
  std::array<std::uint8_t, 32> consensus_key{};
  std::uint8_t commission_percent = 0;            // 0..100
  std::optional<std::uint64_t> commission_epoch;  // epoch of the last set_commission
  std::string description;                        // <= 256 bytes
  std::uint64_t self_bond = 0;                    // the operator's own delegation
  std::uint64_t total_bond = 0;                   // sum of all its delegations
  std::uint32_t delegator_count = 0;              // delegations with amount > 0
  bool jailed = false;
  std::uint64_t jailed_until = 0;
  U128Field reward_per_unit;                  // accumulated delegator reward per unit, x 1e18
  std::optional<std::uint64_t> indexed_bond;  // its candidate-index entry (nullopt: none)
  std::uint64_t registered_at = 0;
  bool operator==(const Validator&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.operator_account);
    v(self.consensus_key);
    v(self.commission_percent);
    v(self.commission_epoch);
    v(self.description, core::Limit{256});
    v(self.self_bond);
    v(self.total_bond);
    v(self.delegator_count);
    v(self.jailed);
    v(self.jailed_until);
    v(self.reward_per_unit);
    v(self.indexed_bond);
    v(self.registered_at);
  }
};

// One account's bond to one validator. reward_entry is the validator's reward_per_unit when the
// delegation's rewards were last settled (into the account's RewardsOwed).
struct Delegation {
  std::uint64_t amount = 0;
  U128Field reward_entry;
  bool operator==(const Delegation&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.amount);
    v(self.reward_entry);
  }
};

// Unbonding amounts of one account released at one time from one validator (the key holds the
// account, release time and validator; two unbonds that collide are merged).
struct UnbondingEntry {
  std::uint64_t amount = 0;
  bool operator==(const UnbondingEntry&) const = default;
  static void fields(auto& self, auto& v) { v(self.amount); }
};

// The module's singleton.
struct StakingState {
  std::uint64_t epoch = 0;                // the last epoch whose start was processed
  std::uint64_t outstanding_rewards = 0;  // left the pool for delegators, not yet paid out
  bool operator==(const StakingState&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.epoch);
    v(self.outstanding_rewards);
  }
};

}  // namespace grid::ledger
