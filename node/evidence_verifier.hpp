// BlockStoreEvidenceVerifier: the node's ledger::EvidenceVerifier. It decodes duplicate-vote
// evidence (consensus::Evidence, strict codec), checks it with consensus::verify_evidence against
// the validator set the block store recorded for the evidence's height, and reports the
// offender's consensus key, the height, that height's block time and the evidence id
// (blake2b-256 of its canonical encoding).
//
// Contract:
// - Evidence for a height the store has not committed yet is refused (not_found): its block time
//   is not known. The proposer only includes evidence of committed heights.
// - Deterministic for a given block store history: every node that applied the same blocks gives
//   the same answer, so the staking module may act on it inside block execution.
// Thread safety: reads the block store; call it from the node thread (block execution).
#pragma once

#include <string>

#include "ledger/evidence.hpp"
#include "node/block_store.hpp"

namespace grid::node {

class BlockStoreEvidenceVerifier final : public ledger::EvidenceVerifier {
 public:
  BlockStoreEvidenceVerifier(std::string chain_id, const BlockStore& blocks)
      : chain_id_(std::move(chain_id)), blocks_(blocks) {}

  core::Result<ledger::EvidenceFacts> verify(core::ByteView evidence) const override;

 private:
  std::string chain_id_;
  const BlockStore& blocks_;
};

// The height of encoded duplicate-vote evidence; nullopt when the bytes do not decode.
std::optional<std::uint64_t> evidence_height(core::ByteView evidence);

}  // namespace grid::node
