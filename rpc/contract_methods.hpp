// The contract and transaction JSON-RPC methods of API.md over a NodeApi: contract_get,
// contract_list, contract_getBills, contract_estimateCost, tx_estimateFee and tx_search.
// docs/api.md ("Contract and transaction methods") documents each one's params, result and errors.
//
// Contract:
// - add_contract_methods registers the methods in `registry` (which must not hold any of them
//   yet: Code::invalid otherwise) with handlers that call `node`; `node` must outlive the
//   registry.
// - Handlers read the latest committed state through NodeApi::with_state (one consistent state
//   per call). An unknown contract or node is -32001 (data.reason "not_found"); bad params are
//   -32602; a node failure is -32603.
// - contract_estimateCost prices with contracts/pricing.hpp exactly as billing does (rate,
//   clamped TFT price, discount from the balance held, pay %, undiscounted extra fee), so its
//   per-hour figure is what a one-hour bill of the same contract charges in the same state.
// - tx_estimateFee answers ledger::required_fee with the state's parameters and the node's
//   modules; the signature is not checked (it may be all zero).
// - tx_search asks NodeApi::search_txs (the node's transaction index) for one page, newest
//   first, then reads each hit's block and results; its refusals (unknown call name) pass
//   through as -32000.
// - contract_list without twin_id scans every contract record (O(contracts)); with twin_id it
//   scans that twin's index only.
// Thread safety: the handlers are as thread-safe as `node` (NodeApi's methods are).
#pragma once

#include <cstdint>

#include "core/status.hpp"
#include "rpc/jsonrpc.hpp"
#include "rpc/node_api.hpp"

namespace grid::rpc {

inline constexpr std::uint32_t kDefaultContractPageSize = 50;
inline constexpr std::uint32_t kDefaultBillPageSize = 50;
inline constexpr std::uint32_t kDefaultTxSearchPageSize = 50;

core::Status add_contract_methods(MethodRegistry& registry, NodeApi& node);

}  // namespace grid::rpc
