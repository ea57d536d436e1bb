// The staking calls and the epoch through whole blocks (ledger/staking_module.hpp,
// ledger/staking_epoch.hpp): register, bond, unbond, withdraw, commission, rewards to the unit
// and the active set across epochs. Invariants (supply, delegation sums) after every block.
#include "ledger/staking_module.hpp"

#include <gtest/gtest.h>

#include "ledger/staking_book.hpp"
#include "tests/support/staking_fixture.hpp"

namespace grid::ledger {
namespace {

using namespace grid::testing;

TEST(StakingGenesis, WritesValidatorsAndSelfDelegations) {
  TestChain chain = staking_chain();
  Validator alice = validator_of(chain, "alice");
  EXPECT_EQ(alice.self_bond, 1000u);
  EXPECT_EQ(alice.total_bond, 1000u);
  EXPECT_EQ(alice.delegator_count, 1u);
  EXPECT_EQ(alice.commission_percent, 10u);
  EXPECT_EQ(alice.indexed_bond, std::optional<std::uint64_t>(1000));
  EXPECT_EQ(chain.balance(chain.account("alice")).bonded, 1000u);
  auto info = get_validator(chain.state(), chain.account("alice")).value();
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->active);
  EXPECT_EQ(info->voting_power, 1000u);
}

TEST(RegisterValidator, RegistersAndRefusesDuplicates) {
  TestChain chain = staking_chain();
  expect_ok(chain.run(chain.key("charlie"), RegisterValidator{consensus_key(9), 5, "charlie"}));
  Validator v = validator_of(chain, "charlie");
  EXPECT_EQ(v.commission_percent, 5u);
  EXPECT_EQ(v.description, "charlie");
  EXPECT_EQ(v.total_bond, 0u);
  EXPECT_FALSE(v.indexed_bond);  // not electable without a self-bond
  expect_refused(chain, chain.key("charlie"), RegisterValidator{consensus_key(10), 5, ""},
                 "validator_exists");
  expect_refused(chain, chain.key("dave"), RegisterValidator{consensus_key(9), 5, ""},
                 "consensus_key_in_use");
  expect_refused(chain, chain.key("dave"), RegisterValidator{consensus_key(7), 5, ""},
                 "consensus_key_in_use");  // alice's genesis key
  expect_refused(chain, chain.key("dave"), RegisterValidator{consensus_key(11), 101, ""},
                 "invalid_input");
  expect_refused(chain, chain.key("dave"),
                 RegisterValidator{consensus_key(11), 1, std::string(257, 'x')}, "invalid_input");
}

TEST(Bond, MovesFreeToBondedAndGrowsTheDelegation) {
  TestChain chain = staking_chain();
  AccountId alice = chain.account("alice");
  Account before = chain.balance(chain.account("dave"));
  Receipt r = chain.run(chain.key("dave"), Bond{alice, 500});
  expect_ok(r);
  Account after = chain.balance(chain.account("dave"));
  EXPECT_EQ(after.free, before.free - r.fee - 500);
  EXPECT_EQ(after.bonded, 500u);
  EXPECT_EQ(validator_of(chain, "alice").total_bond, 1500u);
  EXPECT_EQ(validator_of(chain, "alice").self_bond, 1000u);
  EXPECT_EQ(validator_of(chain, "alice").delegator_count, 2u);
  expect_ok(chain.run(chain.key("dave"), Bond{alice, 250}));
  EXPECT_EQ(chain.balance(chain.account("dave")).bonded, 750u);
  EXPECT_EQ(validator_of(chain, "alice").delegator_count, 2u);
  AccountStaking s = staking_of(chain, "dave");
  ASSERT_EQ(s.delegations.size(), 1u);
  EXPECT_EQ(s.delegations[0], (DelegationInfo{alice, 750, 0}));

  expect_refused(chain, chain.key("dave"), Bond{alice, 0}, "zero_amount");
  expect_refused(chain, chain.key("dave"), Bond{chain.account("eve"), 5}, "not_a_validator");
  expect_refused(chain, chain.key("dave"), Bond{alice, after.free * 2}, "insufficient_funds");
}

TEST(Unbond, WithdrawOnlyAfterTheUnbondingPeriod) {
  TestChain chain = staking_chain();
  AccountId alice = chain.account("alice");
  AccountId dave = chain.account("dave");
  expect_ok(chain.run(chain.key("dave"), Bond{alice, 500}));
  expect_refused(chain, chain.key("dave"), Unbond{alice, 501}, "insufficient_bond");
  expect_ok(chain.run(chain.key("dave"), Unbond{alice, 200}));
  const std::uint64_t release_at = chain.now() + 50;
  Account a = chain.balance(dave);
  EXPECT_EQ(a.bonded, 300u);
  EXPECT_EQ(a.unbonding, 200u);
  EXPECT_EQ(validator_of(chain, "alice").total_bond, 1300u);
  AccountStaking s = staking_of(chain, "dave");
  ASSERT_EQ(s.unbonding.size(), 1u);
  EXPECT_EQ(s.unbonding[0], (UnbondingInfo{alice, 200, release_at}));

  expect_refused(chain, chain.key("dave"), WithdrawUnbonded{}, "nothing_to_withdraw");
  chain.produce_block(release_at - 2 - chain.now());  // the withdraw below runs at release_at - 1
  expect_refused(chain, chain.key("dave"), WithdrawUnbonded{}, "nothing_to_withdraw");
  ASSERT_EQ(chain.now(), release_at - 1);  // the next block is at release_at: due
  Account before = chain.balance(dave);
  Receipt r = chain.run(chain.key("dave"), WithdrawUnbonded{});
  expect_ok(r);
  Account after = chain.balance(dave);
  EXPECT_EQ(after.free, before.free - r.fee + 200);
  EXPECT_EQ(after.unbonding, 0u);
  EXPECT_EQ(after.bonded, 300u);
  EXPECT_TRUE(staking_of(chain, "dave").unbonding.empty());
}

TEST(Unbond, FullUnbondRemovesTheDelegationAndEntriesAreCapped) {
  TestChain chain = staking_chain();
  AccountId alice = chain.account("alice");
  expect_ok(chain.run(chain.key("dave"), Bond{alice, 100}));
  for (std::uint32_t i = 0; i < kMaxUnbondingEntries; ++i)
    expect_ok(chain.run(chain.key("dave"), Unbond{alice, 1}));  // one block each: 16 entries
  expect_refused(chain, chain.key("dave"), Unbond{alice, 1}, "too_many_unbonding");
  expect_refused(chain, chain.key("dave"), Unbond{alice, 0}, "zero_amount");
  chain.produce_block(60);  // every entry is due
  expect_ok(chain.run(chain.key("dave"), WithdrawUnbonded{}));
  expect_ok(chain.run(chain.key("dave"), Unbond{alice, 84}));
  EXPECT_TRUE(staking_of(chain, "dave").delegations.empty());
  EXPECT_EQ(validator_of(chain, "alice").delegator_count, 1u);
  EXPECT_EQ(validator_of(chain, "alice").total_bond, 1000u);
  EXPECT_EQ(chain.balance(chain.account("dave")).bonded, 0u);
}

TEST(Rewards, PoolSplitsByBondThenCommissionThenDelegators) {
  TestChain chain = staking_chain();
  AccountId alice = chain.account("alice");
  // alice: self 1000 + dave 2000 = 3000; bob: self 1000. Bonds 3:1, commission 10 % each.
  expect_ok(chain.run(chain.key("dave"), Bond{alice, 2000}));
  expect_ok(chain.run(chain.key("eve"), ServiceContractBill{0, 1000, ""}));
  EXPECT_EQ(counters_of(chain).staking_pool, 1000u);
  Account alice_before = chain.balance(alice);
  Account bob_before = chain.balance(chain.account("bob"));
  const BlockResults& results = block_at_epoch(chain, 1);  // no transactions in it
  // alice's share 1000 x 3/4 = 750: commission 75, 675 to her delegators: 675 x 1000/3000 =
  // 225 to alice, 675 x 2000/3000 = 450 to dave. bob's share 250: commission 25, 225 to bob.
  EXPECT_EQ(chain.balance(alice).free, alice_before.free + 75);
  EXPECT_EQ(chain.balance(chain.account("bob")).free, bob_before.free + 25);
  EXPECT_EQ(staking_of(chain, "alice").rewards_total, 225u);
  EXPECT_EQ(staking_of(chain, "dave").rewards_total, 450u);
  EXPECT_EQ(staking_of(chain, "bob").rewards_total, 225u);
  EXPECT_EQ(counters_of(chain).staking_pool, 0u);
  EXPECT_EQ(record<StakingState>(chain, keys::staking_state()),
            (StakingState{.epoch = 1, .outstanding_rewards = 675 + 225}));
  bool epoch_event = false;
  for (const auto& e : results.block_events)
    if (e.kind == "staking_epoch") {
      epoch_event = true;
      EXPECT_EQ(e.attributes, (std::vector<Attribute>{{"epoch", "1"}, {"distributed", "1000"}}));
    }
  EXPECT_TRUE(epoch_event);

  // withdraw_unbonded pays them out (dave has no unbonding entry: it is a pure claim).
  Account dave_before = chain.balance(chain.account("dave"));
  Receipt r = chain.run(chain.key("dave"), WithdrawUnbonded{});
  expect_ok(r);
  EXPECT_EQ(chain.balance(chain.account("dave")).free, dave_before.free - r.fee + 450);
  EXPECT_EQ(staking_of(chain, "dave").rewards_total, 0u);
  EXPECT_EQ(record<StakingState>(chain, keys::staking_state()).outstanding_rewards, 450u);
  expect_refused(chain, chain.key("dave"), WithdrawUnbonded{}, "nothing_to_withdraw");
}

TEST(Rewards, DelegationsChangedMidEpochKeepWhatTheyEarned) {
  TestChain chain = staking_chain();
  AccountId bob = chain.account("bob");
  expect_ok(chain.run(chain.key("dave"), Bond{bob, 1000}));  // bob: 1000 + 1000
  expect_ok(chain.run(chain.key("eve"), ServiceContractBill{0, 300, ""}));
  block_at_epoch(chain, 1);
  // bob's share 300 x 2000/3000 = 200 (alice 100): commission 20, 180 -> 90 bob, 90 dave.
  EXPECT_EQ(staking_of(chain, "dave").rewards_total, 90u);
  expect_ok(chain.run(chain.key("dave"), Bond{bob, 1000}));  // settles 90 first
  EXPECT_EQ(staking_of(chain, "dave").rewards_settled, 90u);
  EXPECT_EQ(staking_of(chain, "dave").delegations[0].pending_rewards, 0u);
  expect_ok(chain.run(chain.key("eve"), ServiceContractBill{0, 400, ""}));
  block_at_epoch(chain, 2);
  // bob 3000 of 4000: share 300, commission 30, 270 -> dave 270 x 2000/3000 = 180.
  EXPECT_EQ(staking_of(chain, "dave").rewards_total, 90u + 180u);
}

TEST(SetCommission, OncePerEpochAndUsedByTheNextDistribution) {
  TestChain chain = staking_chain();
  expect_refused(chain, chain.key("dave"), SetCommission{5}, "not_a_validator");
  expect_refused(chain, chain.alice(), SetCommission{101}, "invalid_input");
  expect_ok(chain.run(chain.alice(), SetCommission{50}));
  expect_refused(chain, chain.alice(), SetCommission{40}, "commission_rate_limited");
  EXPECT_EQ(validator_of(chain, "alice").commission_percent, 50u);
  expect_ok(chain.run(chain.key("eve"), ServiceContractBill{0, 1000, ""}));
  Account before = chain.balance(chain.account("alice"));
  block_at_epoch(chain, 1);
  // alice's share 500 (bonds 1:1), commission 50 % = 250.
  EXPECT_EQ(chain.balance(chain.account("alice")).free, before.free + 250);
  expect_ok(chain.run(chain.alice(), SetCommission{40}));  // a new epoch
  EXPECT_EQ(validator_of(chain, "alice").commission_percent, 40u);
}

TEST(ActiveSet, FollowsBondsAcrossEpochs) {
  Genesis g = staking_genesis();
  g.params.max_validators = 2;
  TestChain chain = staking_chain(g);
  AccountId alice = chain.account("alice");
  AccountId charlie = chain.account("charlie");
  expect_ok(chain.run(chain.key("charlie"), RegisterValidator{consensus_key(9), 0, ""}));
  expect_ok(chain.run(chain.key("charlie"), Bond{charlie, 1500}));
  expect_ok(chain.run(chain.key("dave"), Bond{alice, 1000}));              // alice 2000, bob 1000
  EXPECT_EQ(active_set(chain), sorted_accounts(chain, {"alice", "bob"}));  // until the epoch
  block_at_epoch(chain, 1);
  EXPECT_EQ(active_set(chain), sorted_accounts(chain, {"alice", "charlie"}));
  for (const auto& e : record<ValidatorSet>(chain, keys::validators()).validators)
    EXPECT_EQ(e.power, e.operator_account == alice ? 2000u : 1500u);
  EXPECT_FALSE(get_validator(chain.state(), chain.account("bob")).value()->active);

  // alice's self-bond falls under the minimum: she leaves at the next epoch despite dave.
  expect_ok(chain.run(chain.alice(), Unbond{alice, 1}));
  EXPECT_EQ(active_set(chain), sorted_accounts(chain, {"alice", "charlie"}));
  block_at_epoch(chain, 2);
  EXPECT_EQ(active_set(chain), sorted_accounts(chain, {"bob", "charlie"}));
}

TEST(ActiveSet, NeverEmpty) {
  Genesis g = staking_genesis();
  g.validators.pop_back();  // alice alone
  TestChain chain = staking_chain(g);
  expect_ok(chain.run(chain.alice(), Unbond{chain.account("alice"), 1000}));
  const BlockResults& results = block_at_epoch(chain, 1);
  EXPECT_EQ(active_set(chain), sorted_accounts(chain, {"alice"}));
  bool kept = false;
  for (const auto& e : results.block_events) kept |= e.kind == "validator_set_kept";
  EXPECT_TRUE(kept);
}

TEST(StakingRead, ListsValidatorsInPages) {
  TestChain chain = staking_chain();
  expect_ok(chain.run(chain.key("charlie"), RegisterValidator{consensus_key(9), 0, ""}));
  std::vector<AccountId> all = sorted_accounts(chain, {"alice", "bob", "charlie"});
  ValidatorPage first = list_validators(chain.state(), std::nullopt, 2).value();
  ASSERT_EQ(first.validators.size(), 2u);
  EXPECT_EQ(first.validators[0].operator_account, all[0]);
  EXPECT_EQ(first.validators[1].operator_account, all[1]);
  ASSERT_TRUE(first.next_after);
  ValidatorPage second = list_validators(chain.state(), first.next_after, 2).value();
  ASSERT_EQ(second.validators.size(), 1u);
  EXPECT_EQ(second.validators[0].operator_account, all[2]);
  EXPECT_FALSE(second.next_after);
}

}  // namespace
}  // namespace grid::ledger
