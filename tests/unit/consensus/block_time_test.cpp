// BFT time: the weighted median of a commit's precommit timestamps, its bound under a minority of
// wrong clocks, the strictly increasing block time, and the timestamp being part of what a vote
// signs (yet not of the value it votes for).
#include "consensus/block_time.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "consensus/vote_set.hpp"
#include "tests/unit/consensus/test_keys.hpp"

namespace grid::consensus {
namespace {

using testing::block_hash;
using testing::signed_vote;
using testing::test_key;

constexpr std::uint64_t kT = 1'800'000'000'000;  // unix ms

// A commit of height 3 for block_hash(5) signed by keys 1..n at the given timestamps, sorted.
Commit commit_at(const std::vector<std::uint64_t>& stamps) {
  Commit c{3, 0, block_hash(5), {}};
  for (std::size_t i = 0; i < stamps.size(); ++i) {
    Vote v = signed_vote(static_cast<std::uint8_t>(i + 1), VoteType::precommit, 3, 0, block_hash(5),
                         "test-chain", stamps[i]);
    c.signatures.push_back({v.validator, v.timestamp_ms, v.signature});
  }
  std::sort(c.signatures.begin(), c.signatures.end(),
            [](const auto& a, const auto& b) { return a.validator < b.validator; });
  return c;
}

TEST(BlockTime, MedianOfEqualPowersIsTheLowerMiddleTimestamp) {
  auto set = testing::test_set({1, 1, 1, 1});
  EXPECT_EQ(commit_median_ms(set, commit_at({kT + 4000, kT + 1000, kT + 3000, kT + 2000})),
            kT + 2000);
  EXPECT_EQ(commit_median_ms(set, commit_at({kT + 300, kT + 100, kT + 200})), kT + 200);
  EXPECT_TRUE(verify_commit("test-chain", set, commit_at({kT, kT + 1, kT + 2})));
}

TEST(BlockTime, MedianIsWeightedByVotingPower) {
  auto set = testing::test_set({1, 1, 1, 10});
  EXPECT_EQ(commit_median_ms(set, commit_at({kT + 1, kT + 2, kT + 3, kT + 100})), kT + 100);
  auto light_heavy = testing::test_set({10, 1, 1, 1});
  EXPECT_EQ(commit_median_ms(light_heavy, commit_at({kT + 7, kT + 2, kT + 3, kT + 100})), kT + 7);
}

TEST(BlockTime, NoMinorityOfClocksMovesTheMedianOutOfTheCorrectOnes) {
  // 7 equal validators; a commit of 5 of them, 2 with arbitrary clocks (under half of the
  // commit's power, as a valid commit with less than 1/3 faulty power guarantees).
  auto set = testing::test_set({1, 1, 1, 1, 1, 1, 1});
  const std::uint64_t lo = 0, hi = std::numeric_limits<std::uint64_t>::max();
  const std::vector<std::pair<std::uint64_t, std::uint64_t>> wrong = {
      {lo, lo}, {hi, hi}, {lo, hi}, {kT - 20'000, kT + 300'000}, {kT + 20'000, kT + 20'000}};
  for (const auto& [a, b] : wrong) {
    for (std::size_t first = 0; first < 5; ++first) {
      std::vector<std::uint64_t> stamps = {kT + 10, kT + 20, kT + 30, kT + 40, kT + 50};
      stamps[first] = a;
      stamps[(first + 2) % 5] = b;
      std::vector<std::uint64_t> correct;
      for (std::size_t i = 0; i < 5; ++i)
        if (i != first && i != (first + 2) % 5) correct.push_back(stamps[i]);
      auto median = commit_median_ms(set, commit_at(stamps));
      ASSERT_TRUE(median);
      EXPECT_GE(*median, *std::min_element(correct.begin(), correct.end())) << a << " " << b;
      EXPECT_LE(*median, *std::max_element(correct.begin(), correct.end())) << a << " " << b;
    }
  }
}

TEST(BlockTime, NoMedianWithoutSignaturesOrWithAStranger) {
  auto set = testing::test_set({1, 1, 1});
  EXPECT_FALSE(commit_median_ms(set, Commit{3, 0, block_hash(5), {}}));
  auto four = commit_at({kT, kT, kT, kT});  // key 4 is not in a set of three
  EXPECT_FALSE(commit_median_ms(set, four));
}

TEST(BlockTime, BlockTimeIsTheMedianInSecondsAndNeverBeforeThePrevious) {
  EXPECT_EQ(block_time_seconds(1'000, 2'000'999), 2'000u);  // floor to seconds
  EXPECT_EQ(block_time_seconds(1'000, 1'000'999), 1'000u);  // the same second again
  EXPECT_EQ(block_time_seconds(1'000, 5), 1'000u);          // a median in the past
  std::uint64_t previous = 0;
  for (std::uint64_t median : {5'000u, 4'000u, 4'500u, 9'000u, 9'100u, 12'999u}) {
    std::uint64_t t = block_time_seconds(previous, median);
    EXPECT_GE(t, previous);
    EXPECT_LE(t, std::max(median / 1000, previous));  // never ahead of the median's second
    previous = t;
  }
  EXPECT_EQ(previous, 12u);
}

TEST(BlockTime, TheTimestampIsSignedButIsNotPartOfTheValue) {
  Vote v = signed_vote(1, VoteType::precommit, 3, 0, block_hash(5), "test-chain", kT);
  EXPECT_TRUE(verify_vote("test-chain", v));
  Vote moved = v;
  moved.timestamp_ms += 1;
  EXPECT_FALSE(verify_vote("test-chain", moved));  // a relay cannot change the time

  // The same value signed again at another time is no offence and counts once.
  Vote later = signed_vote(1, VoteType::precommit, 3, 0, block_hash(5), "test-chain", kT + 900);
  EXPECT_FALSE(make_evidence(v, later));
  VoteSet votes(std::make_shared<const ValidatorSet>(testing::test_set({1, 1, 1, 1})), 3, 0,
                VoteType::precommit);
  EXPECT_EQ(votes.add(v).outcome, AddVote::added);
  EXPECT_EQ(votes.add(later).outcome, AddVote::duplicate);
  EXPECT_EQ(votes.power_for(block_hash(5)), 1u);
  // The commit keeps the counted vote's timestamp, and verifies with it.
  auto sigs = votes.signatures_for(block_hash(5));
  ASSERT_EQ(sigs.size(), 1u);
  EXPECT_EQ(sigs[0].timestamp_ms, kT);
  EXPECT_TRUE(
      verify_vote("test-chain", precommit_from(Commit{3, 0, block_hash(5), sigs}, sigs[0])));
}

}  // namespace
}  // namespace grid::consensus
