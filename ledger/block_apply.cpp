#include "ledger/block_apply.hpp"

namespace grid::ledger {

Result<BlockOutcome> apply_block(const StateDb& db, const Block& block, const Modules& modules,
                                 const ExecuteOptions& options, core::WriteBatch& batch) {
  const BlockHeader& h = block.header;
  if (h.transactions_root != transactions_root(block.transactions))
    return Status::invalid("block " + std::to_string(h.height) +
                           ": transactions root does not match its transactions");
  if (h.evidence_hash != evidence_root(block.evidence))
    return Status::invalid("block " + std::to_string(h.height) +
                           ": evidence hash does not match its evidence");
  if (h.last_commit_hash != last_commit_root(block.last_commit))
    return Status::invalid("block " + std::to_string(h.height) +
                           ": last commit hash does not match its last commit");
  GRID_ASSIGN(Execution exec, execute_block(db, block, modules, options));
  GRID_ASSIGN(StateDbMeta staged, db.stage(exec.delta, h.height, batch));
  if (staged.root != h.state_root.hash)
    return Status::invalid("block " + std::to_string(h.height) + ": state root " +
                           h.state_root.hex() + " in the header, " + staged.root.hex() +
                           " computed");
  return BlockOutcome{std::move(exec.results), staged};
}

Result<BuiltBlock> build_block(const StateDb& db, BlockHeader header,
                               std::vector<Transaction> candidates, const Modules& modules,
                               const ExecuteOptions& options, std::vector<core::Bytes> evidence,
                               core::Bytes last_commit) {
  GRID_ASSIGN(Built built,
              select_transactions(db, header, modules, std::move(candidates), options));
  BuiltBlock out;
  out.left_out = std::move(built.left_out);
  out.block.header = std::move(header);
  out.block.transactions = std::move(built.included);
  out.block.evidence = std::move(evidence);
  out.block.header.transactions_root = transactions_root(out.block.transactions);
  out.block.header.evidence_hash = evidence_root(out.block.evidence);
  out.block.last_commit = std::move(last_commit);
  out.block.header.last_commit_hash = last_commit_root(out.block.last_commit);
  GRID_ASSIGN(Execution exec, execute_block(db, out.block, modules, options));
  core::WriteBatch scratch;
  GRID_ASSIGN(StateDbMeta staged, db.stage(exec.delta, out.block.header.height, scratch));
  out.block.header.state_root = core::StateRoot{staged.root};
  return out;
}

Result<StateDbMeta> init_genesis(const StateDb& db, const Genesis& genesis,
                                 core::WriteBatch& batch) {
  if (db.initialized()) return Status::invalid("the state already holds a chain");
  Overlay state(db);
  GRID_TRY(write_genesis_state(genesis, state));
  return db.stage(state.take_writes(), 0, batch);
}

}  // namespace grid::ledger
