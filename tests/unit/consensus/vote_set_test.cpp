// VoteSet and HeightVotes: power per value, duplicates, conflicts with evidence, thresholds.
#include "consensus/vote_set.hpp"

#include <gtest/gtest.h>

#include "tests/unit/consensus/test_keys.hpp"

namespace grid::consensus {
namespace {

using testing::block_hash;
using testing::signed_vote;

std::shared_ptr<const ValidatorSet> four() {
  return std::make_shared<const ValidatorSet>(testing::test_set({1, 1, 1, 1}));
}

TEST(VoteSet, CountsPowerPerValueAndFindsQuorum) {
  VoteSet set(four(), 5, 2, VoteType::prevote);
  auto x = block_hash(1);
  EXPECT_EQ(set.add(signed_vote(1, VoteType::prevote, 5, 2, x)).outcome, AddVote::added);
  EXPECT_EQ(set.add(signed_vote(2, VoteType::prevote, 5, 2, x)).outcome, AddVote::added);
  EXPECT_FALSE(set.has_quorum_for(x));
  EXPECT_EQ(set.add(signed_vote(3, VoteType::prevote, 5, 2, std::nullopt)).outcome, AddVote::added);
  EXPECT_TRUE(set.has_quorum_any());
  EXPECT_FALSE(set.quorum_value());
  EXPECT_EQ(set.add(signed_vote(4, VoteType::prevote, 5, 2, x)).outcome, AddVote::added);
  ASSERT_TRUE(set.quorum_value());
  EXPECT_EQ(*set.quorum_value(), VoteValue(x));
  EXPECT_EQ(set.power_for(x), 3u);
  EXPECT_EQ(set.power_for(std::nullopt), 1u);
  EXPECT_EQ(set.signatures_for(x).size(), 3u);
}

TEST(VoteSet, RefusesOtherSlotsAndNonMembers) {
  VoteSet set(four(), 5, 2, VoteType::prevote);
  EXPECT_EQ(set.add(signed_vote(1, VoteType::precommit, 5, 2, std::nullopt)).outcome,
            AddVote::refused);
  EXPECT_EQ(set.add(signed_vote(1, VoteType::prevote, 6, 2, std::nullopt)).outcome,
            AddVote::refused);
  EXPECT_EQ(set.add(signed_vote(1, VoteType::prevote, 5, 3, std::nullopt)).outcome,
            AddVote::refused);
  EXPECT_EQ(set.add(signed_vote(9, VoteType::prevote, 5, 2, std::nullopt)).outcome,
            AddVote::refused);
  EXPECT_EQ(set.power_total(), 0u);
}

TEST(VoteSet, DuplicateChangesNothingConflictGivesEvidence) {
  VoteSet set(four(), 5, 2, VoteType::precommit);
  Vote a = signed_vote(1, VoteType::precommit, 5, 2, block_hash(1));
  Vote b = signed_vote(1, VoteType::precommit, 5, 2, block_hash(2));
  EXPECT_EQ(set.add(a).outcome, AddVote::added);
  EXPECT_EQ(set.add(a).outcome, AddVote::duplicate);
  AddVoteResult r = set.add(b);
  EXPECT_EQ(r.outcome, AddVote::conflict);
  ASSERT_TRUE(r.evidence);
  EXPECT_EQ(r.evidence, make_evidence(b, a));  // canonical order whatever the arrival order
  EXPECT_TRUE(verify_evidence("test-chain", testing::test_set({1, 1, 1, 1}), *r.evidence));
  EXPECT_EQ(set.power_total(), 1u);  // the validator counts once in total...
  EXPECT_EQ(set.power_for(block_hash(1)), 1u);
  EXPECT_EQ(set.power_for(block_hash(2)), 1u);  // ...and once for each value it signed
  EXPECT_EQ(set.add(b).outcome, AddVote::duplicate);
}

TEST(HeightVotes, RoundPowerCountsEachVoterOnce) {
  HeightVotes hv(four(), 3);
  (void)hv.add(signed_vote(1, VoteType::prevote, 3, 4, std::nullopt));
  (void)hv.add(signed_vote(1, VoteType::precommit, 3, 4, std::nullopt));
  EXPECT_EQ(hv.round_power(4), 1u);
  (void)hv.add(signed_vote(2, VoteType::precommit, 3, 4, std::nullopt));
  EXPECT_EQ(hv.round_power(4), 2u);
  EXPECT_EQ(hv.round_power(5), 0u);
  EXPECT_EQ(hv.rounds(), std::vector<Round>{4});
  EXPECT_EQ(hv.add(signed_vote(1, VoteType::prevote, 4, 4, std::nullopt)).outcome,
            AddVote::refused);
}

}  // namespace
}  // namespace grid::consensus
