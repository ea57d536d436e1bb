#include "ledger/staking_module.hpp"

#include <set>
#include <string>

#include "ledger/refusal.hpp"
#include "ledger/slashing.hpp"
#include "ledger/staking_book.hpp"
#include "ledger/staking_epoch.hpp"
#include "ledger/staking_keys.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

Result<Validator> candidate_or_refuse(const StateReader& state, const AccountId& op) {
  GRID_ASSIGN(auto v, find_validator(state, op));
  if (!v) return refuse(reason::not_a_validator, op.to_address() + " is not a validator");
  return std::move(*v);
}

Event staking_event(std::string kind, const AccountId& account, const AccountId& validator,
                    std::uint64_t amount) {
  Event e{.kind = std::move(kind), .account = account};
  e.with("validator", validator.to_address()).with("amount", std::to_string(amount));
  return e;
}

Status apply_register(TxContext& ctx, const RegisterValidator& c) {
  if (c.commission_percent > 100) return refuse(reason::invalid_input, "commission above 100 %");
  if (c.description.size() > kMaxValidatorDescription)
    return refuse(reason::invalid_input, "description longer than 256 bytes");
  GRID_ASSIGN(auto existing, find_validator(ctx.state, ctx.signer()));
  if (existing)
    return refuse(reason::validator_exists, ctx.signer().to_address() + " is already registered");
  GRID_ASSIGN(auto key_user, load<AccountId>(ctx.state, keys::validator_by_key(c.consensus_key)));
  if (key_user) return refuse(reason::consensus_key_in_use, "used by " + key_user->to_address());
  Validator v{.operator_account = ctx.signer(),
              .consensus_key = c.consensus_key,
              .commission_percent = c.commission_percent,
              .description = c.description,
              .registered_at = ctx.now()};
  store(ctx.state, keys::validator_by_key(c.consensus_key), ctx.signer());
  store_validator(ctx.state, ctx.params, v);
  Event e{.kind = "validator_registered", .account = ctx.signer()};
  e.with("commission_percent", std::to_string(c.commission_percent));
  ctx.emit(std::move(e));
  return Status::ok();
}

// Refuses a new delegation beyond the caps (an existing one may always grow).
Status check_new_delegation(const StateReader& state, const Validator& v,
                            const AccountId& delegator) {
  if (delegator != v.operator_account && v.delegator_count >= kMaxDelegatorsPerValidator)
    return refuse(reason::too_many_delegators, "the validator has the maximum of delegators");
  std::uint32_t count = 0;
  GRID_TRY(state.scan_prefix(keys::delegations_of_account(delegator), [&](ByteView, ByteView) {
    return ++count < kMaxDelegationsPerAccount;
  }));
  if (count >= kMaxDelegationsPerAccount)
    return refuse(reason::too_many_delegations, "the account bonds to the maximum of validators");
  return Status::ok();
}

Status apply_bond(TxContext& ctx, const Bond& c) {
  if (c.amount == 0) return refuse(reason::zero_amount);
  GRID_ASSIGN(Validator v, candidate_or_refuse(ctx.state, c.validator));
  GRID_ASSIGN(Account a, load_account(ctx.state, ctx.signer()));
  if (a.free < c.amount) return refuse(reason::insufficient_funds, "free balance below the bond");
  GRID_ASSIGN(Delegation d, load_delegation(ctx.state, c.validator, ctx.signer()));
  if (d.amount == 0) GRID_TRY(check_new_delegation(ctx.state, v, ctx.signer()));
  std::uint64_t amount = d.amount;
  if (__builtin_add_overflow(amount, c.amount, &amount)) return refuse(reason::amount_overflow);
  a.free -= c.amount;
  GRID_TRY(add_checked(a.bonded, c.amount, "bonded balance"));
  store(ctx.state, keys::account(ctx.signer()), a);
  GRID_TRY(set_delegation(ctx.state, ctx.params, v, ctx.signer(), amount));
  ctx.emit(staking_event("bonded", ctx.signer(), c.validator, c.amount));
  return Status::ok();
}

