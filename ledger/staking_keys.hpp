// The staking module's state tables (bytes 0x60-0x67 of the range ledger/state_keys.hpp gives
// staking and governance). Layouts (AccountId = its 33 bytes, integers big-endian):
//   0x60 + operator                        -> Validator
//   0x61 + consensus key (32)              -> AccountId of the validator using it
//   0x62 + validator + delegator           -> Delegation (a validator's delegations: prefix scan)
//   0x63 + delegator + validator           -> (empty) an account's delegations (index)
//   0x64 + account + release_at + validator -> UnbondingEntry (sorted by release time)
//   0x65 + (u64 max - total bond) + operator -> (empty) electable candidates, biggest bond first
//   0x66 0x01 + evidence id (32)           -> u64 height of the block that used it
//   0x66 0x02 + operator + height          -> evidence id (this validator slashed for height)
//   0x67                                   -> StakingState
//   0x67 + account                         -> u64 settled rewards owed to the account
// Contract: pure functions; the layouts are part of the authenticated state (docs/wire.md).
#pragma once

#include <array>
#include <cstdint>

#include "core/account_id.hpp"
#include "core/bytes.hpp"
#include "core/hash.hpp"

namespace grid::ledger::keys {

enum StakingTable : std::uint8_t {
  kValidator = 0x60,
  kValidatorByKey = 0x61,
  kDelegation = 0x62,
  kDelegatorIndex = 0x63,
  kUnbonding = 0x64,
  kCandidateIndex = 0x65,
  kSlashing = 0x66,
  kStaking = 0x67,
};

core::Bytes validator(const core::AccountId& op);
core::Bytes validator_prefix();
core::Bytes validator_by_key(const std::array<std::uint8_t, 32>& consensus_key);
core::Bytes delegation(const core::AccountId& validator, const core::AccountId& delegator);
core::Bytes delegations_of_validator(const core::AccountId& validator);
core::Bytes delegator_index(const core::AccountId& delegator, const core::AccountId& validator);
core::Bytes delegations_of_account(const core::AccountId& delegator);
core::Bytes unbonding(const core::AccountId& account, std::uint64_t release_at,
                      const core::AccountId& validator);
core::Bytes unbondings_of_account(const core::AccountId& account);
core::Bytes candidate(std::uint64_t total_bond, const core::AccountId& op);
core::Bytes candidate_prefix();
core::Bytes evidence_used(const core::Hash32& id);
core::Bytes slashed_at(const core::AccountId& op, std::uint64_t height);
core::Bytes staking_state();
core::Bytes rewards_owed(const core::AccountId& account);
// 0x67 + scheme byte: the owed rewards of the accounts of one key scheme.
core::Bytes rewards_owed_prefix(core::KeyScheme scheme);

// Decoding key suffixes (nullopt when the key is not of that shape).
std::optional<core::AccountId> account_at(core::ByteView key, std::size_t offset);
std::optional<std::uint64_t> u64_at(core::ByteView key, std::size_t offset);

}  // namespace grid::ledger::keys
