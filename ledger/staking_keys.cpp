#include "ledger/staking_keys.hpp"

#include "ledger/state_keys.hpp"

namespace grid::ledger::keys {
namespace {

constexpr std::size_t kAccountBytes = 33;
constexpr std::uint8_t kEvidenceUsed = 0x01;
constexpr std::uint8_t kSlashedAt = 0x02;

core::Bytes with_account(std::uint8_t table, const core::AccountId& a) {
  core::Bytes k = table_key(table);
  append_account(k, a);
  return k;
}
core::Bytes with_accounts(std::uint8_t table, const core::AccountId& a, const core::AccountId& b) {
  core::Bytes k = with_account(table, a);
  append_account(k, b);
  return k;
}
void append_bytes(core::Bytes& k, core::ByteView b) {
  k.insert(k.end(), b.begin(), b.end());
}

}  // namespace

core::Bytes validator(const core::AccountId& op) {
  return with_account(kValidator, op);
}
core::Bytes validator_prefix() {
  return table_key(kValidator);
}
core::Bytes validator_by_key(const std::array<std::uint8_t, 32>& consensus_key) {
  core::Bytes k = table_key(kValidatorByKey);
  append_bytes(k, core::ByteView(consensus_key.data(), consensus_key.size()));
  return k;
}
core::Bytes delegation(const core::AccountId& validator, const core::AccountId& delegator) {
  return with_accounts(kDelegation, validator, delegator);
}
core::Bytes delegations_of_validator(const core::AccountId& validator) {
  return with_account(kDelegation, validator);
}
core::Bytes delegator_index(const core::AccountId& delegator, const core::AccountId& validator) {
  return with_accounts(kDelegatorIndex, delegator, validator);
}
core::Bytes delegations_of_account(const core::AccountId& delegator) {
  return with_account(kDelegatorIndex, delegator);
}
core::Bytes unbonding(const core::AccountId& account, std::uint64_t release_at,
                      const core::AccountId& validator) {
  core::Bytes k = with_account(kUnbonding, account);
  append_u64(k, release_at);
  append_account(k, validator);
  return k;
}
core::Bytes unbondings_of_account(const core::AccountId& account) {
  return with_account(kUnbonding, account);
}
core::Bytes candidate(std::uint64_t total_bond, const core::AccountId& op) {
  core::Bytes k = table_key(kCandidateIndex);
  append_u64(k, UINT64_MAX - total_bond);
  append_account(k, op);
  return k;
}
core::Bytes candidate_prefix() {
  return table_key(kCandidateIndex);
}
core::Bytes evidence_used(const core::Hash32& id) {
  core::Bytes k = table_key(kSlashing);
  k.push_back(kEvidenceUsed);
  append_bytes(k, id.view());
  return k;
}
core::Bytes slashed_at(const core::AccountId& op, std::uint64_t height) {
  core::Bytes k = table_key(kSlashing);
  k.push_back(kSlashedAt);
  append_account(k, op);
  append_u64(k, height);
  return k;
}
core::Bytes staking_state() {
  return table_key(kStaking);
}
core::Bytes rewards_owed(const core::AccountId& account) {
  return with_account(kStaking, account);
}

core::Bytes rewards_owed_prefix(core::KeyScheme scheme) {
  core::Bytes k = table_key(kStaking);
  k.push_back(static_cast<std::uint8_t>(scheme));
  return k;
}

std::optional<core::AccountId> account_at(core::ByteView key, std::size_t offset) {
  if (key.size() < offset + kAccountBytes || key[offset] > core::kMaxKeyScheme) return std::nullopt;
  core::AccountId id;
  id.scheme = static_cast<core::KeyScheme>(key[offset]);
  std::copy(key.begin() + offset + 1, key.begin() + offset + kAccountBytes, id.key.begin());
  return id;
}
std::optional<std::uint64_t> u64_at(core::ByteView key, std::size_t offset) {
  if (key.size() < offset + 8) return std::nullopt;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | key[offset + i];
  return v;
}

}  // namespace grid::ledger::keys