Result<std::uint32_t> count_unbonding(const StateReader& state, const AccountId& who) {
  std::uint32_t n = 0;
  GRID_TRY(state.scan_prefix(keys::unbondings_of_account(who),
                             [&](ByteView, ByteView) { return ++n <= kMaxUnbondingEntries; }));
  return n;
}

Status apply_unbond(TxContext& ctx, const Unbond& c) {
  if (c.amount == 0) return refuse(reason::zero_amount);
  GRID_ASSIGN(Validator v, candidate_or_refuse(ctx.state, c.validator));
  GRID_ASSIGN(Delegation d, load_delegation(ctx.state, c.validator, ctx.signer()));
  if (d.amount < c.amount)
    return refuse(reason::insufficient_bond, "bonded " + std::to_string(d.amount) + " to it");
  const std::uint64_t release_at = ctx.now() + ctx.params.unbonding_period;
  const core::Bytes key = keys::unbonding(ctx.signer(), release_at, c.validator);
  GRID_ASSIGN(auto entry, load<UnbondingEntry>(ctx.state, key));
  if (!entry) {
    GRID_ASSIGN(std::uint32_t n, count_unbonding(ctx.state, ctx.signer()));
    if (n >= kMaxUnbondingEntries)
      return refuse(reason::too_many_unbonding, "withdraw released entries first");
  }
  UnbondingEntry e = entry.value_or(UnbondingEntry{});
  GRID_TRY(add_checked(e.amount, c.amount, "unbonding entry"));
  store(ctx.state, key, e);
  GRID_ASSIGN(Account a, load_account(ctx.state, ctx.signer()));
  if (a.bonded < c.amount) return Status::internal("bonded balance below a delegation");
  a.bonded -= c.amount;
  GRID_TRY(add_checked(a.unbonding, c.amount, "unbonding balance"));
  store(ctx.state, keys::account(ctx.signer()), a);
  GRID_TRY(set_delegation(ctx.state, ctx.params, v, ctx.signer(), d.amount - c.amount));
  Event ev = staking_event("unbonded", ctx.signer(), c.validator, c.amount);
  ev.with("release_at", std::to_string(release_at));
  ctx.emit(std::move(ev));
  return Status::ok();
}

// Releases the signer's due unbonding entries; returns the amount released.
Result<std::uint64_t> release_due(TxContext& ctx) {
  std::vector<core::Bytes> due;
  std::uint64_t released = 0;
  const core::Bytes prefix = keys::unbondings_of_account(ctx.signer());
  Status failure;
  GRID_TRY(ctx.state.scan_prefix(prefix, [&](ByteView key, ByteView value) {
    auto at = keys::u64_at(key, prefix.size());
    auto e = core::decode<UnbondingEntry>(value);
    if (!at || !e) {
      failure = Status::corruption("bad unbonding entry " + core::hex_encode(key));
      return false;
    }
    if (*at > ctx.now()) return false;  // sorted by release time
    due.emplace_back(key.begin(), key.end());
    released += e->amount;
    return true;
  }));
  GRID_TRY(failure);
  for (auto& key : due) ctx.state.erase(std::move(key));
  if (released == 0) return released;
  GRID_ASSIGN(Account a, load_account(ctx.state, ctx.signer()));
  if (a.unbonding < released) return Status::internal("unbonding balance below its entries");
  a.unbonding -= released;
  GRID_TRY(add_checked(a.free, released, "free balance"));
  store(ctx.state, keys::account(ctx.signer()), a);
  return released;
}

