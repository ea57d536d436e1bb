// GovernanceModule::check_invariants (rules in ledger/governance_module.hpp).
#include <set>
#include <utility>

#include "core/uint128.hpp"
#include "ledger/governance_module.hpp"
#include "ledger/governance_store.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

using Pairs = std::set<std::pair<std::uint64_t, std::uint64_t>>;

// Every key of an index table as (first part, id): the u64 end or the u8 state, then the id.
Result<Pairs> index_entries(const StateReader& state, std::uint8_t table, bool by_end) {
  Pairs out;
  GRID_TRY(state.scan_prefix(keys::table_key(table), [&](ByteView key, ByteView) {
    std::uint64_t first = by_end ? keys::leading_u64(key) : (key.size() > 1 ? key[1] : 0);
    out.insert({first, keys::trailing_u64(key)});
    return true;
  }));
  return out;
}

Result<std::vector<Bytes>> values_under(const StateReader& state, const Bytes& prefix) {
  std::vector<Bytes> out;
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView, ByteView value) {
    out.emplace_back(value.begin(), value.end());
    return true;
  }));
  return out;
}

// A proposal's tallies equal the sum of its farm votes.
Status check_tallies(const StateReader& state, const Proposal& p) {
  GRID_ASSIGN(auto raw_votes, values_under(state, keys::farm_votes_prefix(p.id)));
  core::u128 yes = 0, no = 0;
  std::uint64_t yes_farms = 0, no_farms = 0;
  for (const auto& raw : raw_votes) {
    auto vote = core::decode<FarmVote>(raw);
    if (!vote) return Status::internal("a farm vote does not decode");
    (vote->approve ? yes : no) += vote->weight;
    (vote->approve ? yes_farms : no_farms) += 1;
  }
  if (core::saturate_u64(yes) != p.yes_weight || core::saturate_u64(no) != p.no_weight ||
      yes_farms != p.yes_farms || no_farms != p.no_farms)
    return Status::internal("proposal " + std::to_string(p.id) + " tallies differ from its votes");
  return Status::ok();
}

template <class R>
Status check_kind(const StateReader& state, const GovIndexKeys& k, const Bytes& prefix,
                  std::uint8_t end_table, std::uint8_t state_table) {
  GRID_ASSIGN(auto raw_records, values_under(state, prefix));
  Pairs want_end, want_state;
  for (const auto& raw : raw_records) {
    auto record = core::decode<R>(raw);
    if (!record) return Status::internal(std::string("a ") + k.what + " does not decode");
    if (record->state == GovState::open) want_end.insert({record->end, record->id});
    want_state.insert({static_cast<std::uint64_t>(record->state), record->id});
    if constexpr (std::is_same_v<R, Proposal>) GRID_TRY(check_tallies(state, *record));
  }
  GRID_ASSIGN(Pairs have_end, index_entries(state, end_table, true));
  GRID_ASSIGN(Pairs have_state, index_entries(state, state_table, false));
  if (have_end != want_end)
    return Status::internal(std::string(k.what) + " end index differs from the open records");
  if (have_state != want_state)
    return Status::internal(std::string(k.what) + " state index differs from the records");
  return Status::ok();
}

}  // namespace

Status GovernanceModule::check_invariants(const StateReader& state, std::uint64_t&) const {
  GRID_TRY(check_kind<Motion>(state, kMotionKeys, keys::motion_prefix(), keys::kMotionByEnd,
                              keys::kMotionByState));
  return check_kind<Proposal>(state, kProposalKeys, keys::proposal_prefix(), keys::kProposalByEnd,
                              keys::kProposalByState);
}

}  // namespace grid::ledger
