// The farming reward formula of ledger/minting.hpp with numbers computed by hand: CU_f, SU_f,
// the reward in units-USD and TFT, the certified uplift, the connection price, pro-rating,
// uptime per mille, and overflow handling.
#include <gtest/gtest.h>

#include "ledger/minting.hpp"

namespace grid::ledger {
namespace {

// The node of the registry tests: 8 cores, 32 GiB memory, 1000 GiB SSD, 4000 GiB HDD.
Resources standard() {
  return Resources{.cru = 8, .mru = 32 * kGiB, .sru = 1000 * kGiB, .hru = 4000 * kGiB};
}

// The dev genesis' diy policy: 30 000 / 10 000 / 500 units-USD per hour, 80 mUSD per TFT.
FarmingPolicy diy() {
  FarmingPolicy p;
  p.cu_reward = 30'000;
  p.su_reward = 10'000;
  p.ipv4_reward = 500;
  return p;
}

Reward reward_of(const RewardInput& input, const FarmingPolicy& policy = diy()) {
  auto r = farming_reward(policy, input, 125);
  EXPECT_TRUE(r.has_value());
  return r.value_or(Reward{});
}

TEST(FarmingUnits, CuIsBoundByMemoryCoresOrSsd) {
  // min((32 - 1)/4, 2*8, 1000/50) = min(7.75, 16, 20) = 7.75; scaled by 100 GiB: 775 GiB.
  EXPECT_EQ(cu_f_scaled(standard()), core::u128{775} * kGiB);
  EXPECT_EQ(cu_f_milli(standard()), 7750u);
  // One core: min(7.75, 2, 20) = 2.
  Resources cores = standard();
  cores.cru = 1;
  EXPECT_EQ(cu_f_milli(cores), 2000u);
  // 100 GiB SSD: min(7.75, 16, 2) = 2.
  Resources ssd = standard();
  ssd.sru = 100 * kGiB;
  EXPECT_EQ(cu_f_milli(ssd), 2000u);
  // Memory of 1 GiB or less: (mru - 1) saturates at 0.
  Resources tiny = standard();
  tiny.mru = kGiB;
  EXPECT_EQ(cu_f_scaled(tiny), 0u);
  // 3 GiB + 1 byte: (2 GiB + 1 B) / 4 GiB = 0.500000000232..: 500 milli, not rounded up.
  tiny.mru = 3 * kGiB + 1;
  EXPECT_EQ(cu_f_milli(tiny), 500u);
}

TEST(FarmingUnits, SuCountsHddAndEightyPercentOfSsd) {
  // 4000/1200 + 0.8*1000/200 = 3.333.. + 4 = 7.333..; scaled by 6000 GiB: 5*4000 + 24*1000.
  EXPECT_EQ(su_f_scaled(standard()), core::u128{44'000} * kGiB);
  EXPECT_EQ(su_f_milli(standard()), 7333u);
  // HDD only: 1200 GiB -> 1 SU; SSD only: 250 GiB -> 0.8*250/200 = 1 SU.
  EXPECT_EQ(su_f_milli(Resources{.hru = 1200 * kGiB}), 1000u);
  EXPECT_EQ(su_f_milli(Resources{.sru = 250 * kGiB}), 1000u);
}

TEST(FarmingReward, OneFullDevPeriodOfADiyNode) {
  // Per hour: 7.75*30000 + (22/3)*10000 = 232500 + 73333.33.. = 917500/3 units-USD.
  // 600 s: 917500/3 / 6 = 50972.2.. -> 50972 units-USD.
  // TFT: 917500/18 * 1000 / 80 = 637152.7.. -> 637152 units (floored once, not from 50972).
  Reward r = reward_of({.resources = standard(), .registered_seconds = 600});
  EXPECT_EQ(r, (Reward{50'972, 637'152}));
}

TEST(FarmingReward, CertifiedNodesEarnTheUplift) {
  // x1.25: 917500/18 * 1.25 = 63715.2.. units-USD; * 12.5 = 796440.9.. TFT units.
  Reward r = reward_of({.resources = standard(), .certified = true, .registered_seconds = 600});
  EXPECT_EQ(r, (Reward{63'715, 796'440}));
  // The uplift is a parameter: at 100 % a certified node earns what a diy node earns.
  auto same = farming_reward(
      diy(), {.resources = standard(), .certified = true, .registered_seconds = 600}, 100);
  EXPECT_EQ(same, (Reward{50'972, 637'152}));
}

TEST(FarmingReward, Ipv4HoursAreAddedAndUplifted) {
  // One hour with an IPv4: 917500/3 + 500 = 306333.3.. units-USD; * 12.5 = 3829166.6.. TFT.
  Reward r = reward_of({.resources = standard(), .registered_seconds = 3600, .ipv4_seconds = 3600});
  EXPECT_EQ(r, (Reward{306'333, 3'829'166}));
  // Certified: (919000/3) * 1.25 = 382916.6..; * 12.5 = 4786458.3...
  Reward c = reward_of({.resources = standard(),
                        .certified = true,
                        .registered_seconds = 3600,
                        .ipv4_seconds = 3600});
  EXPECT_EQ(c, (Reward{382'916, 4'786'458}));
}

TEST(FarmingReward, ProRatedByRegisteredSeconds) {
  // 300 s: 917500/36 = 25486.1.. units-USD; 917500000/2880 = 318576.3.. TFT units.
  EXPECT_EQ(reward_of({.resources = standard(), .registered_seconds = 300}),
            (Reward{25'486, 318'576}));
  // 592 s: 917500*592/10800 = 50292.5..; * 12.5 = 628657.4...
  EXPECT_EQ(reward_of({.resources = standard(), .registered_seconds = 592}),
            (Reward{50'292, 628'657}));
  EXPECT_EQ(reward_of({.resources = standard(), .registered_seconds = 0}), (Reward{0, 0}));
}

TEST(FarmingReward, ConvertedAtTheConnectionPrice) {
  // 40 mUSD per TFT: twice the TFT of 80: 917500/18 * 25 = 1274305.5.. -> 1274305.
  FarmingPolicy cheap = diy();
  cheap.connection_price_musd = 40;
  EXPECT_EQ(reward_of({.resources = standard(), .registered_seconds = 600}, cheap),
            (Reward{50'972, 1'274'305}));
  cheap.connection_price_musd = 0;
  EXPECT_FALSE(farming_reward(cheap, {.resources = standard(), .registered_seconds = 600}, 125));
}

TEST(FarmingReward, ZeroRewardsPayNothing) {
  FarmingPolicy zero = diy();
  zero.cu_reward = zero.su_reward = zero.ipv4_reward = 0;
  EXPECT_EQ(
      reward_of({.resources = standard(), .registered_seconds = 600, .ipv4_seconds = 600}, zero),
      (Reward{0, 0}));
}

TEST(FarmingReward, OverflowIsReportedNotWrapped) {
  FarmingPolicy huge = diy();
  huge.cu_reward = UINT64_MAX;
  Resources big{.cru = UINT64_MAX, .mru = UINT64_MAX, .sru = UINT64_MAX, .hru = UINT64_MAX};
  EXPECT_FALSE(farming_reward(huge, {.resources = big, .registered_seconds = UINT64_MAX}, 125));
}

TEST(FarmingPeriod, RegisteredSecondsAndUptime) {
  EXPECT_EQ(registered_seconds(100, 0, 600), 500u);    // registered mid-period
  EXPECT_EQ(registered_seconds(0, 600, 1200), 600u);   // registered before the period
  EXPECT_EQ(registered_seconds(1200, 600, 1200), 0u);  // registered at its end
  EXPECT_EQ(uptime_permille(600, 0), 1000u);
  EXPECT_EQ(uptime_permille(600, 30), 950u);  // 570000 / 600
  EXPECT_EQ(uptime_permille(600, 31), 948u);  // 569000 / 600 = 948.3
  EXPECT_EQ(uptime_permille(600, 900), 0u);   // down capped at registered
  EXPECT_EQ(uptime_permille(0, 0), 0u);
}

}  // namespace
}  // namespace grid::ledger
