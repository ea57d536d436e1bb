// Block time from votes ("BFT time"): the time of block h+1 is derived from the signed precommit
// timestamps of the commit of block h that the block carries, so no minority of clocks moves it.
//
// Contract:
// - commit_median_ms(set, commit): the voting-power-weighted lower median of the commit's
//   signature timestamps: sort them ascending, the median is the first timestamp at which the
//   cumulative power of the signers reaches half of the commit's power (2 * cumulative >= power).
//   nullopt when the commit has no signature or a signer is not in `set`.
// - Bound: a valid commit carries more than 2/3 of the set's power; with faulty power below 1/3,
//   the faulty signers hold less than half of the commit, so the median lies between the smallest
//   and the largest timestamp of a correct signer of that commit. A fast or slow clock of a
//   minority changes which correct timestamp is picked, never pushes the median beyond them.
// - block_time_seconds(previous, median_ms): max(median_ms / 1000, previous), in unix seconds:
//   never earlier than the previous block's, whatever the votes say, and never ahead of the
//   median (blocks less than a second apart share a second rather than run ahead of the clocks).
// Pure functions, integer math; the same on every node.
#pragma once

#include <cstdint>
#include <optional>

#include "consensus/messages.hpp"
#include "consensus/validator_set.hpp"

namespace grid::consensus {

std::optional<std::uint64_t> commit_median_ms(const ValidatorSet& set, const Commit& commit);

std::uint64_t block_time_seconds(std::uint64_t previous_seconds, std::uint64_t median_ms);

}  // namespace grid::consensus
