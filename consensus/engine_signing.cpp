// Signing under the double-sign guard, and recovery from the WAL.
#include "consensus/engine.hpp"

namespace grid::consensus {

namespace {

auto position(const LastSigned& s) {
  return std::make_tuple(s.height, s.round, s.step);
}

Height height_of(const Message& m) {
  return std::visit(
      [](const auto& x) -> Height {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Decision>)
          return x.commit.height;
        else
          return x.height;
      },
      m.value);
}

// The guard record of a message this node signed (proposals and votes only).
std::optional<LastSigned> signed_position(const Message& m) {
  if (const auto* p = std::get_if<Proposal>(&m.value))
    return LastSigned{p->height, p->round, Step::propose, p->block_hash};
  if (const auto* v = std::get_if<Vote>(&m.value))
    return LastSigned{v->height, v->round, step_of(v->type), v->block_hash};
  return std::nullopt;
}

void keep_highest(std::optional<LastSigned>& current, const LastSigned& candidate) {
  if (!current || position(*current) < position(candidate)) current = candidate;
}

}  // namespace

void Engine::propose() {
  std::optional<Message> message;
  if (auto it = own_signed_.find({round_, Step::propose}); it != own_signed_.end()) {
    message = it->second;  // re-send what was signed before a restart; never build anew
  } else {
    Proposal p{height_, round_, std::nullopt, {}, {}, signer_.public_key(), {}};
    const Proposal* valid_block = valid_ ? proposal_with(valid_->hash) : nullptr;
    if (valid_block) {
      p.pol_round = valid_->round;
      p.block_hash = valid_block->block_hash;
      p.block = valid_block->block;
    } else {
      auto built = app_.build_proposal(height_);
      if (!built || built->block.size() > config_.max_block_bytes)
        return;  // let the round time out
      p.block_hash = built->hash;
      p.block = std::move(built->block);
    }
    message = sign_once(round_, Step::propose, p.block_hash, Message{std::move(p)});
  }
  if (!message) return;
  apply_own(*message);
  network_.broadcast(*message);
  const auto& proposal = std::get<Proposal>(message->value);
  if (proposal.pol_round) relay_polka(ValueRound{proposal.block_hash, *proposal.pol_round});
}

void Engine::cast_vote(VoteType type, const VoteValue& value) {
  // A node outside the set (a full node following consensus) observes; it never signs.
  if (!validators_->find(signer_.public_key())) return;
  Vote v{type, height_, round_, value, timer_.now_ms(), signer_.public_key(), {}};
  auto message = sign_once(round_, step_of(type), value, Message{v});
  if (!message) return;
  apply_own(*message);
  network_.broadcast(*message);
}

bool Engine::guard_allows(const LastSigned& next) const {
  if (!last_signed_) return true;
  if (position(*last_signed_) < position(next)) return true;
  return position(*last_signed_) == position(next) && last_signed_->block_hash == next.block_hash;
}

std::optional<Message> Engine::sign_once(Round round, Step step, const VoteValue& value,
                                         Message message) {
  if (auto it = own_signed_.find({round, step}); it != own_signed_.end()) return it->second;
  if (!guard_allows(LastSigned{height_, round, step, value})) return std::nullopt;
  if (auto* p = std::get_if<Proposal>(&message.value))
    p->signature = signer_.sign(proposal_sign_digest(config_.chain_id, *p));
  if (auto* v = std::get_if<Vote>(&message.value))
    v->signature = signer_.sign(vote_sign_digest(config_.chain_id, *v));
  core::Status st = wal_.append(WalEntry{WalSigned{message}}, true);  // durable before sending
  if (!st.is_ok()) {
    halt(std::move(st));
    return std::nullopt;
  }
  remember_signed(message);
  return message;
}

void Engine::remember_signed(const Message& message) {
  auto pos = signed_position(message);
  if (!pos) return;
  keep_highest(last_signed_, *pos);
  if (pos->height == height_) own_signed_[{pos->round, pos->step}] = message;
}

void Engine::apply_own(const Message& message) {
  if (const auto* p = std::get_if<Proposal>(&message.value)) {
    proposals_.emplace(p->round, *p);
    return;
  }
  const auto* v = std::get_if<Vote>(&message.value);
  if (!v) return;
  (void)votes_.add(*v);
  // A precommit for a block is a lock on it, also when it was re-read from the WAL.
  if (v->type == VoteType::precommit && v->block_hash && (!locked_ || locked_->round <= v->round))
    locked_ = ValueRound{*v->block_hash, v->round};
}

void Engine::replay() {
  bool height_logged = false;
  for (const WalEntry& entry : wal_.recovered()) {
    if (const auto* start = std::get_if<WalHeightStart>(&entry.value)) {
      if (start->guard) keep_highest(last_signed_, *start->guard);
      height_logged = height_logged || start->height == height_;
    } else if (const auto* s = std::get_if<WalSigned>(&entry.value)) {
      remember_signed(s->message);
    }
  }
  if (!height_logged) {
    core::Status st = wal_.reset(WalEntry{WalHeightStart{height_, last_signed_}});
    if (!st.is_ok()) return halt(std::move(st));
    start_round(0);
    return;
  }
  for (const auto& [key, message] : own_signed_) apply_own(message);
  replaying_ = true;
  waiting_new_height_ = true;
  const Height height = height_;
  for (const WalEntry& entry : wal_.recovered()) {
    if (halted_ || height_ != height) break;
    if (const auto* r = std::get_if<WalReceived>(&entry.value)) {
      if (height_of(r->message) == height) (void)on_message(r->message);
    } else if (const auto* t = std::get_if<TimeoutEvent>(&entry.value)) {
      if (t->height == height) (void)on_timeout(*t);
    }
  }
  replaying_ = false;
  if (waiting_new_height_ && height_ == height) start_round(0);
}

}  // namespace grid::consensus
