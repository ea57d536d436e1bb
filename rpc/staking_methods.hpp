// The staking JSON-RPC methods of API.md over a NodeApi: staking_getValidator,
// staking_listValidators and staking_getDelegations (docs/api.md "Staking methods").
//
// Contract:
// - add_staking_methods registers them in `registry` (Code::invalid when one is already there);
//   the handlers read the latest committed state through NodeApi::with_state (ledger/
//   staking_read.hpp); `node` must outlive the registry.
// - An unknown validator is -32001 (data.reason "not_found"); an account without delegations
//   answers empty lists, not an error; bad params are -32602; a node failure is -32603.
// - staking_listValidators scans the validator table inside one with_state call (it is bounded
//   by the number of candidates, like farm_list): ordered by operator address, paged.
// Thread safety: as thread-safe as `node`.
#pragma once

#include "core/status.hpp"
#include "rpc/jsonrpc.hpp"
#include "rpc/node_api.hpp"

namespace grid::rpc {

core::Status add_staking_methods(MethodRegistry& registry, NodeApi& node);

}  // namespace grid::rpc
