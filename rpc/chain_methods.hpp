// The chain JSON-RPC methods of API.md over a NodeApi: chain_status, chain_getBlock,
// chain_getBlockResults, chain_getHeaders, chain_getCommit, chain_getValidators, tx_submit,
// tx_submitAndWait, tx_get and account_get. docs/api.md documents each one's params, result
// and errors.
//
// Contract:
// - add_chain_methods registers the methods in `registry` (which must not hold any of them yet:
//   Code::invalid otherwise) with handlers that call `node`; `node` must outlive the registry.
// - Handlers answer from what the node returns at the time of the call; an absent block, height,
//   commit, result or validator set is -32001 (data.reason "not_found"); bad params are -32602;
//   a refused submission is -32000 with the refusal reason as data.reason; a node failure is
//   -32603. tx_get of an unknown id and account_get of an unseen account are not errors.
// - tx_submitAndWait blocks its HTTP worker for up to timeout_ms (at most kMaxWaitMs).
// Thread safety: the handlers are as thread-safe as `node` (NodeApi's methods are).
#pragma once

#include <cstdint>

#include "core/status.hpp"
#include "rpc/jsonrpc.hpp"
#include "rpc/node_api.hpp"

namespace grid::rpc {

inline constexpr std::uint64_t kMaxHeadersPerCall = 1000;
inline constexpr std::uint32_t kDefaultWaitMs = 10'000;
inline constexpr std::uint32_t kMaxWaitMs = 60'000;

core::Status add_chain_methods(MethodRegistry& registry, NodeApi& node);

}  // namespace grid::rpc