Status apply_withdraw(TxContext& ctx) {
  GRID_ASSIGN(std::uint64_t released, release_due(ctx));
  GRID_ASSIGN(std::uint64_t rewards, pay_rewards(ctx.state, ctx.signer()));
  if (released == 0 && rewards == 0)
    return refuse(reason::nothing_to_withdraw, "no unbonding entry is due and no reward pending");
  Event e{.kind = "withdrawn", .account = ctx.signer()};
  e.with("unbonded", std::to_string(released)).with("rewards", std::to_string(rewards));
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_set_commission(TxContext& ctx, const SetCommission& c) {
  if (c.percent > 100) return refuse(reason::invalid_input, "commission above 100 %");
  GRID_ASSIGN(Validator v, candidate_or_refuse(ctx.state, ctx.signer()));
  GRID_ASSIGN(std::uint64_t epoch, epoch_at(ctx.state, ctx.params, ctx.now()));
  if (v.commission_epoch == epoch)
    return refuse(reason::commission_rate_limited,
                  "the commission already changed in epoch " + std::to_string(epoch));
  v.commission_percent = c.percent;
  v.commission_epoch = epoch;
  store_validator(ctx.state, ctx.params, v);
  Event e{.kind = "commission_set", .account = ctx.signer()};
  e.with("percent", std::to_string(c.percent));
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_unjail(TxContext& ctx) {
  GRID_ASSIGN(Validator v, candidate_or_refuse(ctx.state, ctx.signer()));
  if (!v.jailed) return refuse(reason::not_jailed);
  if (ctx.now() < v.jailed_until)
    return refuse(reason::still_jailed, "jailed until " + std::to_string(v.jailed_until));
  v.jailed = false;
  store_validator(ctx.state, ctx.params, v);
  ctx.emit(Event{.kind = "validator_unjailed", .account = ctx.signer()});
  return Status::ok();
}

}  // namespace

Status write_staking_genesis(Overlay& state, std::span<const GenesisValidator> validators,
                             const ChainParams& params, std::uint64_t genesis_time) {
  for (const auto& g : validators) {
    GRID_ASSIGN(auto existing, find_validator(state, g.operator_account));
    if (existing)
      return Status::invalid("genesis: validator " + g.operator_account.to_address() +
                             " listed twice");
    if (g.commission_percent > 100)
      return Status::invalid("genesis: a validator's commission is above 100 %");
    Validator v{.operator_account = g.operator_account,
                .consensus_key = g.consensus_key,
                .commission_percent = static_cast<std::uint8_t>(g.commission_percent),
                .registered_at = genesis_time};
    store(state, keys::validator_by_key(g.consensus_key), g.operator_account);
    if (g.self_bond > 0) {
      GRID_TRY(set_delegation(state, params, v, g.operator_account, g.self_bond));
    } else {
      store_validator(state, params, v);
    }
  }
  store(state, keys::staking_state(), StakingState{});
  return Status::ok();
}

bool StakingModule::handles(const Call& call) const {
  return call.as<RegisterValidator>() || call.as<Bond>() || call.as<Unbond>() ||
         call.as<WithdrawUnbonded>() || call.as<SetCommission>() || call.as<Unjail>() ||
         call.as<SubmitEvidence>();
}

Status StakingModule::apply(TxContext& ctx) {
  const Call& call = ctx.tx.call;
  if (auto* c = call.as<RegisterValidator>()) return apply_register(ctx, *c);
  if (auto* c = call.as<Bond>()) return apply_bond(ctx, *c);
  if (auto* c = call.as<Unbond>()) return apply_unbond(ctx, *c);
  if (call.as<WithdrawUnbonded>()) return apply_withdraw(ctx);
  if (auto* c = call.as<SetCommission>()) return apply_set_commission(ctx, *c);
  if (call.as<Unjail>()) return apply_unjail(ctx);
  if (auto* c = call.as<SubmitEvidence>()) return use_evidence(ctx, evidence_.get(), c->evidence);
  return Status::internal("staking module given a call it does not handle");
}

Status StakingModule::begin_block(BlockContext& ctx, const Block& block) {
  for (const auto& evidence : block.evidence) {
    Status st = use_evidence(ctx, evidence_.get(), evidence);
    if (st.is_ok()) continue;
    if (!is_refusal(st)) return st;
    Event e{.kind = "evidence_ignored"};
    e.with("reason", std::string(refusal_reason(st)))
        .with("detail", std::string(refusal_detail(st)));
    ctx.emit(std::move(e));
  }
  return Status::ok();
}

Status StakingModule::end_block(BlockContext& ctx) {
  return run_epoch(ctx);
}

}  // namespace grid::ledger
