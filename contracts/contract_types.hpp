// The records of contracts/: contracts of the four kinds, bills, solution providers.
//
// Contract: codec records stored under contracts/contract_keys.hpp. A contract record is kept
// after deletion with its state and stored reason (ECONOMICS.md fix: the reason is in state,
// not only in an event). Amounts: TFT in base units (10^-7 TFT); USD in units-USD (10^-7 USD);
// times in chain seconds. Field order is the stored layout.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account_id.hpp"
#include "core/codec.hpp"
#include "ledger/wire_types.hpp"

namespace grid::contracts {

using core::AccountId;
using ledger::Resources;

enum class ContractKind : std::uint8_t { node = 0, name = 1, rent = 2, service = 3 };
enum class ContractState : std::uint8_t { created = 0, grace_period = 1, deleted = 2 };
enum class DeleteReason : std::uint8_t {
  none = 0,
  canceled_by_user = 1,
  out_of_funds = 2,
  canceled_by_governance = 3,
  node_deleted = 4,
  rent_ended = 5,  // a node contract taken down with the rent contract of its node
  rejected = 6,    // a service contract refused by one of its parties
};

std::string_view contract_kind_name(ContractKind kind);
std::string_view contract_state_name(ContractState state);
std::string_view delete_reason_name(DeleteReason reason);

struct NodeContractTerms {
  std::uint32_t node_id = 0;
  Resources resources;
  std::uint32_t public_ips = 0;
  std::vector<std::string> ips;  // assigned farm IPs (CIDR), in farm order
  core::Hash32 deployment_hash;
  core::Bytes deployment_data;
  bool operator==(const NodeContractTerms&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.node_id);
    v(self.resources);
    v(self.public_ips);
    v(self.ips);
    v(self.deployment_hash);
    v(self.deployment_data, core::Limit{512});
  }
};

struct ServiceTerms {
  AccountId service{};
  AccountId consumer{};
  std::string metadata;
  std::uint64_t base_fee = 0;      // mUSD per hour
  std::uint64_t variable_fee = 0;  // mUSD per hour, the cap of variable billing
  bool service_approved = false;
  bool consumer_approved = false;
  bool operator==(const ServiceTerms&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.service);
    v(self.consumer);
    v(self.metadata);
    v(self.base_fee);
    v(self.variable_fee);
    v(self.service_approved);
    v(self.consumer_approved);
  }
};

struct Contract {
  std::uint64_t id = 0;
  std::uint32_t twin_id = 0;  // who pays (the consumer's twin for a service contract)
  ContractKind kind = ContractKind::node;
  ContractState state = ContractState::created;
  std::uint64_t grace_since = 0;
  DeleteReason delete_reason = DeleteReason::none;
  std::uint64_t created_at = 0;
  std::uint64_t deleted_at = 0;
  // Billing
  std::uint64_t last_billed = 0;              // the end of the last billed period
  std::uint64_t down_seconds_at_bill = 0;     // node's down-seconds total at last_billed
  std::uint64_t standby_seconds_at_bill = 0;  // node's standby total at last_billed (rent)
  std::uint64_t debt = 0;                     // TFT units owed
  std::uint64_t nu_pending_bytes = 0;         // reported public traffic not yet billed
  std::uint64_t last_consumption_at = 0;      // end of the last consumption window accepted
  std::uint64_t bill_count = 0;
  std::uint64_t total_paid = 0;  // TFT units
  std::optional<std::uint64_t> solution_provider_id;
  // Kind-specific terms (exactly one is set, by kind)
  std::optional<NodeContractTerms> node;
  std::optional<std::string> name;            // name contract
  std::optional<std::uint32_t> rent_node_id;  // rent contract
  std::optional<ServiceTerms> service;        // service contract

  bool is_live() const { return state != ContractState::deleted; }
  bool operator==(const Contract&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.twin_id);
    v(self.kind, core::Limit{3});
    v(self.state, core::Limit{2});
    v(self.grace_since);
    v(self.delete_reason, core::Limit{6});
    v(self.created_at);
    v(self.deleted_at);
    v(self.last_billed);
    v(self.down_seconds_at_bill);
    v(self.standby_seconds_at_bill);
    v(self.debt);
    v(self.nu_pending_bytes);
    v(self.last_consumption_at);
    v(self.bill_count);
    v(self.total_paid);
    v(self.solution_provider_id);
    v(self.node);
    v(self.name);
    v(self.rent_node_id);
    v(self.service);
  }
};

enum class DiscountLevel : std::uint8_t {
  none = 0,
  default_level = 1,
  bronze = 2,
  silver = 3,
  gold = 4
};
std::string_view discount_level_name(DiscountLevel level);

struct Payout {
  AccountId to{};
  std::uint64_t amount = 0;
  std::string role;  // "farmer", "foundation", "solution_provider", "staking_pool", "service"
  bool operator==(const Payout&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.to);
    v(self.amount);
    v(self.role);
  }
};

// One bill: what was charged for which period, at what price, and where the money went.
struct Bill {
  std::uint64_t contract_id = 0;
  std::uint64_t seq = 0;  // 1, 2, ... per contract
  std::uint64_t period_start = 0;
  std::uint64_t period_end = 0;
  std::uint64_t billed_seconds = 0;  // period minus down time not billed
  std::uint64_t usd_cost = 0;        // units-USD, after discount
  std::uint64_t amount = 0;          // TFT units due for this period (incl. network units)
  std::uint64_t nu_bytes = 0;        // network bytes billed in this bill
  std::uint32_t price_musd = 0;      // TFT price used (clamped average)
  DiscountLevel discount = DiscountLevel::none;
  std::uint64_t paid = 0;  // TFT units moved now (debt first, then this bill)
  std::uint64_t debt_after = 0;
  std::vector<Payout> payouts;
  bool operator==(const Bill&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.contract_id);
    v(self.seq);
    v(self.period_start);
    v(self.period_end);
    v(self.billed_seconds);
    v(self.usd_cost);
    v(self.amount);
    v(self.nu_bytes);
    v(self.price_musd);
    v(self.discount, core::Limit{4});
    v(self.paid);
    v(self.debt_after);
    v(self.payouts);
  }
};

struct ProviderShare {
  AccountId account{};
  std::uint8_t take = 0;  // percent of each bill
  bool operator==(const ProviderShare&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.account);
    v(self.take);
  }
};

struct SolutionProvider {
  std::uint64_t id = 0;
  std::string description;
  std::string link;
  std::vector<ProviderShare> providers;
  bool approved = false;  // by the council
  AccountId created_by{};
  bool operator==(const SolutionProvider&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.description);
    v(self.link);
    v(self.providers);
    v(self.approved);
    v(self.created_by);
  }
};

}  // namespace grid::contracts
