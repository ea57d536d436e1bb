#include "ledger/governance_module.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/uint128.hpp"
#include "ledger/governance_ops.hpp"
#include "ledger/governance_store.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

bool contains(const std::vector<AccountId>& list, const AccountId& who) {
  return std::find(list.begin(), list.end(), who) != list.end();
}

Event gov_event(std::string kind, const char* what, std::uint64_t id) {
  Event e{.kind = std::move(kind)};
  e.with(what, std::to_string(id));
  return e;
}

// Open and before its end: votes and vetoes are accepted.
template <class R>
Status require_open(const R& record, const char* what, std::uint64_t now) {
  if (record.state != GovState::open || now >= record.end)
    return refuse(reason::not_open,
                  std::string(what) + " " + std::to_string(record.id) + " is " +
                      (record.state == GovState::open ? std::string("past its end")
                                                      : std::string(gov_state_name(record.state))));
  return Status::ok();
}

// Runs the action in a child overlay: merged (with its events) when it succeeds; its refusal
// is returned as the failure text ("" on success). A node failure propagates.
Result<std::string> run_action(BlockContext& ctx, const GovAction& action) {
  Overlay child(ctx.state);
  std::vector<Event> events;
  BlockContext sub{child, ctx.params, ctx.header, events, ctx.modules};
  Status s = execute_action(sub, action);
  if (!s.is_ok()) {
    if (!is_refusal(s)) return s;
    return s.message().empty() ? std::string("refused") : s.message();
  }
  child.merge_into(ctx.state);
  for (auto& e : events) ctx.emit(std::move(e));
  return std::string();
}

// Runs a passed record's action and closes it passed or failed.
template <class R>
Status execute_and_close(BlockContext& ctx, const GovIndexKeys& k, R& record,
                         std::string closed_kind) {
  GRID_ASSIGN(std::string failure, run_action(ctx, record.action));
  record.failure = failure;
  close_record(ctx.state, k, record, failure.empty() ? GovState::passed : GovState::failed,
               ctx.now());
  Event e = gov_event(std::move(closed_kind), k.what, record.id);
  e.with("action", std::string(record.action.name()))
      .with("state", std::string(gov_state_name(record.state)));
  if (!failure.empty()) e.with("reason", failure);
  ctx.emit(std::move(e));
  return Status::ok();
}

// --- motions ------------------------------------------------------------------------------------

void emit_motion_closed(BlockContext& ctx, const Motion& m) {
  Event e = gov_event("motion_closed", "motion", m.id);
  e.with("state", std::string(gov_state_name(m.state)))
      .with("ayes", std::to_string(m.ayes.size()))
      .with("nays", std::to_string(m.nays.size()));
  ctx.emit(std::move(e));
}

// Executes the motion when its ayes reach the threshold, rejects it when they no longer can;
// otherwise stores it as it is.
Status decide_motion(BlockContext& ctx, Motion& m) {
  GRID_ASSIGN(Council council, load_required<Council>(ctx.state, keys::council(), "council"));
  const std::uint64_t n = council.members.size();
  const std::uint64_t threshold = motion_threshold(n, ctx.params.council_motion_percent);
  if (m.ayes.size() >= threshold) {
    GRID_TRY(execute_and_close(ctx, kMotionKeys, m, "motion_executed"));
    emit_motion_closed(ctx, m);
  } else if (m.nays.size() > n || n - m.nays.size() < threshold) {
    close_record(ctx.state, kMotionKeys, m, GovState::rejected, ctx.now());
    emit_motion_closed(ctx, m);
  } else {
    store(ctx.state, keys::motion(m.id), m);
  }
  return Status::ok();
}

Status apply_propose_motion(TxContext& ctx, const ProposeMotion& call) {
  GRID_TRY(require_council(ctx.state, ctx.signer()));
  GRID_ASSIGN(std::uint64_t id, next_gov_id(ctx.state, &GovCounters::last_motion_id));
  Motion m{.id = id,
           .proposer = ctx.signer(),
           .action = call.action,
           .description = call.description,
           .created_at = ctx.now(),
           .end = ctx.now() + ctx.params.proposal_duration,
           .ayes = {ctx.signer()}};
  open_record(ctx.state, kMotionKeys, m);
  Event e = gov_event("motion_proposed", "motion", id);
  e.account = ctx.signer();
  e.with("action", std::string(call.action.name())).with("end", std::to_string(m.end));
  ctx.emit(std::move(e));
  return decide_motion(ctx, m);
}

