#include "ledger/minting.hpp"

#include <algorithm>

namespace grid::ledger {
namespace {

using core::u128;

// a * b, or nullopt when the product does not fit u128.
std::optional<u128> mul(u128 a, u128 b) {
  u128 out = 0;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<u128> add(std::optional<u128> a, std::optional<u128> b) {
  u128 out = 0;
  if (!a || !b || __builtin_add_overflow(*a, *b, &out)) return std::nullopt;
  return out;
}

// The product of all factors, or nullopt on overflow.
std::optional<u128> product(std::initializer_list<u128> factors) {
  std::optional<u128> out = 1;
  for (u128 f : factors)
    if (out) out = mul(*out, f);
  return out;
}

std::optional<std::uint64_t> floor_div(std::optional<u128> num, std::optional<u128> den) {
  if (!num || !den || *den == 0) return std::nullopt;
  return core::narrow_u64(*num / *den);
}

}  // namespace

u128 cu_f_scaled(const Resources& r) {
  u128 by_memory = r.mru > kGiB ? u128{25} * (r.mru - kGiB) : 0;
  u128 by_cores = u128{200} * kGiB * r.cru;
  u128 by_ssd = u128{2} * r.sru;
  return std::min({by_memory, by_cores, by_ssd});
}

u128 su_f_scaled(const Resources& r) {
  return u128{5} * r.hru + u128{24} * r.sru;
}

std::uint64_t cu_f_milli(const Resources& r) {
  return core::saturate_u64(cu_f_scaled(r) * 1000 / kCuFScale);
}

std::uint64_t su_f_milli(const Resources& r) {
  return core::saturate_u64(su_f_scaled(r) * 1000 / kSuFScale);
}

std::uint64_t registered_seconds(std::uint64_t created_at, std::uint64_t start, std::uint64_t end) {
  std::uint64_t from = std::max(created_at, start);
  return end > from ? end - from : 0;
}

std::uint32_t uptime_permille(std::uint64_t registered, std::uint64_t down) {
  if (registered == 0) return 0;
  u128 up = registered - std::min(down, registered);
  return static_cast<std::uint32_t>(up * 1000 / registered);
}

// reward (units-USD) = N / D with
//   N = ((60 cu_f_scaled cu_reward + su_f_scaled su_reward) registered_s
//        + 6000 GiB ipv4_reward ipv4_s) * uplift
//   D = 6000 GiB * 3600 * 100
// (CU_f = 60 cu_f_scaled / 6000 GiB brings both units to one denominator.)
std::optional<Reward> farming_reward(const FarmingPolicy& policy, const RewardInput& input,
                                     std::uint32_t certified_uplift_percent) {
  if (policy.connection_price_musd == 0) return std::nullopt;
  const u128 uplift = input.certified ? certified_uplift_percent : 100;
  auto capacity = add(product({60, cu_f_scaled(input.resources), policy.cu_reward}),
                      product({su_f_scaled(input.resources), policy.su_reward}));
  auto num = add(capacity ? mul(*capacity, input.registered_seconds) : std::nullopt,
                 product({kSuFScale, policy.ipv4_reward, input.ipv4_seconds}));
  if (num) num = mul(*num, uplift);
  const auto den = product({kSuFScale, 3600, 100});
  auto usd = floor_div(num, den);
  auto tft = floor_div(num ? mul(*num, 1000) : std::nullopt,
                       den ? mul(*den, policy.connection_price_musd) : std::nullopt);
  if (!usd || !tft) return std::nullopt;
  return Reward{*usd, *tft};
}

}  // namespace grid::ledger
