// Engine: input checks (bad signature, non-validator, oversized proposal, wrong proposer), one
// height decided from signed inputs, and the double-sign guard across a restart from the WAL.
#include "consensus/engine.hpp"

#include <gtest/gtest.h>

#include "tests/sim/kv_app.hpp"
#include "tests/sim/memory_wal_file.hpp"
#include "tests/unit/consensus/test_keys.hpp"

namespace grid::consensus {
namespace {

using testing::signed_vote;
using testing::test_key;

struct RecordingNetwork final : Network {
  std::vector<Message> sent;
  void send(const ValidatorKey&, const Message& m) override { sent.push_back(m); }
  void broadcast(const Message& m) override { sent.push_back(m); }
};

struct ManualTimer final : Timer {
  std::vector<TimeoutEvent> scheduled;
  void schedule(const TimeoutEvent& e, std::uint64_t) override { scheduled.push_back(e); }
  std::uint64_t now_ms() override { return clock_ms; }
  std::uint64_t clock_ms = 1'700'000'000'000;
};

class EngineTest : public ::testing::Test {
 protected:
  static constexpr std::uint8_t kSelf = 1;
  EngineTest() : set_(testing::test_set({1, 1, 1, 1})) {
    config_.chain_id = "test-chain";
    config_.max_block_bytes = 256;
    start();
  }

  void start() {
    engine_.reset();
    wal_ = Wal::open(file_).value();
    engine_ =
        std::make_unique<Engine>(config_, app_.chain_state(), app_, net_, timer_, signer_, *wal_);
    ASSERT_TRUE(engine_->start());
  }

  std::uint8_t index_of(const ValidatorKey& key) {
    for (std::uint8_t i = 1; i <= 4; ++i)
      if (test_key(i).public_key() == key) return i;
    return 0;
  }

  // A signed proposal of `round` by its proposer (built by a KvApp of that proposer).
  Proposal proposal_for(Round round, std::size_t padding = 0) {
    std::uint8_t who = index_of(engine_->proposer(round));
    sim::KvApp other("v" + std::to_string(who), ChainState::genesis(set_), false);
    other.set_block_padding(padding);
    auto built = other.build_proposal(1).value();
    Proposal p{1, round, std::nullopt, built.hash, built.block, test_key(who).public_key(), {}};
    p.signature = test_key(who).sign(proposal_sign_digest("test-chain", p).view());
    return p;
  }

  Round round_proposed_by_other() {
    Round r = 0;
    while (engine_->proposer(r) == test_key(kSelf).public_key()) ++r;
    return r;
  }

  std::vector<Vote> own_votes(VoteType type) {
    std::vector<Vote> out;
    for (const auto& m : net_.sent)
      if (const auto* v = std::get_if<Vote>(&m.value); v && v->type == type) out.push_back(*v);
    return out;
  }

