// Chain: the node's durable ledger: one LevelDB store holding the authenticated state (StateDb)
// and the block store, the modules (ledger + contracts), the genesis, and the tip.
//
// Contract:
// - open() creates the genesis state and records on an empty store, or checks that the store
//   belongs to this genesis (else Code::invalid "belongs to another chain") and that the state
//   and the block store agree on the tip (else Code::corruption: the store is damaged and is
//   never used).
// - prepare() executes a block on top of the tip and checks every root without writing; the
//   outcome is cached by block hash so that a block checked as a proposal is not executed again
//   when it is committed (the cache is dropped whenever the tip moves).
// - commit() applies a decided block: state delta, block, commit, receipts, indexes, the
//   validator set of the next height and the new tip go into ONE synced WriteBatch, so a crash
//   leaves either the whole block or none of it.
// - next_block_time() is derived from the tip's commit (precommit timestamps), never a clock.
// - validators_at(h) is the consensus set deciding height h (with proposer priorities);
//   members_after_tip() is the membership the state gives for height tip + 2.
// Thread safety: single-threaded (the node thread). Reads of the block store (blocks(), whose
//   records never change once written) may run on other threads.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "consensus/messages.hpp"
#include "consensus/validator_set.hpp"
#include "core/leveldb_store.hpp"
#include "ledger/block_apply.hpp"
#include "ledger/evidence.hpp"
#include "ledger/genesis.hpp"
#include "ledger/state_db.hpp"
#include "node/block_store.hpp"

namespace grid::node {

struct AppliedBlock {
  std::uint64_t height = 0;
  core::BlockHash hash;
  core::StateRoot state_root;
  ledger::BlockResults results;
};

class Chain {
 public:
  static core::Result<std::unique_ptr<Chain>> open(const std::string& data_dir,
                                                   const ledger::Genesis& genesis);

  const ledger::Genesis& genesis() const { return genesis_; }
  const core::GenesisHash& genesis_hash() const { return genesis_hash_; }
  const std::string& chain_id() const { return genesis_.chain_id; }
  const ledger::StateDb& state() const { return *state_; }
  const BlockStore& blocks() const { return *blocks_; }
  const ledger::Modules& modules() const { return modules_; }
  const Tip& tip() const { return tip_; }
  // The header of the tip block; for height 0 a synthetic header (genesis time, hash of genesis).
  const ledger::BlockHeader& tip_header() const { return tip_header_; }
  // The time the next block will have: the block time the tip's stored commit gives
  // (consensus/block_time.hpp); genesis time + 1 for height 1. It never reads the local clock,
  // so admission and simulation agree with the chain whatever this machine's clock says.
  std::uint64_t next_block_time() const { return next_time_; }
  // The block time that `commit` (of the block with `header`) gives the next block: the one rule,
  // used for next_block_time() and to check a proposal's time against the commit it carries.
  core::Result<std::uint64_t> time_after(const ledger::BlockHeader& header,
                                         const consensus::Commit& commit) const;
  // The header the next block would have (time included), before its proposer fills the roots.
  ledger::BlockHeader next_header_template() const;

  core::Result<consensus::ValidatorSet> validators_at(std::uint64_t height) const;
  core::Result<consensus::ValidatorSet> members_after_tip() const;
  // The operator account of a validator key in the current state (fees go there).
  core::Result<std::optional<core::AccountId>> operator_of(
      const consensus::ValidatorKey& key) const;

  core::Result<ledger::BuiltBlock> build(ledger::BlockHeader header,
                                         std::vector<ledger::Transaction> candidates,
                                         const ledger::ExecuteOptions& options,
                                         std::vector<core::Bytes> evidence,
                                         core::Bytes last_commit) const;
  // Executes `block` (whose hash is `hash`) on the tip: ok, Code::invalid with the reason, or
  // a node failure.
  core::Status prepare(const ledger::Block& block, const core::BlockHash& hash,
                       const ledger::ExecuteOptions& options);
  core::Result<AppliedBlock> commit(const ledger::Block& block, core::ByteView block_bytes,
                                    const consensus::Commit& commit,
                                    const consensus::ValidatorSet& next_base,
                                    const ledger::ExecuteOptions& options);

 private:
  struct Prepared {
    std::uint64_t base_version = 0;
    core::WriteBatch batch;
    ledger::BlockOutcome outcome;
  };
  Chain() = default;
  core::Status init_or_check();
  core::Status load_tip();

  ledger::Genesis genesis_;
  core::GenesisHash genesis_hash_;
  std::unique_ptr<core::LevelDbStore> store_;
  std::unique_ptr<ledger::StateDb> state_;
  std::unique_ptr<BlockStore> blocks_;
  std::shared_ptr<const ledger::EvidenceVerifier> evidence_;  // reads blocks_; the staking module's
  ledger::Modules modules_;

  Tip tip_;
  ledger::BlockHeader tip_header_;
  std::uint64_t next_time_ = 0;
  std::map<core::BlockHash, Prepared> prepared_;
};

// The consensus view of the state's validator entries.
core::Result<consensus::ValidatorSet> consensus_set_from_state(const ledger::StateReader& state);

}  // namespace grid::node
