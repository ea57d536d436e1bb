// ValidatorSet: canonical order, hashing, 2/3 and 1/3 thresholds, and weighted round-robin.
#include "consensus/validator_set.hpp"

#include <gtest/gtest.h>

#include <map>

#include "consensus/proposer.hpp"
#include "tests/unit/consensus/test_keys.hpp"

namespace grid::consensus {
namespace {

using testing::test_key;
using testing::test_set;

TEST(ValidatorSet, RefusesBadSets) {
  EXPECT_FALSE(ValidatorSet::create({}));
  auto k = test_key(1).public_key();
  EXPECT_FALSE(ValidatorSet::create({{k, 1}, {k, 2}}));
  EXPECT_FALSE(ValidatorSet::create({{k, 0}}));
  EXPECT_FALSE(ValidatorSet::create({{k, kMaxTotalPower}, {test_key(2).public_key(), 1}}));
}

TEST(ValidatorSet, HashIgnoresInputOrderAndPriorities) {
  auto a = test_key(1).public_key(), b = test_key(2).public_key();
  auto s1 = ValidatorSet::create({{a, 3}, {b, 5}}).value();
  auto s2 = ValidatorSet::create({{b, 5}, {a, 3}}).value();
  EXPECT_EQ(s1.hash(), s2.hash());
  (void)s2.increment_proposer();
  EXPECT_EQ(s1.hash(), s2.hash());
  auto s3 = ValidatorSet::create({{a, 3}, {b, 6}}).value();
  EXPECT_NE(s1.hash(), s3.hash());
}

TEST(ValidatorSet, Thresholds) {
  auto set = test_set({1, 1, 1, 1});  // total 4
  EXPECT_FALSE(set.has_quorum(2));
  EXPECT_TRUE(set.has_quorum(3));
  EXPECT_FALSE(set.has_one_third(1));
  EXPECT_TRUE(set.has_one_third(2));
  auto three = test_set({1, 1, 1});  // exactly 2/3 is not a quorum
  EXPECT_FALSE(three.has_quorum(2));
  EXPECT_TRUE(three.has_quorum(3));
  auto big = test_set({kMaxTotalPower / 2, kMaxTotalPower / 2});  // u128 products do not wrap
  EXPECT_TRUE(big.has_quorum(kMaxTotalPower));
  EXPECT_FALSE(big.has_quorum(kMaxTotalPower / 2));
}

TEST(ValidatorSet, StateCodecRoundTripAndStrict) {
  auto set = test_set({4, 7, 9});
  (void)set.increment_proposer();
  auto back = core::decode<ValidatorSet>(core::encode(set));
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(back->validators(), set.validators());
  EXPECT_EQ(back->priorities(), set.priorities());
  auto bytes = core::encode(set);
  bytes.push_back(0);
  EXPECT_FALSE(core::decode<ValidatorSet>(bytes));
}

TEST(Proposer, FrequencyIsProportionalToPower) {
  auto set = test_set({1, 2, 3, 4, 10});
  ProposerSchedule schedule(set);
  std::map<ValidatorKey, std::uint64_t> count;
  const Round rounds = 2000;
  for (Round r = 0; r < rounds; ++r) count[schedule.proposer(r)]++;
  for (const auto& v : set.validators())
    EXPECT_EQ(count[v.key], rounds * v.power / set.total_power()) << short_key(v.key);
}

TEST(Proposer, EqualPowerIsRoundRobinAndCarriesAcrossHeights) {
  auto set = test_set({5, 5, 5, 5});
  ProposerSchedule h1(set);
  std::map<ValidatorKey, int> seen;
  for (Round r = 0; r < 4; ++r) seen[h1.proposer(r)]++;
  EXPECT_EQ(seen.size(), 4u);
  // Each height advances the schedule once: four heights' round-0 proposers are all different.
  std::map<ValidatorKey, int> firsts;
  ProposerSchedule s(set);
  for (int h = 0; h < 4; ++h) {
    firsts[s.proposer(0)]++;
    s = ProposerSchedule(s.next_base(set));
  }
  EXPECT_EQ(firsts.size(), 4u);
  // Deterministic: the same base gives the same schedule.
  ProposerSchedule again(set);
  for (Round r = 0; r < 8; ++r) EXPECT_EQ(again.proposer(r), h1.proposer(r));
}

TEST(Proposer, NewcomerWaitsAndStaysFair) {
  auto old_set = test_set({10, 10, 10});
  auto grown = test_set({10, 10, 10, 10});
  ProposerSchedule s(old_set);
  ValidatorSet base = s.next_base(grown);
  ProposerSchedule next(base);
  auto newcomer = test_key(4).public_key();
  EXPECT_NE(next.proposer(0), newcomer);
  std::map<ValidatorKey, int> count;
  for (Round r = 0; r < 400; ++r) count[next.proposer(r)]++;
  for (const auto& [key, n] : count) EXPECT_NEAR(n, 100, 2) << short_key(key);
}

}  // namespace
}  // namespace grid::consensus
