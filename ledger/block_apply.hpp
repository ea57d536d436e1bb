// apply_block and build_block: a block against the authenticated state it builds on.
//
// apply_block checks what the header commits to (transactions, evidence and last commit hashes),
// executes the block (ledger/executor.hpp), stages the new state version into `batch` and checks
// that the resulting root equals header.state_root. Nothing is written: the caller (node, replay
// tool, tests) writes `batch` together with its own records and then calls
// StateDb::mark_committed(outcome.state).
//
// build_block is what a proposer does: it picks the includable candidates in order (invalid ones
// are left out with their refusal), executes, and fills the header's transactions, evidence and
// state roots. init_genesis stages version 0 from a genesis.
//
// Contract: pure over the StateDb's current version: same state and block, same outcome.
#pragma once

#include <utility>
#include <vector>

#include "core/kv_store.hpp"
#include "ledger/executor.hpp"
#include "ledger/genesis.hpp"
#include "ledger/state_db.hpp"

namespace grid::ledger {

struct BlockOutcome {
  BlockResults results;
  StateDbMeta state;  // the staged version; state.root is the block's state root
};

Result<BlockOutcome> apply_block(const StateDb& db, const Block& block, const Modules& modules,
                                 const ExecuteOptions& options, core::WriteBatch& batch);

struct BuiltBlock {
  Block block;
  std::vector<std::pair<core::TxId, Status>> left_out;
};
// `evidence` rides in the block and is executed with it (before the transactions);
// `last_commit` rides in it unexecuted, and header.last_commit_hash is set to its hash.
Result<BuiltBlock> build_block(const StateDb& db, BlockHeader header,
                               std::vector<Transaction> candidates, const Modules& modules,
                               const ExecuteOptions& options = {},
                               std::vector<core::Bytes> evidence = {},
                               core::Bytes last_commit = {});

Result<StateDbMeta> init_genesis(const StateDb& db, const Genesis& genesis,
                                 core::WriteBatch& batch);

}  // namespace grid::ledger
