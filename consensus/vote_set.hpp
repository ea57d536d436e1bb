// VoteSet: the votes of one (height, round, type), and HeightVotes: every round of one height.
//
// Contract:
// - add() takes votes whose signature was already verified; it refuses non-members and votes for
//   another (height, round, type). An identical vote again is a duplicate and changes nothing. A
//   different vote of a validator that already voted is a conflict, returned with its Evidence.
// - power_for(v) counts every validator that signed v, once per value, so an equivocating
//   validator counts for each value it signed (at most kMaxValuesPerValidator values; more are
//   only evidence). This keeps "more than 2/3 of the power signed v" true for every quorum, and
//   lets every honest node see a polka that includes a twin's vote, whichever twin vote arrived
//   first (CometBFT gets the same effect from peer maj23 claims).
// - power_total() counts each validator once (its first vote); thresholds are the set's.
// - HeightVotes also tracks, per round, the power of validators that sent any vote in that round
//   (for the "skip to a later round" rule).
// Thread safety: single-threaded values. The ValidatorSet must outlive the VoteSet.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>

#include "consensus/messages.hpp"

namespace grid::consensus {

inline constexpr std::size_t kMaxValuesPerValidator = 4;

enum class AddVote { added, duplicate, conflict, refused };

struct AddVoteResult {
  AddVote outcome = AddVote::refused;
  std::optional<Evidence> evidence;  // set on conflict
};

class VoteSet {
 public:
  VoteSet(std::shared_ptr<const ValidatorSet> set, Height height, Round round, VoteType type);

  AddVoteResult add(const Vote& vote);

  std::uint64_t power_for(const VoteValue& value) const;
  std::uint64_t power_total() const { return total_; }
  bool has_quorum_any() const { return set_->has_quorum(total_); }
  bool has_quorum_for(const VoteValue& value) const { return set_->has_quorum(power_for(value)); }
  // The value that has more than 2/3 of the power, if any (at most one can).
  std::optional<VoteValue> quorum_value() const;
  const Vote* vote_of(const ValidatorKey& key) const;  // the first vote of `key`
  bool contains(const Vote& vote) const;
  std::vector<Vote> votes_for(const VoteValue& value) const;  // sorted by validator key
  // Commit signatures for `hash` (sorted by key); the caller checks the quorum.
  std::vector<CommitSig> signatures_for(const BlockHash& hash) const;

 private:
  std::shared_ptr<const ValidatorSet> set_;
  Height height_;
  Round round_;
  VoteType type_;
  std::map<ValidatorKey, Vote> votes_;                          // first vote per validator
  std::map<VoteValue, std::map<ValidatorKey, Vote>> by_value_;  // every vote, per value
  std::map<ValidatorKey, std::size_t> values_per_validator_;
  std::map<VoteValue, std::uint64_t> power_;
  std::uint64_t total_ = 0;
};

class HeightVotes {
 public:
  HeightVotes() = default;
  HeightVotes(std::shared_ptr<const ValidatorSet> set, Height height);

  AddVoteResult add(const Vote& vote);
  // The votes of (round, type); nullptr when no vote of that round arrived yet.
  const VoteSet* find(Round round, VoteType type) const;
  // Power of the validators that sent any vote in `round`.
  std::uint64_t round_power(Round round) const;
  std::vector<Round> rounds() const;
  const ValidatorSet& validators() const { return *set_; }
  Height height() const { return height_; }

 private:
  struct RoundVotes {
    VoteSet prevotes;
    VoteSet precommits;
    std::set<ValidatorKey> voters;
    std::uint64_t voter_power = 0;
  };
  RoundVotes& round_votes(Round round);

  std::shared_ptr<const ValidatorSet> set_;
  Height height_ = 0;
  std::map<Round, RoundVotes> rounds_;
};

}  // namespace grid::consensus
