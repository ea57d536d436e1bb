// Service contracts (TFChain ADR 0003), WIRE.md 0x38-0x3e:
// - create(service, consumer): signed by one of the two; both accounts need twins (no_twin);
//   they differ (invalid_input); the consumer's twin pays; nothing approved yet; not billed
//   through the due index (the service bills).
// - set_metadata (service only; <= 64 bytes by the decoder) and set_fees (service only; only
//   before both parties approved: contract_approved). New fees withdraw earlier approvals.
// - approve: each party once (invalid_input when repeated); when both have approved the contract
//   starts: last_billed = now. reject: either party, before both approved (contract_approved):
//   deleted with reason rejected. cancel: either party: deleted canceled_by_user.
// - bill: the service only, once both approved (contract_not_approved); for the `elapsed`
//   seconds since last_billed, variable_amount <= variable_fee * elapsed / 3600 (bill_over_cap);
//   amount = floor(base_fee * elapsed / 3600) + variable_amount mUSD, x 10 000 units-USD, TFT via
//   pricing's tft_due at the clamped average price; paid at once from the consumer's free
//   balance (insufficient_funds: no grace for service contracts), 100 % to the service; a Bill
//   record (seq = bill_count + 1); last_billed = now; event contract_billed with the metadata.
// Every other party is unauthorized.
#include "contracts/contract_calls.hpp"
#include "contracts/contract_keys.hpp"
#include "contracts/contract_ops.hpp"
#include "contracts/contract_refusals.hpp"
#include "contracts/lifecycle.hpp"
#include "contracts/pricing.hpp"
#include "core/uint128.hpp"
#include "ledger/accounts.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/state_keys.hpp"

