// split_payment of contracts/pricing.hpp: the payout split of one paid amount.
#include <algorithm>

#include "contracts/pricing.hpp"

namespace grid::contracts {
namespace {

// floor(amount * pct / 100), never more than what is left of the amount.
std::uint64_t take_share(std::uint64_t amount, std::uint64_t pct, std::uint64_t& left) {
  auto share = static_cast<std::uint64_t>(core::u128{amount} * pct / 100);
  share = std::min(share, left);
  left -= share;
  return share;
}

void push_nonzero(std::vector<Payout>& out, const core::AccountId& to, std::uint64_t amount,
                  const char* role) {
  if (amount != 0) out.push_back(Payout{to, amount, role});
}

}  // namespace

std::vector<Payout> split_payment(std::uint64_t amount, const SplitPolicy& policy) {
  // Shares are taken in priority order from what is left (staking pool, providers, foundation),
  // so a misconfigured policy (percentages over 100) can never pay out more than the amount;
  // the farmer gets the rest, including every rounding remainder.
  std::uint64_t left = amount;
  std::uint64_t staking = take_share(amount, policy.staking_percent, left);
  std::vector<std::uint64_t> takes;
  std::uint64_t takes_total = 0;
  for (const ProviderShare& provider : policy.providers) {
    takes.push_back(take_share(amount, provider.take, left));
    takes_total += takes.back();
  }
  auto foundation_gross =
      static_cast<std::uint64_t>(core::u128{amount} * policy.foundation_percent / 100);
  std::uint64_t foundation =
      std::min(foundation_gross - std::min(foundation_gross, takes_total), left);
  left -= foundation;

  std::vector<Payout> out;
  push_nonzero(out, policy.farmer, left, "farmer");
  push_nonzero(out, policy.foundation, foundation, "foundation");
  for (std::size_t i = 0; i < takes.size(); ++i) {
    push_nonzero(out, policy.providers[i].account, takes[i], "solution_provider");
  }
  push_nonzero(out, core::AccountId{}, staking, "staking_pool");
  return out;
}

}  // namespace grid::contracts
