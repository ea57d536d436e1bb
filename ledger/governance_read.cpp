#include "ledger/governance_read.hpp"

#include <algorithm>

#include "ledger/governance_store.hpp"

namespace grid::ledger {
namespace {

// Up to limit + 1 ids after `after_id` from the table under `prefix` (the id is each key's last
// u64), then the page of their records.
template <class R>
Result<GovPage<R>> list(const StateReader& state, const GovIndexKeys& k, const core::Bytes& prefix,
                        std::uint64_t after_id, std::uint32_t limit) {
  const std::size_t want = std::clamp<std::uint32_t>(limit, 1, kMaxGovPage);
  std::vector<std::uint64_t> ids;
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView) {
    std::uint64_t id = keys::trailing_u64(key);
    if (id > after_id) ids.push_back(id);
    return ids.size() <= want;
  }));
  GovPage<R> page;
  for (std::size_t i = 0; i < ids.size() && i < want; ++i) {
    GRID_ASSIGN(R record, load_required<R>(state, k.record(ids[i]), k.what));
    page.items.push_back(std::move(record));
  }
  if (ids.size() > want) page.next_after = ids[want - 1];
  return page;
}

}  // namespace

Result<GovPage<Motion>> list_motions(const StateReader& state, std::optional<GovState> filter,
                                     std::uint64_t after_id, std::uint32_t limit) {
  return list<Motion>(state, kMotionKeys,
                      filter ? keys::motion_by_state_prefix(*filter) : keys::motion_prefix(),
                      after_id, limit);
}

Result<GovPage<Proposal>> list_proposals(const StateReader& state, std::optional<GovState> filter,
                                         std::uint64_t after_id, std::uint32_t limit) {
  return list<Proposal>(state, kProposalKeys,
                        filter ? keys::proposal_by_state_prefix(*filter) : keys::proposal_prefix(),
                        after_id, limit);
}

Result<std::optional<Motion>> get_motion(const StateReader& state, std::uint64_t id) {
  return load<Motion>(state, keys::motion(id));
}

Result<std::optional<ProposalDetail>> get_proposal(const StateReader& state, std::uint64_t id) {
  GRID_ASSIGN(auto proposal, load<Proposal>(state, keys::proposal(id)));
  if (!proposal) return std::optional<ProposalDetail>();
  ProposalDetail detail{.proposal = std::move(*proposal)};
  bool bad = false;
  GRID_TRY(state.scan_prefix(keys::farm_votes_prefix(id), [&](ByteView, ByteView value) {
    auto vote = core::decode<FarmVote>(value);
    if (!vote) {
      bad = true;
      return false;
    }
    detail.votes.push_back(std::move(*vote));
    return true;
  }));
  if (bad) return Status::corruption("a farm vote of proposal " + std::to_string(id));
  return std::optional<ProposalDetail>(std::move(detail));
}

}  // namespace grid::ledger
