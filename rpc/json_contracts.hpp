// The JSON form of contracts/ records served by the contract JSON-RPC methods (docs/api.md,
// "Contract and transaction methods"), in the conventions of rpc/json_domain.hpp: 64-bit
// integers and amounts are decimal strings, u32 ids and u8 values plain numbers, unix times plain
// numbers, absent values null, addresses bech32m.
//
// Contract: each writer appends exactly one complete JSON object to `w`, keys in the order listed
// here; the writers never fail. Thread safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>

#include "contracts/contract_types.hpp"
#include "rpc/json_writer.hpp"

namespace grid::rpc {

// {"id", "twin_id", "kind", "state", "node_id" (number or null), "created_at", "deleted_at"
//  (null while live), "delete_reason", "grace_since" (null unless in grace), "last_billed",
//  "next_bill_time" (null when not billed by time), "debt", "total_paid", "bill_count",
//  "nu_pending_bytes", "solution_provider_id", "reservation" ({"resources", "public_ips", "ips"}
//  or null), "deployment" ({"hash", "data"} or null), "name", "rent_node_id", "service"}
void write_contract(JsonWriter& w, const contracts::Contract& contract,
                    std::optional<std::uint64_t> next_bill_time);

// {"contract_id", "seq", "period_start", "period_end", "billed_seconds", "usd_cost", "amount",
//  "nu_bytes", "price_musd", "discount", "paid", "debt_after", "payouts": [{"to", "amount",
//  "role"}]}
void write_bill(JsonWriter& w, const contracts::Bill& bill);

// {"cru", "mru", "sru", "hru"} (u64 strings)
void write_resources(JsonWriter& w, const ledger::Resources& resources);

// What contract_estimateCost answers: the cost of a contract over an hour and over 30 days.
struct CostEstimate {
  contracts::ContractKind kind = contracts::ContractKind::node;
  std::optional<std::uint32_t> node_id;
  ledger::Resources resources;  // the contract's (node) or the whole node's (rent)
  std::uint32_t public_ips = 0;
  std::uint32_t price_musd = 0;  // the clamped TFT price the bill would use
  contracts::DiscountLevel discount = contracts::DiscountLevel::none;
  std::uint32_t pay_percent = 100;
  std::uint64_t hour_usd = 0;  // units-USD after discount (extra fee included)
  std::uint64_t hour_tft = 0;  // TFT units
  std::uint64_t month_usd = 0;
  std::uint64_t month_tft = 0;
};

// {"kind", "node_id", "resources", "public_ips", "price_musd", "discount", "pay_percent",
//  "per_hour": {"usd", "tft"}, "per_30_days": {"usd", "tft"}}
void write_cost_estimate(JsonWriter& w, const CostEstimate& estimate);

}  // namespace grid::rpc
