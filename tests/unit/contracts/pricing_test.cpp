#include "contracts/pricing.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <random>
#include <string>

#include "contracts/fraction.hpp"

namespace grid::contracts {
namespace {

using core::u128;

constexpr std::uint64_t kGiB = 1ull << 30;
constexpr std::uint32_t kUplift = 125;

Resources resources(std::uint64_t cru, std::uint64_t mru_gib, std::uint64_t sru_gib,
                    std::uint64_t hru_gib = 0) {
  return Resources{cru, mru_gib * kGiB, sru_gib * kGiB, hru_gib * kGiB};
}

// The worked example of TFChain's docs: 2 cores, 4 GiB mru, 50 GiB sru.
Resources worked() {
  return resources(2, 4, 50);
}

std::uint64_t hourly(const HourlyRate& rate) {
  auto cost = usd_cost(rate, 3600, 0, 0, 0);
  EXPECT_TRUE(cost.is_ok()) << cost.status().to_string();
  return cost.is_ok() ? *cost : 0;
}

void expect_overflow(const core::Result<std::uint64_t>& r) {
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.error().code(), core::Code::invalid);
  EXPECT_EQ(r.error().message().rfind("amount_overflow", 0), 0u) << r.error().message();
}

core::AccountId account(std::uint8_t tag) {
  core::AccountId a{};
  a.key[0] = tag;
  return a;
}

std::uint64_t total(const std::vector<Payout>& payouts) {
  std::uint64_t sum = 0;
  for (const Payout& p : payouts) sum += p.amount;
  return sum;
}

TEST(Pricing, CuAndSuOfTheWorkedExample) {
  EXPECT_EQ(cu_scaled(worked()), u128{8} * kGiB);    // CU = 1
  EXPECT_EQ(su_scaled(worked()), u128{300} * kGiB);  // SU = 0.25 (0.25 * 1200)
}

TEST(Pricing, CuTakesTheMinimumOfTheThreeShapes) {
  // mru-heavy: 1 core, 64 GiB: min(max(16, .5), max(8, 1), max(32, .25)) = 8.
  EXPECT_EQ(cu_scaled(resources(1, 64, 0)), u128{8 * 8} * kGiB);
  // cru-heavy: 16 cores, 2 GiB: min(max(.5, 8), max(.25, 16), max(1, 4)) = 4.
  EXPECT_EQ(cu_scaled(resources(16, 2, 0)), u128{4 * 8} * kGiB);
  EXPECT_EQ(cu_scaled(Resources{}), 0u);
  // SU = hru/1200 + sru/200: 1200 GiB hru + 200 GiB sru = 2 SU.
  EXPECT_EQ(su_scaled(resources(0, 0, 200, 1200)), u128{2 * 1200} * kGiB);
}

TEST(Pricing, WorkedExampleExactly) {
  ledger::PricingPolicy p;
  HourlyRate rate = node_contract_rate(p, worked(), 1, false, false, kUplift);
  EXPECT_EQ(hourly(rate), 152'500u);  // 100000*1 + 50000*0.25 + 40000*1
  auto due = tft_due(152'500, 20, 100);
  ASSERT_TRUE(due.is_ok());
  EXPECT_EQ(*due, 7'625'000u);  // 0.7625 TFT per hour at 20 mUSD/TFT
  // docs/economics.md: 30 days cost 549 TFT; 1.5 months held is 823.5 TFT.
  std::uint64_t month_usd = *usd_cost(rate, 30 * 86400, 0, 0, 0);
  EXPECT_EQ(month_usd, 109'800'000u);
  std::uint64_t month_tft = *tft_due(month_usd, 20, 100);
  EXPECT_EQ(month_tft, 5'490'000'000u);
  EXPECT_EQ(discount_level(8'235'000'000, month_tft), DiscountLevel::default_level);
  EXPECT_EQ(discount_level(8'234'999'999, month_tft), DiscountLevel::none);
  EXPECT_EQ(*tft_due(152'500, 20, pay_percent(DiscountLevel::default_level)), 6'100'000u);
  EXPECT_EQ(split_payment(7'625'000, SplitPolicy{}),
            (std::vector<Payout>{{core::AccountId{}, 3'812'500, "farmer"},
                                 {core::AccountId{}, 3'050'000, "foundation"},
                                 {core::AccountId{}, 762'500, "staking_pool"}}));
}

TEST(Pricing, TftDueAppliesThePayPercent) {
  EXPECT_EQ(*tft_due(152'500, 20, 80), 6'100'000u);
  EXPECT_EQ(*tft_due(152'500, 20, 40), 3'050'000u);
  EXPECT_EQ(*tft_due(1, 3, 100), 333u);  // 1000/3 floored
  EXPECT_EQ(*tft_due(0, 20, 100), 0u);
  auto zero_price = tft_due(1, 0, 100);
  ASSERT_FALSE(zero_price.is_ok());
  EXPECT_EQ(zero_price.error().message(), "price_zero");
}

TEST(Pricing, DiscountBoundariesOnBothSides) {
  const std::uint64_t monthly = 1000;
  struct Case {
    std::uint64_t held;
    DiscountLevel level;
  };
  const Case cases[] = {
      {0, DiscountLevel::none},
      {1499, DiscountLevel::none},
      {1500, DiscountLevel::default_level},
      {2999, DiscountLevel::default_level},
      {3000, DiscountLevel::bronze},
      {5999, DiscountLevel::bronze},
      {6000, DiscountLevel::silver},
      {17'999, DiscountLevel::silver},
      {18'000, DiscountLevel::gold},
      {UINT64_MAX, DiscountLevel::gold},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(discount_level(c.held, monthly), c.level) << c.held;
  }
  // 1.5 months of 7 units is 10.5: 11 reaches it, 10 does not.
  EXPECT_EQ(discount_level(11, 7), DiscountLevel::default_level);
  EXPECT_EQ(discount_level(10, 7), DiscountLevel::none);
  // No u64 overflow in the comparison.
  EXPECT_EQ(discount_level(UINT64_MAX, UINT64_MAX / 18), DiscountLevel::gold);
  EXPECT_EQ(discount_level(UINT64_MAX - 1, UINT64_MAX), DiscountLevel::none);
  // A zero-cost bill has nothing to discount.
  EXPECT_EQ(discount_level(1'000'000, 0), DiscountLevel::none);
}

TEST(Pricing, PayPercentPerLevel) {
  EXPECT_EQ(pay_percent(DiscountLevel::none), 100u);
  EXPECT_EQ(pay_percent(DiscountLevel::default_level), 80u);
  EXPECT_EQ(pay_percent(DiscountLevel::bronze), 70u);
  EXPECT_EQ(pay_percent(DiscountLevel::silver), 60u);
  EXPECT_EQ(pay_percent(DiscountLevel::gold), 40u);
}

TEST(Pricing, CertifiedUpliftOnCapacityOnly) {
  ledger::PricingPolicy p;
  EXPECT_EQ(hourly(capacity_rate(p, worked(), false, kUplift)), 112'500u);
  EXPECT_EQ(hourly(capacity_rate(p, worked(), true, kUplift)), 140'625u);  // x1.25
  // 112500 * 1.25 + 40000 (the IP is not uplifted).
  EXPECT_EQ(hourly(node_contract_rate(p, worked(), 1, true, false, kUplift)), 180'625u);
  EXPECT_EQ(hourly(node_contract_rate(p, Resources{}, 3, true, false, kUplift)), 120'000u);
}

TEST(Pricing, RentIsHalfTheWholeNodeAndItsNodeContractsPayOnlyIps) {
  ledger::PricingPolicy p;  // dedicated_discount 50
  EXPECT_EQ(hourly(rent_contract_rate(p, worked(), false, kUplift)), 56'250u);
  // Certified: 70312.5 per hour, kept exact: two hours are 140625.
  HourlyRate certified = rent_contract_rate(p, worked(), true, kUplift);
  EXPECT_EQ(hourly(certified), 70'312u);
  EXPECT_EQ(*usd_cost(certified, 7200, 0, 0, 0), 140'625u);
  p.dedicated_discount_percent = 0;
  EXPECT_EQ(hourly(rent_contract_rate(p, worked(), false, kUplift)), 112'500u);
  p.dedicated_discount_percent = 100;
  EXPECT_EQ(hourly(rent_contract_rate(p, worked(), false, kUplift)), 0u);

  ledger::PricingPolicy defaults;
  HourlyRate on_rented = node_contract_rate(defaults, worked(), 1, true, true, kUplift);
  EXPECT_EQ(hourly(on_rented), 40'000u);
  // Plus 1.5 GB of network.
  EXPECT_EQ(*usd_cost(on_rented, 3600, 0, defaults.nu, 1'500'000'000), 62'500u);
}

TEST(Pricing, ExtraFeeOverAPartialMonth) {
  ledger::PricingPolicy p;
  HourlyRate rent = rent_contract_rate(p, worked(), false, kUplift);
  // 100 mUSD/month for one hour: 100*10000*3600/2592000 = 1388.88...
  EXPECT_EQ(*usd_cost(HourlyRate{}, 3600, 100, 0, 0), 1388u);
  EXPECT_EQ(*usd_cost(rent, 3600, 100, 0, 0), 56'250u + 1388u);
  // A whole month of extra fee alone is exactly 100 mUSD.
  EXPECT_EQ(*usd_cost(HourlyRate{}, 2'592'000, 100, 0, 0), 1'000'000u);
}

TEST(Pricing, NameContract) {
  ledger::PricingPolicy p;
  HourlyRate name = name_contract_rate(p);
  EXPECT_EQ(hourly(name), 2500u);
  EXPECT_EQ(*usd_cost(name, 90, 0, 0, 0), 62u);  // 62.5
}

TEST(Pricing, NetworkUnits) {
  EXPECT_EQ(*usd_cost(HourlyRate{}, 0, 0, 15'000, 1'500'000'000), 22'500u);
  EXPECT_EQ(*usd_cost(HourlyRate{}, 0, 0, 15'000, 1), 0u);  // 0.000015
}

TEST(Pricing, OneFloorPerBill) {
  // 0.6 of capacity and 0.6 of network: 1 together, 0 + 0 floored apart.
  HourlyRate point_six{3, 5};
  EXPECT_EQ(*usd_cost(point_six, 3600, 0, 0, 0), 0u);
  EXPECT_EQ(*usd_cost(HourlyRate{}, 0, 0, 3, 200'000'000), 0u);
  EXPECT_EQ(*usd_cost(point_six, 3600, 0, 3, 200'000'000), 1u);
  // One second of a name contract (0.694..) and of 100 USD/month of extra fee (385.80..):
  // 386 together, 0 + 385 floored apart.
  ledger::PricingPolicy p;
  EXPECT_EQ(*usd_cost(name_contract_rate(p), 1, 0, 0, 0), 0u);
  EXPECT_EQ(*usd_cost(HourlyRate{}, 1, 100'000, 0, 0), 385u);
  EXPECT_EQ(*usd_cost(name_contract_rate(p), 1, 100'000, 0, 0), 386u);
  // One second at the hourly rate of 3600 pieces of 1/3600: exact, no drift.
  EXPECT_EQ(*usd_cost(HourlyRate{1, 3600}, 3600 * 3600, 0, 0, 0), 1u);
}

TEST(Pricing, OverflowIsReportedNotWrapped) {
  // The final value does not fit u64.
  expect_overflow(usd_cost(HourlyRate{UINT64_MAX, 1}, 7200, 0, 0, 0));
  expect_overflow(usd_cost(HourlyRate{}, 0, 0, UINT64_MAX, UINT64_MAX));
  expect_overflow(usd_cost(HourlyRate{}, UINT64_MAX, UINT64_MAX, 0, 0));
  // A product past u128.
  expect_overflow(usd_cost(HourlyRate{u128{1} << 100, 1}, UINT64_MAX, 0, 0, 0));
  expect_overflow(tft_due(UINT64_MAX, 1, 100));
  // Absurd prices and resources: the rate itself cannot be represented.
  ledger::PricingPolicy p;
  p.cu = p.su = p.ipv4 = UINT64_MAX;
  Resources huge{UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX};
  HourlyRate rate = node_contract_rate(p, huge, UINT32_MAX, true, false, UINT32_MAX);
  EXPECT_TRUE(rate_overflowed(rate));
  expect_overflow(usd_cost(rate, 3600, 0, 0, 0));
  // Huge resources at real prices: the rate is exact, but not the bill for 2^64 seconds.
  ledger::PricingPolicy defaults;
  HourlyRate plain = node_contract_rate(defaults, huge, UINT32_MAX, true, false, kUplift);
  EXPECT_FALSE(rate_overflowed(plain));
  expect_overflow(usd_cost(plain, UINT64_MAX, 0, 0, 0));
  // Large real-world sizes stay exact: 1 TiB mru, 256 cores, 100 TiB hru for a year.
  Resources big = resources(256, 1024, 0, 100 * 1024);
  EXPECT_TRUE(usd_cost(node_contract_rate(defaults, big, 64, true, false, kUplift), 365 * 86400,
                       1'000'000, defaults.nu, UINT64_MAX / 1000)
                  .is_ok());
}

TEST(Pricing, ClampPrice) {
  EXPECT_EQ(clamp_price(0, 10, 1000), 10u);
  EXPECT_EQ(clamp_price(9, 10, 1000), 10u);
  EXPECT_EQ(clamp_price(10, 10, 1000), 10u);
  EXPECT_EQ(clamp_price(20, 10, 1000), 20u);
  EXPECT_EQ(clamp_price(1000, 10, 1000), 1000u);
  EXPECT_EQ(clamp_price(1001, 10, 1000), 1000u);
  EXPECT_EQ(clamp_price(UINT64_MAX, 10, 1000), 1000u);
  EXPECT_EQ(clamp_price(UINT64_MAX, 0, UINT32_MAX), UINT32_MAX);
  EXPECT_EQ(clamp_price(30, 50, 20), 50u);  // min wins over a smaller max
}

SplitPolicy policy_with(std::vector<ProviderShare> providers) {
  SplitPolicy policy;
  policy.farmer = account(1);
  policy.foundation = account(2);
  policy.providers = std::move(providers);
  return policy;
}

TEST(SplitPayment, WorkedCases) {
  SplitPolicy policy = policy_with({{account(3), 10}});
  const core::AccountId pool{};
  EXPECT_EQ(split_payment(1000, policy),
            (std::vector<Payout>{{account(1), 500, "farmer"},
                                 {account(2), 300, "foundation"},
                                 {account(3), 100, "solution_provider"},
                                 {pool, 100, "staking_pool"}}));
  // 999: staking 99, provider 99, foundation 399 - 99 = 300, farmer the rest 501.
  EXPECT_EQ(split_payment(999, policy), (std::vector<Payout>{{account(1), 501, "farmer"},
                                                             {account(2), 300, "foundation"},
                                                             {account(3), 99, "solution_provider"},
                                                             {pool, 99, "staking_pool"}}));
  // Without providers: 50/40/10.
  EXPECT_EQ(split_payment(1000, policy_with({})),
            (std::vector<Payout>{{account(1), 500, "farmer"},
                                 {account(2), 400, "foundation"},
                                 {pool, 100, "staking_pool"}}));
}

TEST(SplitPayment, ZeroSharesAreOmittedInStableOrder) {
  EXPECT_TRUE(split_payment(0, policy_with({{account(3), 10}})).empty());
  EXPECT_EQ(split_payment(1, policy_with({{account(3), 10}})),
            (std::vector<Payout>{{account(1), 1, "farmer"}}));
  // 9: staking 0, providers 0 and 1 (floor 0.9 and 1.8), foundation 3 - 1 = 2, farmer 6.
  EXPECT_EQ(split_payment(9, policy_with({{account(3), 10}, {account(4), 20}})),
            (std::vector<Payout>{{account(1), 6, "farmer"},
                                 {account(2), 2, "foundation"},
                                 {account(4), 1, "solution_provider"}}));
  // Takes equal to the whole foundation share leave the foundation nothing.
  EXPECT_EQ(split_payment(100, policy_with({{account(3), 40}})),
            (std::vector<Payout>{{account(1), 50, "farmer"},
                                 {account(3), 40, "solution_provider"},
                                 {core::AccountId{}, 10, "staking_pool"}}));
}

TEST(SplitPayment, MisconfiguredPolicyNeverPaysMoreThanTheAmount) {
  // Takes over the foundation share: the foundation gets 0, the farmer the rest.
  EXPECT_EQ(total(split_payment(1000, policy_with({{account(3), 50}}))), 1000u);
  SplitPolicy over = policy_with({{account(3), 60}, {account(4), 60}});
  over.staking_percent = 30;
  std::vector<Payout> payouts = split_payment(1000, over);
  EXPECT_EQ(total(payouts), 1000u);
  // staking 300, first provider 600, second provider only the 100 left.
  EXPECT_EQ(payouts, (std::vector<Payout>{{account(3), 600, "solution_provider"},
                                          {account(4), 100, "solution_provider"},
                                          {core::AccountId{}, 300, "staking_pool"}}));
}

TEST(SplitPayment, AlwaysSumsToTheAmount) {
  std::mt19937_64 rng(20240611);
  for (int i = 0; i < 5000; ++i) {
    std::uint64_t amount = rng();
    switch (i % 3) {
      case 0:
        amount %= 1000;
        break;
      case 1:
        amount %= 10'000'000'000ull;
        break;
      default:
        break;  // the whole u64 range
    }
    std::vector<ProviderShare> providers;
    std::uint32_t budget = 40;
    for (std::uint64_t n = rng() % 4; n > 0; --n) {
      auto take = static_cast<std::uint8_t>(rng() % (budget + 1));
      budget -= take;
      providers.push_back({account(static_cast<std::uint8_t>(10 + n)), take});
    }
    std::vector<Payout> payouts = split_payment(amount, policy_with(providers));
    ASSERT_EQ(total(payouts), amount) << amount;
    for (const Payout& p : payouts) EXPECT_NE(p.amount, 0u);
    // The farm owner gets at least its 50 %.
    std::uint64_t farmer = payouts.empty() || payouts[0].role != "farmer" ? 0 : payouts[0].amount;
    EXPECT_GE(u128{farmer} * 2 + 1, u128{amount} - (amount % 2)) << amount;
  }
}

}  // namespace
}  // namespace grid::contracts
