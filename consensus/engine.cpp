// Engine lifecycle and input handlers: heights, rounds, decisions, buffering, evidence.
#include "consensus/engine.hpp"

namespace grid::consensus {

using core::Status;

Engine::Engine(EngineConfig config, ChainState state, Application& app, Network& network,
               Timer& timer, Signer& signer, Wal& wal)
    : config_(std::move(config)),
      app_(app),
      network_(network),
      timer_(timer),
      signer_(signer),
      wal_(wal),
      height_(state.height) {
  enter_height(state.validators, std::move(state.next_validators));
}

void Engine::enter_height(const ValidatorSet& base, ValidatorSet next) {
  validators_ = std::make_shared<const ValidatorSet>(base);
  next_validators_ = std::move(next);
  schedule_ = ProposerSchedule(base);
  votes_ = HeightVotes(validators_, height_);
  round_ = 0;
  step_ = Step::propose;
  proposals_.clear();
  validity_.clear();
  received_decision_.reset();
  locked_.reset();
  valid_.reset();
  prevote_timeouts_.clear();
  precommit_timeouts_.clear();
  polkas_seen_.clear();
  own_signed_.clear();
}

Status Engine::start() {
  replay();
  if (halted_) return halt_status_;
  timer_.schedule({TimeoutKind::rebroadcast, height_, 0}, config_.timeouts.rebroadcast_ms);
  rebroadcast();
  TimeoutKind kind = step_ == Step::propose   ? TimeoutKind::propose
                     : step_ == Step::prevote ? TimeoutKind::prevote
                                              : TimeoutKind::precommit;
  timer_.schedule({kind, height_, round_}, timeout_delay_ms(config_.timeouts, kind, round_));
  progress();
  return verdict();
}

Status Engine::verdict(Status refused) const {
  return halted_ ? halt_status_ : refused;
}

void Engine::halt(Status status) {
  if (halted_) return;
  halted_ = true;
  halt_status_ = std::move(status);
}

bool Engine::log_input(const WalEntry& entry) {
  if (replaying_) return true;
  Status st = wal_.append(entry, false);
  if (!st.is_ok()) halt(std::move(st));
  return !halted_;
}

Status Engine::on_message(const Message& message) {
  return std::visit(
      [&](const auto& m) -> Status {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Proposal>) return on_proposal(m);
        if constexpr (std::is_same_v<T, Vote>) return on_vote(m);
        if constexpr (std::is_same_v<T, Decision>) return on_decision(m);
      },
      message.value);
}

Status Engine::on_proposal(const Proposal& p) {
  if (halted_) return halt_status_;
  if (p.block.size() > config_.max_block_bytes)
    return Status::invalid("proposal block of " + std::to_string(p.block.size()) +
                           " bytes is over the maximum " + std::to_string(config_.max_block_bytes));
  if (p.height == height_ + 1) return buffer_future(Message{p}, p.proposer);
  if (p.height < height_) return on_past_proposal(p);
  if (p.height != height_) return Status::ok();
  if (p.round > round_ + config_.max_rounds_ahead) return Status::invalid("round too far ahead");
  if (proposals_.count(p.round)) return Status::ok();  // first proposal of a round wins
  if (p.proposer != schedule_.proposer(p.round))
    return Status::invalid("proposal from " + short_key(p.proposer) + " who is not the proposer");
  GRID_TRY(verify_proposal(config_.chain_id, p));
  if (!log_input(WalEntry{WalReceived{Message{p}}})) return halt_status_;
  proposals_.emplace(p.round, p);
  progress();
  return verdict();
}

