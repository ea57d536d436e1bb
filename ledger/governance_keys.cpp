#include "ledger/governance_keys.hpp"

#include "ledger/state_keys.hpp"

namespace grid::ledger::keys {
namespace {

core::Bytes with_u64(std::uint8_t table, std::uint64_t a) {
  core::Bytes k = table_key(table);
  append_u64(k, a);
  return k;
}
core::Bytes with_u64_u64(std::uint8_t table, std::uint64_t a, std::uint64_t b) {
  core::Bytes k = with_u64(table, a);
  append_u64(k, b);
  return k;
}
core::Bytes with_state(std::uint8_t table, GovState state) {
  core::Bytes k = table_key(table);
  k.push_back(static_cast<std::uint8_t>(state));
  return k;
}
std::uint64_t read_be64(core::ByteView b) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | b[i];
  return v;
}

}  // namespace

core::Bytes gov_counters() {
  return table_key(kGovCounters);
}
core::Bytes motion(std::uint64_t id) {
  return with_u64(kMotion, id);
}
core::Bytes motion_prefix() {
  return table_key(kMotion);
}
core::Bytes proposal(std::uint64_t id) {
  return with_u64(kProposal, id);
}
core::Bytes proposal_prefix() {
  return table_key(kProposal);
}
core::Bytes farm_vote(std::uint64_t proposal_id, std::uint32_t farm_id) {
  core::Bytes k = farm_votes_prefix(proposal_id);
  append_u32(k, farm_id);
  return k;
}
core::Bytes farm_votes_prefix(std::uint64_t proposal_id) {
  return with_u64(kFarmVote, proposal_id);
}
core::Bytes motion_by_end(std::uint64_t end, std::uint64_t id) {
  return with_u64_u64(kMotionByEnd, end, id);
}
core::Bytes motion_by_end_prefix() {
  return table_key(kMotionByEnd);
}
core::Bytes proposal_by_end(std::uint64_t end, std::uint64_t id) {
  return with_u64_u64(kProposalByEnd, end, id);
}
core::Bytes proposal_by_end_prefix() {
  return table_key(kProposalByEnd);
}
core::Bytes motion_by_state(GovState state, std::uint64_t id) {
  core::Bytes k = motion_by_state_prefix(state);
  append_u64(k, id);
  return k;
}
core::Bytes motion_by_state_prefix(GovState state) {
  return with_state(kMotionByState, state);
}
core::Bytes proposal_by_state(GovState state, std::uint64_t id) {
  core::Bytes k = proposal_by_state_prefix(state);
  append_u64(k, id);
  return k;
}
core::Bytes proposal_by_state_prefix(GovState state) {
  return with_state(kProposalByState, state);
}

std::uint64_t trailing_u64(core::ByteView key) {
  return key.size() < 8 ? 0 : read_be64(key.subspan(key.size() - 8));
}
std::uint64_t leading_u64(core::ByteView key) {
  return key.size() < 9 ? 0 : read_be64(key.subspan(1));
}

}  // namespace grid::ledger::keys
