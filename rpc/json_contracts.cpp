// The JSON of contracts, bills and cost estimates (rpc/json_contracts.hpp).
#include "rpc/json_contracts.hpp"

#include "contracts/contract_ops.hpp"
#include "rpc/json_domain.hpp"

namespace grid::rpc {
namespace {

using contracts::Contract;

template <class T, class Write>
void write_optional(JsonWriter& w, const std::optional<T>& value, Write write) {
  if (value)
    write(w, *value);
  else
    w.Null();
}

// A unix time that is 0 when unset: null then.
void write_time_or_null(JsonWriter& w, std::uint64_t time, bool set) {
  if (set)
    write_height(w, time);
  else
    w.Null();
}

void write_reservation(JsonWriter& w, const contracts::NodeContractTerms& terms) {
  w.StartObject();
  write_key(w, "resources");
  write_resources(w, terms.resources);
  write_key(w, "public_ips");
  write_u32(w, terms.public_ips);
  write_key(w, "ips");
  w.StartArray();
  for (const auto& ip : terms.ips) write_string(w, ip);
  w.EndArray();
  w.EndObject();
}

void write_deployment(JsonWriter& w, const contracts::NodeContractTerms& terms) {
  w.StartObject();
  write_key(w, "hash");
  write_hash(w, terms.deployment_hash);
  write_key(w, "data");
  write_hex(w, terms.deployment_data);
  w.EndObject();
}

void write_service(JsonWriter& w, const contracts::ServiceTerms& s) {
  w.StartObject();
  write_key(w, "service");
  write_address(w, s.service);
  write_key(w, "consumer");
  write_address(w, s.consumer);
  write_key(w, "metadata");
  write_string(w, s.metadata);
  write_key(w, "base_fee");
  write_u64(w, s.base_fee);
  write_key(w, "variable_fee");
  write_u64(w, s.variable_fee);
  write_key(w, "service_approved");
  w.Bool(s.service_approved);
  write_key(w, "consumer_approved");
  w.Bool(s.consumer_approved);
  w.EndObject();
}

void write_usd_tft(JsonWriter& w, std::uint64_t usd, std::uint64_t tft) {
  w.StartObject();
  write_key(w, "usd");
  write_u64(w, usd);
  write_key(w, "tft");
  write_u64(w, tft);
  w.EndObject();
}

}  // namespace

void write_resources(JsonWriter& w, const ledger::Resources& r) {
  w.StartObject();
  write_key(w, "cru");
  write_u64(w, r.cru);
  write_key(w, "mru");
  write_u64(w, r.mru);
  write_key(w, "sru");
  write_u64(w, r.sru);
  write_key(w, "hru");
  write_u64(w, r.hru);
  w.EndObject();
}

void write_contract(JsonWriter& w, const Contract& c, std::optional<std::uint64_t> next_bill_time) {
  w.StartObject();
  write_key(w, "id");
  write_u64(w, c.id);
  write_key(w, "twin_id");
  write_u32(w, c.twin_id);
  write_key(w, "kind");
  write_string(w, contracts::contract_kind_name(c.kind));
  write_key(w, "state");
  write_string(w, contracts::contract_state_name(c.state));
  write_key(w, "node_id");
  write_optional(w, contracts::contract_node(c), write_u32);
  write_key(w, "created_at");
  write_height(w, c.created_at);
  write_key(w, "deleted_at");
  write_time_or_null(w, c.deleted_at, !c.is_live());
  write_key(w, "delete_reason");
  write_string(w, contracts::delete_reason_name(c.delete_reason));
  write_key(w, "grace_since");
  write_time_or_null(w, c.grace_since, c.state == contracts::ContractState::grace_period);
  write_key(w, "last_billed");
  write_height(w, c.last_billed);
  write_key(w, "next_bill_time");
  write_optional(w, next_bill_time, write_height);
  write_key(w, "debt");
  write_u64(w, c.debt);
  write_key(w, "total_paid");
  write_u64(w, c.total_paid);
  write_key(w, "bill_count");
  write_u64(w, c.bill_count);
  write_key(w, "nu_pending_bytes");
  write_u64(w, c.nu_pending_bytes);
  write_key(w, "solution_provider_id");
  write_optional(w, c.solution_provider_id, write_u64);
  write_key(w, "reservation");
  write_optional(w, c.node, write_reservation);
  write_key(w, "deployment");
  write_optional(w, c.node, write_deployment);
  write_key(w, "name");
  write_optional(w, c.name, [](JsonWriter& out, const std::string& s) { write_string(out, s); });
  write_key(w, "rent_node_id");
  write_optional(w, c.rent_node_id, write_u32);
  write_key(w, "service");
  write_optional(w, c.service, write_service);
  w.EndObject();
}

void write_bill(JsonWriter& w, const contracts::Bill& b) {
  w.StartObject();
  write_key(w, "contract_id");
  write_u64(w, b.contract_id);
  write_key(w, "seq");
  write_u64(w, b.seq);
  write_key(w, "period_start");
  write_height(w, b.period_start);
  write_key(w, "period_end");
  write_height(w, b.period_end);
  write_key(w, "billed_seconds");
  write_u64(w, b.billed_seconds);
  write_key(w, "usd_cost");
  write_u64(w, b.usd_cost);
  write_key(w, "amount");
  write_u64(w, b.amount);
  write_key(w, "nu_bytes");
  write_u64(w, b.nu_bytes);
  write_key(w, "price_musd");
  write_u32(w, b.price_musd);
  write_key(w, "discount");
  write_string(w, contracts::discount_level_name(b.discount));
  write_key(w, "paid");
  write_u64(w, b.paid);
  write_key(w, "debt_after");
  write_u64(w, b.debt_after);
  write_key(w, "payouts");
  w.StartArray();
  for (const auto& p : b.payouts) {
    w.StartObject();
    write_key(w, "to");
    write_address(w, p.to);
    write_key(w, "amount");
    write_u64(w, p.amount);
    write_key(w, "role");
    write_string(w, p.role);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void write_cost_estimate(JsonWriter& w, const CostEstimate& e) {
  w.StartObject();
  write_key(w, "kind");
  write_string(w, contracts::contract_kind_name(e.kind));
  write_key(w, "node_id");
  write_optional(w, e.node_id, write_u32);
  write_key(w, "resources");
  write_resources(w, e.resources);
  write_key(w, "public_ips");
  write_u32(w, e.public_ips);
  write_key(w, "price_musd");
  write_u32(w, e.price_musd);
  write_key(w, "discount");
  write_string(w, contracts::discount_level_name(e.discount));
  write_key(w, "pay_percent");
  write_u32(w, e.pay_percent);
  write_key(w, "per_hour");
  write_usd_tft(w, e.hour_usd, e.hour_tft);
  write_key(w, "per_30_days");
  write_usd_tft(w, e.month_usd, e.month_tft);
  w.EndObject();
}

}  // namespace grid::rpc
