// The JSON-RPC methods that read the state with proofs or try a transaction without committing
// it: account_getProof, state_getProof and tx_simulate (docs/api.md gives params, results and
// errors).
//
// Contract:
// - account_getProof / state_getProof answer a state entry's value after block `height` (default
//   the latest) with the Merkle proof against that block header's state_root: a light client
//   checks it with ledger/state_proof.hpp verify_proof alone. An absent entry gets a proof of
//   absence (value null). A height above the tip is -32001 not_found; one the node no longer
//   keeps is -32000 with reason `pruned`; height 0 is -32602 (blocks start at 1).
// - tx_simulate runs the transaction against the latest committed state as if it were the next
//   block's only transaction and answers the receipt (nothing is stored or gossiped); a
//   transaction that could not be in a block at all gets the refusal as an error, as tx_submit.
// Thread safety: the handlers are as thread-safe as `node`.
#pragma once

#include "core/status.hpp"
#include "rpc/jsonrpc.hpp"
#include "rpc/node_api.hpp"

namespace grid::rpc {

core::Status add_state_methods(MethodRegistry& registry, NodeApi& node);

}  // namespace grid::rpc