  EngineConfig config_;
  ValidatorSet set_;
  sim::KvApp app_{"v1", ChainState::genesis(set_), false};
  RecordingNetwork net_;
  ManualTimer timer_;
  Ed25519Signer signer_{test_key(kSelf)};
  sim::MemoryWalFile file_;
  std::unique_ptr<Wal> wal_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(EngineTest, IgnoresBadSignaturesAndNonValidators) {
  Vote bad = signed_vote(2, VoteType::prevote, 1, 0, std::nullopt);
  bad.signature[0] ^= 1;
  EXPECT_EQ(engine_->on_vote(bad).code(), core::Code::invalid);
  EXPECT_EQ(engine_->on_vote(signed_vote(9, VoteType::prevote, 1, 0, std::nullopt)).code(),
            core::Code::invalid);
  Vote other_chain = signed_vote(2, VoteType::prevote, 1, 0, std::nullopt, "other-chain");
  EXPECT_EQ(engine_->on_vote(other_chain).code(), core::Code::invalid);
  EXPECT_TRUE(engine_->on_vote(signed_vote(2, VoteType::prevote, 1, 0, std::nullopt)));
}

TEST_F(EngineTest, RefusesOversizedProposalAndWrongProposer) {
  Round r = round_proposed_by_other();
  Proposal big = proposal_for(r, 400);
  EXPECT_EQ(engine_->on_proposal(big).code(), core::Code::invalid);
  Proposal wrong = proposal_for(r);
  wrong.round = r + 1;
  while (engine_->proposer(wrong.round) == wrong.proposer) ++wrong.round;
  EXPECT_EQ(engine_->on_proposal(wrong).code(), core::Code::invalid);
  Proposal forged = proposal_for(r);
  forged.block_hash = testing::block_hash(1);
  EXPECT_EQ(engine_->on_proposal(forged).code(), core::Code::invalid);
  EXPECT_TRUE(engine_->on_proposal(proposal_for(r)));
}

TEST_F(EngineTest, DecidesAHeightFromSignedInputs) {
  ASSERT_NE(engine_->proposer(0), test_key(kSelf).public_key()) << "test keys changed";
  Proposal p = proposal_for(0);
  ASSERT_TRUE(engine_->on_proposal(p));
  ASSERT_EQ(own_votes(VoteType::prevote).size(), 1u);
  EXPECT_EQ(own_votes(VoteType::prevote)[0].block_hash, VoteValue(p.block_hash));
  for (std::uint8_t i : {2, 3})
    ASSERT_TRUE(engine_->on_vote(signed_vote(i, VoteType::prevote, 1, 0, p.block_hash)));
  ASSERT_EQ(own_votes(VoteType::precommit).size(), 1u);
  ASSERT_TRUE(engine_->locked());
  EXPECT_EQ(engine_->locked()->hash, p.block_hash);
  for (std::uint8_t i : {2, 3})
    ASSERT_TRUE(engine_->on_vote(signed_vote(i, VoteType::precommit, 1, 0, p.block_hash)));
  ASSERT_EQ(app_.applied().size(), 1u);
  EXPECT_EQ(app_.applied()[0].hash, p.block_hash);
  EXPECT_EQ(engine_->height(), 2u);
  auto stored = app_.committed_block(1);
  ASSERT_TRUE(stored);
  EXPECT_TRUE(verify_commit("test-chain", set_, stored->commit));
}

// Inputs of the next height are kept only when signed by a member of that height's set; old
// heights are answered with Decisions only for a signed message of a validator.
TEST_F(EngineTest, FutureAndPastInputsAreCheckedBeforeTheyCostAnything) {
  EXPECT_EQ(engine_->on_vote(signed_vote(9, VoteType::prevote, 2, 0, std::nullopt)).code(),
            core::Code::invalid);  // not a validator of height 2
  Vote forged = signed_vote(2, VoteType::prevote, 2, 0, std::nullopt);
  forged.signature[5] ^= 1;
  EXPECT_EQ(engine_->on_vote(forged).code(), core::Code::invalid);
  EXPECT_TRUE(engine_->on_vote(signed_vote(2, VoteType::precommit, 2, 0, std::nullopt)));

  // Decide height 1, then ask as a laggard of height 1.
  Proposal p = proposal_for(0);
  ASSERT_TRUE(engine_->on_proposal(p));
  for (std::uint8_t i : {2, 3})
    ASSERT_TRUE(engine_->on_vote(signed_vote(i, VoteType::prevote, 1, 0, p.block_hash)));
  for (std::uint8_t i : {2, 3})
    ASSERT_TRUE(engine_->on_vote(signed_vote(i, VoteType::precommit, 1, 0, p.block_hash)));
  ASSERT_EQ(engine_->height(), 2u);
  auto decisions = [&] {
    std::size_t n = 0;
    for (const auto& m : net_.sent) n += std::holds_alternative<Decision>(m.value);
    return n;
  };
  net_.sent.clear();
  EXPECT_EQ(engine_->on_vote(signed_vote(9, VoteType::prevote, 1, 3, std::nullopt)).code(),
            core::Code::invalid);
  Vote unsigned_vote = signed_vote(4, VoteType::prevote, 1, 3, std::nullopt);
  unsigned_vote.signature = {};
  EXPECT_EQ(engine_->on_vote(unsigned_vote).code(), core::Code::invalid);
  EXPECT_EQ(decisions(), 0u) << "no block is read or sent for an unsigned or foreign vote";
  EXPECT_TRUE(engine_->on_vote(signed_vote(4, VoteType::prevote, 1, 3, std::nullopt)));
  EXPECT_EQ(decisions(), 1u);
  EXPECT_TRUE(engine_->on_vote(signed_vote(4, VoteType::prevote, 1, 4, std::nullopt)));
  EXPECT_EQ(decisions(), 1u) << "once per signer and height per rebroadcast period";
}

TEST_F(EngineTest, RestartResendsWhatItSignedAndNeverSignsAConflict) {
  Proposal p = proposal_for(0);
  ASSERT_TRUE(engine_->on_proposal(p));
  ASSERT_EQ(own_votes(VoteType::prevote).size(), 1u);
  net_.sent.clear();
  start();  // a crash and restart from the same WAL file
  auto resent = own_votes(VoteType::prevote);
  ASSERT_FALSE(resent.empty());
  for (const Vote& v : resent) EXPECT_EQ(v.block_hash, VoteValue(p.block_hash));
  // The propose timeout would prevote nil in a fresh round 0; the guard refuses.
  ASSERT_TRUE(engine_->on_timeout({TimeoutKind::propose, 1, 0}));
  for (const Vote& v : own_votes(VoteType::prevote))
    EXPECT_EQ(v.block_hash, VoteValue(p.block_hash));
  ASSERT_TRUE(engine_->last_signed());
  EXPECT_EQ(engine_->last_signed()->step, Step::prevote);
}

TEST_F(EngineTest, WalFailureHaltsBeforeSending) {
  file_.fail_at(file_.writes() + 2);  // the proposal is logged (write 1); its fsync fails
  ASSERT_NE(engine_->proposer(0), test_key(kSelf).public_key());
  ASSERT_TRUE(engine_->on_proposal(proposal_for(0)).code() == core::Code::io || engine_->halted());
  EXPECT_TRUE(engine_->halted());
  EXPECT_TRUE(own_votes(VoteType::prevote).empty());
}

// A node outside the set (a full node) follows a height to its decision without signing.
TEST(EngineObserverTest, FollowsAHeightWithoutSigning) {
  ValidatorSet set = testing::test_set({1, 1, 1, 1});
  EngineConfig config;
  config.chain_id = "test-chain";
  sim::KvApp app("observer", ChainState::genesis(set), false);
  RecordingNetwork net;
  ManualTimer timer;
  Ed25519Signer outsider{test_key(9)};
  sim::MemoryWalFile file;
  auto wal = Wal::open(file).value();
  Engine engine(config, app.chain_state(), app, net, timer, outsider, *wal);
  ASSERT_TRUE(engine.start());

  std::uint8_t proposer = 0;
  for (std::uint8_t i = 1; i <= 4; ++i)
    if (test_key(i).public_key() == engine.proposer(0)) proposer = i;
  ASSERT_NE(proposer, 0);
  sim::KvApp builder("v" + std::to_string(proposer), ChainState::genesis(set), false);
  auto built = builder.build_proposal(1).value();
  Proposal p{1, 0, std::nullopt, built.hash, built.block, test_key(proposer).public_key(), {}};
  p.signature = test_key(proposer).sign(proposal_sign_digest("test-chain", p).view());
  ASSERT_TRUE(engine.on_proposal(p));
  for (std::uint8_t i : {1, 2, 3}) {
    ASSERT_TRUE(engine.on_vote(signed_vote(i, VoteType::prevote, 1, 0, p.block_hash)));
    ASSERT_TRUE(engine.on_vote(signed_vote(i, VoteType::precommit, 1, 0, p.block_hash)));
  }
  EXPECT_EQ(engine.height(), 2u);
  ASSERT_EQ(app.applied().size(), 1u);
  EXPECT_EQ(app.applied()[0].hash, p.block_hash);
  for (const auto& m : net.sent)
    EXPECT_FALSE(std::holds_alternative<Vote>(m.value)) << "an observer never votes";
  EXPECT_FALSE(engine.last_signed());
}

}  // namespace
}  // namespace grid::consensus
