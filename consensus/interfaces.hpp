// The interfaces the engine declares and the node implements: Application, Network, Timer and
// Signer (with the ed25519 Signer over core).
//
// Contract:
// - Application: build_proposal(h) returns block bytes and their hash (the app defines the hash);
//   check_proposal(h, bytes, hash, builder) is ok when the block is valid at h AND hash is its
//   hash, Code::invalid when not (any other code is a local failure that halts the engine);
//   `builder` is the proposer of a fresh proposal (no pol_round), whom the block must name as
//   its builder (the node: its operator account gets the fees), and nullopt for a re-proposed
//   or decided block, which a quorum already accepted when it was fresh;
//   apply_committed(block, next_base) applies a decided block exactly once, in height order, and
//   must durably store it together with `next_base` (the validator set with proposer priorities
//   for height+1, which the node hands back in ChainState on restart); it returns the validator
//   set that takes effect at height+2 and the state root. committed_block(h) returns a block it
//   applied, with its commit, if it still stores it (the engine serves nodes that are behind
//   from it). report_evidence receives each
//   duplicate-vote offence once per engine lifetime (the app deduplicates across restarts).
// - Network: best effort; send/broadcast never block and never call back into the engine.
//   broadcast excludes this node. Messages to a key reach every node holding it.
// - Timer: schedule() delivers the event later via Engine::on_timeout; never synchronously.
//   now_ms() is the local wall clock (unix ms); the engine only stamps its votes with it, so a
//   wrong clock changes the timestamps this validator signs and nothing else.
// - Signer: signs 32-byte digests; deterministic.
// All calls come from the engine's single thread.
#pragma once

#include "consensus/messages.hpp"
#include "consensus/timeouts.hpp"
#include "consensus/validator_set.hpp"
#include "core/status.hpp"

namespace grid::consensus {

struct ProposedBlock {
  core::Bytes block;
  BlockHash hash;
};

struct CommittedBlock {
  Height height = 0;
  core::Bytes block;
  BlockHash hash;
  Commit commit;
};

struct ApplyOutcome {
  ValidatorSet validators_after_next;  // takes effect at height + 2
  core::StateRoot state_root;
};

// Where the engine starts: the next height to decide and the sets of that height and the next.
struct ChainState {
  Height height = 1;
  ValidatorSet validators;       // for `height`, with proposer priorities
  ValidatorSet next_validators;  // for height + 1 (membership; priorities are carried)

  static ChainState genesis(const ValidatorSet& set) { return ChainState{1, set, set}; }
};

class Application {
 public:
  virtual ~Application() = default;
  virtual core::Result<ProposedBlock> build_proposal(Height height) = 0;
  virtual core::Status check_proposal(Height height, core::ByteView block, const BlockHash& hash,
                                      const std::optional<ValidatorKey>& builder) = 0;
  virtual core::Result<ApplyOutcome> apply_committed(const CommittedBlock& block,
                                                     const ValidatorSet& next_base) = 0;
  virtual std::optional<CommittedBlock> committed_block(Height height) const = 0;
  virtual void report_evidence(const Evidence& evidence) = 0;
};

class Network {
 public:
  virtual ~Network() = default;
  virtual void send(const ValidatorKey& to, const Message& message) = 0;
  virtual void broadcast(const Message& message) = 0;
};

class Timer {
 public:
  virtual ~Timer() = default;
  virtual void schedule(const TimeoutEvent& event, std::uint64_t delay_ms) = 0;
  virtual std::uint64_t now_ms() = 0;
};

class Signer {
 public:
  virtual ~Signer() = default;
  virtual const ValidatorKey& public_key() const = 0;
  virtual Signature sign(const core::Hash32& digest) = 0;
};

class Ed25519Signer final : public Signer {
 public:
  explicit Ed25519Signer(core::Ed25519SecretKey key) : key_(std::move(key)) {}
  const ValidatorKey& public_key() const override { return key_.public_key(); }
  Signature sign(const core::Hash32& digest) override { return key_.sign(digest.view()); }

 private:
  core::Ed25519SecretKey key_;
};

}  // namespace grid::consensus
