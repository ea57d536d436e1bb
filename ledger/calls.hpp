// The calls of WIRE.md, one struct each: its tag, its stable name and its fields in wire order.
//
// Contract: these structs ARE the wire format: field order, types and caps follow WIRE.md's
// table exactly and must not change without a new transaction version. Caps marked in WIRE.md
// are enforced by the strict decoder (Limit{n}). Content rules (names, IPs, amounts) are checked
// by the state machine, not here. The Call variant and its tag dispatch are in ledger/call.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account_id.hpp"
#include "core/codec.hpp"
#include "ledger/wire_types.hpp"

namespace grid::ledger {

// register_node's fields after farm_id; update_node repeats them after node_id.
struct NodeSpec {
  Resources resources;
  Location location;
  std::vector<Interface> interfaces;
  bool secure_boot = false;
  bool virtualized = false;
  std::optional<std::string> serial;
  auto operator<=>(const NodeSpec&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.resources);
    v(self.location);
    v(self.interfaces);
    v(self.secure_boot);
    v(self.virtualized);
    v(self.serial);
  }
};

struct ConsumptionReport {
  std::uint64_t contract_id = 0;
  std::uint64_t window = 0;  // seconds
  std::uint64_t public_bytes = 0;
  auto operator<=>(const ConsumptionReport&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.contract_id);
    v(self.window);
    v(self.public_bytes);
  }
};

struct ProviderTake {
  core::AccountId account;
  std::uint8_t take = 0;  // percent
  auto operator<=>(const ProviderTake&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.account);
    v(self.take);
  }
};

struct Transfer {
  static constexpr std::uint8_t kTag = 0x00;
  static constexpr std::string_view kName = "transfer";
  core::AccountId to{};
  std::uint64_t amount = 0;
  auto operator<=>(const Transfer&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.to);
    v(self.amount);
  }
};

struct Burn {
  static constexpr std::uint8_t kTag = 0x01;
  static constexpr std::string_view kName = "burn";
  std::uint64_t amount = 0;
  std::string message;
  auto operator<=>(const Burn&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.amount);
    v(self.message, core::Limit{256});
  }
};

struct KvSet {
  static constexpr std::uint8_t kTag = 0x02;
  static constexpr std::string_view kName = "kv_set";
  core::Bytes key;
  core::Bytes value;
  auto operator<=>(const KvSet&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.key, core::Limit{512});
    v(self.value, core::Limit{2048});
  }
};

struct KvDelete {
  static constexpr std::uint8_t kTag = 0x03;
  static constexpr std::string_view kName = "kv_delete";
  core::Bytes key;
  auto operator<=>(const KvDelete&) const = default;
  static void fields(auto& self, auto& v) { v(self.key); }
};

struct AcceptTerms {
  static constexpr std::uint8_t kTag = 0x10;
  static constexpr std::string_view kName = "accept_terms";
  std::string document_link;
  std::string document_hash;
  auto operator<=>(const AcceptTerms&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.document_link);
    v(self.document_hash);
  }
};

struct CreateTwin {
  static constexpr std::uint8_t kTag = 0x11;
  static constexpr std::string_view kName = "create_twin";
  std::optional<std::string> relay;
  std::optional<core::Bytes> pk;
  auto operator<=>(const CreateTwin&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.relay);
    v(self.pk);
  }
};

struct UpdateTwin {
  static constexpr std::uint8_t kTag = 0x12;
  static constexpr std::string_view kName = "update_twin";
  std::optional<std::string> relay;
  std::optional<core::Bytes> pk;
  auto operator<=>(const UpdateTwin&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.relay);
    v(self.pk);
  }
};

struct BondStash {
  static constexpr std::uint8_t kTag = 0x13;
  static constexpr std::string_view kName = "bond_stash";
  std::uint32_t twin_id = 0;
  auto operator<=>(const BondStash&) const = default;
  static void fields(auto& self, auto& v) { v(self.twin_id); }
};

