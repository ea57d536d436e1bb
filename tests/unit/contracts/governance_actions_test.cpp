// Governance actions that contracts/ runs through the ContractModule::run_governance_action hook
// (cancel_contract, approve_solution_provider), and a passed pricing proposal followed by a bill
// at the new price. Council of the dev genesis: alice, bob, charlie (a motion needs
// ceil(3 * 60 / 100) = 2 yes: alice's propose and bob's vote).
#include <gtest/gtest.h>

#include "contracts/billing.hpp"
#include "ledger/governance_keys.hpp"
#include "ledger/governance_module.hpp"
#include "tests/support/billing_fixture.hpp"

namespace grid::testing {
namespace {

using contracts::ContractState;
using contracts::DeleteReason;

// Alice proposes, bob's yes makes it pass: the receipt of bob's vote and the motion.
std::pair<Receipt, Motion> pass_motion(TestChain& chain, GovAction action) {
  Receipt proposed = chain.run(chain.alice(), ProposeMotion{std::move(action), ""});
  EXPECT_TRUE(proposed.ok) << proposed.reason << ": " << proposed.detail;
  auto id = record<GovCounters>(chain, keys::gov_counters()).last_motion_id;
  Receipt voted = chain.run(chain.bob(), VoteMotion{id, true});
  EXPECT_TRUE(voted.ok) << voted.reason << ": " << voted.detail;
  return {voted, record<Motion>(chain, keys::motion(id))};
}

TEST(GovernanceContracts, CancelContractDeletesItWithTheGovernanceReason) {
  BillingWorld w;
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  ASSERT_EQ(w.node_record().contract_count, 1u);
  auto [receipt, motion] = pass_motion(w.chain, GovCancelContract{id});
  EXPECT_EQ(motion.state, GovState::passed) << motion.failure;
  Contract c = w.contract(id);
  EXPECT_EQ(c.state, ContractState::deleted);
  EXPECT_EQ(c.delete_reason, DeleteReason::canceled_by_governance);
  EXPECT_EQ(w.node_record().contract_count, 0u);
  EXPECT_EQ(w.node_record().reserved, Resources{});
  EXPECT_EQ(events_of(receipt, "contract_canceled").size(), 1u);
  // A second cancel fails (the contract is gone); the motion records why.
  auto [again_receipt, again] = pass_motion(w.chain, GovCancelContract{id});
  EXPECT_EQ(again.state, GovState::failed);
  EXPECT_NE(again.failure.find("contract_deleted"), std::string::npos) << again.failure;
}

TEST(GovernanceContracts, ApproveSolutionProviderByMotion) {
  BillingWorld w;
  Receipt created = w.chain.run(
      w.user,
      CreateSolutionProvider{"a dashboard", "https://example.org", {{w.chain.account("eve"), 10}}});
  ASSERT_TRUE(created.ok) << created.reason << ": " << created.detail;
  const std::uint64_t provider_id = 1;
  ASSERT_FALSE(
      record<contracts::SolutionProvider>(w.chain, contracts::keys::solution_provider(provider_id))
          .approved);
  auto [receipt, motion] = pass_motion(w.chain, GovApproveSolutionProvider{provider_id});
  EXPECT_EQ(motion.state, GovState::passed) << motion.failure;
  EXPECT_TRUE(
      record<contracts::SolutionProvider>(w.chain, contracts::keys::solution_provider(provider_id))
          .approved);
  auto [missing_receipt, missing] = pass_motion(w.chain, GovApproveSolutionProvider{99});
  EXPECT_EQ(missing.state, GovState::failed);
}

TEST(GovernanceContracts, ABillAfterAPassedPricingProposalFollowsTheNewPrice) {
  BillingWorld w;
  PricingPolicy pricier;
  pricier.cu = 300'000;  // 3x the default 100'000
  pricier.su = 150'000;  // 3x the default 50'000
  Receipt proposed =
      w.chain.run(w.chain.alice(), CreateProposal{GovSetPricingPolicy{pricier}, "pricier", ""});
  ASSERT_TRUE(proposed.ok) << proposed.reason << ": " << proposed.detail;
  Receipt voted = w.chain.run(w.farmer, VoteProposal{1, w.farm_id, true});
  ASSERT_TRUE(voted.ok) << voted.reason << ": " << voted.detail;
  w.chain.advance(600, 100);  // past the end (600 s in the dev genesis)
  ASSERT_EQ(record<Proposal>(w.chain, keys::proposal(1)).state, GovState::passed);
  ASSERT_EQ(record<PricingPolicy>(w.chain, keys::pricing_policy(1)), pricier);

  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  w.step(3600);
  Bill b = w.bill(id, 1);
  // The worked example costs 152'500 units-USD an hour at the default prices; at the new CU and
  // SU prices (IPv4 unchanged) it follows the pricing functions for `pricier`.
  auto rate = contracts::node_contract_rate(pricier, worked_resources(), 1, false, false, 125);
  std::uint64_t expected_usd = contracts::usd_cost(rate, 3600, 0, 0, 0).value();
  EXPECT_EQ(b.usd_cost, expected_usd);
  EXPECT_GT(b.usd_cost, 152'500u);
  EXPECT_EQ(b.amount, BillingWorld::tft_for(rate, 3600));
}

}  // namespace
}  // namespace grid::testing
