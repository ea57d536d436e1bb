// Liveness-aware billing (ECONOMICS.md "Billing"): a node's down time is not billed to its
// contracts, nor a powered-down node's time to its rent contract.
#include <gtest/gtest.h>

#include "contracts/billing.hpp"
#include "tests/support/billing_fixture.hpp"

namespace grid::testing {
namespace {

contracts::HourlyRate worked_rate() {
  return contracts::node_contract_rate(PricingPolicy{}, worked_resources(), 1, false, false, 125);
}

TEST(LivenessBilling, NodeThatStopsReportingIsNotBilledForItsDownTime) {
  BillingWorld w;
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  std::uint64_t t0 = w.chain.now();
  std::uint64_t offline_at = w.node_record().last_uptime_report + 4800;
  ASSERT_GT(offline_at, t0 + 3600);
  ASSERT_LT(offline_at, t0 + 7200);

  w.step(3600, false);  // up all along
  EXPECT_EQ(w.bill(id, 1).billed_seconds, 3600u);

  w.step(3600, false);  // down from offline_at
  Bill partial = w.bill(id, 2);
  std::uint64_t up = offline_at - (t0 + 3600);
  EXPECT_EQ(partial.billed_seconds, up);
  EXPECT_EQ(partial.amount, BillingWorld::tft_for(worked_rate(), up));

  w.step(3600, false);  // down the whole period: a bill of nothing
  Bill none = w.bill(id, 3);
  EXPECT_EQ(none.period_end - none.period_start, 3600u);
  EXPECT_EQ(none.billed_seconds, 0u);
  EXPECT_EQ(none.amount, 0u);
  EXPECT_EQ(none.paid, 0u);
  EXPECT_TRUE(none.payouts.empty());

  w.step(1800, true);   // the node reports again at t0 + 12600
  w.step(1800, false);  // billed from its report on
  Bill back = w.bill(id, 4);
  EXPECT_EQ(back.billed_seconds, 1800u);
  EXPECT_EQ(back.amount, BillingWorld::tft_for(worked_rate(), 1800));
  EXPECT_EQ(w.contract(id).debt, 0u);
}

TEST(LivenessBilling, RentContractOnPoweredDownNodeIsNotBilled) {
  BillingWorld w;
  std::uint64_t id = w.create_rent_contract(w.user);
  // The farmer's node powers down in the block of the first bill (calls run before billing).
  w.chain.submit(w.chain.sign(w.node.key, SetPowerState{false}));
  w.step(3600);
  EXPECT_EQ(w.bill(id, 1).billed_seconds, 3600u);
  ASSERT_EQ(w.node_record().power_state, PowerState::down);

  w.step(3600);  // still reporting, but powered down: standby is not billed
  EXPECT_EQ(w.bill(id, 2).billed_seconds, 0u);
  EXPECT_EQ(w.bill(id, 2).amount, 0u);

  w.chain.submit(w.chain.sign(w.node.key, SetPowerState{true}));
  w.step(1800);
  w.step(1800);
  EXPECT_EQ(w.bill(id, 3).billed_seconds, 1800u);
  EXPECT_GT(w.bill(id, 3).amount, 0u);
}

TEST(LivenessBilling, NodeContractOnPoweredDownReportingNodeIsStillBilled) {
  BillingWorld w;
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  w.chain.submit(w.chain.sign(w.node.key, SetPowerState{false}));
  w.step(3600);
  w.step(3600);
  EXPECT_EQ(w.bill(id, 2).billed_seconds, 3600u);  // standby only exempts rent contracts
}

}  // namespace
}  // namespace grid::testing
