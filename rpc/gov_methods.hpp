// The governance JSON-RPC methods of API.md over a NodeApi: gov_listProposals and
// gov_getProposal, for farm-weighted proposals and council motions (docs/api.md "Governance
// methods").
//
// Contract:
// - add_gov_methods registers them in `registry` (Code::invalid when one is already there); the
//   handlers read the latest committed state through NodeApi::with_state
//   (ledger/governance_read.hpp); `node` must outlive the registry.
// - "kind" is "proposal" or "motion"; "state" one of open, passed, failed, rejected, vetoed,
//   expired. An unknown id is -32001 (data.reason "not_found"); bad params are -32602.
// - gov_listProposals reads the chosen tables (by state index when filtered) inside one
//   with_state call, like farm_list: newest first, paged, with the total.
// Thread safety: as thread-safe as `node`.
#pragma once

#include "core/status.hpp"
#include "rpc/jsonrpc.hpp"
#include "rpc/node_api.hpp"

namespace grid::rpc {

core::Status add_gov_methods(MethodRegistry& registry, NodeApi& node);

}  // namespace grid::rpc
