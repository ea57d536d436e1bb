// The state keys of governance: tables 0x70-0x77 (ledger/state_keys.hpp gives staking and
// governance 0x60-0x7f; governance uses 0x70-0x77 only).
//
// | table | key                         | value                          |
// | 0x70  | (none)                      | GovCounters                    |
// | 0x71  | motion id (u64 BE)          | Motion                         |
// | 0x72  | proposal id (u64 BE)        | Proposal                       |
// | 0x73  | proposal id + farm id (u32) | FarmVote                       |
// | 0x74  | end time (u64) + motion id  | (empty) open motions by end    |
// | 0x75  | end time (u64) + proposal id| (empty) open proposals by end  |
// | 0x76  | state (u8) + motion id      | (empty) motions by state       |
// | 0x77  | state (u8) + proposal id    | (empty) proposals by state     |
//
// Contract: pure functions; big-endian ids so that a prefix scan visits ids (or end times) in
// ascending order. Never reuse a table byte.
#pragma once

#include <cstdint>

#include "core/bytes.hpp"
#include "ledger/governance_types.hpp"

namespace grid::ledger::keys {

enum GovTable : std::uint8_t {
  kGovCounters = 0x70,
  kMotion = 0x71,
  kProposal = 0x72,
  kFarmVote = 0x73,
  kMotionByEnd = 0x74,
  kProposalByEnd = 0x75,
  kMotionByState = 0x76,
  kProposalByState = 0x77,
};

core::Bytes gov_counters();
core::Bytes motion(std::uint64_t id);
core::Bytes motion_prefix();
core::Bytes proposal(std::uint64_t id);
core::Bytes proposal_prefix();
core::Bytes farm_vote(std::uint64_t proposal_id, std::uint32_t farm_id);
core::Bytes farm_votes_prefix(std::uint64_t proposal_id);
core::Bytes motion_by_end(std::uint64_t end, std::uint64_t id);
core::Bytes motion_by_end_prefix();
core::Bytes proposal_by_end(std::uint64_t end, std::uint64_t id);
core::Bytes proposal_by_end_prefix();
core::Bytes motion_by_state(GovState state, std::uint64_t id);
core::Bytes motion_by_state_prefix(GovState state);
core::Bytes proposal_by_state(GovState state, std::uint64_t id);
core::Bytes proposal_by_state_prefix(GovState state);

// The last u64 of a key (the id of the index keys above).
std::uint64_t trailing_u64(core::ByteView key);
// The u64 right after the table byte (the end time of a by-end key).
std::uint64_t leading_u64(core::ByteView key);

}  // namespace grid::ledger::keys