struct CreateFarm {
  static constexpr std::uint8_t kTag = 0x18;
  static constexpr std::string_view kName = "create_farm";
  std::string name;
  std::vector<IpGw> public_ips;
  auto operator<=>(const CreateFarm&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.name);
    v(self.public_ips);
  }
};

struct UpdateFarm {
  static constexpr std::uint8_t kTag = 0x19;
  static constexpr std::string_view kName = "update_farm";
  std::uint32_t farm_id = 0;
  std::string name;
  auto operator<=>(const UpdateFarm&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.farm_id);
    v(self.name);
  }
};

struct AddFarmIp {
  static constexpr std::uint8_t kTag = 0x1a;
  static constexpr std::string_view kName = "add_farm_ip";
  std::uint32_t farm_id = 0;
  IpGw ip;
  auto operator<=>(const AddFarmIp&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.farm_id);
    v(self.ip);
  }
};

struct RemoveFarmIp {
  static constexpr std::uint8_t kTag = 0x1b;
  static constexpr std::string_view kName = "remove_farm_ip";
  std::uint32_t farm_id = 0;
  std::string ip;
  auto operator<=>(const RemoveFarmIp&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.farm_id);
    v(self.ip);
  }
};

struct SetFarmNodePolicy {
  static constexpr std::uint8_t kTag = 0x1c;
  static constexpr std::string_view kName = "set_farm_node_policy";
  std::uint32_t farm_id = 0;
  bool open = false;
  std::vector<core::AccountId> allowed;
  auto operator<=>(const SetFarmNodePolicy&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.farm_id);
    v(self.open);
    v(self.allowed);
  }
};

struct RegisterNode {
  static constexpr std::uint8_t kTag = 0x20;
  static constexpr std::string_view kName = "register_node";
  std::uint32_t farm_id = 0;
  NodeSpec spec;
  auto operator<=>(const RegisterNode&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.farm_id);
    v(self.spec);
  }
};

struct UpdateNode {
  static constexpr std::uint8_t kTag = 0x21;
  static constexpr std::string_view kName = "update_node";
  std::uint32_t node_id = 0;
  NodeSpec spec;
  auto operator<=>(const UpdateNode&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.node_id);
    v(self.spec);
  }
};

struct DeleteNode {
  static constexpr std::uint8_t kTag = 0x22;
  static constexpr std::string_view kName = "delete_node";
  std::uint32_t node_id = 0;
  auto operator<=>(const DeleteNode&) const = default;
  static void fields(auto& self, auto& v) { v(self.node_id); }
};

struct SetNodePublicConfig {
  static constexpr std::uint8_t kTag = 0x23;
  static constexpr std::string_view kName = "set_node_public_config";
  std::uint32_t node_id = 0;
  std::optional<PublicConfig> config;
  auto operator<=>(const SetNodePublicConfig&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.node_id);
    v(self.config);
  }
};

struct ReportUptime {
  static constexpr std::uint8_t kTag = 0x24;
  static constexpr std::string_view kName = "report_uptime";
  std::uint64_t uptime = 0;
  std::uint64_t timestamp_hint = 0;
  auto operator<=>(const ReportUptime&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.uptime);
    v(self.timestamp_hint);
  }
};

struct SetPowerState {
  static constexpr std::uint8_t kTag = 0x25;
  static constexpr std::string_view kName = "set_power_state";
  bool up = false;
  auto operator<=>(const SetPowerState&) const = default;
  static void fields(auto& self, auto& v) { v(self.up); }
};

struct SetPowerTarget {
  static constexpr std::uint8_t kTag = 0x26;
  static constexpr std::string_view kName = "set_power_target";
  std::uint32_t node_id = 0;
  bool up = false;
  auto operator<=>(const SetPowerTarget&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.node_id);
    v(self.up);
  }
};

struct SetNodeExtraFee {
  static constexpr std::uint8_t kTag = 0x27;
  static constexpr std::string_view kName = "set_node_extra_fee";
  std::uint32_t node_id = 0;
  std::uint64_t musd_per_month = 0;
  auto operator<=>(const SetNodeExtraFee&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.node_id);
    v(self.musd_per_month);
  }
};

