#include "ledger/slashing.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "ledger/refusal.hpp"
#include "ledger/staking_book.hpp"
#include "ledger/staking_epoch.hpp"
#include "ledger/staking_keys.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

// Burns slash_percent of each delegation to `v`; returns the amount burned.
Result<std::uint64_t> burn_delegations(BlockContext& ctx, Validator& v) {
  std::vector<std::pair<AccountId, std::uint64_t>> delegations;
  const core::Bytes prefix = keys::delegations_of_validator(v.operator_account);
  Status failure;
  GRID_TRY(ctx.state.scan_prefix(prefix, [&](ByteView key, ByteView value) {
    auto who = keys::account_at(key, prefix.size());
    auto d = core::decode<Delegation>(value);
    if (!who || !d) {
      failure = Status::corruption("bad delegation entry " + core::hex_encode(key));
      return false;
    }
    delegations.emplace_back(*who, d->amount);
    return true;
  }));
  GRID_TRY(failure);
  const std::uint32_t percent = std::min<std::uint32_t>(ctx.params.slash_percent, 100);
  std::uint64_t burned = 0;
  for (const auto& [who, amount] : delegations) {
    auto cut = static_cast<std::uint64_t>(core::u128{amount} * percent / 100);
    if (cut == 0) continue;
    GRID_TRY(set_delegation(ctx.state, ctx.params, v, who, amount - cut));
    GRID_ASSIGN(Account a, load_account(ctx.state, who));
    if (a.bonded < cut) return Status::internal("bonded balance below a delegation");
    a.bonded -= cut;
    store(ctx.state, keys::account(who), a);
    burned += cut;
  }
  return burned;
}

Status remove_from_active_set(BlockContext& ctx, const AccountId& op) {
  GRID_ASSIGN(auto set, load<ValidatorSet>(ctx.state, keys::validators()));
  if (!set) return Status::ok();
  ValidatorSet next = *set;
  std::erase_if(next.validators, [&](const auto& e) { return e.operator_account == op; });
  if (next.validators.size() == set->validators.size()) return Status::ok();
  return replace_active_set(ctx, std::move(next), "slashed " + op.to_address());
}

}  // namespace

Status slash_validator(BlockContext& ctx, const AccountId& op, const core::Hash32& evidence_id) {
  GRID_ASSIGN(Validator v, load_validator(ctx.state, op));
  GRID_ASSIGN(std::uint64_t burned, burn_delegations(ctx, v));
  GRID_ASSIGN(Counters counters,
              load_required<Counters>(ctx.state, keys::counters(), "chain counters"));
  if (counters.total_supply < burned) return Status::internal("slash exceeds the total supply");
  counters.total_supply -= burned;
  GRID_TRY(add_checked(counters.burned_total, burned, "burned total"));
  store(ctx.state, keys::counters(), counters);
  v.jailed = true;
  v.jailed_until = std::max(v.jailed_until, ctx.now() + ctx.params.jail_period);
  store_validator(ctx.state, ctx.params, v);
  Event e{.kind = "validator_slashed", .account = op};
  e.with("amount", std::to_string(burned)).with("evidence", evidence_id.hex());
  ctx.emit(std::move(e));
  return remove_from_active_set(ctx, op);
}

Status use_evidence(BlockContext& ctx, const EvidenceVerifier* verifier, ByteView evidence) {
  if (!verifier)
    return refuse(reason::evidence_unsupported, "this chain's composition verifies no evidence");
  auto facts = verifier->verify(evidence);
  if (!facts) return refuse(reason::invalid_input, "evidence: " + facts.error().message());
  if (ctx.now() > facts->time && ctx.now() - facts->time > ctx.params.evidence_max_age)
    return refuse(reason::evidence_too_old, "the double sign at " + std::to_string(facts->time) +
                                                " is older than " +
                                                std::to_string(ctx.params.evidence_max_age) + " s");
  GRID_ASSIGN(auto used, load<std::uint64_t>(ctx.state, keys::evidence_used(facts->id)));
  if (used)
    return refuse(reason::evidence_already_used,
                  "evidence " + facts->id.hex() + " was used at height " + std::to_string(*used));
  GRID_ASSIGN(auto op, load<AccountId>(ctx.state, keys::validator_by_key(facts->offender_key)));
  if (!op) return refuse(reason::unknown_offender, "no validator uses that consensus key");
  GRID_ASSIGN(auto slashed, load<core::Hash32>(ctx.state, keys::slashed_at(*op, facts->height)));
  if (slashed)
    return refuse(reason::already_slashed, op->to_address() + " was already slashed for height " +
                                               std::to_string(facts->height));
  // One double-signing incident yields evidence at several rounds and heights (until the set
  // without the offender takes effect two blocks later): it is punished once, by the slash
  // that jailed the validator.
  GRID_ASSIGN(Validator offender, load_validator(ctx.state, *op));
  if (offender.jailed)
    return refuse(reason::already_slashed,
                  op->to_address() + " is jailed: it was already slashed for this incident");
  store(ctx.state, keys::evidence_used(facts->id), ctx.header.height);
  store(ctx.state, keys::slashed_at(*op, facts->height), facts->id);
  return slash_validator(ctx, *op, facts->id);
}

}  // namespace grid::ledger
