// ProposerSchedule: the proposer of every round of one height, by weighted round-robin.
//
// Contract: built from the height's base set (its priorities as they stand when the height
// starts). The proposer of round r is the winner of the (r+1)-th increment_proposer() applied to
// a copy of the base, so every node computes the same proposer for (height, round). The next
// height's base is this base after ONE increment (the round a height ended in does not matter),
// carried into the next height's membership. Results are memoized; rounds are computed lazily.
// Thread safety: single-threaded value.
#pragma once

#include <vector>

#include "consensus/validator_set.hpp"

namespace grid::consensus {

class ProposerSchedule {
 public:
  ProposerSchedule() = default;
  explicit ProposerSchedule(ValidatorSet base) : base_(base), running_(std::move(base)) {}

  const ValidatorSet& base() const { return base_; }
  const ValidatorKey& proposer(Round round);
  ValidatorSet next_base(const ValidatorSet& next_members) const;

 private:
  ValidatorSet base_;
  ValidatorSet running_;
  std::vector<ValidatorKey> proposers_;
};

}  // namespace grid::consensus
