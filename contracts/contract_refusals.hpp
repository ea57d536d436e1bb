// The refusal reasons of contracts/ (ledger/refusal.hpp holds the ledger's own; contracts/ reuse
// those where the meaning is the same: not_found, unauthorized, no_twin, not_a_node,
// rate_limited, duplicate_name, insufficient_funds, invalid_input, amount_overflow).
//
// Contract: stable snake_case names, never changing meaning (they appear in receipts, RPC
// errors and gridcli), used with ledger::refuse(reason, detail).
#pragma once

#include <string_view>

namespace grid::contracts::reason {

// Acting on contracts.
inline constexpr std::string_view contract_deleted = "contract_deleted";
inline constexpr std::string_view wrong_contract_kind = "wrong_contract_kind";
inline constexpr std::string_view contract_in_grace = "contract_in_grace";
// Capacity and placement.
inline constexpr std::string_view node_rented = "node_rented";
inline constexpr std::string_view node_rent_only = "node_rent_only";
inline constexpr std::string_view node_overbooked = "node_overbooked";
inline constexpr std::string_view not_enough_ips = "not_enough_ips";
inline constexpr std::string_view node_has_contracts = "node_has_contracts";
inline constexpr std::string_view rent_has_node_contracts = "rent_has_node_contracts";
// Solution providers.
inline constexpr std::string_view solution_provider_not_approved = "solution_provider_not_approved";
inline constexpr std::string_view solution_provider_attached = "solution_provider_attached";
// Network consumption reports.
inline constexpr std::string_view contract_not_on_node = "contract_not_on_node";
inline constexpr std::string_view window_overlap = "window_overlap";
// Service contracts.
inline constexpr std::string_view contract_approved = "contract_approved";
inline constexpr std::string_view contract_not_approved = "contract_not_approved";
inline constexpr std::string_view bill_over_cap = "bill_over_cap";

}  // namespace grid::contracts::reason
