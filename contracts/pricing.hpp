// Pricing (ECONOMICS.md "Price of one contract", "Discount by balance held", "Paying a bill"):
// exact rational arithmetic on 128-bit integers, one floor per amount, shared by billing and by
// the RPC's contract_estimateCost (never a copy of these rules elsewhere).
//
//   CU = min(max(mru/4, cru/2), max(mru/8, cru), max(mru/2, cru/4))      (mru, sru, hru in GiB)
//   SU = hru/1200 + sru/200
//   node contract / hour = cu*CU + su*SU (x1.25 certified) + ipv4*ips    (units-USD)
//   on a rented node       only ipv4*ips (+ network)
//   rent contract / hour   = (100 - dedicated_discount)% of (cu*CU + su*SU) of the whole node
//                            (x1.25 certified), plus the extra fee pro-rated per second
//   name contract / hour   = unique_name
//   cost for s seconds     = floor(hourly * s / 3600); network: nu per 10^9 bytes
//   TFT due                = floor(usd * 1000 * pay% / (P * 100)), P = clamped price, mUSD/TFT
//
// Contract: pure functions; no floating point. A result that would not fit in u64 is reported
// as Code::invalid ("amount_overflow") rather than wrapped.
#pragma once

#include <cstdint>
#include <vector>

#include "contracts/contract_types.hpp"
#include "core/status.hpp"
#include "core/uint128.hpp"
#include "ledger/params.hpp"

namespace grid::contracts {

// A price per hour in units-USD as an exact fraction num/den, kept reduced. A rate whose exact
// value does not fit u128 fractions (absurd prices or resources) is returned with den == 0;
// usd_cost refuses it with "amount_overflow" (rate_overflowed() tells it apart).
struct HourlyRate {
  core::u128 num = 0;
  core::u128 den = 1;
};
inline bool rate_overflowed(const HourlyRate& rate) {
  return rate.den == 0;
}

// CU and SU scaled to integers: cu_scaled = CU * 8 * 2^30, su_scaled = SU * 1200 * 2^30.
core::u128 cu_scaled(const Resources& r);
core::u128 su_scaled(const Resources& r);

HourlyRate capacity_rate(const ledger::PricingPolicy& p, const Resources& r, bool certified,
                         std::uint32_t certified_uplift_percent);
HourlyRate node_contract_rate(const ledger::PricingPolicy& p, const Resources& r,
                              std::uint32_t public_ips, bool certified, bool on_rented_node,
                              std::uint32_t certified_uplift_percent);
HourlyRate rent_contract_rate(const ledger::PricingPolicy& p, const Resources& node_total,
                              bool certified, std::uint32_t certified_uplift_percent);
HourlyRate name_contract_rate(const ledger::PricingPolicy& p);

// floor(rate * seconds / 3600) plus extra fee (mUSD per month, pro-rated per second:
// extra * 10000 * seconds / 2592000) plus network units (nu per GB of 10^9 bytes), as one sum
// of fractions floored once: the USD cost of one bill in units-USD.
core::Result<std::uint64_t> usd_cost(const HourlyRate& rate, std::uint64_t seconds,
                                     std::uint64_t extra_fee_musd_month, std::uint64_t nu_price,
                                     std::uint64_t nu_bytes);

// TFT units due for a USD cost at price P (mUSD per TFT) paying pay_percent of it.
core::Result<std::uint64_t> tft_due(std::uint64_t usd_units, std::uint32_t price_musd,
                                    std::uint32_t pay_percent);

std::uint32_t clamp_price(std::uint64_t average_musd, std::uint32_t min, std::uint32_t max);

// Discount level from the TFT the twin holds (free + bonded stash) and the cost of the same
// bill scaled to 30 days (in TFT units). Levels at 1.5, 3, 6, 18 months; pay 80/70/60/40 %.
DiscountLevel discount_level(std::uint64_t held, std::uint64_t monthly_tft);
std::uint32_t pay_percent(DiscountLevel level);

// Splits a paid amount: staking pool staking_percent, each provider its take, the foundation
// foundation_percent less the takes, the farm owner the rest (with every rounding remainder).
// The staking pool share is returned as a payout with role "staking_pool" and a zero account.
struct SplitPolicy {
  core::AccountId farmer{};
  core::AccountId foundation{};
  std::vector<ProviderShare> providers;  // sum of takes <= foundation_percent
  std::uint32_t foundation_percent = 40;
  std::uint32_t staking_percent = 10;
};
std::vector<Payout> split_payment(std::uint64_t amount, const SplitPolicy& policy);

}  // namespace grid::contracts
