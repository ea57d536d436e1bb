// Solution providers (TFChain): a provider is created by anyone with its payout shares, approved
// by the council, then attached to contracts, whose bills pay each share its take.
//
// Contract: approve_solution_provider is a governance operation (like ledger/governance_ops.hpp:
// a plain function the voting module runs when a proposal passes): the caller must be on the
// council (not_council), the provider must exist (not_found); sets approved and emits
// solution_provider_approved. Checks come before any write.
#pragma once

#include <cstdint>

#include "ledger/module.hpp"

namespace grid::contracts {

core::Status approve_solution_provider(ledger::BlockContext& ctx, const core::AccountId& caller,
                                       std::uint64_t provider_id);

}  // namespace grid::contracts
