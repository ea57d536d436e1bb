// EvidenceVerifier: how the staking module learns what a piece of double-sign evidence proves,
// without ledger/ depending on consensus/. The node implements it with consensus::verify_evidence
// (the evidence bytes are codec-encoded consensus::Evidence {first: Vote, second: Vote}); tests
// use fakes.
//
// Contract: verify() is deterministic (same bytes and same chain history, same answer on every
// machine), reads no clock, and reports bytes that do not decode or do not prove a double sign
// as an error Status (the staking module turns any error into a refusal or an
// "evidence_ignored" event; it never fails a block because of evidence).
#pragma once

#include <array>
#include <cstdint>

#include "core/bytes.hpp"
#include "core/hash.hpp"
#include "core/status.hpp"

namespace grid::ledger {

struct EvidenceFacts {
  std::array<std::uint8_t, 32> offender_key{};  // the consensus key that signed twice
  std::uint64_t height = 0;                     // of the conflicting votes
  std::uint64_t time = 0;                       // block time of that height
  core::Hash32 id;                              // stable hash of the evidence
};

class EvidenceVerifier {
 public:
  virtual ~EvidenceVerifier() = default;
  // Decodes and verifies duplicate-vote evidence bytes against the validator set of its
  // height; time = that height's block time; id = a stable hash of the evidence.
  virtual core::Result<EvidenceFacts> verify(core::ByteView evidence) const = 0;
};

}  // namespace grid::ledger
