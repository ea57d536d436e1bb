// The JSON of ledger::Call: {"name", "tag", <the call's fields by name>} (rpc/json_domain.hpp).
// Each call struct and each nested wire type lists its JSON keys once, in wire order, in a
// JsonFields specialization; the primary template is left undefined so that a call added to
// ledger::CallBody without its list here does not compile.
#include <string_view>
#include <type_traits>
#include <variant>

#include "rpc/json_domain.hpp"
#include "rpc/json_registry.hpp"

namespace grid::rpc {
namespace {

using namespace ledger;  // NOLINT: the call structs, only in this file

template <class T>
struct JsonFields;  // undefined on purpose: every written struct has a specialization

// ---- nested wire types (ledger/wire_types.hpp, ledger/calls.hpp) ----------------------------

template <>
struct JsonFields<Resources> {
  static void each(const Resources& s, auto&& v) {
    v("cru", s.cru);
    v("mru", s.mru);
    v("sru", s.sru);
    v("hru", s.hru);
  }
};

template <>
struct JsonFields<Location> {
  static void each(const Location& s, auto&& v) {
    v("country", s.country);
    v("city", s.city);
    v("latitude", s.latitude);
    v("longitude", s.longitude);
  }
};

template <>
struct JsonFields<Interface> {
  static void each(const Interface& s, auto&& v) {
    v("name", s.name);
    v("mac", s.mac);
    v("ips", s.ips);
  }
};

template <>
struct JsonFields<IpGw> {
  static void each(const IpGw& s, auto&& v) {
    v("ip", s.ip);
    v("gateway", s.gateway);
  }
};

template <>
struct JsonFields<PublicConfig> {
  static void each(const PublicConfig& s, auto&& v) {
    v("ipv4", s.ipv4);
    v("ipv6", s.ipv6);
    v("domain", s.domain);
  }
};

template <>
struct JsonFields<NodeSpec> {
  static void each(const NodeSpec& s, auto&& v) {
    v("resources", s.resources);
    v("location", s.location);
    v("interfaces", s.interfaces);
    v("secure_boot", s.secure_boot);
    v("virtualized", s.virtualized);
    v("serial", s.serial);
  }
};

template <>
struct JsonFields<ConsumptionReport> {
  static void each(const ConsumptionReport& s, auto&& v) {
    v("contract_id", s.contract_id);
    v("window", s.window);
    v("public_bytes", s.public_bytes);
  }
};

template <>
struct JsonFields<ProviderTake> {
  static void each(const ProviderTake& s, auto&& v) {
    v("account", s.account);
    v("take", s.take);
  }
};

// ---- tokens, twins, farms -------------------------------------------------------------------

template <>
struct JsonFields<Transfer> {
  static void each(const Transfer& s, auto&& v) {
    v("to", s.to);
    v("amount", s.amount);
  }
};

template <>
struct JsonFields<Burn> {
  static void each(const Burn& s, auto&& v) {
    v("amount", s.amount);
    v("message", s.message);
  }
};

template <>
struct JsonFields<KvSet> {
  static void each(const KvSet& s, auto&& v) {
    v("key", s.key);
    v("value", s.value);
  }
};

template <>
struct JsonFields<KvDelete> {
  static void each(const KvDelete& s, auto&& v) { v("key", s.key); }
};

template <>
struct JsonFields<AcceptTerms> {
  static void each(const AcceptTerms& s, auto&& v) {
    v("document_link", s.document_link);
    v("document_hash", s.document_hash);
  }
};

template <>
struct JsonFields<CreateTwin> {
  static void each(const CreateTwin& s, auto&& v) {
    v("relay", s.relay);
    v("pk", s.pk);
  }
};

template <>
struct JsonFields<UpdateTwin> {
  static void each(const UpdateTwin& s, auto&& v) {
    v("relay", s.relay);
    v("pk", s.pk);
  }
};

template <>
struct JsonFields<BondStash> {
  static void each(const BondStash& s, auto&& v) { v("twin_id", s.twin_id); }
};

template <>
struct JsonFields<CreateFarm> {
  static void each(const CreateFarm& s, auto&& v) {
    v("farm_name", s.name);  // "name" is the call's name
    v("public_ips", s.public_ips);
  }
};

template <>
struct JsonFields<UpdateFarm> {
  static void each(const UpdateFarm& s, auto&& v) {
    v("farm_id", s.farm_id);
    v("farm_name", s.name);  // "name" is the call's name
  }
};

template <>
struct JsonFields<AddFarmIp> {
  static void each(const AddFarmIp& s, auto&& v) {
    v("farm_id", s.farm_id);
    v("ip", s.ip);
  }
};

template <>
struct JsonFields<RemoveFarmIp> {
  static void each(const RemoveFarmIp& s, auto&& v) {
    v("farm_id", s.farm_id);
    v("ip", s.ip);
  }
};

template <>
struct JsonFields<SetFarmNodePolicy> {
  static void each(const SetFarmNodePolicy& s, auto&& v) {
    v("farm_id", s.farm_id);
    v("open", s.open);
    v("allowed", s.allowed);
  }
};

// ---- nodes ----------------------------------------------------------------------------------

template <>
struct JsonFields<RegisterNode> {
  static void each(const RegisterNode& s, auto&& v) {
    v("farm_id", s.farm_id);
    v("spec", s.spec);
  }
};

template <>
struct JsonFields<UpdateNode> {
  static void each(const UpdateNode& s, auto&& v) {
    v("node_id", s.node_id);
    v("spec", s.spec);
  }
};

template <>
struct JsonFields<DeleteNode> {
  static void each(const DeleteNode& s, auto&& v) { v("node_id", s.node_id); }
};

template <>
struct JsonFields<SetNodePublicConfig> {
  static void each(const SetNodePublicConfig& s, auto&& v) {
    v("node_id", s.node_id);
    v("config", s.config);
  }
};

template <>
struct JsonFields<ReportUptime> {
  static void each(const ReportUptime& s, auto&& v) {
    v("uptime", s.uptime);
    v("timestamp_hint", s.timestamp_hint);
  }
};

template <>
struct JsonFields<SetPowerState> {
  static void each(const SetPowerState& s, auto&& v) { v("up", s.up); }
};

template <>
struct JsonFields<SetPowerTarget> {
  static void each(const SetPowerTarget& s, auto&& v) {
    v("node_id", s.node_id);
    v("up", s.up);
  }
};

template <>
struct JsonFields<SetNodeExtraFee> {
  static void each(const SetNodeExtraFee& s, auto&& v) {
    v("node_id", s.node_id);
    v("musd_per_month", s.musd_per_month);
  }
};

// ---- contracts ------------------------------------------------------------------------------

template <>
struct JsonFields<CreateNodeContract> {
  static void each(const CreateNodeContract& s, auto&& v) {
    v("node_id", s.node_id);
    v("resources", s.resources);
    v("public_ips", s.public_ips);
    v("deployment_hash", s.deployment_hash);
    v("deployment_data", s.deployment_data);
    v("solution_provider_id", s.solution_provider_id);
  }
};

template <>
struct JsonFields<UpdateNodeContract> {
  static void each(const UpdateNodeContract& s, auto&& v) {
    v("contract_id", s.contract_id);
    v("resources", s.resources);
    v("public_ips", s.public_ips);
    v("deployment_hash", s.deployment_hash);
    v("deployment_data", s.deployment_data);
  }
};

template <>
struct JsonFields<CancelContract> {
  static void each(const CancelContract& s, auto&& v) { v("contract_id", s.contract_id); }
};

template <>
struct JsonFields<CreateNameContract> {
  static void each(const CreateNameContract& s, auto&& v) {
    v("contract_name", s.name);  // "name" is the call's name
  }
};

template <>
struct JsonFields<CreateRentContract> {
  static void each(const CreateRentContract& s, auto&& v) {
    v("node_id", s.node_id);
    v("solution_provider_id", s.solution_provider_id);
  }
};

template <>
struct JsonFields<ReportConsumption> {
  static void each(const ReportConsumption& s, auto&& v) { v("reports", s.reports); }
};

template <>
struct JsonFields<CreateSolutionProvider> {
  static void each(const CreateSolutionProvider& s, auto&& v) {
    v("description", s.description);
    v("link", s.link);
    v("providers", s.providers);
  }
};

template <>
struct JsonFields<AttachSolutionProvider> {
  static void each(const AttachSolutionProvider& s, auto&& v) {
    v("contract_id", s.contract_id);
    v("provider_id", s.provider_id);
  }
};

template <>
struct JsonFields<ServiceContractCreate> {
  static void each(const ServiceContractCreate& s, auto&& v) {
    v("service", s.service);
    v("consumer", s.consumer);
  }
};

template <>
struct JsonFields<ServiceContractSetMetadata> {
  static void each(const ServiceContractSetMetadata& s, auto&& v) {
    v("id", s.id);
    v("metadata", s.metadata);
  }
};

template <>
struct JsonFields<ServiceContractSetFees> {
  static void each(const ServiceContractSetFees& s, auto&& v) {
    v("id", s.id);
    v("base_fee", s.base_fee);
    v("variable_fee", s.variable_fee);
  }
};

// approve, reject and cancel of a service contract carry only its id.
template <class T>
struct ServiceContractIdFields {
  static void each(const T& s, auto&& v) { v("id", s.id); }
};
template <>
struct JsonFields<ServiceContractApprove> : ServiceContractIdFields<ServiceContractApprove> {};
template <>
struct JsonFields<ServiceContractReject> : ServiceContractIdFields<ServiceContractReject> {};
template <>
struct JsonFields<ServiceContractCancel> : ServiceContractIdFields<ServiceContractCancel> {};

template <>
struct JsonFields<ServiceContractBill> {
  static void each(const ServiceContractBill& s, auto&& v) {
    v("id", s.id);
    v("variable_amount", s.variable_amount);
    v("metadata", s.metadata);
  }
};

// ---- staking and the price oracle -----------------------------------------------------------

template <>
struct JsonFields<RegisterValidator> {
  static void each(const RegisterValidator& s, auto&& v) {
    v("consensus_key", s.consensus_key);
    v("commission_percent", s.commission_percent);
    v("description", s.description);
  }
};

// bond and unbond: a validator and an amount.
template <class T>
struct BondFields {
  static void each(const T& s, auto&& v) {
    v("validator", s.validator);
    v("amount", s.amount);
  }
};
template <>
struct JsonFields<Bond> : BondFields<Bond> {};
template <>
struct JsonFields<Unbond> : BondFields<Unbond> {};

// Calls without fields.
template <class T>
struct NoFields {
  static void each(const T&, auto&&) {}
};
template <>
struct JsonFields<WithdrawUnbonded> : NoFields<WithdrawUnbonded> {};
template <>
struct JsonFields<Unjail> : NoFields<Unjail> {};

template <>
struct JsonFields<SetCommission> {
  static void each(const SetCommission& s, auto&& v) { v("percent", s.percent); }
};

template <>
struct JsonFields<SubmitEvidence> {
  static void each(const SubmitEvidence& s, auto&& v) { v("evidence", s.evidence); }
};

template <>
struct JsonFields<SubmitPrice> {
  static void each(const SubmitPrice& s, auto&& v) { v("musd_per_tft", s.musd_per_tft); }
};

// ---- governance (ledger/governance_calls.hpp, ledger/governance_actions.hpp) ---------------

template <>
struct JsonFields<GovSetPricingPolicy> {
  static void each(const GovSetPricingPolicy& s, auto&& v) { v("policy", s.policy); }
};
template <>
struct JsonFields<GovSetFarmingPolicy> {
  static void each(const GovSetFarmingPolicy& s, auto&& v) { v("policy", s.policy); }
};
template <>
struct JsonFields<GovSetChainParam> {
  static void each(const GovSetChainParam& s, auto&& v) {
    v("name", s.name);
    v("value", s.value);
  }
};
template <>
struct JsonFields<GovCertifyNode> {
  static void each(const GovCertifyNode& s, auto&& v) {
    v("node_id", s.node_id);
    v("certification", static_cast<std::uint32_t>(s.certification));
  }
};
template <>
struct JsonFields<GovCertifyFarm> {
  static void each(const GovCertifyFarm& s, auto&& v) {
    v("farm_id", s.farm_id);
    v("certification", static_cast<std::uint32_t>(s.certification));
  }
};
template <>
struct JsonFields<GovSetFarmDedicated> {
  static void each(const GovSetFarmDedicated& s, auto&& v) {
    v("farm_id", s.farm_id);
    v("dedicated", s.dedicated);
  }
};
template <>
struct JsonFields<GovApproveSolutionProvider> {
  static void each(const GovApproveSolutionProvider& s, auto&& v) {
    v("provider_id", s.provider_id);
  }
};
template <>
struct JsonFields<GovCancelContract> {
  static void each(const GovCancelContract& s, auto&& v) { v("contract_id", s.contract_id); }
};
template <std::uint8_t Tag, class Name>
struct JsonFields<GovAccountAction<Tag, Name>> {
  static void each(const GovAccountAction<Tag, Name>& s, auto&& v) { v("account", s.account); }
};

// An action: {"kind": its name, then its fields}.
template <>
struct JsonFields<GovAction> {
  static void each(const GovAction& a, auto&& v) {
    v("kind", std::string(a.name()));
    std::visit([&v](const auto& body) { JsonFields<std::decay_t<decltype(body)>>::each(body, v); },
               a.body);
  }
};

template <>
struct JsonFields<ProposeMotion> {
  static void each(const ProposeMotion& s, auto&& v) {
    v("action", s.action);
    v("description", s.description);
  }
};
template <>
struct JsonFields<VoteMotion> {
  static void each(const VoteMotion& s, auto&& v) {
    v("motion_id", s.motion_id);
    v("approve", s.approve);
  }
};
template <>
struct JsonFields<CreateProposal> {
  static void each(const CreateProposal& s, auto&& v) {
    v("action", s.action);
    v("description", s.description);
    v("link", s.link);
  }
};
template <>
struct JsonFields<VoteProposal> {
  static void each(const VoteProposal& s, auto&& v) {
    v("proposal_id", s.proposal_id);
    v("farm_id", s.farm_id);
    v("approve", s.approve);
  }
};
template <>
struct JsonFields<VetoProposal> {
  static void each(const VetoProposal& s, auto&& v) { v("proposal_id", s.proposal_id); }
};

// ---- the value writer -----------------------------------------------------------------------

template <class T>
void write_fields(JsonWriter& w, const T& value);

template <class T>
void write_value(JsonWriter& w, const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    w.Bool(value);
  } else if constexpr (std::is_same_v<T, std::uint8_t> || std::is_same_v<T, std::uint32_t>) {
    write_u32(w, value);
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    write_u64(w, value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    write_string(w, value);
  } else if constexpr (std::is_same_v<T, core::Bytes> || core::is_std_array<T>::value) {
    write_hex(w, value);
  } else if constexpr (std::is_same_v<T, core::Hash32>) {
    write_hash(w, value);
  } else if constexpr (std::is_same_v<T, core::AccountId>) {
    write_address(w, value);
  } else if constexpr (std::is_same_v<T, PricingPolicy>) {
    write_pricing_policy(w, value);  // as pricing_getPolicy answers it
  } else if constexpr (std::is_same_v<T, FarmingPolicy>) {
    write_farming_policy(w, value);  // as farming_getPolicy answers it
  } else if constexpr (core::is_optional<T>::value) {
    if (value)
      write_value(w, *value);
    else
      w.Null();
  } else if constexpr (core::is_vector<T>::value) {
    w.StartArray();
    for (const auto& item : value) write_value(w, item);
    w.EndArray();
  } else {
    w.StartObject();
    write_fields(w, value);
    w.EndObject();
  }
}

template <class T>
void write_fields(JsonWriter& w, const T& value) {
  JsonFields<T>::each(value, [&w](std::string_view key, const auto& field) {
    write_key(w, key);
    write_value(w, field);
  });
}

}  // namespace

void write_gov_action(JsonWriter& w, const GovAction& action) {
  write_value(w, action);
}

void write_call(JsonWriter& w, const Call& call) {
  w.StartObject();
  write_key(w, "name");
  write_string(w, call.name());
  write_key(w, "tag");
  write_u32(w, call.tag());
  std::visit([&w](const auto& body) { write_fields(w, body); }, call.body);
  w.EndObject();
}

}  // namespace grid::rpc
