// Governance storage helpers shared by the module, its invariants and the read queries
// (internal to ledger/governance_*): loading motions and proposals, handing out ids, and keeping
// the by-end and by-state indexes of ledger/governance_keys.hpp in step with each record.
//
// Contract: open_record stores a new open record with its by-end and by-state(open) entries;
// close_record moves it to a final state (by-end entry erased, by-state entry moved). A missing
// motion or proposal named by a call is the refusal not_found. Pure functions over the state.
#pragma once

#include <cstdint>
#include <string>

#include "ledger/governance_keys.hpp"
#include "ledger/governance_types.hpp"
#include "ledger/refusal.hpp"
#include "ledger/state_view.hpp"

namespace grid::ledger {

// The keys of one kind of governance record (motions or proposals).
struct GovIndexKeys {
  core::Bytes (*record)(std::uint64_t id);
  core::Bytes (*by_end)(std::uint64_t end, std::uint64_t id);
  core::Bytes (*by_state)(GovState state, std::uint64_t id);
  const char* what;  // "motion" / "proposal"
};
inline constexpr GovIndexKeys kMotionKeys{keys::motion, keys::motion_by_end, keys::motion_by_state,
                                          "motion"};
inline constexpr GovIndexKeys kProposalKeys{keys::proposal, keys::proposal_by_end,
                                            keys::proposal_by_state, "proposal"};

template <class R>
void open_record(Overlay& state, const GovIndexKeys& k, const R& record) {
  store(state, k.record(record.id), record);
  state.put(k.by_end(record.end, record.id), {});
  state.put(k.by_state(GovState::open, record.id), {});
}

template <class R>
void close_record(Overlay& state, const GovIndexKeys& k, R& record, GovState final_state,
                  std::uint64_t now) {
  state.erase(k.by_end(record.end, record.id));
  state.erase(k.by_state(record.state, record.id));
  record.state = final_state;
  record.closed_at = now;
  state.put(k.by_state(final_state, record.id), {});
  store(state, k.record(record.id), record);
}

// The record, or the refusal not_found.
template <class R>
Result<R> load_gov_record(const StateReader& state, const GovIndexKeys& k, std::uint64_t id) {
  GRID_ASSIGN(auto record, load<R>(state, k.record(id)));
  if (!record) return refuse(reason::not_found, std::string(k.what) + " " + std::to_string(id));
  return std::move(*record);
}

// Advances GovCounters.<last> and returns the new id.
Result<std::uint64_t> next_gov_id(Overlay& state, std::uint64_t GovCounters::*last);

}  // namespace grid::ledger
