#include "ledger/twin_module.hpp"

#include "ledger/accounts.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/validation.hpp"

namespace grid::ledger {
namespace {

Status check_length(std::string_view what, std::size_t size, std::size_t min, std::size_t max) {
  if (size < min || size > max)
    return refuse(reason::invalid_input, std::string(what) + " length " + std::to_string(size) +
                                             ", allowed " + std::to_string(min) + ".." +
                                             std::to_string(max));
  return Status::ok();
}

// The optional fields of create_twin and update_twin.
Status check_twin_fields(const std::optional<std::string>& relay,
                         const std::optional<core::Bytes>& pk) {
  if (relay) GRID_TRY(validate_relay(*relay));
  if (pk) GRID_TRY(check_length("public key", pk->size(), 0, kTwinPkMax));
  return Status::ok();
}

Status apply_accept_terms(TxContext& ctx, const AcceptTerms& call) {
  GRID_TRY(check_length("document link", call.document_link.size(), 1, kTermsLinkMax));
  GRID_TRY(check_length("document hash", call.document_hash.size(), 1, kTermsHashMax));
  store(ctx.state, keys::terms(ctx.signer()),
        Terms{call.document_link, call.document_hash, ctx.now()});
  GRID_ASSIGN(auto twin_id, twin_id_of(ctx.state, ctx.signer()));
  Event e{.kind = "terms_accepted", .account = ctx.signer(), .twin = twin_id};
  e.with("document_link", call.document_link).with("document_hash", call.document_hash);
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_create_twin(TxContext& ctx, const CreateTwin& call) {
  GRID_ASSIGN(auto terms, load<Terms>(ctx.state, keys::terms(ctx.signer())));
  if (!terms) return refuse(reason::terms_not_accepted, "accept the terms before creating a twin");
  GRID_ASSIGN(auto existing, twin_id_of(ctx.state, ctx.signer()));
  if (existing)
    return refuse(reason::twin_exists,
                  ctx.signer().to_address() + " already has twin " + std::to_string(*existing));
  GRID_TRY(check_twin_fields(call.relay, call.pk));

  GRID_ASSIGN(std::uint32_t id, allocate_id(ctx.state, &Counters::last_twin_id, "twin"));
  Twin twin{.id = id,
            .account = ctx.signer(),
            .relay = call.relay,
            .pk = call.pk,
            .stash = std::nullopt,
            .created_at = ctx.now()};
  store_twin(ctx.state, twin);
  store_index(ctx.state, keys::twin_by_account(ctx.signer()), id);
  GRID_ASSIGN(Account account, load_account(ctx.state, ctx.signer()));
  account.twin_id = id;
  store(ctx.state, keys::account(ctx.signer()), account);

  Event e = twin_event("twin_created", twin);
  if (twin.relay) e.with("relay", *twin.relay);
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_update_twin(TxContext& ctx, const UpdateTwin& call) {
  GRID_ASSIGN(std::uint32_t id, require_twin(ctx.state, ctx.signer()));
  GRID_TRY(check_twin_fields(call.relay, call.pk));
  GRID_ASSIGN(Twin twin, load_twin(ctx.state, id));
  twin.relay = call.relay;
  twin.pk = call.pk;
  store_twin(ctx.state, twin);
  Event e = twin_event("twin_updated", twin);
  if (twin.relay) e.with("relay", *twin.relay);
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_bond_stash(TxContext& ctx, const BondStash& call) {
  const AccountId& stash = ctx.signer();
  GRID_ASSIGN(Twin twin, load_twin(ctx.state, call.twin_id));
  if (twin.account == stash)
    return refuse(reason::invalid_input, "a twin's own account cannot be its stash");
  if (twin.stash)
    return refuse(reason::twin_has_stash, "twin " + std::to_string(twin.id) +
                                              " already has stash " + twin.stash->to_address());
  GRID_ASSIGN(auto bonded_to, load_index(ctx.state, keys::twin_by_stash(stash)));
  if (bonded_to)
    return refuse(reason::stash_already_bonded,
                  stash.to_address() + " is the stash of twin " + std::to_string(*bonded_to));
  twin.stash = stash;
  store_twin(ctx.state, twin);
  store_index(ctx.state, keys::twin_by_stash(stash), twin.id);
  // The stash signed: the event names it (the twin's own account is an attribute).
  Event e{.kind = "stash_bonded", .account = stash, .twin = twin.id};
  e.with("twin_account", twin.account.to_address());
  ctx.emit(std::move(e));
  return Status::ok();
}

}  // namespace

bool TwinModule::handles(const Call& call) const {
  return call.as<AcceptTerms>() || call.as<CreateTwin>() || call.as<UpdateTwin>() ||
         call.as<BondStash>();
}

Status TwinModule::apply(TxContext& ctx) {
  const Call& call = ctx.tx.call;
  if (auto* c = call.as<AcceptTerms>()) return apply_accept_terms(ctx, *c);
  if (auto* c = call.as<CreateTwin>()) return apply_create_twin(ctx, *c);
  if (auto* c = call.as<UpdateTwin>()) return apply_update_twin(ctx, *c);
  if (auto* c = call.as<BondStash>()) return apply_bond_stash(ctx, *c);
  return Status::internal("twin module given a call it does not handle");
}

}  // namespace grid::ledger
