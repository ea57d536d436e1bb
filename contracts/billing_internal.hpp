// The parts of billing shared by billing.cpp (what a bill charges), payment.cpp (paying it,
// debt, payouts, grace) and billing_module.cpp (end of block). Not for other modules: they call
// contracts/billing.hpp.
//
// Contract: pure functions over the state given; no clock, randomness or floating point.
#pragma once

#include <cstdint>

#include "contracts/contract_types.hpp"
#include "contracts/pricing.hpp"
#include "ledger/module.hpp"

namespace grid::contracts::billing_detail {

// What one bill charges, before payment. Two amounts floored once each: capacity and network
// at the discount's pay %, and the dedicated node's extra fee at 100 % (never discounted).
struct Charge {
  std::uint64_t period_start = 0;
  std::uint64_t period_end = 0;
  std::uint64_t billed_seconds = 0;
  std::uint64_t nu_bytes = 0;
  std::uint64_t usd_cost = 0;      // units-USD after discount, extra fee included
  std::uint64_t amount = 0;        // TFT units, capacity and network
  std::uint64_t extra_amount = 0;  // TFT units, extra fee (100 % to the farm owner)
  std::uint32_t price_musd = 0;
  DiscountLevel discount = DiscountLevel::none;
};

// The key of a contract in grace in the grace-expiry index (at grace_expiry_time).
core::Bytes grace_key(const Contract& contract, const ledger::ChainParams& params);

// Who receives a payment of this contract: the farm owner of its node (the foundation for a
// name contract, which has no farm), the foundation, approved solution providers.
core::Result<SplitPolicy> split_policy_for(const ledger::StateReader& state,
                                           const ledger::ChainParams& params,
                                           const Contract& contract);

// Pays the debt first, then the charge, from the twin's free balance; what is not paid becomes
// debt. Splits the paid amount (the extra-fee part 100 % to the farm owner, the staking share
// into Counters.staking_pool), records a Bill (seq = ++bill_count), updates total_paid and moves
// the contract into or out of grace with its events. Records nothing when there was nothing to
// charge or pay. Does not store the contract.
core::Status collect(ledger::BlockContext& ctx, Contract& contract, const Charge& charge);

}  // namespace grid::contracts::billing_detail