struct CreateNodeContract {
  static constexpr std::uint8_t kTag = 0x30;
  static constexpr std::string_view kName = "create_node_contract";
  std::uint32_t node_id = 0;
  Resources resources;
  std::uint32_t public_ips = 0;
  core::Hash32 deployment_hash{};
  core::Bytes deployment_data;
  std::optional<std::uint64_t> solution_provider_id;
  auto operator<=>(const CreateNodeContract&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.node_id);
    v(self.resources);
    v(self.public_ips);
    v(self.deployment_hash);
    v(self.deployment_data, core::Limit{512});
    v(self.solution_provider_id);
  }
};

struct UpdateNodeContract {
  static constexpr std::uint8_t kTag = 0x31;
  static constexpr std::string_view kName = "update_node_contract";
  std::uint64_t contract_id = 0;
  Resources resources;
  std::uint32_t public_ips = 0;
  core::Hash32 deployment_hash{};
  core::Bytes deployment_data;
  auto operator<=>(const UpdateNodeContract&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.contract_id);
    v(self.resources);
    v(self.public_ips);
    v(self.deployment_hash);
    v(self.deployment_data, core::Limit{512});
  }
};

struct CancelContract {
  static constexpr std::uint8_t kTag = 0x32;
  static constexpr std::string_view kName = "cancel_contract";
  std::uint64_t contract_id = 0;
  auto operator<=>(const CancelContract&) const = default;
  static void fields(auto& self, auto& v) { v(self.contract_id); }
};

struct CreateNameContract {
  static constexpr std::uint8_t kTag = 0x33;
  static constexpr std::string_view kName = "create_name_contract";
  std::string name;
  auto operator<=>(const CreateNameContract&) const = default;
  static void fields(auto& self, auto& v) { v(self.name); }
};

struct CreateRentContract {
  static constexpr std::uint8_t kTag = 0x34;
  static constexpr std::string_view kName = "create_rent_contract";
  std::uint32_t node_id = 0;
  std::optional<std::uint64_t> solution_provider_id;
  auto operator<=>(const CreateRentContract&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.node_id);
    v(self.solution_provider_id);
  }
};

struct ReportConsumption {
  static constexpr std::uint8_t kTag = 0x35;
  static constexpr std::string_view kName = "report_consumption";
  std::vector<ConsumptionReport> reports;
  auto operator<=>(const ReportConsumption&) const = default;
  static void fields(auto& self, auto& v) { v(self.reports); }
};

struct CreateSolutionProvider {
  static constexpr std::uint8_t kTag = 0x36;
  static constexpr std::string_view kName = "create_solution_provider";
  std::string description;
  std::string link;
  std::vector<ProviderTake> providers;
  auto operator<=>(const CreateSolutionProvider&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.description);
    v(self.link);
    v(self.providers);
  }
};

struct AttachSolutionProvider {
  static constexpr std::uint8_t kTag = 0x37;
  static constexpr std::string_view kName = "attach_solution_provider";
  std::uint64_t contract_id = 0;
  std::uint64_t provider_id = 0;
  auto operator<=>(const AttachSolutionProvider&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.contract_id);
    v(self.provider_id);
  }
};

struct ServiceContractCreate {
  static constexpr std::uint8_t kTag = 0x38;
  static constexpr std::string_view kName = "service_contract_create";
  core::AccountId service{};
  core::AccountId consumer{};
  auto operator<=>(const ServiceContractCreate&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.service);
    v(self.consumer);
  }
};

struct ServiceContractSetMetadata {
  static constexpr std::uint8_t kTag = 0x39;
  static constexpr std::string_view kName = "service_contract_set_metadata";
  std::uint64_t id = 0;
  std::string metadata;
  auto operator<=>(const ServiceContractSetMetadata&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.metadata, core::Limit{64});
  }
};

