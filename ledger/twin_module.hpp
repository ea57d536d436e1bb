// TwinModule: accept_terms, create_twin, update_twin, bond_stash (WIRE.md tags 0x10-0x13).
//
// Rules (ECONOMICS.md "Identity and registry", "Discount by balance held"):
// - accept_terms stores the signer's Terms {link, hash, accepted_at = block time}; link 1..2048
//   bytes, hash 1..256 bytes (invalid_input). Accepting again replaces the record.
// - create_twin: the signer must have accepted the terms (terms_not_accepted) and have no twin
//   yet (twin_exists); the relay, when given, is a host name (validate_relay); the public key is
//   at most 128 bytes (invalid_input). Ids count up from 1 (Counters.last_twin_id); the account
//   record and the twin_by_account index point to the new twin.
// - update_twin: the signer's own twin (no_twin otherwise); relay and pk as for create_twin, and
//   both are replaced (absent clears).
// - bond_stash(twin_id): the signer is the stash account; the twin must exist (not_found); the
//   stash may not be the twin's own account (invalid_input); a twin has at most one stash
//   (twin_has_stash) and a stash bonds to one twin only (stash_already_bonded). Recorded in
//   Twin.stash and the twin_by_stash index.
// Every change emits an event naming the account and the twin.
#pragma once

#include <cstddef>

#include "ledger/module.hpp"

namespace grid::ledger {

inline constexpr std::size_t kTermsLinkMax = 2048;
inline constexpr std::size_t kTermsHashMax = 256;
inline constexpr std::size_t kTwinPkMax = 128;

class TwinModule final : public Module {
 public:
  std::string_view name() const override { return "twins"; }
  bool handles(const Call& call) const override;
  Status apply(TxContext& ctx) override;
};

}  // namespace grid::ledger
