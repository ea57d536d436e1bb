// Slashing of double-signing validators (ECONOMICS.md "Staking"), for both evidence paths.
//
// slash_validator burns floor(amount x slash_percent / 100) of every delegation to the
// validator (its self-bond included; each delegation's rewards are settled first),
// total_supply -= burned and burned_total += burned, jails it (jailed_until = now +
// jail_period; out of the candidate index), removes it from keys::validators() at once (unless
// that would empty the set: then the set is kept with a "validator_set_kept" event) and emits
// "validator_slashed" {validator, amount, evidence}. Unbonding entries are NOT slashed (an
// unbond made after the infraction escapes; documented in docs/staking.md). Work:
// O(delegators of the validator) <= kMaxDelegatorsPerValidator + 1.
//
// use_evidence checks one piece of evidence and slashes: no verifier (evidence_unsupported),
// bytes the verifier rejects (invalid_input), now - facts.time > evidence_max_age
// (evidence_too_old), an id already used (evidence_already_used), an offender key no candidate
// uses (unknown_offender), the validator already slashed for that height or jailed now: one
// incident yields evidence at several heights and is punished once (already_slashed). It
// writes nothing before every check passed; then it records the id (keys::evidence_used) and
// (validator, height) (keys::slashed_at) so that nothing slashes twice.
#pragma once

#include <string_view>

#include "core/hash.hpp"
#include "ledger/evidence.hpp"
#include "ledger/module.hpp"

namespace grid::ledger {

namespace reason {
inline constexpr std::string_view evidence_unsupported = "evidence_unsupported";
inline constexpr std::string_view evidence_too_old = "evidence_too_old";
inline constexpr std::string_view evidence_already_used = "evidence_already_used";
inline constexpr std::string_view unknown_offender = "unknown_offender";
inline constexpr std::string_view already_slashed = "already_slashed";
}  // namespace reason

Status slash_validator(BlockContext& ctx, const AccountId& op, const core::Hash32& evidence_id);

Status use_evidence(BlockContext& ctx, const EvidenceVerifier* verifier, ByteView evidence);

}  // namespace grid::ledger
