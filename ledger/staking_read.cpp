#include "ledger/staking_read.hpp"

#include <algorithm>

#include "ledger/staking_book.hpp"
#include "ledger/staking_keys.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

ValidatorInfo info_of(const Validator& v, const std::optional<ValidatorSet>& set) {
  ValidatorInfo info{.operator_account = v.operator_account,
                     .consensus_key = v.consensus_key,
                     .commission_percent = v.commission_percent,
                     .description = v.description,
                     .self_bond = v.self_bond,
                     .total_bond = v.total_bond,
                     .delegator_count = v.delegator_count,
                     .jailed = v.jailed,
                     .jailed_until = v.jailed_until};
  if (set)
    for (const auto& e : set->validators)
      if (e.operator_account == v.operator_account) {
        info.active = true;
        info.voting_power = e.power;
      }
  return info;
}

// Every key under `prefix` whose suffix at `offset` is an account (in key order).
Result<std::vector<std::pair<core::Bytes, core::Bytes>>> entries_under(const StateReader& state,
                                                                       const core::Bytes& prefix,
                                                                       std::size_t max) {
  std::vector<std::pair<core::Bytes, core::Bytes>> out;
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView value) {
    out.emplace_back(core::Bytes(key.begin(), key.end()), core::Bytes(value.begin(), value.end()));
    return out.size() < max;
  }));
  return out;
}

}  // namespace

Result<std::optional<ValidatorInfo>> get_validator(const StateReader& state, const AccountId& op) {
  GRID_ASSIGN(auto v, find_validator(state, op));
  if (!v) return std::optional<ValidatorInfo>();
  GRID_ASSIGN(auto set, load<ValidatorSet>(state, keys::validators()));
  return std::optional<ValidatorInfo>(info_of(*v, set));
}

Result<ValidatorPage> list_validators(const StateReader& state, std::optional<AccountId> after,
                                      std::uint32_t limit) {
  limit = std::clamp<std::uint32_t>(limit, 1, kMaxValidatorPage);
  GRID_ASSIGN(auto set, load<ValidatorSet>(state, keys::validators()));
  ValidatorPage page;
  const core::Bytes start = after ? keys::validator(*after) : keys::validator_prefix();
  Status failure;
  // The store scans by prefix only: skip up to `after` (keys sort as accounts do).
  GRID_TRY(state.scan_prefix(keys::validator_prefix(), [&](ByteView key, ByteView value) {
    if (after && !std::lexicographical_compare(start.begin(), start.end(), key.begin(), key.end()))
      return true;
    if (page.validators.size() == limit) {
      page.next_after = page.validators.back().operator_account;
      return false;
    }
    auto v = core::decode<Validator>(value);
    if (!v) {
      failure = Status::corruption("validator entry " + core::hex_encode(key) + " does not decode");
      return false;
    }
    page.validators.push_back(info_of(*v, set));
    return true;
  }));
  GRID_TRY(failure);
  return page;
}

Result<AccountStaking> account_staking(const StateReader& state, const AccountId& account) {
  AccountStaking out;
  const core::Bytes dprefix = keys::delegations_of_account(account);
  GRID_ASSIGN(auto delegations, entries_under(state, dprefix, kMaxDelegationsPerAccount));
  for (const auto& [key, _] : delegations) {
    auto op = keys::account_at(key, dprefix.size());
    if (!op) return Status::corruption("bad delegator index key " + core::hex_encode(key));
    GRID_ASSIGN(Validator v, load_validator(state, *op));
    GRID_ASSIGN(Delegation d, load_delegation(state, *op, account));
    out.delegations.push_back({*op, d.amount, unsettled_rewards(v, d)});
    out.rewards_total += out.delegations.back().pending_rewards;
  }
  const core::Bytes uprefix = keys::unbondings_of_account(account);
  GRID_ASSIGN(auto entries, entries_under(state, uprefix, kMaxUnbondingEntries));
  for (const auto& [key, value] : entries) {
    auto at = keys::u64_at(key, uprefix.size());
    auto op = keys::account_at(key, uprefix.size() + 8);
    auto e = core::decode<UnbondingEntry>(value);
    if (!at || !op || !e) return Status::corruption("bad unbonding entry " + core::hex_encode(key));
    out.unbonding.push_back({*op, e->amount, *at});
  }
  GRID_ASSIGN(auto owed, load<std::uint64_t>(state, keys::rewards_owed(account)));
  out.rewards_settled = owed.value_or(0);
  out.rewards_total += out.rewards_settled;
  return out;
}

}  // namespace grid::ledger
