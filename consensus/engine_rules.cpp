// The round rules of the Tendermint algorithm ("The latest gossip on BFT consensus", Buchman,
// Kwon, Milosevic 2018, Algorithm 1), evaluated after every input until none applies.
#include "consensus/engine.hpp"
#include "core/blake2b.hpp"

namespace grid::consensus {

void Engine::progress() {
  while (!halted_) {
    if (try_decide()) return;  // the next height's inputs were handled inside decide()
    if (try_skip_round()) continue;
    if (waiting_new_height_) return;
    if (try_prevote() || try_polka() || try_nil_polka()) continue;
    schedule_step_timeouts();
    return;
  }
}

// A fresh proposal (no pol_round) must name its proposer as the block's builder; a re-proposed
// or decided block was accepted by a quorum when it was fresh.
bool Engine::block_valid(const Proposal& p, bool decided) {
  if (p.block.size() > config_.max_block_bytes) return false;
  std::optional<ValidatorKey> builder;
  if (!decided && !p.pol_round) builder = p.proposer;
  auto key = std::make_tuple(p.block_hash, core::blake2b_256(p.block), builder);
  auto it = validity_.find(key);
  if (it != validity_.end()) return it->second;
  core::Status st = app_.check_proposal(height_, p.block, p.block_hash, builder);
  if (!st.is_ok() && st.code() != core::Code::invalid) {
    halt(std::move(st));
    return false;
  }
  validity_.emplace(key, st.is_ok());
  return st.is_ok();
}

const Proposal* Engine::proposal_with(const BlockHash& hash) {
  for (const auto& [round, p] : proposals_)
    if (p.block_hash == hash && block_valid(p)) return &p;
  return nullptr;
}

// upon PROPOSAL(h, *, v, *) and 2f+1 PRECOMMIT(h, r, id(v)): decide v (any round).
bool Engine::try_decide() {
  for (Round r : votes_.rounds()) {
    const VoteSet* precommits = votes(r, VoteType::precommit);
    auto value = precommits->quorum_value();
    if (!value || !*value) continue;
    const BlockHash& hash = **value;
    const core::Bytes* block = nullptr;
    if (const Proposal* p = proposal_with(hash)) block = &p->block;
    if (!block && received_decision_ && received_decision_->commit.block_hash == hash)
      block = &received_decision_->block;
    if (!block) continue;  // wait for the block bytes (a proposal re-send or a Decision)
    core::Bytes bytes = *block;
    decide(Commit{height_, r, hash, precommits->signatures_for(hash)}, bytes);
    return true;
  }
  return false;
}

// upon f+1 messages of a round r > round_p: StartRound(r).
bool Engine::try_skip_round() {
  std::vector<Round> rounds = votes_.rounds();
  for (auto it = rounds.rbegin(); it != rounds.rend() && *it > round_; ++it) {
    if (validators_->has_one_third(votes_.round_power(*it))) {
      start_round(*it);
      return true;
    }
  }
  return false;
}

// upon PROPOSAL(h, r, v, vr) [and 2f+1 PREVOTE(h, vr, id(v)) when vr >= 0] while step = propose.
bool Engine::try_prevote() {
  auto it = proposals_.find(round_);
  if (step_ != Step::propose || it == proposals_.end()) return false;
  const Proposal& p = it->second;
  bool acceptable = !locked_ || locked_->hash == p.block_hash;
  if (p.pol_round) {
    const VoteSet* polka = votes(*p.pol_round, VoteType::prevote);
    if (!polka || !polka->has_quorum_for(p.block_hash)) return false;  // wait for the polka
    acceptable = acceptable || locked_->round <= *p.pol_round;
  }
  VoteValue value;
  if (acceptable && block_valid(p)) value = p.block_hash;
  if (halted_) return false;
  cast_vote(VoteType::prevote, value);
  step_ = Step::prevote;
  return true;
}

// upon PROPOSAL(h, r, v, *) and 2f+1 PREVOTE(h, r, id(v)) while step >= prevote, first time:
// lock and precommit v (if still at prevote); v becomes the valid value.
bool Engine::try_polka() {
  auto it = proposals_.find(round_);
  if (step_ == Step::propose || it == proposals_.end() || polkas_seen_.count(round_)) return false;
  const Proposal& p = it->second;
  const VoteSet* prevotes = votes(round_, VoteType::prevote);
  if (!prevotes || !prevotes->has_quorum_for(p.block_hash) || !block_valid(p)) return false;
  polkas_seen_.insert(round_);
  if (step_ == Step::prevote) {
    locked_ = ValueRound{p.block_hash, round_};
    cast_vote(VoteType::precommit, p.block_hash);
    step_ = Step::precommit;
  }
  valid_ = ValueRound{p.block_hash, round_};
  return true;
}

// upon 2f+1 PREVOTE(h, r, nil) while step = prevote: precommit nil.
bool Engine::try_nil_polka() {
  const VoteSet* prevotes = votes(round_, VoteType::prevote);
  if (step_ != Step::prevote || !prevotes || !prevotes->has_quorum_for(std::nullopt)) return false;
  cast_vote(VoteType::precommit, std::nullopt);
  step_ = Step::precommit;
  return true;
}

// upon 2f+1 PREVOTE(h, r, *) while step = prevote, and 2f+1 PRECOMMIT(h, r, *): start timers.
void Engine::schedule_step_timeouts() {
  const VoteSet* prevotes = votes(round_, VoteType::prevote);
  if (step_ == Step::prevote && prevotes && prevotes->has_quorum_any() &&
      prevote_timeouts_.insert(round_).second)
    timer_.schedule({TimeoutKind::prevote, height_, round_},
                    timeout_delay_ms(config_.timeouts, TimeoutKind::prevote, round_));
  const VoteSet* precommits = votes(round_, VoteType::precommit);
  if (precommits && precommits->has_quorum_any() && precommit_timeouts_.insert(round_).second)
    timer_.schedule({TimeoutKind::precommit, height_, round_},
                    timeout_delay_ms(config_.timeouts, TimeoutKind::precommit, round_));
}

void Engine::on_step_timeout(const TimeoutEvent& event) {
  if (event.round != round_ || waiting_new_height_) return;
  if (event.kind == TimeoutKind::propose && step_ == Step::propose) {
    cast_vote(VoteType::prevote, std::nullopt);
    step_ = Step::prevote;
  } else if (event.kind == TimeoutKind::prevote && step_ == Step::prevote) {
    cast_vote(VoteType::precommit, std::nullopt);
    step_ = Step::precommit;
  } else if (event.kind == TimeoutKind::precommit) {
    start_round(round_ + 1);
  }
}

}  // namespace grid::consensus
