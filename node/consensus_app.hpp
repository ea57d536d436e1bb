// ConsensusApp: the consensus::Application the engine drives, over the Chain and the Mempool.
//
// Contract:
// - build_proposal(h): a block on the tip from the mempool's selection (invalid candidates left
//   out), with the header filled: proposer = this validator's operator account, validator set
//   hashes of h and h+1, last_commit = this node's commit of h-1 (with its hash in the header),
//   time = the block time that commit gives (BFT time, consensus/block_time.hpp), pending
//   evidence. No clock is read.
// - check_proposal(h, bytes, hash, builder): strict decode, hash, height, chain id, previous, set
//   hashes, for a fresh proposal header.proposer = the operator account of its proposer (the fees
//   go there; an account of none when the validator has no operator record),
//   the last commit (a valid commit of the tip against the set of h-1) and the time it gives,
//   then a full execution with every root checked (Chain::prepare, cached for the commit). No
//   clock is read: a validator with a wrong clock judges every proposal as the others do.
// - apply_committed: Chain::commit (one synced batch), then the mempool drops the included and
//   now-invalid transactions, then on_committed is told; returns the membership for h+2.
// - Signatures are verified once: the executor asks the mempool's cache first.
// Thread safety: the node thread only.
#pragma once

#include <functional>
#include <set>

#include "consensus/interfaces.hpp"
#include "node/chain.hpp"
#include "node/mempool.hpp"

namespace grid::node {

struct BlockLimits {
  std::size_t max_txs = 10'000;
  std::size_t max_tx_bytes = 3u << 20;
};

class ConsensusApp final : public consensus::Application {
 public:
  using CommittedHook = std::function<void(const ledger::Block&, const AppliedBlock&)>;
  ConsensusApp(Chain& chain, Mempool& mempool, consensus::ValidatorKey own_key, BlockLimits limits,
               CommittedHook on_committed);

  core::Result<consensus::ProposedBlock> build_proposal(consensus::Height height) override;
  core::Status check_proposal(consensus::Height height, core::ByteView block,
                              const consensus::BlockHash& hash,
                              const std::optional<consensus::ValidatorKey>& builder) override;
  core::Result<consensus::ApplyOutcome> apply_committed(
      const consensus::CommittedBlock& block, const consensus::ValidatorSet& next_base) override;
  std::optional<consensus::CommittedBlock> committed_block(consensus::Height height) const override;
  void report_evidence(const consensus::Evidence& evidence) override;

  // For block sync: decodes the header only, checks that `commit` is for it and verifies the
  // commit against the set of its height, then decodes the body and applies the block.
  core::Status apply_synced(core::ByteView block_bytes, const consensus::Commit& commit);
  ledger::ExecuteOptions execute_options() const;

 private:
  core::Status check_header(const ledger::BlockHeader& header, consensus::Height height) const;
  core::Status check_time(const ledger::Block& block, consensus::Height height) const;
  core::Status finish_commit(const ledger::Block& block, const AppliedBlock& applied);

  Chain& chain_;
  Mempool& mempool_;
  consensus::ValidatorKey own_key_;
  BlockLimits limits_;
  CommittedHook on_committed_;
  std::set<core::Bytes> pending_evidence_;
};

}  // namespace grid::node
