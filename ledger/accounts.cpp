#include "ledger/accounts.hpp"

#include "core/amount.hpp"
#include "ledger/refusal.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {

Result<Account> load_account(const StateReader& state, const AccountId& id) {
  GRID_ASSIGN(auto account, load<Account>(state, keys::account(id)));
  return account.value_or(Account{});
}

Status debit_free(Overlay& state, const AccountId& from, std::uint64_t amount) {
  GRID_ASSIGN(Account a, load_account(state, from));
  if (a.free < amount)
    return refuse(reason::insufficient_funds, "free balance " + core::Amount(a.free).format() +
                                                  " TFT is below " + core::Amount(amount).format() +
                                                  " TFT");
  a.free -= amount;
  store(state, keys::account(from), a);
  return Status::ok();
}

Status credit_free(Overlay& state, const AccountId& to, std::uint64_t amount) {
  GRID_ASSIGN(Account a, load_account(state, to));
  if (__builtin_add_overflow(a.free, amount, &a.free))
    return refuse(reason::amount_overflow, "the receiving balance would overflow");
  store(state, keys::account(to), a);
  return Status::ok();
}

Status transfer_free(Overlay& state, const AccountId& from, const AccountId& to,
                     std::uint64_t amount) {
  GRID_TRY(debit_free(state, from, amount));
  return credit_free(state, to, amount);
}

Result<Counters> load_counters(const StateReader& state) {
  return load_required<Counters>(state, keys::counters(), "chain counters");
}

void store_counters(Overlay& state, const Counters& counters) {
  store(state, keys::counters(), counters);
}

}  // namespace grid::ledger
