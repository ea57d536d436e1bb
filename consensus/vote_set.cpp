#include "consensus/vote_set.hpp"

namespace grid::consensus {

VoteSet::VoteSet(std::shared_ptr<const ValidatorSet> set, Height height, Round round, VoteType type)
    : set_(std::move(set)), height_(height), round_(round), type_(type) {}

AddVoteResult VoteSet::add(const Vote& vote) {
  if (vote.height != height_ || vote.round != round_ || vote.type != type_) return {};
  std::uint64_t power = set_->power_of(vote.validator);
  if (power == 0) return {};
  auto [first, is_first] = votes_.try_emplace(vote.validator, vote);
  auto& same_value = by_value_[vote.block_hash];
  if (same_value.count(vote.validator)) return {AddVote::duplicate, std::nullopt};
  if (!is_first) {
    AddVoteResult conflict{AddVote::conflict, make_evidence(first->second, vote)};
    if (++values_per_validator_[vote.validator] >= kMaxValuesPerValidator) return conflict;
    same_value.emplace(vote.validator, vote);
    power_[vote.block_hash] += power;
    return conflict;
  }
  values_per_validator_[vote.validator] = 1;
  same_value.emplace(vote.validator, vote);
  power_[vote.block_hash] += power;
  total_ += power;
  return {AddVote::added, std::nullopt};
}

bool VoteSet::contains(const Vote& vote) const {
  auto it = by_value_.find(vote.block_hash);
  if (it == by_value_.end()) return false;
  auto v = it->second.find(vote.validator);
  return v != it->second.end() && v->second == vote;
}

std::uint64_t VoteSet::power_for(const VoteValue& value) const {
  auto it = power_.find(value);
  return it == power_.end() ? 0 : it->second;
}

std::optional<VoteValue> VoteSet::quorum_value() const {
  for (const auto& [value, power] : power_)
    if (set_->has_quorum(power)) return value;
  return std::nullopt;
}

const Vote* VoteSet::vote_of(const ValidatorKey& key) const {
  auto it = votes_.find(key);
  return it == votes_.end() ? nullptr : &it->second;
}

std::vector<Vote> VoteSet::votes_for(const VoteValue& value) const {
  std::vector<Vote> out;
  auto it = by_value_.find(value);
  if (it == by_value_.end()) return out;
  for (const auto& [key, vote] : it->second) out.push_back(vote);
  return out;
}

std::vector<CommitSig> VoteSet::signatures_for(const BlockHash& hash) const {
  std::vector<CommitSig> out;
  for (const Vote& vote : votes_for(hash))
    out.push_back({vote.validator, vote.timestamp_ms, vote.signature});
  return out;
}

HeightVotes::HeightVotes(std::shared_ptr<const ValidatorSet> set, Height height)
    : set_(std::move(set)), height_(height) {}

HeightVotes::RoundVotes& HeightVotes::round_votes(Round round) {
  auto it = rounds_.find(round);
  if (it == rounds_.end()) {
    it = rounds_
             .emplace(round, RoundVotes{VoteSet(set_, height_, round, VoteType::prevote),
                                        VoteSet(set_, height_, round, VoteType::precommit),
                                        {},
                                        0})
             .first;
  }
  return it->second;
}

AddVoteResult HeightVotes::add(const Vote& vote) {
  if (vote.height != height_ || !set_ || set_->power_of(vote.validator) == 0) return {};
  RoundVotes& rv = round_votes(vote.round);
  AddVoteResult result = (vote.type == VoteType::prevote ? rv.prevotes : rv.precommits).add(vote);
  if (result.outcome == AddVote::added && rv.voters.insert(vote.validator).second)
    rv.voter_power += set_->power_of(vote.validator);
  return result;
}

const VoteSet* HeightVotes::find(Round round, VoteType type) const {
  auto it = rounds_.find(round);
  if (it == rounds_.end()) return nullptr;
  return type == VoteType::prevote ? &it->second.prevotes : &it->second.precommits;
}

std::uint64_t HeightVotes::round_power(Round round) const {
  auto it = rounds_.find(round);
  return it == rounds_.end() ? 0 : it->second.voter_power;
}

std::vector<Round> HeightVotes::rounds() const {
  std::vector<Round> out;
  for (const auto& [round, _] : rounds_) out.push_back(round);
  return out;
}

}  // namespace grid::consensus
