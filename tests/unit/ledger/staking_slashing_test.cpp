// Slashing and evidence (ledger/slashing.hpp) through whole blocks: the burn, supply, jail,
// immediate removal from the active set, unjail, evidence checks (twice, too old, unknown key,
// no verifier) and evidence carried in block.evidence (begin_block).
#include <gtest/gtest.h>

#include "ledger/slashing.hpp"
#include "tests/support/staking_fixture.hpp"

namespace grid::ledger {
namespace {

using namespace grid::testing;

bool has_event(const std::vector<Event>& events, std::string_view kind) {
  for (const auto& e : events)
    if (e.kind == kind) return true;
  return false;
}

// alice (key 7) self 1000 + dave 2000; bob (key 8) self 1000.
TestChain chain_with_dave(bool with_verifier = true) {
  TestChain chain = staking_chain(staking_genesis(), with_verifier);
  expect_ok(chain.run(chain.key("dave"), Bond{chain.account("alice"), 2000}));
  return chain;
}

TEST(Slashing, BurnsSlashPercentJailsAndLeavesTheSetAtOnce) {
  TestChain chain = chain_with_dave();
  Counters before = counters_of(chain);
  Receipt r = chain.run(chain.key("eve"), SubmitEvidence{fake_evidence(7, 2, chain.now())});
  expect_ok(r);
  // 5 % of 1000 = 50 (alice) + 5 % of 2000 = 100 (dave) = 150 burned.
  Counters after = counters_of(chain);
  EXPECT_EQ(after.total_supply, before.total_supply - 150);
  EXPECT_EQ(after.burned_total, before.burned_total + 150);
  EXPECT_EQ(chain.balance(chain.account("alice")).bonded, 950u);
  EXPECT_EQ(chain.balance(chain.account("dave")).bonded, 1900u);
  Validator v = validator_of(chain, "alice");
  EXPECT_EQ(v.total_bond, 2850u);
  EXPECT_EQ(v.self_bond, 950u);
  EXPECT_TRUE(v.jailed);
  EXPECT_EQ(v.jailed_until, chain.now() + 30);
  EXPECT_FALSE(v.indexed_bond);
  EXPECT_EQ(active_set(chain), sorted_accounts(chain, {"bob"}));
  ASSERT_TRUE(has_event(r.events, "validator_slashed"));
  for (const auto& e : r.events)
    if (e.kind == "validator_slashed") {
      EXPECT_EQ(e.account, chain.account("alice"));
      EXPECT_EQ(e.attributes[0], (Attribute{"amount", "150"}));
    }
}

TEST(Slashing, UnjailOnlyAfterTheJailPeriodThenBackAtTheNextEpoch) {
  TestChain chain = chain_with_dave();
  expect_refused(chain, chain.alice(), Unjail{}, "not_jailed");
  expect_ok(chain.run(chain.key("eve"), SubmitEvidence{fake_evidence(7, 2, chain.now())}));
  const std::uint64_t until = validator_of(chain, "alice").jailed_until;
  expect_refused(chain, chain.key("dave"), Unjail{}, "not_a_validator");
  chain.produce_block(until - 2 - chain.now());
  expect_refused(chain, chain.alice(), Unjail{}, "still_jailed");  // at until - 1
  expect_ok(chain.run(chain.alice(), Unjail{}));                   // at until
  EXPECT_FALSE(validator_of(chain, "alice").jailed);
  EXPECT_EQ(active_set(chain), sorted_accounts(chain, {"bob"}));
  // The slash left her self-bond at 950 < 1000: still not electable until she tops it up.
  EXPECT_FALSE(validator_of(chain, "alice").indexed_bond);
  expect_ok(chain.run(chain.alice(), Bond{chain.account("alice"), 50}));
  EXPECT_EQ(validator_of(chain, "alice").indexed_bond, std::optional<std::uint64_t>(2900));
  block_at_epoch(chain, 1);
  EXPECT_EQ(active_set(chain), sorted_accounts(chain, {"alice", "bob"}));
}

TEST(Slashing, JailedValidatorEarnsNothing) {
  TestChain chain = chain_with_dave();
  expect_ok(chain.run(chain.key("eve"), SubmitEvidence{fake_evidence(7, 2, chain.now())}));
  expect_ok(chain.run(chain.key("eve"), ServiceContractBill{0, 1000, ""}));
  block_at_epoch(chain, 1);
  // bob is the only active validator: all 1000, commission 100 and 900 to bob.
  EXPECT_EQ(staking_of(chain, "dave").rewards_total, 0u);
  EXPECT_EQ(staking_of(chain, "bob").rewards_total, 900u);
}

TEST(Evidence, TheSameEvidenceSlashesOnce) {
  TestChain chain = chain_with_dave();
  core::Bytes ev = fake_evidence(7, 2, chain.now());
  expect_ok(chain.run(chain.key("eve"), SubmitEvidence{ev}));
  Counters once = counters_of(chain);
  expect_refused(chain, chain.key("eve"), SubmitEvidence{ev}, "evidence_already_used");
  // Other evidence of the same height does not slash again either.
  expect_refused(chain, chain.key("eve"), SubmitEvidence{fake_evidence(7, 2, chain.now(), 1)},
                 "already_slashed");
  // Nor evidence of a later height of the same incident while the validator is jailed.
  expect_refused(chain, chain.key("eve"), SubmitEvidence{fake_evidence(7, 3, chain.now())},
                 "already_slashed");
  EXPECT_EQ(counters_of(chain).total_supply, once.total_supply);
}

TEST(Evidence, RefusesOldUnknownAndInvalidEvidence) {
  TestChain chain = chain_with_dave();
  chain.produce_block(2000);
  const std::uint64_t next = chain.now() + 1;  // the time of the block that runs the call
  expect_refused(chain, chain.key("eve"), SubmitEvidence{fake_evidence(7, 1, next - 1001)},
                 "evidence_too_old");
  expect_refused(chain, chain.key("eve"), SubmitEvidence{fake_evidence(42, 3, chain.now())},
                 "unknown_offender");
  expect_refused(chain, chain.key("eve"), SubmitEvidence{core::Bytes{1, 2, 3}}, "invalid_input");
  EXPECT_FALSE(validator_of(chain, "alice").jailed);
  // Exactly max age is still accepted.
  expect_ok(
      chain.run(chain.key("eve"), SubmitEvidence{fake_evidence(7, 1, chain.now() + 1 - 1000)}));
}

TEST(Evidence, WithoutAVerifierItIsRefused) {
  TestChain chain = chain_with_dave(false);
  expect_refused(chain, chain.key("eve"), SubmitEvidence{fake_evidence(7, 2, chain.now())},
                 "evidence_unsupported");
}

TEST(Evidence, SlashingTheLastValidatorKeepsTheSet) {
  Genesis g = staking_genesis();
  g.validators.pop_back();
  TestChain chain = staking_chain(g);
  Receipt r = chain.run(chain.key("eve"), SubmitEvidence{fake_evidence(7, 2, chain.now())});
  expect_ok(r);
  EXPECT_TRUE(validator_of(chain, "alice").jailed);
  EXPECT_EQ(active_set(chain), sorted_accounts(chain, {"alice"}));
  EXPECT_TRUE(has_event(r.events, "validator_set_kept"));
}

TEST(Evidence, BlockEvidenceIsProcessedBeforeTheTransactions) {
  TestChain chain = chain_with_dave();
  Block block;
  block.header = chain.last_header();
  block.header.height += 1;
  block.header.time += 1;
  block.evidence = {core::Bytes{9, 9}, fake_evidence(7, 2, chain.now()),
                    fake_evidence(7, 2, chain.now())};
  ExecuteOptions options;
  options.check_invariants = true;
  auto exec = execute_block(chain.state(), block, chain.modules(), options);
  ASSERT_TRUE(exec) << exec.error().to_string();
  std::vector<std::string> kinds;
  for (const auto& e : exec->results.block_events) kinds.push_back(e.kind);
  // Garbage and the repeated evidence are ignored; the valid one slashes alice.
  ASSERT_GE(kinds.size(), 4u);
  EXPECT_EQ(kinds[0], "evidence_ignored");
  EXPECT_EQ(exec->results.block_events[0].attributes[0], (Attribute{"reason", "invalid_input"}));
  EXPECT_EQ(kinds[1], "validator_slashed");
  EXPECT_EQ(kinds[2], "validator_set_changed");
  EXPECT_EQ(kinds[3], "evidence_ignored");
  EXPECT_EQ(exec->results.block_events[3].attributes[0],
            (Attribute{"reason", "evidence_already_used"}));
  Overlay view(chain.state());
  for (const auto& [k, v] : exec->delta) {
    if (v)
      view.put(k, *v);
    else
      view.erase(k);
  }
  auto alice = load<Validator>(view, keys::validator(chain.account("alice"))).value();
  ASSERT_TRUE(alice);
  EXPECT_TRUE(alice->jailed);
  EXPECT_EQ(alice->total_bond, 2850u);
}

}  // namespace
}  // namespace grid::ledger
