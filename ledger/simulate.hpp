// simulate_transaction: the receipt a transaction would get now, with nothing stored (the
// tx_simulate method of the JSON-RPC API).
//
// Contract: runs `tx` as the only transaction of a block with header `next` on top of `state`
// (check_transaction, then execute_block) and returns its receipt: ok, or the call's refusal
// reason with the fee it would still pay. A transaction that could not be in a block at all
// (bad signature, wrong chain id, bad nonce, fee too low, no funds for the fee, rate limited...)
// is returned as check_transaction's Status instead. The nonce is checked against `state`, so
// transactions still waiting in a mempool are not counted. Pure, like execute_block.
#pragma once

#include "ledger/block.hpp"
#include "ledger/module.hpp"
#include "ledger/receipt.hpp"
#include "ledger/state_view.hpp"
#include "ledger/transaction.hpp"

namespace grid::ledger {

Result<Receipt> simulate_transaction(const StateReader& state, const BlockHeader& next,
                                     const Modules& modules, const Transaction& tx);

}  // namespace grid::ledger
