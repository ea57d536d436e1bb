// Staking bookkeeping shared by the staking calls, the epoch, slashing and genesis: validator
// records with their candidate index, delegations with reward settlement, owed rewards, the
// module singleton and the epoch clock.
//
// Rules kept here (see docs/staking.md):
// - A validator is electable when it is not jailed, its self-bond >= min_validator_bond and its
//   total bond > 0; exactly the electable ones have a keys::candidate entry, keyed by their total
//   bond at the time of their last change (Validator.indexed_bond remembers which key).
// - Rewards: a delegation earns amount x (reward_per_unit - reward_entry) / 1e18; it is settled
//   into the account's keys::rewards_owed before every change of the delegation, and paid (to
//   free) by pay_rewards. All of it stays counted in StakingState.outstanding_rewards until paid.
// - Caps: kMaxDelegatorsPerValidator delegators per validator (its operator always may bond),
//   kMaxDelegationsPerAccount validators per account, kMaxUnbondingEntries entries per account.
// Deterministic: integers only (u128 products), prefix scans bounded by the caps above.
#pragma once

#include <cstdint>
#include <optional>

#include "ledger/accounts.hpp"
#include "ledger/module.hpp"
#include "ledger/staking_types.hpp"
#include "ledger/state_types.hpp"

namespace grid::ledger {

inline constexpr std::uint32_t kMaxDelegatorsPerValidator = 1000;
inline constexpr std::uint32_t kMaxDelegationsPerAccount = 32;
inline constexpr std::uint32_t kMaxUnbondingEntries = 16;
inline constexpr std::size_t kMaxValidatorDescription = 256;

Result<std::optional<Validator>> find_validator(const StateReader& state, const AccountId& op);
Result<Validator> load_validator(const StateReader& state, const AccountId& op);
bool is_electable(const Validator& v, const ChainParams& params);
// Stores `v` and moves its candidate-index entry to match (is_electable, total_bond).
void store_validator(Overlay& state, const ChainParams& params, Validator& v);

Result<StakingState> load_staking_state(const StateReader& state);
Result<Delegation> load_delegation(const StateReader& state, const AccountId& validator,
                                   const AccountId& delegator);  // {} when absent

// The epoch `now` falls in: (now - genesis_time) / epoch_length (0 when epoch_length is 0).
Result<std::uint64_t> epoch_at(const StateReader& state, const ChainParams& params,
                               std::uint64_t now);

// Rewards earned by `d` since its last settlement.
std::uint64_t unsettled_rewards(const Validator& v, const Delegation& d);

// Settles the delegation's rewards, then sets its amount to `amount`: the validator's totals,
// delegator count and index entries follow (a delegation of 0 is erased). Stores both records.
// The account's bonded/unbonding balances are the caller's.
Status set_delegation(Overlay& state, const ChainParams& params, Validator& v,
                      const AccountId& delegator, std::uint64_t amount);

// Settles every delegation of `account` and pays everything it is owed to its free balance.
// Returns the amount paid. O(kMaxDelegationsPerAccount).
Result<std::uint64_t> pay_rewards(Overlay& state, const AccountId& account);

// Adds to total_supply-neutral balances with overflow checks (Code::internal on overflow).
Status add_checked(std::uint64_t& to, std::uint64_t amount, std::string_view what);

}  // namespace grid::ledger
