// StakingModule: validators, delegation, unbonding, commission, jail and evidence (WIRE.md tags
// 0x50-0x56), ECONOMICS.md "Staking". The full rules are in docs/staking.md; in short:
// - register_validator: the signer becomes a candidate (validator_exists when it already is;
//   consensus_key_in_use when another candidate has the key; commission <= 100, description
//   <= 256 bytes: invalid_input). It bonds nothing: a candidate is electable once its self-bond
//   (its bond to itself) is >= min_validator_bond.
// - bond(validator, amount): free -> bonded, the delegation grows (zero_amount, not_a_validator,
//   insufficient_funds, too_many_delegators (kMaxDelegatorsPerValidator; the operator itself is
//   never refused), too_many_delegations (kMaxDelegationsPerAccount)). Bonding to a jailed
//   validator is allowed; it earns nothing while the validator is out of the active set.
// - unbond(validator, amount): bonded -> unbonding, an entry released at now + unbonding_period
//   (entries with the same release time and validator merge; too_many_unbonding beyond
//   kMaxUnbondingEntries; insufficient_bond when the delegation is smaller).
// - withdraw_unbonded: releases every due entry to free and pays all pending staking rewards of
//   the signer (so it doubles as "claim rewards"); nothing_to_withdraw when neither exists.
// - set_commission(percent): operator only (not_a_validator), <= 100, once per epoch
//   (commission_rate_limited); the next distribution uses it.
// - unjail: the jailed operator, once now >= jailed_until (not_jailed, still_jailed); it is a
//   candidate again from the next epoch.
// - submit_evidence / block evidence: ledger/slashing.hpp.
// - end_block: the epoch (ledger/staking_epoch.hpp). begin_block: block.evidence.
// Deterministic; the work of each call is bounded by the caps of ledger/staking_book.hpp.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "ledger/evidence.hpp"
#include "ledger/genesis.hpp"
#include "ledger/module.hpp"

namespace grid::ledger {

namespace reason {
inline constexpr std::string_view validator_exists = "validator_exists";
inline constexpr std::string_view consensus_key_in_use = "consensus_key_in_use";
inline constexpr std::string_view not_a_validator = "not_a_validator";
inline constexpr std::string_view too_many_delegators = "too_many_delegators";
inline constexpr std::string_view too_many_delegations = "too_many_delegations";
inline constexpr std::string_view too_many_unbonding = "too_many_unbonding";
inline constexpr std::string_view insufficient_bond = "insufficient_bond";
inline constexpr std::string_view nothing_to_withdraw = "nothing_to_withdraw";
inline constexpr std::string_view commission_rate_limited = "commission_rate_limited";
inline constexpr std::string_view not_jailed = "not_jailed";
inline constexpr std::string_view still_jailed = "still_jailed";
}  // namespace reason

// Writes the genesis validators' staking records: a Validator per entry (commission must be
// <= 100), its self-delegation (the bonded balance genesis.cpp moved) and index entries.
// Invalid when an operator is listed twice. The StakingState starts at epoch 0.
Status write_staking_genesis(Overlay& state, std::span<const GenesisValidator> validators,
                             const ChainParams& params, std::uint64_t genesis_time);

class StakingModule final : public Module {
 public:
  // `evidence` may be null: submit_evidence is then refused and block evidence ignored.
  explicit StakingModule(std::shared_ptr<const EvidenceVerifier> evidence)
      : evidence_(std::move(evidence)) {}
  std::string_view name() const override { return "staking"; }
  bool handles(const Call& call) const override;
  Status apply(TxContext& ctx) override;
  Status begin_block(BlockContext& ctx, const Block& block) override;
  Status end_block(BlockContext& ctx) override;
  // Delegations match accounts' bonded/unbonding and validators' totals; the candidate index
  // and the active set follow the rules; held += StakingState.outstanding_rewards.
  Status check_invariants(const StateReader& state, std::uint64_t& held) const override;

 private:
  std::shared_ptr<const EvidenceVerifier> evidence_;
};

}  // namespace grid::ledger
