// The staking epoch (ECONOMICS.md "Staking"): epoch k starts at genesis_time + k x epoch_length.
// The end_block of the first block whose time reaches a new epoch (several boundaries crossed
// at once count as one) does, in order:
// (a) distribution: Counters.staking_pool is shared among the validators of the CURRENT active
//     set (keys::validators()) pro rata to their total bond (floor). Of a validator's share the
//     operator takes commission_percent (floor) to its free balance; the rest raises the
//     validator's reward_per_unit by rest x 1e18 / total_bond and moves to
//     StakingState.outstanding_rewards (delegators collect it with withdraw_unbonded). What the
//     floors leave stays in the pool (next epoch) or in outstanding_rewards (never paid, still
//     counted): supply is conserved exactly. Emits "staking_reward" per validator paid and
//     "staking_epoch" {epoch, distributed}. O(active validators).
// (b) election: the top max_validators electable candidates (not jailed, self-bond >=
//     min_validator_bond) by total bond, ties by operator account, power = total bond, written
//     to keys::validators() sorted by operator account: consensus uses it two blocks later. It
//     is a prefix scan of the candidate index that reads at most max_validators +
//     kElectionScanSlack entries (entries made stale by a governance change of
//     min_validator_bond are skipped within that slack). An empty result keeps the old set.
#pragma once

#include <string_view>

#include "ledger/module.hpp"
#include "ledger/state_types.hpp"

namespace grid::ledger {

inline constexpr std::uint32_t kElectionScanSlack = 64;

// Runs (a) and (b) when ctx.now() is in a later epoch than the last one processed.
Status run_epoch(BlockContext& ctx);

// The new active set computed by (b) (may be empty).
Result<ValidatorSet> elect_validators(const StateReader& state, const ChainParams& params);

// Writes `next` to keys::validators() when it differs from the current set and is not empty
// ("validator_set_changed" {validators, reason}); an empty `next` keeps the current set
// ("validator_set_kept" {reason}).
Status replace_active_set(BlockContext& ctx, ValidatorSet next, std::string_view why);

}  // namespace grid::ledger
