// Read-only staking queries for the RPC, gridcli and the explorer: a validator, validators
// paged by operator address (key order), and an account's delegations, unbonding entries and
// rewards. Nothing here writes.
//
// Contract: pure reads of one state version. list_validators decodes at most `limit` records
// but, as the state offers prefix scans only, steps over the keys before `after` (O(validators
// before the page) key visits); account_staking reads at most kMaxDelegationsPerAccount
// delegations and kMaxUnbondingEntries entries. Errors are the store's (io, corruption).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/state_types.hpp"
#include "ledger/state_view.hpp"

namespace grid::ledger {

struct ValidatorInfo {
  AccountId operator_account{};
  std::array<std::uint8_t, 32> consensus_key{};
  std::uint8_t commission_percent = 0;
  std::string description;
  std::uint64_t self_bond = 0;
  std::uint64_t total_bond = 0;
  std::uint32_t delegator_count = 0;
  bool jailed = false;
  std::uint64_t jailed_until = 0;  // meaningful when jailed
  bool active = false;             // in keys::validators() now
  std::uint64_t voting_power = 0;  // its power in the active set (0 when not active)
  bool operator==(const ValidatorInfo&) const = default;
};

struct ValidatorPage {
  std::vector<ValidatorInfo> validators;
  std::optional<AccountId> next_after;  // pass as `after` for the next page; nullopt: the end
};

struct DelegationInfo {
  AccountId validator{};
  std::uint64_t amount = 0;
  std::uint64_t pending_rewards = 0;  // earned by this delegation, not yet settled
  bool operator==(const DelegationInfo&) const = default;
};

struct UnbondingInfo {
  AccountId validator{};
  std::uint64_t amount = 0;
  std::uint64_t release_at = 0;
  bool operator==(const UnbondingInfo&) const = default;
};

struct AccountStaking {
  std::vector<DelegationInfo> delegations;  // by validator account
  std::vector<UnbondingInfo> unbonding;     // by release time
  std::uint64_t rewards_settled = 0;        // settled, paid by the next withdraw_unbonded
  std::uint64_t rewards_total = 0;          // settled + every delegation's pending
};

Result<std::optional<ValidatorInfo>> get_validator(const StateReader& state, const AccountId& op);

// Validators with operator account > `after` (all when nullopt), at most `limit` (capped at
// kMaxValidatorPage).
inline constexpr std::uint32_t kMaxValidatorPage = 200;
Result<ValidatorPage> list_validators(const StateReader& state, std::optional<AccountId> after,
                                      std::uint32_t limit);

Result<AccountStaking> account_staking(const StateReader& state, const AccountId& account);

}  // namespace grid::ledger
