// GovernanceModule: council motions and farm-weighted proposals (WIRE.md tags 0x70-0x74,
// ECONOMICS.md "Governance"; the full rules as implemented are docs/governance.md).
//
// Rules:
// - propose_motion {action, description}: a council member (not_council). The motion is open
//   until now + proposal_duration; the proposer's propose counts as a yes.
// - vote_motion {motion_id, approve}: a council member (not_council), once per motion
//   (already_voted), while it is open and block time is before its end (not_found / not_open).
//   With n = the current council size, the threshold is ceil(n * council_motion_percent / 100)
//   (at least 1; 3 of 5 at 60 %). When yes votes reach it (also on the propose itself) the action
//   runs in that transaction: the motion closes passed, or failed with the action's refusal
//   (the vote still stands). When no votes make the threshold unreachable (n - no < threshold)
//   it closes rejected.
// - create_proposal {action, description, link}: a council member only (not_council); open
//   until end = now + proposal_duration.
// - vote_proposal {proposal_id, farm_id, approve}: signed by the farm's owner (not_found /
//   unauthorized), once per farm (already_voted), while open and before the end (not_open). The
//   vote's weight is farm_weight() at vote time (its cost is bounded by the farm's node count),
//   kept in a FarmVote record; the proposal keeps yes/no weights and farm counts.
// - veto_proposal {proposal_id}: a council member (not_council), once each (already_voted), while
//   open (not_open); at council_vetoes_to_close vetoes (at least 1) it closes vetoed at once and
//   its action never runs.
// - end_block: motions whose end <= now close expired; proposals whose end <= now are decided:
//   passed when yes_farms + no_farms >= proposal_min_farms and yes_weight > no_weight (the action
//   runs in that block; a refused action closes the proposal failed with its reason), else
//   rejected. Bounded: a prefix scan of the by-end index (0x74 / 0x75), at most
//   kMaxGovClosesPerBlock motions and as many proposals per block; the rest close in the next
//   blocks (they take no votes meanwhile).
// - Actions run in a child overlay (dropped when refused) through execute_action
//   (ledger/governance_actions.hpp).
// - Events: motion_proposed, motion_voted, motion_executed, motion_closed, proposal_created,
//   proposal_voted {farm, weight, approve}, proposal_vetoed, proposal_closed {state, yes_weight,
//   no_weight}; each names its "motion" / "proposal" id as an attribute.
// Moves no TFT (holds nothing). Deterministic: integers only, block time only.
#pragma once

#include <cstdint>
#include <string_view>

#include "ledger/module.hpp"
#include "ledger/state_types.hpp"

namespace grid::ledger {

namespace reason {
inline constexpr std::string_view already_voted = "already_voted";
inline constexpr std::string_view not_open = "not_open";
}  // namespace reason

inline constexpr std::uint32_t kMaxGovClosesPerBlock = 16;

// A node's governance weight in milli-units: 2 * CU_f + SU_f with (GiB = 2^30 bytes)
//   CU_f = min((mru_GiB - 1) / 4, 2 * cru, sru_GiB / 50), SU_f = hru_GiB / 1200 + sru_GiB / 250
// (0.8 * sru / 200 = sru / 250): ledger/minting.hpp's cu_f_milli and su_f_milli, the farming
// formulas, each floored to milli-units.
std::uint64_t node_weight_milli(const Resources& resources);
// A farm's weight: the sum over its nodes (the nodes_in_farm index: bounded by its node count).
Result<std::uint64_t> farm_weight(const StateReader& state, std::uint32_t farm_id);
// ceil(council_size * percent / 100), at least 1.
std::uint64_t motion_threshold(std::uint64_t council_size, std::uint32_t percent);

class GovernanceModule final : public Module {
 public:
  std::string_view name() const override { return "governance"; }
  bool handles(const Call& call) const override;
  Status apply(TxContext& ctx) override;
  Status end_block(BlockContext& ctx) override;
  // Every motion and proposal is in the by-state index under its state and, when open, in the
  // by-end index at its end (and nothing else is); a proposal's tallies equal its farm votes.
  // Scans everything (tests and debug builds).
  Status check_invariants(const StateReader& state, std::uint64_t& held) const override;
};

}  // namespace grid::ledger