struct ServiceContractSetFees {
  static constexpr std::uint8_t kTag = 0x3a;
  static constexpr std::string_view kName = "service_contract_set_fees";
  std::uint64_t id = 0;
  std::uint64_t base_fee = 0;
  std::uint64_t variable_fee = 0;
  auto operator<=>(const ServiceContractSetFees&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.base_fee);
    v(self.variable_fee);
  }
};

struct ServiceContractApprove {
  static constexpr std::uint8_t kTag = 0x3b;
  static constexpr std::string_view kName = "service_contract_approve";
  std::uint64_t id = 0;
  auto operator<=>(const ServiceContractApprove&) const = default;
  static void fields(auto& self, auto& v) { v(self.id); }
};

struct ServiceContractReject {
  static constexpr std::uint8_t kTag = 0x3c;
  static constexpr std::string_view kName = "service_contract_reject";
  std::uint64_t id = 0;
  auto operator<=>(const ServiceContractReject&) const = default;
  static void fields(auto& self, auto& v) { v(self.id); }
};

struct ServiceContractCancel {
  static constexpr std::uint8_t kTag = 0x3d;
  static constexpr std::string_view kName = "service_contract_cancel";
  std::uint64_t id = 0;
  auto operator<=>(const ServiceContractCancel&) const = default;
  static void fields(auto& self, auto& v) { v(self.id); }
};

struct ServiceContractBill {
  static constexpr std::uint8_t kTag = 0x3e;
  static constexpr std::string_view kName = "service_contract_bill";
  std::uint64_t id = 0;
  std::uint64_t variable_amount = 0;
  std::string metadata;
  auto operator<=>(const ServiceContractBill&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.variable_amount);
    v(self.metadata, core::Limit{50});
  }
};

struct RegisterValidator {
  static constexpr std::uint8_t kTag = 0x50;
  static constexpr std::string_view kName = "register_validator";
  std::array<std::uint8_t, 32> consensus_key{};
  std::uint8_t commission_percent = 0;
  std::string description;
  auto operator<=>(const RegisterValidator&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.consensus_key);
    v(self.commission_percent);
    v(self.description);
  }
};

struct Bond {
  static constexpr std::uint8_t kTag = 0x51;
  static constexpr std::string_view kName = "bond";
  core::AccountId validator{};
  std::uint64_t amount = 0;
  auto operator<=>(const Bond&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.validator);
    v(self.amount);
  }
};

struct Unbond {
  static constexpr std::uint8_t kTag = 0x52;
  static constexpr std::string_view kName = "unbond";
  core::AccountId validator{};
  std::uint64_t amount = 0;
  auto operator<=>(const Unbond&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.validator);
    v(self.amount);
  }
};

struct WithdrawUnbonded {
  static constexpr std::uint8_t kTag = 0x53;
  static constexpr std::string_view kName = "withdraw_unbonded";
  auto operator<=>(const WithdrawUnbonded&) const = default;
  static void fields(auto&, auto&) {}
};

struct SetCommission {
  static constexpr std::uint8_t kTag = 0x54;
  static constexpr std::string_view kName = "set_commission";
  std::uint8_t percent = 0;
  auto operator<=>(const SetCommission&) const = default;
  static void fields(auto& self, auto& v) { v(self.percent); }
};

struct Unjail {
  static constexpr std::uint8_t kTag = 0x55;
  static constexpr std::string_view kName = "unjail";
  auto operator<=>(const Unjail&) const = default;
  static void fields(auto&, auto&) {}
};

struct SubmitEvidence {
  static constexpr std::uint8_t kTag = 0x56;
  static constexpr std::string_view kName = "submit_evidence";
  core::Bytes evidence;
  auto operator<=>(const SubmitEvidence&) const = default;
  static void fields(auto& self, auto& v) { v(self.evidence); }
};

struct SubmitPrice {
  static constexpr std::uint8_t kTag = 0x60;
  static constexpr std::string_view kName = "submit_price";
  std::uint32_t musd_per_tft = 0;
  auto operator<=>(const SubmitPrice&) const = default;
  static void fields(auto& self, auto& v) { v(self.musd_per_tft); }
};

}  // namespace grid::ledger
