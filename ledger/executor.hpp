// Block execution: the pure heart of the state machine.
//
//   execute_block(state, block, modules, options) -> {delta, results}
//
// First every module's begin_block sees the block (the staking module applies the block's
// duplicate-vote evidence). For each transaction: it must be valid to be in a block at all
// (check_transaction: chain id, signature, nonce, fee, funds for the fee, fee-free rules); an
// invalid one fails the whole block (a correct proposer never includes one: build_block filters
// them). A valid transaction pays its fee to the proposer and bumps its signer's nonce; its call
// runs in a child overlay, merged on success and dropped on refusal; it gets a receipt either way.
// Then every module's end_block runs (billing...), then the chain meta record advances to this
// block.
//
// Contract: pure: no I/O beyond the StateReader, no clock, randomness, threads or floating
// point; the same state and block give the same delta and results on every machine. The state
// root is not computed here (ledger/state_db.hpp commits the delta and gives the root).
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "ledger/block.hpp"
#include "ledger/module.hpp"
#include "ledger/receipt.hpp"
#include "ledger/state_view.hpp"

namespace grid::ledger {

struct ExecuteOptions {
  // Signature already verified (the mempool's cache): skip verifying it again.
  std::function<bool(const core::TxId&)> signature_verified;
  // Check the invariants after the block (tests and debug builds).
  bool check_invariants = false;
};

struct Execution {
  StateDelta delta;
  BlockResults results;
};

// Everything that makes a transaction includable, against the state before it.
Status check_transaction(const StateReader& state, const ChainParams& params,
                         const BlockHeader& header, const Modules& modules, const Transaction& tx,
                         bool signature_known_good = false);

// The fee a transaction must pay: 0 for fee-free calls, else base + byte_fee x encoded size.
std::uint64_t required_fee(const ChainParams& params, const Modules& modules,
                           const Transaction& tx);

Result<Execution> execute_block(const StateReader& state, const Block& block,
                                const Modules& modules, const ExecuteOptions& options = {});

// Builds a block body from candidates: invalid candidates are left out with their reasons.
struct Built {
  std::vector<Transaction> included;
  std::vector<std::pair<core::TxId, Status>> left_out;
};
Result<Built> select_transactions(const StateReader& state, const BlockHeader& header,
                                  const Modules& modules, std::vector<Transaction> candidates,
                                  const ExecuteOptions& options = {});

// Sum of all balances and pools equals the recorded total supply, plus each module's own.
Status check_invariants(const StateReader& state, const Modules& modules);

// The block-level helpers handlers share.
Result<ChainParams> load_params(const StateReader& state);

}  // namespace grid::ledger
