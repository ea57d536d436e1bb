// Read-only governance queries for the RPC: pages of motions or proposals (optionally of one
// state), and one motion or proposal with its votes and weights.
//
// Contract: pure reads of a StateReader; never writes. Pages are in ascending id order, start
// after `after_id` (0: from the first) and hold at most `limit` items (capped at kMaxGovPage);
// next_after is the cursor of the next page (nullopt at the end). Filtered pages scan the
// by-state index (0x76 / 0x77), unfiltered ones the records; a page skips the entries up to
// `after_id` of the table it scans. A missing id is nullopt (not an error).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ledger/governance_types.hpp"
#include "ledger/state_view.hpp"

namespace grid::ledger {

inline constexpr std::uint32_t kMaxGovPage = 100;

template <class R>
struct GovPage {
  std::vector<R> items;
  std::optional<std::uint64_t> next_after;
};

struct ProposalDetail {
  Proposal proposal;
  std::vector<FarmVote> votes;  // in farm id order
};

Result<GovPage<Motion>> list_motions(const StateReader& state, std::optional<GovState> filter,
                                     std::uint64_t after_id, std::uint32_t limit);
Result<GovPage<Proposal>> list_proposals(const StateReader& state, std::optional<GovState> filter,
                                         std::uint64_t after_id, std::uint32_t limit);
// A motion holds its council votes (ayes, nays) itself.
Result<std::optional<Motion>> get_motion(const StateReader& state, std::uint64_t id);
Result<std::optional<ProposalDetail>> get_proposal(const StateReader& state, std::uint64_t id);

}  // namespace grid::ledger