Status Engine::on_vote(const Vote& v) {
  if (halted_) return halt_status_;
  if (v.height == height_ + 1) return buffer_future(Message{v}, v.validator);
  if (v.height < height_) return on_past_vote(v);
  if (v.height != height_) return Status::ok();
  if (v.round > round_ + config_.max_rounds_ahead) return Status::invalid("round too far ahead");
  if (!validators_->find(v.validator))
    return Status::invalid("vote from " + short_key(v.validator) + " who is not a validator");
  const VoteSet* known = votes(v.round, v.type);
  if (known && known->contains(v)) return Status::ok();  // a copy of a vote already counted
  GRID_TRY(verify_vote(config_.chain_id, v));
  if (!log_input(WalEntry{WalReceived{Message{v}}})) return halt_status_;
  AddVoteResult added = votes_.add(v);
  report(added.evidence);
  if (added.outcome == AddVote::added || added.outcome == AddVote::conflict) progress();
  return verdict();
}

Status Engine::on_decision(const Decision& d) {
  if (halted_) return halt_status_;
  if (d.commit.height > height_ && d.commit.height <= height_ + config_.catch_up_burst)
    future_decisions_.emplace(d.commit.height, d);
  if (d.commit.height != height_) return Status::ok();
  if (d.block.size() > config_.max_block_bytes) return Status::invalid("decided block too large");
  GRID_TRY(verify_commit(config_.chain_id, *validators_, d.commit));
  received_decision_ = d;
  if (!block_valid(Proposal{height_, d.commit.round, std::nullopt, d.commit.block_hash, d.block},
                   true))
    return verdict(Status::invalid("decided block refused by the application"));
  decide(d.commit, d.block);
  return verdict();
}

Status Engine::on_timeout(const TimeoutEvent& event) {
  if (halted_) return halt_status_;
  if (event.height != height_) return Status::ok();
  switch (event.kind) {
    case TimeoutKind::rebroadcast:
      replied_.clear();
      rebroadcast();
      timer_.schedule(event, config_.timeouts.rebroadcast_ms);
      break;
    case TimeoutKind::commit:
      if (!waiting_new_height_) break;
      if (!log_input(WalEntry{event})) return halt_status_;
      start_round(0);
      break;
    default:
      if (!log_input(WalEntry{event})) return halt_status_;
      on_step_timeout(event);
      break;
  }
  progress();
  return verdict();
}

// A message of the next height waits for this height's decision. It is kept only from a member
// of the next height's set (known one height ahead), with a valid signature, within a count and
// a byte budget; over budget it is dropped (its author re-sends it every rebroadcast period).
Status Engine::buffer_future(const Message& message, const ValidatorKey& author) {
  if (!next_validators_.find(author))
    return Status::invalid("message for the next height from " + short_key(author) +
                           ", who is not a validator of that height");
  const auto* p = std::get_if<Proposal>(&message.value);
  GRID_TRY(p ? verify_proposal(config_.chain_id, *p)
             : verify_vote(config_.chain_id, std::get<Vote>(message.value)));
  const std::size_t bytes = kFutureMessageOverhead + (p ? p->block.size() : 0);
  if (future_.size() >= config_.max_future_messages ||
      future_bytes_ + bytes > config_.max_future_bytes)
    return Status::ok();
  future_.push_back(message);
  future_bytes_ += bytes;
  return Status::ok();
}

// A proposal or vote of an older height: its signer is behind. Only a signed message of a
// validator earns an answer (up to catch_up_burst Decisions read from the application), once per
// signer and height per rebroadcast period; a copy of a vote already counted needs no check.
Status Engine::on_past_proposal(const Proposal& p) {
  if (!validators_->find(p.proposer))
    return Status::invalid("proposal of an old height from " + short_key(p.proposer) +
                           ", who is not a validator");
  if (replied_.contains({p.proposer, p.height})) return Status::ok();
  GRID_TRY(verify_proposal(config_.chain_id, p));
  reply_to_laggard(p.proposer, p.height);
  return Status::ok();
}

