#include "ledger/staking_book.hpp"

#include <string>

#include "ledger/genesis.hpp"
#include "ledger/staking_keys.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

Status add_owed(Overlay& state, const AccountId& account, std::uint64_t amount) {
  if (amount == 0) return Status::ok();
  GRID_ASSIGN(auto owed, load<std::uint64_t>(state, keys::rewards_owed(account)));
  std::uint64_t total = owed.value_or(0);
  GRID_TRY(add_checked(total, amount, "rewards owed"));
  store(state, keys::rewards_owed(account), total);
  return Status::ok();
}

// Settles `d` into the delegator's owed rewards and moves its entry to the current accumulator.
Status settle(Overlay& state, const Validator& v, const AccountId& delegator, Delegation& d) {
  GRID_TRY(add_owed(state, delegator, unsettled_rewards(v, d)));
  d.reward_entry = v.reward_per_unit;
  return Status::ok();
}

}  // namespace

Status add_checked(std::uint64_t& to, std::uint64_t amount, std::string_view what) {
  if (__builtin_add_overflow(to, amount, &to))
    return Status::internal(std::string(what) + " overflows u64");
  return Status::ok();
}

Result<std::optional<Validator>> find_validator(const StateReader& state, const AccountId& op) {
  return load<Validator>(state, keys::validator(op));
}

Result<Validator> load_validator(const StateReader& state, const AccountId& op) {
  return load_required<Validator>(state, keys::validator(op), "validator " + op.to_address());
}

bool is_electable(const Validator& v, const ChainParams& params) {
  return !v.jailed && v.self_bond >= params.min_validator_bond && v.total_bond > 0;
}

void store_validator(Overlay& state, const ChainParams& params, Validator& v) {
  std::optional<std::uint64_t> want;
  if (is_electable(v, params)) want = v.total_bond;
  if (v.indexed_bond != want) {
    if (v.indexed_bond) state.erase(keys::candidate(*v.indexed_bond, v.operator_account));
    if (want) state.put(keys::candidate(*want, v.operator_account), {});
    v.indexed_bond = want;
  }
  store(state, keys::validator(v.operator_account), v);
}

Result<StakingState> load_staking_state(const StateReader& state) {
  GRID_ASSIGN(auto s, load<StakingState>(state, keys::staking_state()));
  return s.value_or(StakingState{});
}

Result<Delegation> load_delegation(const StateReader& state, const AccountId& validator,
                                   const AccountId& delegator) {
  GRID_ASSIGN(auto d, load<Delegation>(state, keys::delegation(validator, delegator)));
  return d.value_or(Delegation{});
}

Result<std::uint64_t> epoch_at(const StateReader& state, const ChainParams& params,
                               std::uint64_t now) {
  GRID_ASSIGN(ChainMeta meta, load_required<ChainMeta>(state, keys::chain_meta(), "chain meta"));
  if (params.epoch_length == 0 || now < meta.genesis_time) return std::uint64_t{0};
  return (now - meta.genesis_time) / params.epoch_length;
}

std::uint64_t unsettled_rewards(const Validator& v, const Delegation& d) {
  core::u128 delta = v.reward_per_unit.get() - d.reward_entry.get();  // wraps by design
  return core::saturate_u64(core::u128{d.amount} * delta / kRewardScale);
}

Status set_delegation(Overlay& state, const ChainParams& params, Validator& v,
                      const AccountId& delegator, std::uint64_t amount) {
  const AccountId& op = v.operator_account;
  GRID_ASSIGN(Delegation d, load_delegation(state, op, delegator));
  GRID_TRY(settle(state, v, delegator, d));
  const std::uint64_t old = d.amount;
  v.total_bond = v.total_bond - old;
  GRID_TRY(add_checked(v.total_bond, amount, "validator total bond"));
  if (delegator == op) v.self_bond = amount;
  if (old == 0 && amount > 0) ++v.delegator_count;
  if (old > 0 && amount == 0) --v.delegator_count;
  d.amount = amount;
  if (amount == 0) {
    state.erase(keys::delegation(op, delegator));
    state.erase(keys::delegator_index(delegator, op));
  } else {
    store(state, keys::delegation(op, delegator), d);
    if (old == 0) state.put(keys::delegator_index(delegator, op), {});
  }
  store_validator(state, params, v);
  return Status::ok();
}

Result<std::uint64_t> pay_rewards(Overlay& state, const AccountId& account) {
  std::vector<AccountId> validators;
  const core::Bytes prefix = keys::delegations_of_account(account);
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView) {
    if (auto v = keys::account_at(key, prefix.size())) validators.push_back(*v);
    return true;
  }));
  for (const auto& op : validators) {
    GRID_ASSIGN(Validator v, load_validator(state, op));
    GRID_ASSIGN(Delegation d, load_delegation(state, op, account));
    GRID_TRY(settle(state, v, account, d));
    store(state, keys::delegation(op, account), d);
  }
  GRID_ASSIGN(auto owed, load<std::uint64_t>(state, keys::rewards_owed(account)));
  if (!owed || *owed == 0) return std::uint64_t{0};
  GRID_ASSIGN(StakingState s, load_staking_state(state));
  if (s.outstanding_rewards < *owed)
    return Status::internal("rewards owed exceed the outstanding rewards");
  s.outstanding_rewards -= *owed;
  GRID_ASSIGN(Account a, load_account(state, account));
  GRID_TRY(add_checked(a.free, *owed, "free balance"));
  store(state, keys::account(account), a);
  store(state, keys::staking_state(), s);
  state.erase(keys::rewards_owed(account));
  return *owed;
}

}  // namespace grid::ledger
