// A few seeds of every simulation scenario (the full ranges run as consensus_sim ctest entries),
// kept small so that they also run under ASan+UBSan; the replay property: one seed, one run; and
// block time in the simulation: the clocks of the validators, the rule the application enforces
// (KvApp) and the harness catching a broken rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "consensus/block_time.hpp"
#include "core/blake2b.hpp"
#include "tests/sim/kv_app.hpp"
#include "tests/sim/sim_clock.hpp"
#include "tests/sim/simulation.hpp"
#include "tests/unit/consensus/test_keys.hpp"

namespace grid::sim {
namespace {

using namespace grid::consensus;

class SimSmoke : public ::testing::TestWithParam<Scenario> {};

TEST_P(SimSmoke, FirstSeedsPass) {
  for (std::uint64_t seed = 0; seed < 3; ++seed) {
    SimOptions o;
    o.seed = seed;
    o.scenario = GetParam();
    RunReport r = run_simulation(o);
    EXPECT_TRUE(r.ok) << r.failure << "\n  replay: " << replay_command(o);
    EXPECT_GT(r.max_height, 2u);
    EXPECT_GT(r.time_checks, 0u) << "no block was checked against the block-time bounds";
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, SimSmoke, ::testing::ValuesIn(kAllScenarios),
                         [](const auto& param_info) {
                           return std::string(scenario_name(param_info.param));
                         });

TEST(SimReplay, SameSeedSameRun) {
  for (Scenario s : {Scenario::mixed, Scenario::twins, Scenario::clocks}) {
    SimOptions o;
    o.seed = 7;
    o.scenario = s;
    RunReport a = run_simulation(o);
    RunReport b = run_simulation(o);
    EXPECT_EQ(a.trace, b.trace);
    EXPECT_EQ(a.commit_log, b.commit_log);
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.describe, b.describe);
    o.seed = 8;
    EXPECT_NE(run_simulation(o).trace, a.trace);
  }
}

TEST(SimClocks, SkewedMinorityDoesNotMoveBlockTime) {
  for (std::uint64_t seed = 10; seed < 16; ++seed) {
    SimOptions o;
    o.seed = seed;
    o.scenario = Scenario::clocks;
    RunReport r = run_simulation(o);
    EXPECT_TRUE(r.ok) << r.failure << "\n  replay: " << replay_command(o);
    EXPECT_NE(r.describe.find("skewed="), std::string::npos) << r.describe;
    EXPECT_GT(r.time_checks, 0u);
    EXPECT_LT(r.max_time_lag_ms, 20'000u) << "a skewed clock moved block time";
  }
}

// Every app times its blocks one second late: consensus still decides (the apps agree with each
// other), and the harness, which derives the time from the carried commit itself, fails the run.
TEST(SimClocks, BrokenTimeRuleIsCaught) {
  SimOptions o;
  o.seed = 3;
  o.scenario = Scenario::clocks;
  o.break_time_rule = true;
  RunReport r = run_simulation(o);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.failure.find("BLOCK TIME (seed 3)"), std::string::npos) << r.failure;
  EXPECT_NE(r.failure.find("height 1: time 1700000002, expected genesis + 1 = 1700000001"),
            std::string::npos)
      << r.failure;
}

TEST(SimClock, OffsetDriftAndJumps) {
  SimClock c;
  c.offset_ms = -300;
  c.drift_ppm = 1000;  // 1 ms per second
  c.jump_at_ms = 5'000;
  c.jump_ms = 300'000;
  c.back_at_ms = 8'000;
  c.back_ms = 400'000;
  EXPECT_EQ(c.read(1'000'000, 0), 999'700u);
  EXPECT_EQ(c.read(1'000'000, 4'999), 1'000'000u + 4'999 - 300 + 4);
  EXPECT_EQ(c.read(1'000'000, 5'000), 1'000'000u + 5'000 - 300 + 5 + 300'000);
  EXPECT_EQ(c.read(1'000'000, 8'000), 1'000'000u + 8'000 - 300 + 8 - 100'000);
  EXPECT_EQ(c.max_error_ms(2'000), 302u);
  EXPECT_EQ(SimClock{}.read(1'000'000, 123), 1'000'123u);
  Prng a(42), b(42);
  EXPECT_EQ(skewed_clock(a, 4000).describe(), skewed_clock(b, 4000).describe());
  for (int i = 0; i < 100; ++i) {
    SimClock small = small_clock(a);
    EXPECT_LE(small.max_error_ms(10'000), 502u);
    SimClock skewed = skewed_clock(a, 4000);
    EXPECT_TRUE(skewed.skewed);
    EXPECT_LT(skewed.jump_at_ms, skewed.back_at_ms);
    EXPECT_LE(skewed.back_at_ms, 4000u);
  }
}

// KvApp times blocks from the commit it carries and refuses any other time or a bad commit.
class KvAppBlockTime : public ::testing::Test {
 protected:
  static constexpr std::uint64_t kGenesisMs = kSimGenesisTimeS * 1000;

  KvAppBlockTime() : set_(testing::test_set({1, 1, 1, 1})) {
    first_ = app_.build_proposal(1).value();
    // Signers 1..3 (3/4 of the power); signer 3's clock is 5 minutes fast.
    commit_ =
        commit_of(first_.hash,
                  {{1, kGenesisMs + 10'000}, {2, kGenesisMs + 20'000}, {3, kGenesisMs + 300'000}});
    EXPECT_TRUE(app_.apply_committed({1, first_.block, first_.hash, commit_}, set_));
  }

  Commit commit_of(const BlockHash& hash,
                   const std::vector<std::pair<std::uint8_t, std::uint64_t>>& stamps) {
    Commit c{1, 0, hash, {}};
    for (auto [who, ms] : stamps) {
      Vote v = testing::signed_vote(who, VoteType::precommit, 1, 0, hash, kSimChainId, ms);
      c.signatures.push_back({v.validator, v.timestamp_ms, v.signature});
    }
    std::sort(c.signatures.begin(), c.signatures.end(),
              [](const auto& a, const auto& b) { return a.validator < b.validator; });
    return c;
  }

  static ProposedBlock edited(const ProposedBlock& p, const std::function<void(KvBlock&)>& edit) {
    KvBlock block = core::decode<KvBlock>(p.block).value();
    edit(block);
    core::Bytes bytes = core::encode(block);
    return {bytes, BlockHash{core::blake2b_256(bytes)}};
  }

  core::Code check(const ProposedBlock& p) {
    return app_.check_proposal(2, p.block, p.hash, std::nullopt).code();
  }

  ValidatorSet set_;
  KvApp app_{"v1", ChainState::genesis(set_), false};
  ProposedBlock first_;
  Commit commit_;
};

TEST_F(KvAppBlockTime, FirstBlockHasGenesisTimePlusOne) {
  KvBlock block = core::decode<KvBlock>(first_.block).value();
  EXPECT_EQ(block.time_s, kSimGenesisTimeS + 1);
  EXPECT_FALSE(block.last_commit);
  ASSERT_EQ(app_.applied().size(), 1u);
  EXPECT_EQ(app_.applied()[0].time_s, kSimGenesisTimeS + 1);
}

TEST_F(KvAppBlockTime, SecondBlockCarriesTheCommitAndItsMedian) {
  ProposedBlock second = app_.build_proposal(2).value();
  KvBlock block = core::decode<KvBlock>(second.block).value();
  ASSERT_TRUE(block.last_commit);
  EXPECT_EQ(*block.last_commit, commit_);
  EXPECT_EQ(*commit_median_ms(set_, commit_), kGenesisMs + 20'000);  // not the fast clock
  EXPECT_EQ(block.time_s, kSimGenesisTimeS + 20);
  EXPECT_EQ(check(second), core::Code::ok);
}

TEST_F(KvAppBlockTime, RefusesATimeOneSecondOff) {
  ProposedBlock second = app_.build_proposal(2).value();
  EXPECT_EQ(check(edited(second, [](KvBlock& b) { b.time_s += 1; })), core::Code::invalid);
  EXPECT_EQ(check(edited(second, [](KvBlock& b) { b.time_s -= 1; })), core::Code::invalid);
}

TEST_F(KvAppBlockTime, RefusesAMissingOrInvalidCommit) {
  ProposedBlock second = app_.build_proposal(2).value();
  EXPECT_EQ(check(edited(second, [](KvBlock& b) { b.last_commit.reset(); })), core::Code::invalid);
  auto two_signers = commit_of(first_.hash, {{1, kGenesisMs + 10'000}, {2, kGenesisMs + 20'000}});
  EXPECT_EQ(check(edited(second, [&](KvBlock& b) { b.last_commit = two_signers; })),
            core::Code::invalid);
  // A timestamp moved after signing: the signature no longer verifies.
  EXPECT_EQ(check(edited(second, [](KvBlock& b) { b.last_commit->signatures[0].timestamp_ms++; })),
            core::Code::invalid);
  auto other_block =
      commit_of(testing::block_hash(7), {{1, kGenesisMs}, {2, kGenesisMs}, {3, kGenesisMs}});
  EXPECT_EQ(check(edited(second, [&](KvBlock& b) { b.last_commit = other_block; })),
            core::Code::invalid);
}

// Another valid commit of the same block (other signers, other timestamps) is accepted with the
// time derived from it: a validator checks the proposer's commit, not its own.
TEST_F(KvAppBlockTime, AcceptsAnotherValidCommitWithItsOwnTime) {
  auto other = commit_of(
      first_.hash, {{2, kGenesisMs + 20'000}, {3, kGenesisMs + 300'000}, {4, kGenesisMs + 40'000}});
  ProposedBlock second = app_.build_proposal(2).value();
  EXPECT_EQ(check(edited(second,
                         [&](KvBlock& b) {
                           b.last_commit = other;
                           b.time_s = kSimGenesisTimeS + 40;
                         })),
            core::Code::ok);
  EXPECT_EQ(check(edited(second, [&](KvBlock& b) { b.last_commit = other; })), core::Code::invalid);
}

}  // namespace
}  // namespace grid::sim
