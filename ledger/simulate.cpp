#include "ledger/simulate.hpp"

#include "ledger/executor.hpp"

namespace grid::ledger {

Result<Receipt> simulate_transaction(const StateReader& state, const BlockHeader& next,
                                     const Modules& modules, const Transaction& tx) {
  GRID_ASSIGN(ChainParams params, load_params(state));
  GRID_TRY(check_transaction(state, params, next, modules, tx));
  Block block;
  block.header = next;
  block.transactions.push_back(tx);
  ExecuteOptions options;
  options.signature_verified = [](const core::TxId&) { return true; };  // checked just above
  GRID_ASSIGN(Execution execution, execute_block(state, block, modules, options));
  if (execution.results.receipts.size() != 1)
    return core::Status::internal("a one-transaction block gave " +
                                  std::to_string(execution.results.receipts.size()) + " receipts");
  return std::move(execution.results.receipts.front());
}

}  // namespace grid::ledger
