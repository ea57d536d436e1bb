// Billing follows the price oracle (ledger/oracle_module.hpp): a bill uses the oracle's mean
// clamped to [price_min, price_max] at billing time (below min -> min, above max -> max, in
// between -> the mean of the samples, genesis sample included).
#include <gtest/gtest.h>

#include "ledger/oracle_module.hpp"
#include "tests/support/billing_fixture.hpp"

namespace grid::testing {
namespace {

using contracts::DiscountLevel;

// TFChain's worked example (152 500 units-USD per hour, one public IP) at `price_musd`, no
// discount.
std::uint64_t worked_hour_at(std::uint32_t price_musd) {
  auto tft = contracts::tft_due(152'500, price_musd, 100);
  EXPECT_TRUE(tft.is_ok());
  return tft.is_ok() ? *tft : 0;
}

// One hour of the worked example billed after alice (the dev feeder) submitted `prices`, a ring
// of `window` samples; the user holds too little for a discount. Returns the bill.
Bill bill_after(std::uint32_t window, std::initializer_list<std::uint32_t> prices) {
  BillingWorld w(billing_genesis([&](ChainParams& p) {
                   p.price_window = window;
                   p.price_submit_interval = 1;
                 }),
                 5 * kTft);
  for (std::uint32_t price : prices) {
    auto r = w.chain.run(w.chain.alice(), SubmitPrice{price});
    EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
  }
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  w.step(3600);
  EXPECT_EQ(w.contract(id).bill_count, 1u);
  Bill b = w.last_bill(id);
  EXPECT_EQ(b.discount, DiscountLevel::none);
  EXPECT_EQ(b.billed_seconds, 3600u);
  return b;
}

TEST(OracleBilling, GenesisPriceBeforeAnySample) {
  Bill b = bill_after(1440, {});
  EXPECT_EQ(b.price_musd, 20u);
  EXPECT_EQ(b.amount, worked_hour_at(20));
  EXPECT_EQ(b.amount, 7'625'000u);
}

TEST(OracleBilling, AMeanBelowTheMinimumBillsAtTheMinimum) {
  Bill b = bill_after(1, {5});
  EXPECT_EQ(b.price_musd, 10u);
  EXPECT_EQ(b.amount, worked_hour_at(10));
  EXPECT_EQ(b.amount, 15'250'000u);
}

TEST(OracleBilling, AMeanAboveTheMaximumBillsAtTheMaximum) {
  Bill b = bill_after(1, {5000});
  EXPECT_EQ(b.price_musd, 1000u);
  EXPECT_EQ(b.amount, worked_hour_at(1000));
  EXPECT_EQ(b.amount, 152'500u);
}

TEST(OracleBilling, InBetweenBillsAtTheMeanOfTheSamples) {
  // Genesis 20, then 40 and 31: floor(91 / 3) = 30.
  Bill b = bill_after(1440, {40, 31});
  EXPECT_EQ(b.price_musd, 30u);
  EXPECT_EQ(b.amount, worked_hour_at(30));
  EXPECT_LT(b.amount, worked_hour_at(20));
}

TEST(OracleBilling, ClampingIsBillingsOnlyTheRawMeanIsStored) {
  BillingWorld w(billing_genesis([](ChainParams& p) { p.price_window = 1; }));
  ASSERT_TRUE(w.chain.run(w.chain.alice(), SubmitPrice{5}).ok);
  EXPECT_EQ(record<TftPrice>(w.chain, keys::tft_price()), (TftPrice{5, 5}));
}

}  // namespace
}  // namespace grid::testing