Status Engine::on_past_vote(const Vote& v) {
  auto past = past_votes_.find(v.height);
  const bool checked_height = past != past_votes_.end();
  const bool past_member = checked_height && past->second.validators().find(v.validator);
  if (!past_member && !validators_->find(v.validator))
    return Status::invalid("vote of an old height from " + short_key(v.validator) +
                           ", who is not a validator");
  const VoteSet* known = past_member ? past->second.find(v.round, v.type) : nullptr;
  const bool counted = known && known->contains(v);
  if (!counted) {
    if (!past_member && replied_.contains({v.validator, v.height})) return Status::ok();
    GRID_TRY(verify_vote(config_.chain_id, v));
    if (past_member) report(past->second.add(v).evidence);  // late conflicting votes
  }
  reply_to_laggard(v.validator, v.height);
  return Status::ok();
}

void Engine::reply_to_laggard(const ValidatorKey& to, Height height) {
  if (!replied_.insert({to, height}).second) return;
  for (Height h = height; h < height_ && h < height + config_.catch_up_burst; ++h) {
    auto block = app_.committed_block(h);
    if (!block) return;
    network_.send(to, Message{Decision{block->commit, block->block}});
  }
}

void Engine::report(const std::optional<Evidence>& evidence) {
  if (!evidence) return;
  const Vote& v = evidence->first;
  if (!reported_.insert({v.height, v.round, v.type, v.validator}).second) return;
  app_.report_evidence(*evidence);
}

void Engine::rebroadcast() {
  for (const auto& [key, message] : own_signed_)
    if (key.first + 1 >= round_) network_.broadcast(message);
  if (valid_) relay_polka(*valid_);
}

// The prevotes that justify a valid value (its proof-of-lock): a node that missed them cannot
// accept a re-proposal of that value, so they travel with it, signed by their authors.
void Engine::relay_polka(const ValueRound& polka) {
  const VoteSet* prevotes = votes(polka.round, VoteType::prevote);
  if (!prevotes) return;
  for (const Vote& vote : prevotes->votes_for(polka.hash)) network_.broadcast(Message{vote});
}

void Engine::start_round(Round round) {
  round_ = round;
  step_ = Step::propose;
  waiting_new_height_ = false;
  if (schedule_.proposer(round) == signer_.public_key()) propose();
  timer_.schedule({TimeoutKind::propose, height_, round},
                  timeout_delay_ms(config_.timeouts, TimeoutKind::propose, round));
}

void Engine::decide(const Commit& commit, const core::Bytes& block) {
  ValidatorSet next_base = schedule_.next_base(next_validators_);
  CommittedBlock committed{height_, block, commit.block_hash, commit};
  auto applied = app_.apply_committed(committed, next_base);
  if (!applied) return halt(applied.error());
  past_votes_[height_] = std::move(votes_);
  while (!past_votes_.empty() &&
         past_votes_.begin()->first + config_.evidence_heights_kept <= height_)
    past_votes_.erase(past_votes_.begin());
  while (!reported_.empty() &&
         std::get<0>(*reported_.begin()) + config_.evidence_heights_kept < height_)
    reported_.erase(reported_.begin());

  ++height_;
  enter_height(next_base, std::move(applied->validators_after_next));
  Status st = wal_.reset(WalEntry{WalHeightStart{height_, last_signed_}});
  if (!st.is_ok()) return halt(std::move(st));
  waiting_new_height_ = true;
  timer_.schedule({TimeoutKind::commit, height_, 0}, config_.timeouts.commit_ms);
  timer_.schedule({TimeoutKind::rebroadcast, height_, 0}, config_.timeouts.rebroadcast_ms);

  std::vector<Message> buffered;
  buffered.swap(future_);
  future_bytes_ = 0;
  while (!future_decisions_.empty() && future_decisions_.begin()->first < height_)
    future_decisions_.erase(future_decisions_.begin());
  if (auto next = future_decisions_.find(height_); next != future_decisions_.end()) {
    Decision d = std::move(next->second);
    future_decisions_.erase(next);
    (void)on_decision(d);  // applies the next height (and any buffered after it) recursively
    return;
  }
  for (const Message& m : buffered) {
    if (halted_) return;
    (void)on_message(m);
  }
}

}  // namespace grid::consensus
