// The farming reward formula (ECONOMICS.md "Farming rewards"): farming capacity units of a node,
// its uptime in a minting period and the reward it earns. ledger/minting_module.hpp applies it.
//
//   CU_f = min((mru - 1)/4, 2*cru, sru/50)          (mru, sru, hru in GiB; cru in cores)
//   SU_f = hru/1200 + 0.8*sru/200
//   usd  = ((CU_f*cu_reward + SU_f*su_reward) * registered_s
//           + ipv4_reward * ipv4_s) / 3600 * (uplift/100 if certified)     units-USD
//   tft  = usd * 1000 / connection_price_musd                             units (10^-7 TFT)
//
// - cu_reward, su_reward and ipv4_reward are units-USD per unit per HOUR (the dev genesis'
//   "per CU per hour"); a node earns them for every hour it was registered in the period, which
//   is the period reward pro-rated by registered_seconds / period length.
// - The uplift (ChainParams.certified_uplift_percent) applies to the whole sum, IPv4 included.
// - Exact arithmetic: CU_f and SU_f are kept as integers scaled by 100 GiB and 6000 GiB
//   (cu_f_scaled, su_f_scaled); the reward is one u128 fraction floored ONCE for usd and once
//   for tft (tft is not computed from the floored usd). A product that does not fit u128, or a
//   connection price of 0, gives nullopt (the module skips the node; it never wraps).
// - mru below 1 GiB gives CU_f = 0 (the (mru - 1) term saturates at 0).
// - uptime_permille = floor((registered - down) * 1000 / registered), down capped at registered.
// Pure functions; integer math only.
#pragma once

#include <cstdint>
#include <optional>

#include "core/uint128.hpp"
#include "ledger/params.hpp"
#include "ledger/wire_types.hpp"

namespace grid::ledger {

inline constexpr std::uint64_t kCuFScale = 100 * kGiB;   // CU_f = cu_f_scaled / kCuFScale
inline constexpr std::uint64_t kSuFScale = 6000 * kGiB;  // SU_f = su_f_scaled / kSuFScale

// CU_f x 100 GiB = min(25 (mru - 1 GiB), 200 GiB cru, 2 sru).
core::u128 cu_f_scaled(const Resources& r);
// SU_f x 6000 GiB = 5 hru + 24 sru.
core::u128 su_f_scaled(const Resources& r);
// floor(CU_f * 1000) and floor(SU_f * 1000), for events, the RPC and governance weights.
std::uint64_t cu_f_milli(const Resources& r);
std::uint64_t su_f_milli(const Resources& r);

// Seconds of [start, end) after the node's registration time.
std::uint64_t registered_seconds(std::uint64_t created_at, std::uint64_t start, std::uint64_t end);
// floor((registered - min(down, registered)) * 1000 / registered); 0 when registered is 0.
std::uint32_t uptime_permille(std::uint64_t registered, std::uint64_t down);

struct RewardInput {
  Resources resources;
  bool certified = false;                // the node's certification (the uplift)
  std::uint64_t registered_seconds = 0;  // in the period
  std::uint64_t ipv4_seconds = 0;        // in the period, with a public IPv4
};

struct Reward {
  std::uint64_t usd_units = 0;  // 10^-7 USD
  std::uint64_t tft_units = 0;  // 10^-7 TFT
  bool operator==(const Reward&) const = default;
};

// The reward of one node for one period; nullopt on overflow or a connection price of 0.
std::optional<Reward> farming_reward(const FarmingPolicy& policy, const RewardInput& input,
                                     std::uint32_t certified_uplift_percent);

}  // namespace grid::ledger