namespace grid::contracts {
namespace {

using namespace ledger;

enum class Party { service, consumer };

struct ServiceAction {
  Contract contract;
  Party party;
  ServiceTerms& terms() { return *contract.service; }
};

bool both_approved(const ServiceTerms& t) {
  return t.service_approved && t.consumer_approved;
}

// The live service contract `id` and the signer's side of it; `service_only` refuses the consumer.
Result<ServiceAction> load_action(const StateReader& state, std::uint64_t id,
                                  const AccountId& signer, bool service_only) {
  GRID_ASSIGN(Contract contract, load_live_contract(state, id));
  GRID_TRY(require_kind(contract, ContractKind::service));
  const ServiceTerms& t = *contract.service;
  bool is_service = signer == t.service;
  if (!is_service && (service_only || signer != t.consumer))
    return refuse(ledger::reason::unauthorized, "service contract " + std::to_string(id) +
                                                    " is not acted on by " + signer.to_address() +
                                                    (service_only ? " (service only)" : ""));
  return ServiceAction{std::move(contract), is_service ? Party::service : Party::consumer};
}

Status require_not_approved(const ServiceTerms& t, std::uint64_t id) {
  if (both_approved(t))
    return refuse(reason::contract_approved,
                  "service contract " + std::to_string(id) + " is approved by both parties");
  return Status::ok();
}

void emit(TxContext& ctx, std::string kind, const Contract& contract) {
  Event e = contract_event(std::move(kind), contract);
  e.account = ctx.signer();
  ctx.emit(std::move(e));
}

Status create(TxContext& ctx, const ServiceContractCreate& call) {
  if (ctx.signer() != call.service && ctx.signer() != call.consumer)
    return refuse(ledger::reason::unauthorized, "the signer is neither service nor consumer");
  if (call.service == call.consumer)
    return refuse(ledger::reason::invalid_input, "service and consumer are the same account");
  GRID_TRY(require_twin(ctx.state, call.service).status());
  GRID_ASSIGN(std::uint32_t consumer_twin, require_twin(ctx.state, call.consumer));
  GRID_ASSIGN(Contract contract, open_contract(ctx, consumer_twin, ContractKind::service));
  contract.service = ServiceTerms{.service = call.service, .consumer = call.consumer};
  register_contract(ctx, contract);
  emit(ctx, "contract_created", contract);
  return Status::ok();
}

Status set_metadata(TxContext& ctx, const ServiceContractSetMetadata& call) {
  GRID_ASSIGN(ServiceAction a, load_action(ctx.state, call.id, ctx.signer(), true));
  a.terms().metadata = call.metadata;
  store_contract(ctx.state, a.contract);
  emit(ctx, "service_contract_metadata_set", a.contract);
  return Status::ok();
}

Status set_fees(TxContext& ctx, const ServiceContractSetFees& call) {
  GRID_ASSIGN(ServiceAction a, load_action(ctx.state, call.id, ctx.signer(), true));
  GRID_TRY(require_not_approved(a.terms(), call.id));
  a.terms().base_fee = call.base_fee;
  a.terms().variable_fee = call.variable_fee;
  a.terms().service_approved = a.terms().consumer_approved = false;
  store_contract(ctx.state, a.contract);
  emit(ctx, "service_contract_fees_set", a.contract);
  return Status::ok();
}

Status approve(TxContext& ctx, const ServiceContractApprove& call) {
  GRID_ASSIGN(ServiceAction a, load_action(ctx.state, call.id, ctx.signer(), false));
  bool& mine = a.party == Party::service ? a.terms().service_approved : a.terms().consumer_approved;
  if (mine) return refuse(ledger::reason::invalid_input, "already approved by this party");
  mine = true;
  if (both_approved(a.terms())) a.contract.last_billed = ctx.now();
  store_contract(ctx.state, a.contract);
  emit(ctx, "service_contract_approved", a.contract);
  if (both_approved(a.terms())) emit(ctx, "service_contract_started", a.contract);
  return Status::ok();
}

Status reject(TxContext& ctx, const ServiceContractReject& call) {
  GRID_ASSIGN(ServiceAction a, load_action(ctx.state, call.id, ctx.signer(), false));
  GRID_TRY(require_not_approved(a.terms(), call.id));
  GRID_TRY(delete_contract(ctx, a.contract, DeleteReason::rejected));
  emit(ctx, "service_contract_rejected", a.contract);
  return Status::ok();
}

// The bill's amount in TFT units for `elapsed` seconds and price `price_musd`.
Result<std::uint64_t> bill_usd(const ServiceTerms& t, std::uint64_t elapsed,
                               std::uint64_t variable_amount, std::uint64_t contract_id) {
  core::u128 cap = core::u128{t.variable_fee} * elapsed / 3600;
  if (variable_amount > cap)
    return refuse(reason::bill_over_cap,
                  "service contract " + std::to_string(contract_id) + ": variable amount " +
                      std::to_string(variable_amount) + " mUSD over the cap of " +
                      std::to_string(static_cast<std::uint64_t>(cap)) + " mUSD for " +
                      std::to_string(elapsed) + " s");
  core::u128 musd = core::u128{t.base_fee} * elapsed / 3600 + variable_amount;
  auto usd = core::narrow_u64(musd * 10'000);
  if (!usd) return refuse(ledger::reason::amount_overflow, "bill amount does not fit");
  return *usd;
}

Status bill(TxContext& ctx, const ServiceContractBill& call) {
  GRID_ASSIGN(ServiceAction a, load_action(ctx.state, call.id, ctx.signer(), true));
  if (!both_approved(a.terms()))
    return refuse(reason::contract_not_approved,
                  "service contract " + std::to_string(call.id) + " is not approved by both");
  Contract& c = a.contract;
  std::uint64_t elapsed = ctx.now() - c.last_billed;
  GRID_ASSIGN(std::uint64_t usd, bill_usd(a.terms(), elapsed, call.variable_amount, c.id));
  GRID_ASSIGN(TftPrice price,
              load_required<TftPrice>(ctx.state, ledger::keys::tft_price(), "tft price"));
  std::uint32_t p = clamp_price(price.average_musd, ctx.params.price_min, ctx.params.price_max);
  GRID_ASSIGN(std::uint64_t amount, tft_due(usd, p, 100));
  GRID_TRY(transfer_free(ctx.state, a.terms().consumer, a.terms().service, amount));

  Bill record{.contract_id = c.id,
              .seq = c.bill_count + 1,
              .period_start = c.last_billed,
              .period_end = ctx.now(),
              .billed_seconds = elapsed,
              .usd_cost = usd,
              .amount = amount,
              .price_musd = p,
              .paid = amount,
              .payouts = {Payout{a.terms().service, amount, "service"}}};
  store(ctx.state, keys::bill(c.id, record.seq), record);
  c.bill_count = record.seq;
  c.total_paid = core::saturate_u64(core::u128{c.total_paid} + amount);
  c.last_billed = ctx.now();
  store_contract(ctx.state, c);

  Event e = contract_event("contract_billed", c);
  e.account = a.terms().service;
  e.with("amount", std::to_string(amount))
      .with("usd_cost", std::to_string(usd))
      .with("variable_amount", std::to_string(call.variable_amount))
      .with("metadata", call.metadata);
  ctx.emit(std::move(e));
  return Status::ok();
}

}  // namespace

bool is_service_contract_call(const Call& call) {
  return call.as<ServiceContractCreate>() || call.as<ServiceContractSetMetadata>() ||
         call.as<ServiceContractSetFees>() || call.as<ServiceContractApprove>() ||
         call.as<ServiceContractReject>() || call.as<ServiceContractCancel>() ||
         call.as<ServiceContractBill>();
}

Status apply_service_contract_call(TxContext& ctx) {
  const Call& call = ctx.tx.call;
  if (auto* c = call.as<ServiceContractCreate>()) return create(ctx, *c);
  if (auto* c = call.as<ServiceContractSetMetadata>()) return set_metadata(ctx, *c);
  if (auto* c = call.as<ServiceContractSetFees>()) return set_fees(ctx, *c);
  if (auto* c = call.as<ServiceContractApprove>()) return approve(ctx, *c);
  if (auto* c = call.as<ServiceContractReject>()) return reject(ctx, *c);
  if (auto* c = call.as<ServiceContractBill>()) return bill(ctx, *c);
  if (auto* c = call.as<ServiceContractCancel>()) {
    GRID_TRY(load_action(ctx.state, c->id, ctx.signer(), false).status());
    return cancel_contract_by(ctx, c->id);
  }
  return Status::internal("not a service contract call");
}

}  // namespace grid::contracts
