// Billing through the chain (contracts/billing.hpp): TFChain's worked example, the discount from
// the balance held (stash included), certified uplift, rent at 50 %, the extra fee, name
// contracts, and the exact payout split.
#include "contracts/billing.hpp"

#include <gtest/gtest.h>

#include "tests/support/billing_fixture.hpp"

namespace grid::testing {
namespace {

using contracts::DiscountLevel;

std::uint64_t payout_to(const Bill& bill, std::string_view role) {
  std::uint64_t sum = 0;
  for (const auto& p : bill.payouts)
    if (p.role == role) sum += p.amount;
  return sum;
}

TEST(Billing, WorkedExampleOneHourAtTwentyMilliUsd) {
  BillingWorld w;  // the user holds 100 TFT: well under 1.5 months of this contract
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  std::uint64_t t0 = w.chain.now();
  std::uint64_t user_before = w.free(w.user.account());
  std::uint64_t farmer_before = w.free(w.farmer_account());
  std::uint64_t foundation_before = w.free(w.foundation());
  std::uint64_t pool_before = w.staking_pool();

  BlockResults results = w.step(3600);

  Contract c = w.contract(id);
  ASSERT_EQ(c.bill_count, 1u);
  Bill b = w.bill(id, 1);
  EXPECT_EQ(b.period_start, t0);
  EXPECT_EQ(b.period_end, t0 + 3600);
  EXPECT_EQ(b.billed_seconds, 3600u);
  EXPECT_EQ(b.usd_cost, 152'500u);
  EXPECT_EQ(b.amount, 7'625'000u);
  EXPECT_EQ(b.price_musd, 20u);
  EXPECT_EQ(b.discount, DiscountLevel::none);
  EXPECT_EQ(b.paid, 7'625'000u);
  EXPECT_EQ(b.debt_after, 0u);
  EXPECT_EQ(c.last_billed, t0 + 3600);
  EXPECT_EQ(c.total_paid, 7'625'000u);

  // 50 % farm owner, 40 % foundation, 10 % staking pool: exact, supply-neutral.
  EXPECT_EQ(payout_to(b, "farmer"), 3'812'500u);
  EXPECT_EQ(payout_to(b, "foundation"), 3'050'000u);
  EXPECT_EQ(payout_to(b, "staking_pool"), 762'500u);
  EXPECT_EQ(w.free(w.user.account()), user_before - 7'625'000);
  EXPECT_EQ(w.free(w.farmer_account()), farmer_before + 3'812'500);
  EXPECT_EQ(w.free(w.foundation()), foundation_before + 3'050'000);
  EXPECT_EQ(w.staking_pool(), pool_before + 762'500);

  auto billed = events_of(results, "contract_billed");
  ASSERT_EQ(billed.size(), 1u);
  EXPECT_EQ(billed[0].contract, id);
  EXPECT_EQ(billed[0].twin, w.user_twin);
  EXPECT_EQ(billed[0].node, w.node.id);
  EXPECT_EQ(attribute(billed[0], "amount"), "7625000");
  EXPECT_EQ(attribute(billed[0], "paid"), "7625000");
  EXPECT_EQ(attribute(billed[0], "debt"), "0");

  // Next period: due again exactly one period later, not before.
  w.step(3599);
  EXPECT_EQ(w.contract(id).bill_count, 1u);
  w.step(1, false);
  EXPECT_EQ(w.contract(id).bill_count, 2u);
  EXPECT_EQ(w.bill(id, 2).period_start, t0 + 3600);
}

TEST(Billing, CancelBillsTheElapsedPartAtOnce) {
  BillingWorld w;
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  w.step(1799, false);
  auto r = w.chain.run(w.user, CancelContract{id});  // one more second: 1800 s
  ASSERT_TRUE(r.ok) << r.reason;
  Contract c = w.contract(id);
  EXPECT_FALSE(c.is_live());
  ASSERT_EQ(c.bill_count, 1u);
  EXPECT_EQ(w.bill(id, 1).billed_seconds, 1800u);
  EXPECT_EQ(w.bill(id, 1).amount, 3'812'500u);
}

struct DiscountCase {
  std::uint64_t user_tft;
  std::uint64_t stash_tft;
  DiscountLevel level;
  std::uint64_t amount;  // one hour of the worked example
};

class BillingDiscount : public ::testing::TestWithParam<DiscountCase> {};

// One month of the worked example is 549 TFT at 20 mUSD: 1.5 months = 823.5 TFT, 3 = 1647,
// 18 = 9882. The balance held is the twin's free balance plus its bonded stash's.
TEST_P(BillingDiscount, LevelFromBalanceHeld) {
  const DiscountCase& p = GetParam();
  BillingWorld w(billing_genesis(), p.user_tft * kTft);
  if (p.stash_tft > 0) {
    core::AccountKey stash = w.chain.new_funded_key(p.stash_tft * kTft);
    ASSERT_TRUE(w.chain.run(stash, BondStash{w.user_twin}).ok);
  }
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  w.step(3600);
  Bill b = w.bill(id, 1);
  EXPECT_EQ(b.discount, p.level);
  EXPECT_EQ(b.amount, p.amount);
  EXPECT_EQ(b.paid, p.amount);
  EXPECT_EQ(b.usd_cost, 152'500 * contracts::pay_percent(p.level) / 100);
}

INSTANTIATE_TEST_SUITE_P(
    Levels, BillingDiscount,
    ::testing::Values(DiscountCase{800, 0, DiscountLevel::none, 7'625'000},
                      DiscountCase{1000, 0, DiscountLevel::default_level, 6'100'000},
                      DiscountCase{2000, 0, DiscountLevel::bronze, 5'337'500},
                      DiscountCase{10'000, 0, DiscountLevel::gold, 3'050'000},
                      DiscountCase{100, 1000, DiscountLevel::default_level, 6'100'000}));

TEST(Billing, CertifiedNodeCapacityCostsTwentyFivePercentMore) {
  BillingWorld w;
  w.certify_node();
  ASSERT_EQ(w.node_record().certification, NodeCertification::certified);
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  w.step(3600);
  // (100 000 x 1 + 50 000 x 0.25) x 1.25 + 40 000 = 180 625 units-USD per hour.
  EXPECT_EQ(w.bill(id, 1).usd_cost, 180'625u);
  EXPECT_EQ(w.bill(id, 1).amount, 9'031'250u);
}

// The whole node (8 cores, 32 GiB, 1000 GiB sru, 4000 GiB hru): CU 8, SU 25/3, so
// (800 000 + 1 250 000 / 3) x 50 % = 608 333.33 units-USD per hour.
constexpr std::uint64_t kRentHourUsd = 608'333;
constexpr std::uint64_t kRentHourTft = 30'416'650;

TEST(Billing, RentContractPaysHalfTheWholeNode) {
  BillingWorld w;
  std::uint64_t id = w.create_rent_contract(w.user);
  w.step(3600);
  Bill b = w.bill(id, 1);
  EXPECT_EQ(b.usd_cost, kRentHourUsd);
  EXPECT_EQ(b.amount, kRentHourTft);

  // The renter's node contracts on the rented node pay only their IPs.
  std::uint64_t on_rented = w.create_node_contract(worked_resources(), 1);
  w.step(3600);
  EXPECT_EQ(w.bill(on_rented, 1).usd_cost, 40'000u);
  EXPECT_EQ(w.bill(on_rented, 1).amount, 2'000'000u);
}

TEST(Billing, ExtraFeeIsProRatedUndiscountedAndGoesToTheFarmOwner) {
  BillingWorld w;
  ASSERT_TRUE(w.chain.run(w.farmer, SetNodeExtraFee{w.node.id, 100'000}).ok);  // 100 USD/month
  std::uint64_t id = w.create_rent_contract(w.user);
  std::uint64_t farmer_before = w.free(w.farmer_account());
  w.step(3600);
  Bill b = w.bill(id, 1);
  // One hour of a 30-day month: 100 000 x 10 000 x 3600 / 2 592 000 = 1 388 888 units-USD.
  constexpr std::uint64_t kExtraTft = 69'444'400;
  EXPECT_EQ(b.usd_cost, kRentHourUsd + 1'388'888);
  EXPECT_EQ(b.amount, kRentHourTft + kExtraTft);
  EXPECT_EQ(payout_to(b, "staking_pool"), 3'041'665u);
  EXPECT_EQ(payout_to(b, "foundation"), 12'166'660u);
  EXPECT_EQ(payout_to(b, "farmer"), 15'208'325u + kExtraTft);
  EXPECT_EQ(w.free(w.farmer_account()), farmer_before + 15'208'325 + kExtraTft);
}

TEST(Billing, ExtraFeeIsNotDiscounted) {
  // 4000 TFT is over 1.5 months of the rent (2190 TFT a month): default level, 80 %.
  BillingWorld w(billing_genesis(), 4000 * kTft);
  ASSERT_TRUE(w.chain.run(w.farmer, SetNodeExtraFee{w.node.id, 100'000}).ok);
  std::uint64_t id = w.create_rent_contract(w.user);
  w.step(3600);
  Bill b = w.bill(id, 1);
  EXPECT_EQ(b.discount, DiscountLevel::default_level);
  EXPECT_EQ(b.amount, kRentHourUsd * 1000 * 80 / (20 * 100) + 69'444'400);
}

TEST(Billing, NameContractFarmerShareGoesToTheFoundation) {
  BillingWorld w(billing_genesis(), 10 * kTft);  // a month of the name is 9 TFT: no discount
  std::uint64_t id = w.create_name_contract("gateway1");
  std::uint64_t foundation_before = w.free(w.foundation());
  std::uint64_t pool_before = w.staking_pool();
  w.step(3600);
  Bill b = w.bill(id, 1);
  EXPECT_EQ(b.usd_cost, 2'500u);
  EXPECT_EQ(b.amount, 125'000u);
  EXPECT_EQ(w.free(w.foundation()), foundation_before + 112'500);
  EXPECT_EQ(w.staking_pool(), pool_before + 12'500);
}

TEST(Billing, ApprovedSolutionProviderTakesFromTheFoundationShare) {
  BillingWorld w;
  core::AccountId provider = w.chain.account("eve");
  ASSERT_TRUE(
      w.chain
          .run(w.user,
               CreateSolutionProvider{"a dashboard", "https://example.org", {{provider, 10}}})
          .ok);
  w.approve_provider(1);
  CreateNodeContract call;
  call.node_id = w.node.id;
  call.resources = worked_resources();
  call.public_ips = 1;
  call.solution_provider_id = 1;
  std::uint64_t id = BillingWorld::created_id(w.chain.run(w.user, call));
  std::uint64_t provider_before = w.free(provider);
  w.step(3600);
  Bill b = w.bill(id, 1);
  EXPECT_EQ(b.amount, 7'625'000u);
  EXPECT_EQ(payout_to(b, "solution_provider"), 762'500u);
  EXPECT_EQ(payout_to(b, "foundation"), 3'050'000u - 762'500u);
  EXPECT_EQ(payout_to(b, "farmer"), 3'812'500u);
  EXPECT_EQ(payout_to(b, "staking_pool"), 762'500u);
  EXPECT_EQ(w.free(provider), provider_before + 762'500);
}

TEST(Billing, BillsAreKeptPerContractInOrder) {
  BillingWorld w;
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  for (int i = 0; i < 3; ++i) w.step(3600);
  Contract c = w.contract(id);
  ASSERT_EQ(c.bill_count, 3u);
  for (std::uint64_t seq = 1; seq <= 3; ++seq) {
    Bill b = w.bill(id, seq);
    EXPECT_EQ(b.seq, seq);
    EXPECT_EQ(b.contract_id, id);
    if (seq > 1) {
      EXPECT_EQ(b.period_start, w.bill(id, seq - 1).period_end);
    }
  }
  EXPECT_EQ(c.total_paid, 3 * 7'625'000u);
}

}  // namespace
}  // namespace grid::testing
