// StakingModule::check_invariants: whole-state scans (tests and debug builds only).
#include <map>
#include <string>

#include "ledger/staking_book.hpp"
#include "ledger/staking_epoch.hpp"
#include "ledger/staking_keys.hpp"
#include "ledger/staking_module.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

struct Sums {
  std::map<AccountId, std::uint64_t> bonded, unbonding;
  std::map<AccountId, std::pair<std::uint64_t, std::uint32_t>> validator;  // total, count
  std::map<AccountId, std::uint64_t> self;
};

// Visits every entry under `prefix` as (key, decoded T); corruption on a bad entry.
template <class T, class F>
Status scan_records(const StateReader& state, const core::Bytes& prefix, F&& visit) {
  Status failure;
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView value) {
    auto record = core::decode<T>(value);
    if (!record) {
      failure = Status::corruption("staking entry " + core::hex_encode(key) + " does not decode");
      return false;
    }
    failure = visit(key, *record);
    return failure.is_ok();
  }));
  return failure;
}

Status broken(const std::string& what) {
  return Status::internal("staking invariant broken: " + what);
}

Status sum_delegations(const StateReader& state, Sums& sums) {
  return scan_records<Delegation>(
      state, keys::table_key(keys::kDelegation), [&](ByteView key, const Delegation& d) {
        auto op = keys::account_at(key, 1);
        auto who = keys::account_at(key, 34);
        if (!op || !who || d.amount == 0) return broken("delegation " + core::hex_encode(key));
        GRID_ASSIGN(auto indexed, state.get(keys::delegator_index(*who, *op)));
        if (!indexed) return broken("delegation without its index entry");
        sums.bonded[*who] += d.amount;
        auto& [total, count] = sums.validator[*op];
        total += d.amount;
        ++count;
        if (*who == *op) sums.self[*op] = d.amount;
        return Status::ok();
      });
}

Status check_validators(const StateReader& state, const ChainParams& params, const Sums& sums) {
  return scan_records<Validator>(
      state, keys::validator_prefix(), [&](ByteView, const Validator& v) {
        auto it = sums.validator.find(v.operator_account);
        auto [total, count] =
            it == sums.validator.end() ? std::pair<std::uint64_t, std::uint32_t>{} : it->second;
        auto self = sums.self.count(v.operator_account) ? sums.self.at(v.operator_account) : 0;
        const std::string who = v.operator_account.to_address();
        if (v.total_bond != total || v.delegator_count != count || v.self_bond != self)
          return broken(who + " totals do not match its delegations");
        std::optional<std::uint64_t> want;
        if (is_electable(v, params)) want = v.total_bond;
        if (v.indexed_bond != want) return broken(who + " candidate index is stale");
        GRID_ASSIGN(auto by_key, load<AccountId>(state, keys::validator_by_key(v.consensus_key)));
        if (by_key != v.operator_account) return broken(who + " consensus key index");
        if (v.indexed_bond) {
          GRID_ASSIGN(auto entry, state.get(keys::candidate(*v.indexed_bond, v.operator_account)));
          if (!entry) return broken(who + " has no candidate index entry");
        }
        return Status::ok();
      });
}

Status check_accounts(const StateReader& state, const Sums& sums) {
  return scan_records<Account>(
      state, keys::table_key(keys::kAccount), [&](ByteView key, const Account& a) {
        auto id = keys::account_at(key, 1);
        if (!id) return broken("account key");
        auto get = [&](const auto& m) { return m.count(*id) ? m.at(*id) : 0; };
        if (a.bonded != get(sums.bonded) || a.unbonding != get(sums.unbonding))
          return broken(id->to_address() + " bonded/unbonding do not match its staking entries");
        return Status::ok();
      });
}

// The active set: non-empty, registered validators with their keys, and no jailed validator
// unless every one is (a slash that would have emptied the set keeps it).
Status check_active_set(const StateReader& state) {
  GRID_ASSIGN(auto set, load<ValidatorSet>(state, keys::validators()));
  if (!set || set->validators.empty()) return broken("the active set is empty");
  std::size_t jailed = 0;
  for (const auto& e : set->validators) {
    GRID_ASSIGN(auto v, find_validator(state, e.operator_account));
    if (!v || v->consensus_key != e.consensus_key)
      return broken("active validator " + e.operator_account.to_address() + " is not a candidate");
    jailed += v->jailed;
  }
  if (jailed > 0 && jailed < set->validators.size())
    return broken("a jailed validator is in the active set beside free ones");
  return Status::ok();
}

}  // namespace

Status StakingModule::check_invariants(const StateReader& state, std::uint64_t& held) const {
  GRID_ASSIGN(auto s, load<StakingState>(state, keys::staking_state()));
  if (!s) return Status::ok();  // a state without staking records
  GRID_ASSIGN(ChainParams params, load_required<ChainParams>(state, keys::params(), "params"));
  Sums sums;
  GRID_TRY(sum_delegations(state, sums));
  GRID_TRY(scan_records<UnbondingEntry>(
      state, keys::table_key(keys::kUnbonding), [&](ByteView key, const UnbondingEntry& e) {
        auto who = keys::account_at(key, 1);
        if (!who || e.amount == 0) return broken("unbonding entry " + core::hex_encode(key));
        sums.unbonding[*who] += e.amount;
        return Status::ok();
      }));
  GRID_TRY(check_validators(state, params, sums));
  GRID_TRY(check_accounts(state, sums));
  GRID_TRY(check_active_set(state));
  std::uint64_t owed = 0;
  for (auto scheme : {core::KeyScheme::secp256k1, core::KeyScheme::ed25519})
    GRID_TRY(scan_records<std::uint64_t>(state, keys::rewards_owed_prefix(scheme),
                                         [&](ByteView, std::uint64_t amount) {
                                           owed += amount;
                                           return Status::ok();
                                         }));
  if (owed > s->outstanding_rewards) return broken("rewards owed exceed the outstanding rewards");
  held += s->outstanding_rewards;
  return Status::ok();
}

}  // namespace grid::ledger
