// Balance operations shared by every module: load an account (absent = empty), move free
// balance between accounts with every check, and the chain counters.
//
// Contract: debit/transfer refuse with `insufficient_funds` (a refusal) when the free balance is
// short; a credit that would overflow u64 is a refusal `amount_overflow` (it cannot happen while
// the supply invariant holds, but the check costs nothing). Nothing is written on refusal.
#pragma once

#include <cstdint>

#include "ledger/state_types.hpp"
#include "ledger/state_view.hpp"

namespace grid::ledger {

Result<Account> load_account(const StateReader& state, const AccountId& id);
Status debit_free(Overlay& state, const AccountId& from, std::uint64_t amount);
Status credit_free(Overlay& state, const AccountId& to, std::uint64_t amount);
Status transfer_free(Overlay& state, const AccountId& from, const AccountId& to,
                     std::uint64_t amount);

Result<Counters> load_counters(const StateReader& state);
void store_counters(Overlay& state, const Counters& counters);

}  // namespace grid::ledger
