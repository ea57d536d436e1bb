// Billing (ECONOMICS.md "Billing", "Paying a bill", "Running out of funds"), inside the state
// machine: every validator computes it identically at the end of every block.
//
// - bill_contract(ctx, contract): bills the time since contract.last_billed up to now: the
//   capacity price for the seconds the node was up (liveness: the node's down seconds since the
//   last bill are not billed; for rent contracts neither are its standby seconds), the pending
//   network units, the extra fee; pays the debt first, then the bill; what cannot be paid
//   becomes debt and puts the contract in grace; records a Bill; splits the payment. Used by
//   the due index, and at once by cancel, update and node deletion.
// - BillingModule::end_block: bills due contracts in due-time order (at most
//   max_bills_per_block; the rest stay due), settles debts of contracts in grace from their
//   twins' balances (at most max_settlements_per_block, round-robin), and deletes contracts
//   whose grace ran out (reason out_of_funds), bounded likewise. Never scans all contracts.
#pragma once

#include "contracts/contract_types.hpp"
#include "ledger/module.hpp"

namespace grid::contracts {

core::Status bill_contract(ledger::BlockContext& ctx, Contract& contract);

class BillingModule final : public ledger::Module {
 public:
  std::string_view name() const override { return "billing"; }
  bool handles(const ledger::Call&) const override { return false; }
  core::Status apply(ledger::TxContext&) override {
    return core::Status::internal("billing handles no call");
  }
  core::Status end_block(ledger::BlockContext& ctx) override;
  core::Status check_invariants(const ledger::StateReader& state,
                                std::uint64_t& held) const override;
};

}  // namespace grid::contracts
