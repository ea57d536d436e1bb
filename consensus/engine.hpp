// Engine: the Tendermint state machine of one validator (heights, rounds, propose / prevote /
// precommit, locking, valid value, timeouts, commit), driven only by input events.
//
// Contract:
// - Deterministic: no clock, randomness or threads. Outputs go through the injected Network,
//   Timer, Application and Wal; the same inputs in the same order give the same outputs.
// - Inputs: on_message (Proposal, Vote, Decision) and on_timeout. Each returns ok, invalid when
//   the input was refused (bad signature, non-validator, block too large, wrong proposer...;
//   nothing changed), or the halt status once the engine has halted (the WAL or the application
//   failed; the node must restart and call start() on a fresh engine).
// - Safety: every message this node signs is appended and synced to the Wal before it is sent.
//   start() replays the Wal's records of the current height; for each (round, step) at most one
//   message is ever signed per height (a re-request re-sends the stored one), and nothing at or
//   below the last-signed (height, round, step) with another value is ever signed.
// - Heights: after a decision the application applies the block (exactly once, in order), the
//   set it returns takes effect two heights later, the Wal is reset to the new height and round
//   0 starts after the commit timeout. Messages of height + 1 are buffered once their author is
//   a member of that height's set and their signature verifies, within max_future_messages and
//   max_future_bytes; a proposal over max_block_bytes is refused at any height.
// - Nodes that are behind: a signed vote or proposal of a validator from an older height is
//   answered (once per rebroadcast period per sender and height) with the Decisions of that
//   height and the next catch_up_burst - 1 heights, read from Application::committed_block; a
//   node buffers Decisions of up to that many heights ahead and applies them in order, each
//   verified against its own height's set.
// - Evidence: conflicting votes of the current height and of the last few heights are handed
//   to Application::report_evidence once each.
// - Observers: a node whose key is not in the height's set follows the height (proposals,
//   votes, decisions) but never signs a vote; it is never chosen to propose.
// Thread safety: single-threaded; all calls from one thread, never re-entrant.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>

#include "consensus/interfaces.hpp"
#include "consensus/proposer.hpp"
#include "consensus/vote_set.hpp"
#include "consensus/wal.hpp"

namespace grid::consensus {

struct EngineConfig {
  std::string chain_id;
  TimeoutConfig timeouts;
  std::uint64_t max_block_bytes = 4u << 20;  // larger proposals are refused
  Round max_rounds_ahead = 1000;             // messages further ahead are dropped
  std::size_t max_future_messages = 4096;    // buffered messages of height + 1 ...
  std::size_t max_future_bytes = 16u << 20;  // ... and their bytes (blocks and overhead)
  Height catch_up_burst = 16;                // decisions sent at once to a node that is behind
  Height evidence_heights_kept = 2;          // past heights still checked for duplicate votes
};

struct ValueRound {
  BlockHash hash;
  Round round = 0;
};

class Engine {
 public:
  Engine(EngineConfig config, ChainState state, Application& app, Network& network, Timer& timer,
         Signer& signer, Wal& wal);
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Replays the Wal's records of the current height, then runs (re-sends what it signed and
  // schedules the timers of its step). Call once.
  core::Status start();

  core::Status on_message(const Message& message);
  core::Status on_proposal(const Proposal& proposal);
  core::Status on_vote(const Vote& vote);
  core::Status on_decision(const Decision& decision);
  core::Status on_timeout(const TimeoutEvent& event);

  Height height() const { return height_; }
  Round round() const { return round_; }
  Step step() const { return step_; }
  bool halted() const { return halted_; }
  const core::Status& halt_status() const { return halt_status_; }
  const std::optional<ValueRound>& locked() const { return locked_; }
  const std::optional<ValueRound>& valid() const { return valid_; }
  const std::optional<LastSigned>& last_signed() const { return last_signed_; }
  const ValidatorSet& validators() const { return *validators_; }
  const ValidatorKey& proposer(Round round) { return schedule_.proposer(round); }
  const ValidatorKey& key() const { return signer_.public_key(); }

 private:
  using SignedKey = std::pair<Round, Step>;
  using EvidenceKey = std::tuple<Height, Round, VoteType, ValidatorKey>;

  // lifecycle (engine.cpp)
  void enter_height(const ValidatorSet& base, ValidatorSet next);
  void start_round(Round round);
  void decide(const Commit& commit, const core::Bytes& block);
  void halt(core::Status status);
  core::Status verdict(core::Status refused = core::Status::ok()) const;
  bool log_input(const WalEntry& entry);
  core::Status buffer_future(const Message& message, const ValidatorKey& author);
  core::Status on_past_proposal(const Proposal& proposal);
  core::Status on_past_vote(const Vote& vote);
  void reply_to_laggard(const ValidatorKey& to, Height height);
  void report(const std::optional<Evidence>& evidence);
  void rebroadcast();
  void relay_polka(const ValueRound& polka);

  // the round rules (engine_rules.cpp)
  void progress();
  bool try_decide();
  bool try_skip_round();
  bool try_prevote();
  bool try_polka();
  bool try_nil_polka();
  void schedule_step_timeouts();
  void on_step_timeout(const TimeoutEvent& event);
  bool block_valid(const Proposal& proposal, bool decided = false);
  const Proposal* proposal_with(const BlockHash& hash);
  const VoteSet* votes(Round round, VoteType type) const { return votes_.find(round, type); }

  // signing and recovery (engine_signing.cpp)
  void propose();
  void cast_vote(VoteType type, const VoteValue& value);
  std::optional<Message> sign_once(Round round, Step step, const VoteValue& value,
                                   Message unsigned_message);
  bool guard_allows(const LastSigned& next) const;
  void remember_signed(const Message& message);
  void apply_own(const Message& message);
  void replay();

  EngineConfig config_;
  Application& app_;
  Network& network_;
  Timer& timer_;
  Signer& signer_;
  Wal& wal_;

  Height height_;
  Round round_ = 0;
  Step step_ = Step::propose;
  bool waiting_new_height_ = false;  // between a decision and round 0 of the next height
  bool replaying_ = false;
  bool halted_ = false;
  core::Status halt_status_;

  std::shared_ptr<const ValidatorSet> validators_;
  ValidatorSet next_validators_;
  ProposerSchedule schedule_;
  HeightVotes votes_;
  std::map<Height, HeightVotes> past_votes_;
  std::map<Round, Proposal> proposals_;
  // (hash, digest of the bytes, builder checked) -> valid
  std::map<std::tuple<BlockHash, core::Hash32, std::optional<ValidatorKey>>, bool> validity_;
  std::optional<Decision> received_decision_;
  std::optional<ValueRound> locked_;
  std::optional<ValueRound> valid_;
  std::set<Round> prevote_timeouts_, precommit_timeouts_, polkas_seen_;

  std::map<SignedKey, Message> own_signed_;  // what this node signed at this height
  std::optional<LastSigned> last_signed_;

  static constexpr std::size_t kFutureMessageOverhead = 256;  // per buffered message, in bytes
  std::vector<Message> future_;
  std::size_t future_bytes_ = 0;
  std::map<Height, Decision> future_decisions_;  // heights above this one, applied in order
  std::set<std::pair<ValidatorKey, Height>> replied_;
  std::set<EvidenceKey> reported_;
};

}  // namespace grid::consensus
