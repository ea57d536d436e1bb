#include "consensus/proposer.hpp"

namespace grid::consensus {

const ValidatorKey& ProposerSchedule::proposer(Round round) {
  while (proposers_.size() <= round) proposers_.push_back(running_.increment_proposer());
  return proposers_[round];
}

ValidatorSet ProposerSchedule::next_base(const ValidatorSet& next_members) const {
  ValidatorSet advanced = base_;
  (void)advanced.increment_proposer();
  return next_members.carry_priorities_from(advanced);
}

}  // namespace grid::consensus
