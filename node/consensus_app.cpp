#include "node/consensus_app.hpp"

#include "consensus/block_time.hpp"
#include "consensus/proposer.hpp"
#include "node/evidence_verifier.hpp"
#include "node/log.hpp"

namespace grid::node {
namespace {

core::Result<ledger::Block> decode_block(core::ByteView bytes) {
  auto block = core::decode<ledger::Block>(bytes);
  if (!block) return core::Status::invalid("undecodable block: " + block.error().message());
  return block;
}

}  // namespace

ConsensusApp::ConsensusApp(Chain& chain, Mempool& mempool, consensus::ValidatorKey own_key,
                           BlockLimits limits, CommittedHook on_committed)
    : chain_(chain),
      mempool_(mempool),
      own_key_(own_key),
      limits_(limits),
      on_committed_(std::move(on_committed)) {}

ledger::ExecuteOptions ConsensusApp::execute_options() const {
  ledger::ExecuteOptions options;
  const Mempool* pool = &mempool_;
  options.signature_verified = [pool](const core::TxId& id) {
    return pool->signature_verified(id);
  };
  return options;
}

core::Result<consensus::ProposedBlock> ConsensusApp::build_proposal(consensus::Height height) {
  if (height != chain_.tip().height + 1)
    return core::Status::internal("asked to propose height " + std::to_string(height) + " on tip " +
                                  std::to_string(chain_.tip().height));
  // The time comes from this node's commit of the tip (Chain::next_block_time), which rides in
  // the block as last_commit so that every validator derives the same time from it.
  ledger::BlockHeader header = chain_.next_header_template();
  GRID_ASSIGN(auto operator_account, chain_.operator_of(own_key_));
  if (operator_account) header.proposer = *operator_account;
  GRID_ASSIGN(auto set, chain_.validators_at(height));
  GRID_ASSIGN(auto next, chain_.members_after_tip());
  header.validator_set_hash = set.hash();
  header.next_validator_set_hash = next.hash();
  core::Bytes last_commit;
  if (height > 1) {
    GRID_ASSIGN(auto last, chain_.blocks().commit(height - 1));
    if (!last)
      return core::Status::internal("no stored commit for height " + std::to_string(height - 1));
    last_commit = core::encode(*last);
  }
  // Evidence rides in the block so that every node applies it (the staking module slashes the
  // offender). Only evidence of committed heights: the verifier needs that height's block time;
  // the rest waits for a later block.
  std::vector<core::Bytes> evidence;
  for (const auto& e : pending_evidence_)
    if (auto h = evidence_height(e); h && *h < height) evidence.push_back(e);
  auto options = execute_options();
  GRID_ASSIGN(auto built,
              chain_.build(header, mempool_.select(limits_.max_txs, limits_.max_tx_bytes), options,
                           std::move(evidence), std::move(last_commit)));
  ledger::Block block = std::move(built.block);
  core::BlockHash hash = ledger::block_hash(block.header);
  GRID_TRY(chain_.prepare(block, hash, options));
  return consensus::ProposedBlock{core::encode(block), hash};
}

core::Status ConsensusApp::check_header(const ledger::BlockHeader& header,
                                        consensus::Height height) const {
  if (header.height != height)
    return core::Status::invalid("the block is for height " + std::to_string(header.height));
  if (header.chain_id != chain_.chain_id())
    return core::Status::invalid("the block is for chain '" + header.chain_id + "'");
  GRID_ASSIGN(auto set, chain_.validators_at(height));
  if (header.validator_set_hash != set.hash())
    return core::Status::invalid("wrong validator set hash");
  GRID_ASSIGN(auto next, chain_.members_after_tip());
  if (header.next_validator_set_hash != next.hash())
    return core::Status::invalid("wrong next validator set hash");
  return core::Status::ok();
}

core::Status ConsensusApp::check_proposal(consensus::Height height, core::ByteView bytes,
                                          const consensus::BlockHash& hash,
                                          const std::optional<consensus::ValidatorKey>& builder) {
  GRID_ASSIGN(auto block, decode_block(bytes));
  if (ledger::block_hash(block.header) != hash)
    return core::Status::invalid("the proposal's hash is not its block's hash");
  GRID_TRY(check_header(block.header, height));
  if (builder) {
    GRID_ASSIGN(auto operator_account, chain_.operator_of(*builder));
    if (block.header.proposer != operator_account.value_or(core::AccountId{}))
      return core::Status::invalid("the block names another proposer than " +
                                   consensus::short_key(*builder) + "'s operator (its fees)");
  }
  GRID_TRY(check_time(block, height));
  return chain_.prepare(block, hash, execute_options());
}

// BFT time: the block's time must be the one its last commit gives (consensus/block_time.hpp).
// The local clock plays no part, so a validator whose clock is wrong judges like the others.
core::Status ConsensusApp::check_time(const ledger::Block& block, consensus::Height height) const {
  std::uint64_t expected = chain_.tip().time + 1;  // block 1: genesis time + 1
  if (height == 1) {
    if (!block.last_commit.empty())
      return core::Status::invalid("the first block carries a last commit");
  } else {
    auto commit = core::decode<consensus::Commit>(block.last_commit);
    if (!commit)
      return core::Status::invalid("undecodable last commit: " + commit.error().message());
    if (commit->height != height - 1 || commit->block_hash != chain_.tip().hash)
      return core::Status::invalid("the last commit is not the commit of the tip");
    GRID_ASSIGN(auto set, chain_.validators_at(height - 1));
    GRID_TRY(consensus::verify_commit(chain_.chain_id(), set, *commit));
    GRID_ASSIGN(expected, chain_.time_after(chain_.tip_header(), *commit));
  }
  if (block.header.time != expected)
    return core::Status::invalid("block time " + std::to_string(block.header.time) +
                                 " is not the time its last commit gives (" +
                                 std::to_string(expected) + ")");
  return core::Status::ok();
}

core::Status ConsensusApp::finish_commit(const ledger::Block& block, const AppliedBlock& applied) {
  for (const auto& e : block.evidence) pending_evidence_.erase(e);
  ledger::BlockHeader next = chain_.next_header_template();
  GRID_TRY(mempool_.on_block_committed(block, chain_.state(), next));
  if (on_committed_) on_committed_(block, applied);
  return core::Status::ok();
}

core::Result<consensus::ApplyOutcome> ConsensusApp::apply_committed(
    const consensus::CommittedBlock& committed, const consensus::ValidatorSet& next_base) {
  GRID_ASSIGN(auto block, decode_block(committed.block));
  if (block.header.height != committed.height)
    return core::Status::internal("a decided block has the wrong height");
  GRID_ASSIGN(auto applied, chain_.commit(block, committed.block, committed.commit, next_base,
                                          execute_options()));
  GRID_TRY(finish_commit(block, applied));
  GRID_ASSIGN(auto after_next, chain_.members_after_tip());
  return consensus::ApplyOutcome{std::move(after_next), applied.state_root};
}

core::Status ConsensusApp::apply_synced(core::ByteView bytes, const consensus::Commit& commit) {
  // Cheap before expensive, and nothing large decoded from a peer before the validators vouch
  // for it: the header (a prefix of the block), its hash against the commit, the commit's
  // signatures, and only then the body.
  const std::uint64_t height = chain_.tip().height + 1;
  if (commit.height != height)
    return core::Status::invalid("a synced commit for height " + std::to_string(commit.height) +
                                 " arrived while the tip is " + std::to_string(height - 1));
  core::Reader prefix(bytes);
  ledger::BlockHeader header;
  core::read_value(prefix, header);
  if (!prefix.ok())
    return core::Status::invalid("undecodable block header: " + prefix.status().message());
  if (header.height != height || ledger::block_hash(header) != commit.block_hash)
    return core::Status::invalid("the commit is not for this block");
  GRID_ASSIGN(auto set, chain_.validators_at(height));
  GRID_TRY(consensus::verify_commit(chain_.chain_id(), set, commit));
  GRID_ASSIGN(auto block, decode_block(bytes));
  GRID_TRY(check_header(block.header, height));
  // The base of the next height: this height's base after one proposer round, carried into
  // the membership the state gave before this block (exactly what the engine computes).
  GRID_ASSIGN(auto members, chain_.members_after_tip());
  consensus::ValidatorSet next_base = consensus::ProposerSchedule(set).next_base(members);
  GRID_ASSIGN(auto applied, chain_.commit(block, bytes, commit, next_base, execute_options()));
  return finish_commit(block, applied);
}

std::optional<consensus::CommittedBlock> ConsensusApp::committed_block(
    consensus::Height height) const {
  auto bytes = chain_.blocks().block_bytes(height);
  auto commit = chain_.blocks().commit(height);
  if (!bytes || !commit || !*bytes || !*commit) return std::nullopt;
  return consensus::CommittedBlock{height, std::move(**bytes), (*commit)->block_hash, **commit};
}

void ConsensusApp::report_evidence(const consensus::Evidence& evidence) {
  log_warn("consensus",
           "duplicate vote evidence at height " + std::to_string(evidence.first.height));
  pending_evidence_.insert(core::encode(evidence));
}

}  // namespace grid::node