Status apply_vote_motion(TxContext& ctx, const VoteMotion& call) {
  GRID_TRY(require_council(ctx.state, ctx.signer()));
  GRID_ASSIGN(Motion m, load_gov_record<Motion>(ctx.state, kMotionKeys, call.motion_id));
  GRID_TRY(require_open(m, "motion", ctx.now()));
  if (contains(m.ayes, ctx.signer()) || contains(m.nays, ctx.signer()))
    return refuse(reason::already_voted,
                  ctx.signer().to_address() + " already voted on motion " + std::to_string(m.id));
  (call.approve ? m.ayes : m.nays).push_back(ctx.signer());
  Event e = gov_event("motion_voted", "motion", m.id);
  e.account = ctx.signer();
  e.with("approve", call.approve ? "true" : "false")
      .with("ayes", std::to_string(m.ayes.size()))
      .with("nays", std::to_string(m.nays.size()));
  ctx.emit(std::move(e));
  return decide_motion(ctx, m);
}

// --- proposals ----------------------------------------------------------------------------------

void emit_proposal_closed(BlockContext& ctx, const Proposal& p) {
  Event e = gov_event("proposal_closed", "proposal", p.id);
  e.with("state", std::string(gov_state_name(p.state)))
      .with("yes_weight", std::to_string(p.yes_weight))
      .with("no_weight", std::to_string(p.no_weight))
      .with("farms", std::to_string(std::uint64_t{p.yes_farms} + p.no_farms));
  if (!p.failure.empty()) e.with("reason", p.failure);
  ctx.emit(std::move(e));
}

Status apply_create_proposal(TxContext& ctx, const CreateProposal& call) {
  GRID_TRY(require_council(ctx.state, ctx.signer()));
  GRID_ASSIGN(std::uint64_t id, next_gov_id(ctx.state, &GovCounters::last_proposal_id));
  Proposal p{.id = id,
             .proposer = ctx.signer(),
             .action = call.action,
             .description = call.description,
             .link = call.link,
             .created_at = ctx.now(),
             .end = ctx.now() + ctx.params.proposal_duration};
  open_record(ctx.state, kProposalKeys, p);
  Event e = gov_event("proposal_created", "proposal", id);
  e.account = ctx.signer();
  e.with("action", std::string(call.action.name())).with("end", std::to_string(p.end));
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_vote_proposal(TxContext& ctx, const VoteProposal& call) {
  GRID_ASSIGN(Proposal p, load_gov_record<Proposal>(ctx.state, kProposalKeys, call.proposal_id));
  GRID_TRY(require_open(p, "proposal", ctx.now()));
  GRID_ASSIGN(Farm farm, load_owned_farm(ctx.state, call.farm_id, ctx.signer()));
  GRID_ASSIGN(auto previous, load<FarmVote>(ctx.state, keys::farm_vote(p.id, farm.id)));
  if (previous)
    return refuse(reason::already_voted, "farm " + std::to_string(farm.id) +
                                             " already voted on proposal " + std::to_string(p.id));
  GRID_ASSIGN(std::uint64_t weight, farm_weight(ctx.state, farm.id));
  FarmVote vote{.farm_id = farm.id,
                .voter = ctx.signer(),
                .approve = call.approve,
                .weight = weight,
                .at = ctx.now()};
  store(ctx.state, keys::farm_vote(p.id, farm.id), vote);
  std::uint64_t& tally = call.approve ? p.yes_weight : p.no_weight;
  tally = core::saturate_u64(core::u128{tally} + weight);
  (call.approve ? p.yes_farms : p.no_farms) += 1;
  store(ctx.state, keys::proposal(p.id), p);
  Event e = farm_event("proposal_voted", farm, ctx.signer());
  e.with("proposal", std::to_string(p.id))
      .with("weight", std::to_string(weight))
      .with("approve", call.approve ? "true" : "false");
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_veto_proposal(TxContext& ctx, const VetoProposal& call) {
  GRID_TRY(require_council(ctx.state, ctx.signer()));
  GRID_ASSIGN(Proposal p, load_gov_record<Proposal>(ctx.state, kProposalKeys, call.proposal_id));
  GRID_TRY(require_open(p, "proposal", ctx.now()));
  if (contains(p.vetoes, ctx.signer()))
    return refuse(reason::already_voted,
                  ctx.signer().to_address() + " already vetoed proposal " + std::to_string(p.id));
  p.vetoes.push_back(ctx.signer());
  Event e = gov_event("proposal_vetoed", "proposal", p.id);
  e.account = ctx.signer();
  e.with("vetoes", std::to_string(p.vetoes.size()));
  ctx.emit(std::move(e));
  const std::uint64_t needed = std::max<std::uint32_t>(1, ctx.params.council_vetoes_to_close);
  if (p.vetoes.size() >= needed) {
    close_record(ctx.state, kProposalKeys, p, GovState::vetoed, ctx.now());
    emit_proposal_closed(ctx, p);
  } else {
    store(ctx.state, keys::proposal(p.id), p);
  }
  return Status::ok();
}

Status decide_proposal(BlockContext& ctx, Proposal& p) {
  const std::uint64_t farms = std::uint64_t{p.yes_farms} + p.no_farms;
  if (farms >= ctx.params.proposal_min_farms && p.yes_weight > p.no_weight) {
    GRID_TRY(execute_and_close(ctx, kProposalKeys, p, "proposal_executed"));
  } else {
    close_record(ctx.state, kProposalKeys, p, GovState::rejected, ctx.now());
  }
  emit_proposal_closed(ctx, p);
  return Status::ok();
}

Status expire_motion(BlockContext& ctx, Motion& m) {
  close_record(ctx.state, kMotionKeys, m, GovState::expired, ctx.now());
  emit_motion_closed(ctx, m);
  return Status::ok();
}

// The ids of at most kMaxGovClosesPerBlock index entries whose end time is <= now, in end order.
Result<std::vector<std::uint64_t>> due_ids(const StateReader& state, const core::Bytes& prefix,
                                           std::uint64_t now) {
  std::vector<std::uint64_t> ids;
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView) {
    if (keys::leading_u64(key) > now) return false;
    ids.push_back(keys::trailing_u64(key));
    return ids.size() < kMaxGovClosesPerBlock;
  }));
  return ids;
}

