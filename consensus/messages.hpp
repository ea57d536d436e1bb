// Consensus messages: Proposal, Vote, Commit, duplicate-vote Evidence, the Decision sent to
// nodes that are behind, and the Message union that travels on the network and in the WAL.
//
// Contract:
// - Every layout is the canonical codec (core/codec.hpp) of the fields in declaration order;
//   docs/consensus.md lists the bytes. Decoding is strict (unknown tags, bad enums, lengths over
//   the caps and trailing bytes are errors).
// - Sign-bytes: blake2b_256(domain tag || encode(chain_id) || encode(signed fields)); the tags are
//   "gridchain/proposal/v1" and "gridchain/vote/v2". A proposal signs (height, round, pol_round,
//   block_hash); the block bytes are bound through block_hash, which the application checks. A
//   vote signs (type, height, round, block_hash, timestamp_ms): the timestamp is the signer's
//   clock when it voted, and the block time of the next height is derived from the timestamps of
//   a commit (consensus/block_time.hpp), so no single clock sets it.
// - verify_* check the signature and, when a set is given, that the signer is a member. They do
//   not judge the block (the application does) nor the round rules (the engine does).
// Thread safety: values and pure functions.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "consensus/types.hpp"
#include "consensus/validator_set.hpp"
#include "core/codec.hpp"

namespace grid::consensus {

inline constexpr std::uint64_t kMaxBlockBytesDecode = 32u << 20;  // the codec cap; config is lower
inline constexpr std::string_view kProposalTag = "gridchain/proposal/v1";
inline constexpr std::string_view kVoteTag = "gridchain/vote/v2";

struct Proposal {
  Height height = 0;
  Round round = 0;
  std::optional<Round> pol_round;  // the round of the polka for this block, if re-proposed
  BlockHash block_hash;
  core::Bytes block;  // opaque to consensus
  ValidatorKey proposer{};
  Signature signature{};

  bool operator==(const Proposal&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.height);
    v(self.round);
    v(self.pol_round);
    v(self.block_hash);
    v(self.block, core::Limit{kMaxBlockBytesDecode});
    v(self.proposer);
    v(self.signature);
  }
};

struct Vote {
  VoteType type = VoteType::prevote;
  Height height = 0;
  Round round = 0;
  VoteValue block_hash;            // nullopt = nil
  std::uint64_t timestamp_ms = 0;  // the signer's clock (unix ms); not part of the value voted for
  ValidatorKey validator{};
  Signature signature{};

  bool operator==(const Vote&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.type, core::Limit{kMaxVoteType});
    v(self.height);
    v(self.round);
    v(self.block_hash);
    v(self.timestamp_ms);
    v(self.validator);
    v(self.signature);
  }
};

struct CommitSig {
  ValidatorKey validator{};
  std::uint64_t timestamp_ms = 0;  // of that validator's precommit
  Signature signature{};

  bool operator==(const CommitSig&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.validator);
    v(self.timestamp_ms);
    v(self.signature);
  }
};

// Precommit signatures for one block from more than 2/3 of the height's voting power.
struct Commit {
  Height height = 0;
  Round round = 0;
  BlockHash block_hash;
  std::vector<CommitSig> signatures;  // sorted by validator key, unique

  bool operator==(const Commit&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.height);
    v(self.round);
    v(self.block_hash);
    v(self.signatures, core::Limit{kMaxValidators});
  }
};

// Two signed votes of one validator for the same (height, round, type) with different values
// (two votes that differ only in their timestamp are not an offence: the first one counts).
// Canonical order: first < second by their encoding, so each offence has one encoding.
struct Evidence {
  Vote first;
  Vote second;

  bool operator==(const Evidence&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.first);
    v(self.second);
  }
};

// A committed block with its commit, sent to a validator that is still at that height.
struct Decision {
  Commit commit;
  core::Bytes block;

  bool operator==(const Decision&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.commit);
    v(self.block, core::Limit{kMaxBlockBytesDecode});
  }
};

enum class MessageKind : std::uint8_t { proposal = 1, vote = 2, decision = 3 };

// The network message: u8 kind, then the struct.
struct Message {
  std::variant<Proposal, Vote, Decision> value;

  bool operator==(const Message&) const = default;
  MessageKind kind() const { return static_cast<MessageKind>(value.index() + 1); }
  void encode_to(core::Writer& w) const;
  void decode_from(core::Reader& r);
};

core::Hash32 proposal_sign_digest(std::string_view chain_id, const Proposal& p);
core::Hash32 vote_sign_digest(std::string_view chain_id, const Vote& v);
Vote precommit_from(const Commit& commit, const CommitSig& sig);

core::Status verify_proposal(std::string_view chain_id, const Proposal& p);
core::Status verify_vote(std::string_view chain_id, const Vote& v);
core::Status verify_commit(std::string_view chain_id, const ValidatorSet& set, const Commit& c);
core::Status verify_evidence(std::string_view chain_id, const ValidatorSet& set, const Evidence& e);

// The evidence of two conflicting votes in canonical order; nullopt if they do not conflict.
std::optional<Evidence> make_evidence(const Vote& a, const Vote& b);

}  // namespace grid::consensus
