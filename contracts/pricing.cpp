#include "contracts/pricing.hpp"

#include <algorithm>
#include <string>

#include "contracts/fraction.hpp"

namespace grid::contracts {
namespace {

using core::Status;

constexpr u128 kGiB = u128{1} << 30;
constexpr u128 kCuScale = 8 * kGiB;     // cu_scaled = CU * kCuScale
constexpr u128 kSuScale = 1200 * kGiB;  // su_scaled = SU * kSuScale
constexpr u128 kSecondsPerHour = 3600;
constexpr u128 kSecondsPerMonth = 30 * 86400;
constexpr u128 kUnitsUsdPerMusd = 10'000;
constexpr u128 kBytesPerGb = 1'000'000'000;

HourlyRate to_rate(Fraction f) {
  return f.ok() ? HourlyRate{f.num, f.den} : HourlyRate{0, 0};
}
Fraction to_fraction(const HourlyRate& r) {
  return Fraction{r.num, r.den};
}
Fraction percent(std::uint64_t p) {
  return Fraction{p, 100};
}

Status overflow(const std::string& what) {
  return Status::invalid("amount_overflow: " + what);
}

// cu_price*CU + su_price*SU, times uplift/100 when certified.
Fraction capacity_fraction(const ledger::PricingPolicy& p, const Resources& r, bool certified,
                           std::uint32_t certified_uplift_percent) {
  Fraction cu = mul(Fraction::integer(p.cu), Fraction{cu_scaled(r), kCuScale});
  Fraction su = mul(Fraction::integer(p.su), Fraction{su_scaled(r), kSuScale});
  Fraction capacity = add(cu, su);
  return certified ? mul(capacity, percent(certified_uplift_percent)) : capacity;
}

Fraction ips_fraction(const ledger::PricingPolicy& p, std::uint32_t public_ips) {
  return mul(Fraction::integer(p.ipv4), Fraction::integer(public_ips));
}

}  // namespace

// CU*8 GiB = min(max(2 mru, 4 GiB cru), max(mru, 8 GiB cru), max(4 mru, 2 GiB cru)) in bytes.
u128 cu_scaled(const Resources& r) {
  u128 mru = r.mru;
  u128 cru_gib = u128{r.cru} * kGiB;
  return std::min(
      {std::max(2 * mru, 4 * cru_gib), std::max(mru, 8 * cru_gib), std::max(4 * mru, 2 * cru_gib)});
}

// SU*1200 GiB = hru + 6 sru in bytes.
u128 su_scaled(const Resources& r) {
  return u128{r.hru} + 6 * u128{r.sru};
}

HourlyRate capacity_rate(const ledger::PricingPolicy& p, const Resources& r, bool certified,
                         std::uint32_t certified_uplift_percent) {
  return to_rate(capacity_fraction(p, r, certified, certified_uplift_percent));
}

HourlyRate node_contract_rate(const ledger::PricingPolicy& p, const Resources& r,
                              std::uint32_t public_ips, bool certified, bool on_rented_node,
                              std::uint32_t certified_uplift_percent) {
  Fraction ips = ips_fraction(p, public_ips);
  if (on_rented_node) return to_rate(ips);
  return to_rate(add(capacity_fraction(p, r, certified, certified_uplift_percent), ips));
}

HourlyRate rent_contract_rate(const ledger::PricingPolicy& p, const Resources& node_total,
                              bool certified, std::uint32_t certified_uplift_percent) {
  std::uint32_t discount = std::min<std::uint32_t>(p.dedicated_discount_percent, 100);
  Fraction capacity = capacity_fraction(p, node_total, certified, certified_uplift_percent);
  return to_rate(mul(capacity, percent(100 - discount)));
}

HourlyRate name_contract_rate(const ledger::PricingPolicy& p) {
  return to_rate(Fraction::integer(p.unique_name));
}

core::Result<std::uint64_t> usd_cost(const HourlyRate& rate, std::uint64_t seconds,
                                     std::uint64_t extra_fee_musd_month, std::uint64_t nu_price,
                                     std::uint64_t nu_bytes) {
  if (rate_overflowed(rate)) return overflow("hourly rate");
  Mixed capacity = scale(to_fraction(rate), seconds, kSecondsPerHour);
  Mixed extra = scale(Fraction::integer(u128{extra_fee_musd_month} * kUnitsUsdPerMusd), seconds,
                      kSecondsPerMonth);
  Mixed network = scale(Fraction::integer(nu_price), nu_bytes, kBytesPerGb);
  Mixed total = add(add(capacity, extra), network);
  if (!total.ok()) return overflow("usd cost");
  auto cost = core::narrow_u64(total.whole);  // the one floor: the proper part is dropped
  if (!cost) return overflow("usd cost exceeds u64");
  return *cost;
}

core::Result<std::uint64_t> tft_due(std::uint64_t usd_units, std::uint32_t price_musd,
                                    std::uint32_t pay_percent) {
  if (price_musd == 0) return Status::invalid("price_zero");
  // u64 * 1000 * u32 < 2^106: no overflow possible in the product.
  u128 num = u128{usd_units} * 1000 * pay_percent;
  auto due = core::narrow_u64(num / (u128{price_musd} * 100));
  if (!due) return overflow("tft due exceeds u64");
  return *due;
}

std::uint32_t clamp_price(std::uint64_t average_musd, std::uint32_t min, std::uint32_t max) {
  // min wins over a (misconfigured) smaller max; a zero average becomes min.
  if (average_musd <= min) return min;
  if (average_musd >= max) return std::max(min, max);
  return static_cast<std::uint32_t>(average_musd);
}

DiscountLevel discount_level(std::uint64_t held, std::uint64_t monthly_tft) {
  if (monthly_tft == 0) return DiscountLevel::none;  // nothing to discount
  // months = held / monthly, compared in tenths: held*10 >= months_x10 * monthly.
  struct Threshold {
    std::uint32_t months_x10;
    DiscountLevel level;
  };
  static constexpr Threshold kThresholds[] = {{180, DiscountLevel::gold},
                                              {60, DiscountLevel::silver},
                                              {30, DiscountLevel::bronze},
                                              {15, DiscountLevel::default_level}};
  u128 held_x10 = u128{held} * 10;
  for (const Threshold& t : kThresholds) {
    if (held_x10 >= u128{monthly_tft} * t.months_x10) return t.level;
  }
  return DiscountLevel::none;
}

std::uint32_t pay_percent(DiscountLevel level) {
  switch (level) {
    case DiscountLevel::none:
      return 100;
    case DiscountLevel::default_level:
      return 80;
    case DiscountLevel::bronze:
      return 70;
    case DiscountLevel::silver:
      return 60;
    case DiscountLevel::gold:
      return 40;
  }
  return 100;
}

}  // namespace grid::contracts