template <class R>
Status close_due(BlockContext& ctx, const GovIndexKeys& k, const core::Bytes& prefix,
                 Status (*close)(BlockContext&, R&)) {
  GRID_ASSIGN(auto ids, due_ids(ctx.state, prefix, ctx.now()));
  for (std::uint64_t id : ids) {
    GRID_ASSIGN(auto record, load<R>(ctx.state, k.record(id)));
    if (!record || record->state != GovState::open)
      return Status::corruption(std::string(k.what) + " " + std::to_string(id) +
                                " is in the end index but not open");
    GRID_TRY(close(ctx, *record));
  }
  return Status::ok();
}

}  // namespace

bool GovernanceModule::handles(const Call& call) const {
  return call.as<ProposeMotion>() || call.as<VoteMotion>() || call.as<CreateProposal>() ||
         call.as<VoteProposal>() || call.as<VetoProposal>();
}

Status GovernanceModule::apply(TxContext& ctx) {
  const Call& call = ctx.tx.call;
  if (auto* c = call.as<ProposeMotion>()) return apply_propose_motion(ctx, *c);
  if (auto* c = call.as<VoteMotion>()) return apply_vote_motion(ctx, *c);
  if (auto* c = call.as<CreateProposal>()) return apply_create_proposal(ctx, *c);
  if (auto* c = call.as<VoteProposal>()) return apply_vote_proposal(ctx, *c);
  if (auto* c = call.as<VetoProposal>()) return apply_veto_proposal(ctx, *c);
  return Status::internal("governance module given a call it does not handle");
}

Status GovernanceModule::end_block(BlockContext& ctx) {
  GRID_TRY(close_due<Motion>(ctx, kMotionKeys, keys::motion_by_end_prefix(), expire_motion));
  return close_due<Proposal>(ctx, kProposalKeys, keys::proposal_by_end_prefix(), decide_proposal);
}

}  // namespace grid::ledger
