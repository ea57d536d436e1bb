// The registry JSON-RPC methods of API.md over a NodeApi: twin_get, farm_get, farm_list,
// node_get, node_list, pricing_getPolicy, farming_getPolicy, price_get and stats_get.
// docs/api.md "Registry methods" documents each one's params, result and errors.
//
// Contract:
// - add_registry_methods registers the methods in `registry` (which must not hold any of them
//   yet: Code::invalid otherwise) with handlers that read the node's latest committed state
//   through NodeApi::with_state; `node` must outlive the registry.
// - An absent twin, farm, node or policy is -32001 (data.reason "not_found"); bad params are
//   -32602; a node failure (or a record that does not decode) is -32603.
// - Lists (farm_list, node_list) and stats_get scan a table of the state inside one with_state
//   call: fine for RPC, never to be called per block. Lists are ordered by id, paged ("page"
//   from 1, "size" 1..kMaxPageSize, default kDefaultRegistryPageSize) and return the "total"
//   number of matches.
// Thread safety: the handlers are as thread-safe as `node` (NodeApi's methods are).
#pragma once

#include <cstdint>

#include "core/status.hpp"
#include "rpc/jsonrpc.hpp"
#include "rpc/node_api.hpp"

namespace grid::rpc {

inline constexpr std::uint32_t kDefaultRegistryPageSize = 100;

core::Status add_registry_methods(MethodRegistry& registry, NodeApi& node);

}  // namespace grid::rpc
