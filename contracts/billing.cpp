// bill_contract of contracts/billing.hpp: what one bill charges (rate by kind, liveness,
// discount, price) and the contract's bookkeeping after it. Paying is in payment.cpp.
#include "contracts/billing.hpp"

#include <algorithm>

#include "contracts/billing_internal.hpp"
#include "contracts/contract_keys.hpp"
#include "contracts/contract_ops.hpp"
#include "contracts/lifecycle.hpp"
#include "contracts/pricing.hpp"
#include "ledger/accounts.hpp"
#include "ledger/liveness.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/state_keys.hpp"

namespace grid::contracts {
namespace {

using billing_detail::Charge;
using core::Result;
using core::Status;

constexpr std::uint64_t kMonthSeconds = 30 * 86400;
constexpr std::uint32_t kDefaultPricingPolicy = 1;

std::uint64_t minus_sat(std::uint64_t a, std::uint64_t b) {
  return a > b ? a - b : 0;
}
std::uint64_t plus_sat(std::uint64_t a, std::uint64_t b) {
  return core::saturate_u64(core::u128{a} + b);
}

// The contract's hourly rate, its extra fee, and the seconds of [last_billed, now] its node was
// not serving it (down; for rent contracts also powered down by the farmer).
struct Priced {
  HourlyRate rate;
  std::uint64_t nu_price = 0;
  std::uint64_t extra_fee_musd_month = 0;
  std::uint64_t unbilled_seconds = 0;
  std::optional<ledger::Node> node;
};

Result<ledger::PricingPolicy> load_policy(const ledger::StateReader& state, std::uint32_t id) {
  return ledger::load_required<ledger::PricingPolicy>(state, ledger::keys::pricing_policy(id),
                                                      "pricing policy " + std::to_string(id));
}

Result<Priced> price(const ledger::BlockContext& ctx, const Contract& c) {
  const ledger::ChainParams& params = ctx.params;
  Priced out;
  if (c.kind == ContractKind::name) {
    GRID_ASSIGN(ledger::PricingPolicy policy, load_policy(ctx.state, kDefaultPricingPolicy));
    out.rate = name_contract_rate(policy);
    out.nu_price = policy.nu;
    return out;
  }
  std::optional<std::uint32_t> node_id = contract_node(c);
  if (!node_id || (c.kind == ContractKind::node && !c.node))
    return Status::corruption("contract " + std::to_string(c.id) + " names no node");
  GRID_ASSIGN(ledger::Node node, ledger::load_node(ctx.state, *node_id));
  GRID_ASSIGN(ledger::Farm farm, ledger::load_farm(ctx.state, node.farm_id));
  GRID_ASSIGN(ledger::PricingPolicy policy, load_policy(ctx.state, farm.pricing_policy_id));
  bool certified = node.certification == ledger::NodeCertification::certified;
  out.nu_price = policy.nu;
  out.unbilled_seconds =
      minus_sat(ledger::down_seconds_at(node, ctx.now(), params), c.down_seconds_at_bill);
  if (c.kind == ContractKind::rent) {
    out.rate =
        rent_contract_rate(policy, node.resources, certified, params.certified_uplift_percent);
    out.extra_fee_musd_month = node.extra_fee_musd_month;
    out.unbilled_seconds =
        plus_sat(out.unbilled_seconds,
                 minus_sat(ledger::standby_seconds_at(node, ctx.now()), c.standby_seconds_at_bill));
  } else {
    const NodeContractTerms& terms = *c.node;
    out.rate = node_contract_rate(policy, terms.resources, terms.public_ips, certified,
                                  node.rent_contract_id != 0, params.certified_uplift_percent);
  }
  out.node = std::move(node);
  return out;
}

// TFT the twin holds for the discount: its free balance plus its bonded stash's free balance.
Result<std::uint64_t> held_by_twin(const ledger::StateReader& state, std::uint32_t twin_id) {
  GRID_ASSIGN(ledger::Twin twin, ledger::load_twin(state, twin_id));
  GRID_ASSIGN(ledger::Account account, ledger::load_account(state, twin.account));
  std::uint64_t held = account.free;
  if (twin.stash) {
    GRID_ASSIGN(ledger::Account stash, ledger::load_account(state, *twin.stash));
    held = plus_sat(held, stash.free);
  }
  return held;
}

Result<Charge> charge_for(const ledger::BlockContext& ctx, const Contract& c,
                          const Priced& priced) {
  const ledger::ChainParams& params = ctx.params;
  Charge charge;
  charge.period_start = c.last_billed;
  charge.period_end = std::max(ctx.now(), c.last_billed);
  charge.billed_seconds =
      minus_sat(charge.period_end - charge.period_start, priced.unbilled_seconds);
  charge.nu_bytes = c.nu_pending_bytes;

  GRID_ASSIGN(auto price, ledger::load<ledger::TftPrice>(ctx.state, ledger::keys::tft_price()));
  charge.price_musd =
      clamp_price(price ? price->average_musd : 0, params.price_min, params.price_max);
  GRID_ASSIGN(std::uint64_t monthly_usd, usd_cost(priced.rate, kMonthSeconds, 0, 0, 0));
  GRID_ASSIGN(std::uint64_t monthly_tft, tft_due(monthly_usd, charge.price_musd, 100));
  GRID_ASSIGN(std::uint64_t held, held_by_twin(ctx.state, c.twin_id));
  charge.discount = discount_level(held, monthly_tft);
  std::uint32_t pay = pay_percent(charge.discount);

  // Capacity and network at the discount, the extra fee at 100 %: two amounts, each floored once.
  GRID_ASSIGN(std::uint64_t usd,
              usd_cost(priced.rate, charge.billed_seconds, 0, priced.nu_price, charge.nu_bytes));
  GRID_ASSIGN(std::uint64_t extra_usd,
              usd_cost(HourlyRate{}, charge.billed_seconds, priced.extra_fee_musd_month, 0, 0));
  GRID_ASSIGN(charge.amount, tft_due(usd, charge.price_musd, pay));
  GRID_ASSIGN(charge.extra_amount, tft_due(extra_usd, charge.price_musd, 100));
  charge.usd_cost = plus_sat(core::saturate_u64(core::u128{usd} * pay / 100), extra_usd);
  return charge;
}

}  // namespace

Status bill_contract(ledger::BlockContext& ctx, Contract& contract) {
  if (contract.kind == ContractKind::service || !contract.is_live()) return Status::ok();
  if (ctx.now() <= contract.last_billed && contract.nu_pending_bytes == 0 && contract.debt == 0)
    return Status::ok();  // nothing elapsed, nothing pending, nothing owed

  GRID_ASSIGN(Priced priced, price(ctx, contract));
  GRID_ASSIGN(Charge charge, charge_for(ctx, contract, priced));
  std::uint64_t old_due = next_due_time(contract, ctx.params);
  GRID_TRY(billing_detail::collect(ctx, contract, charge));

  contract.last_billed = charge.period_end;
  contract.nu_pending_bytes = 0;  // billed now, never again
  if (priced.node) snapshot_liveness(contract, *priced.node, ctx);
  store_contract(ctx.state, contract);
  std::uint64_t new_due = next_due_time(contract, ctx.params);
  if (new_due != old_due) {
    unschedule_due(ctx.state, contract.id, old_due);
    schedule_due(ctx.state, contract.id, new_due);
  }
  return Status::ok();
}

}  // namespace grid::contracts
