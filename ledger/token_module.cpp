#include "ledger/token_module.hpp"

#include "core/amount.hpp"
#include "ledger/accounts.hpp"
#include "ledger/refusal.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

Status apply_transfer(TxContext& ctx, const Transfer& t) {
  if (t.amount == 0) return refuse(reason::zero_amount, "transfer of 0");
  if (t.to == ctx.signer()) return refuse(reason::invalid_input, "transfer to oneself");
  GRID_ASSIGN(auto existing, load<Account>(ctx.state, keys::account(t.to)));
  if (!existing && t.amount < ctx.params.existential_deposit)
    return refuse(reason::below_existential_deposit,
                  "a transfer that creates an account must move at least " +
                      core::Amount(ctx.params.existential_deposit).format() + " TFT");
  GRID_TRY(transfer_free(ctx.state, ctx.signer(), t.to, t.amount));
  Event e{.kind = "transfer", .account = ctx.signer()};
  e.with("from", ctx.signer().to_address())
      .with("to", t.to.to_address())
      .with("amount", std::to_string(t.amount));
  ctx.emit(std::move(e));
  Event received{.kind = "transfer_received", .account = t.to};
  received.with("from", ctx.signer().to_address()).with("amount", std::to_string(t.amount));
  ctx.emit(std::move(received));
  return Status::ok();
}

Status apply_burn(TxContext& ctx, const Burn& b) {
  if (b.amount == 0) return refuse(reason::zero_amount, "burn of 0");
  GRID_TRY(debit_free(ctx.state, ctx.signer(), b.amount));
  GRID_ASSIGN(Counters c, load_counters(ctx.state));
  c.total_supply -= b.amount;
  c.burned_total += b.amount;
  store_counters(ctx.state, c);
  Event e{.kind = "burned", .account = ctx.signer()};
  e.with("amount", std::to_string(b.amount)).with("message", b.message);
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_kv_set(TxContext& ctx, const KvSet& kv) {
  if (kv.key.empty()) return refuse(reason::invalid_input, "empty key");
  ctx.state.put(keys::kv(ctx.signer(), kv.key), kv.value);
  Event e{.kind = "kv_set", .account = ctx.signer()};
  e.with("key", core::hex_encode(kv.key));
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_kv_delete(TxContext& ctx, const KvDelete& kv) {
  if (kv.key.empty() || kv.key.size() > 512) return refuse(reason::invalid_input, "bad key size");
  auto key = keys::kv(ctx.signer(), kv.key);
  GRID_ASSIGN(auto existing, ctx.state.get(key));
  if (!existing) return refuse(reason::not_found, "no such key");
  ctx.state.erase(std::move(key));
  Event e{.kind = "kv_deleted", .account = ctx.signer()};
  e.with("key", core::hex_encode(kv.key));
  ctx.emit(std::move(e));
  return Status::ok();
}

}  // namespace

bool TokenModule::handles(const Call& call) const {
  return call.as<Transfer>() || call.as<Burn>() || call.as<KvSet>() || call.as<KvDelete>();
}

Status TokenModule::apply(TxContext& ctx) {
  const Call& call = ctx.tx.call;
  if (auto* t = call.as<Transfer>()) return apply_transfer(ctx, *t);
  if (auto* b = call.as<Burn>()) return apply_burn(ctx, *b);
  if (auto* kv = call.as<KvSet>()) return apply_kv_set(ctx, *kv);
  if (auto* kv = call.as<KvDelete>()) return apply_kv_delete(ctx, *kv);
  return Status::internal("token module given a call it does not handle");
}

}  // namespace grid::ledger
