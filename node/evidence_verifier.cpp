#include "node/evidence_verifier.hpp"

#include "consensus/messages.hpp"
#include "core/blake2b.hpp"
#include "core/codec.hpp"

namespace grid::node {

core::Result<ledger::EvidenceFacts> BlockStoreEvidenceVerifier::verify(
    core::ByteView evidence) const {
  auto decoded = core::decode<consensus::Evidence>(evidence);
  if (!decoded)
    return core::Status::invalid("evidence does not decode: " + decoded.error().message());
  const consensus::Evidence& e = *decoded;
  const std::uint64_t height = e.first.height;
  GRID_ASSIGN(auto set, blocks_.validators(height));
  GRID_ASSIGN(auto block, blocks_.block(height));
  if (!set || !block)
    return core::Status::not_found("evidence for height " + std::to_string(height) +
                                   ", which is not committed here");
  GRID_TRY(consensus::verify_evidence(chain_id_, *set, e));
  ledger::EvidenceFacts facts;
  facts.offender_key = e.first.validator;
  facts.height = height;
  facts.time = block->header.time;
  facts.id = core::blake2b_256(core::encode(e));
  return facts;
}

std::optional<std::uint64_t> evidence_height(core::ByteView evidence) {
  auto decoded = core::decode<consensus::Evidence>(evidence);
  if (!decoded) return std::nullopt;
  return decoded->first.height;
}

}  // namespace grid::node
