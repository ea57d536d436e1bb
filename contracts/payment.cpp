// Paying a bill (ECONOMICS.md "Paying a bill", "Running out of funds"): debt first, then the
// bill, from the twin's free balance at once; the split of what was paid; grace in and out.
#include <algorithm>

#include "contracts/billing_internal.hpp"
#include "contracts/contract_keys.hpp"
#include "contracts/contract_ops.hpp"
#include "contracts/lifecycle.hpp"
#include "core/uint128.hpp"
#include "ledger/accounts.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"

namespace grid::contracts::billing_detail {
namespace {

using core::Result;
using core::Status;

// Takes up to `want` out of `available`.
std::uint64_t take(std::uint64_t want, std::uint64_t& available) {
  std::uint64_t got = std::min(want, available);
  available -= got;
  return got;
}

Result<AccountId> farm_owner_of_node(const ledger::StateReader& state, std::uint32_t node_id) {
  GRID_ASSIGN(ledger::Node node, ledger::load_node(state, node_id));
  GRID_ASSIGN(ledger::Farm farm, ledger::load_farm(state, node.farm_id));
  GRID_ASSIGN(ledger::Twin owner, ledger::load_twin(state, farm.twin_id));
  return owner.account;
}

// Credits every payout; the staking pool's share goes into Counters.staking_pool (it left the
// payer's balance, so the total supply is unchanged).
Status pay_out(ledger::Overlay& state, const std::vector<Payout>& payouts) {
  std::uint64_t pool = 0;
  for (const Payout& p : payouts) {
    if (p.role == "staking_pool")
      pool += p.amount;
    else
      GRID_TRY(ledger::credit_free(state, p.to, p.amount));
  }
  if (pool == 0) return Status::ok();
  GRID_ASSIGN(ledger::Counters counters, ledger::load_counters(state));
  if (__builtin_add_overflow(counters.staking_pool, pool, &counters.staking_pool))
    return Status::internal("staking pool overflow");
  ledger::store_counters(state, counters);
  return Status::ok();
}

// Into grace when a debt appears (the node daemon pauses), out of it when the debt is paid.
void update_grace(ledger::BlockContext& ctx, Contract& c) {
  if (c.debt > 0 && c.state == ContractState::created) {
    c.state = ContractState::grace_period;
    c.grace_since = ctx.now();
    ctx.state.put(grace_key(c, ctx.params), {});
    ledger::Event e = contract_event("grace_started", c);
    e.with("debt", std::to_string(c.debt))
        .with("expires_at", std::to_string(grace_expiry_time(c, ctx.params)));
    ctx.emit(std::move(e));
  } else if (c.debt == 0 && c.state == ContractState::grace_period) {
    ctx.state.erase(grace_key(c, ctx.params));
    c.state = ContractState::created;
    ctx.emit(contract_event("grace_ended", c));
  }
}

}  // namespace

core::Bytes grace_key(const Contract& contract, const ledger::ChainParams& params) {
  return keys::grace_expiry(grace_expiry_time(contract, params), contract.id);
}

Result<SplitPolicy> split_policy_for(const ledger::StateReader& state,
                                     const ledger::ChainParams& params, const Contract& contract) {
  SplitPolicy policy;
  policy.foundation = params.foundation;
  policy.foundation_percent = params.foundation_percent;
  policy.staking_percent = params.staking_pool_percent;
  // A name contract has no farm: the farm owner's share goes to the foundation.
  policy.farmer = params.foundation;
  if (auto node_id = contract_node(contract)) {
    GRID_ASSIGN(policy.farmer, farm_owner_of_node(state, *node_id));
  }
  if (contract.solution_provider_id) {
    GRID_ASSIGN(SolutionProvider provider,
                load_solution_provider(state, *contract.solution_provider_id));
    if (provider.approved) policy.providers = provider.providers;
  }
  return policy;
}

Status collect(ledger::BlockContext& ctx, Contract& c, const Charge& charge) {
  GRID_ASSIGN(ledger::Twin twin, ledger::load_twin(ctx.state, c.twin_id));
  GRID_ASSIGN(ledger::Account payer, ledger::load_account(ctx.state, twin.account));
  std::uint64_t available = payer.free;
  const std::uint64_t debt_paid = take(c.debt, available);
  const std::uint64_t bill_paid = take(charge.amount, available);
  const std::uint64_t extra_paid = take(charge.extra_amount, available);
  const std::uint64_t paid = debt_paid + bill_paid + extra_paid;
  auto debt = core::narrow_u64(core::u128{c.debt} - debt_paid + (charge.amount - bill_paid) +
                               (charge.extra_amount - extra_paid));
  if (!debt) return ledger::refuse(ledger::reason::amount_overflow, "contract debt overflows");
  const bool charged = charge.period_end > charge.period_start || charge.nu_bytes > 0;
  if (!charged && paid == 0) return Status::ok();

  Bill bill{.contract_id = c.id,
            .period_start = charge.period_start,
            .period_end = charge.period_end,
            .billed_seconds = charge.billed_seconds,
            .usd_cost = charge.usd_cost,
            .amount = charge.amount + charge.extra_amount,
            .nu_bytes = charge.nu_bytes,
            .price_musd = charge.price_musd,
            .discount = charge.discount,
            .paid = paid,
            .debt_after = *debt};
  if (paid > 0) {
    GRID_TRY(ledger::debit_free(ctx.state, twin.account, paid));
    GRID_ASSIGN(SplitPolicy policy, split_policy_for(ctx.state, ctx.params, c));
    // Debt and bill split 50/40/10; the extra fee goes wholly to the farm owner.
    bill.payouts = split_payment(debt_paid + bill_paid, policy);
    auto farmer = std::find_if(bill.payouts.begin(), bill.payouts.end(),
                               [](const Payout& p) { return p.role == "farmer"; });
    if (farmer != bill.payouts.end())
      farmer->amount += extra_paid;
    else if (extra_paid > 0)
      bill.payouts.insert(bill.payouts.begin(), Payout{policy.farmer, extra_paid, "farmer"});
    GRID_TRY(pay_out(ctx.state, bill.payouts));
  }
  c.debt = *debt;
  c.total_paid += paid;
  c.bill_count += 1;
  bill.seq = c.bill_count;
  ledger::store(ctx.state, keys::bill(c.id, bill.seq), bill);

  ledger::Event e = contract_event(charged ? "contract_billed" : "contract_debt_paid", c);
  e.account = twin.account;
  e.with("seq", std::to_string(bill.seq))
      .with("amount", std::to_string(bill.amount))
      .with("paid", std::to_string(paid))
      .with("debt", std::to_string(c.debt));
  ctx.emit(std::move(e));
  update_grace(ctx, c);
  return Status::ok();
}

}  // namespace grid::contracts::billing_detail
