// GovAction: the typed action a council motion or a farm-weighted proposal carries, and its
// execution when the vote passes (ECONOMICS.md "Governance", docs/governance.md).
//
// Encoding: u8 kind tag, then the kind's fields (docs/wire.md "Governance calls 0x70-0x7f"); an
// unknown kind tag is refused by the strict decoder ("unknown governance action 0x..").
//
// Execution (execute_action), in the caller's overlay (callers run it in a child overlay and
// drop it when it fails):
// - Ledger actions run the operations of ledger/governance_ops.hpp (their checks and events) on
//   the authority of the council: the caller is governance_authority(), the first member of the
//   current Council record, so require_council always holds for a passed vote.
// - set_chain_param: one named u64/u32 field of the current ChainParams (names of
//   chain_param_names(); foundation is not settable); an unknown name, or a value over a u32
//   field's range, is invalid_input; then set_chain_params validates the whole set.
// - add/remove_price_feeder: ledger/oracle_module.hpp add_price_feeder / remove_price_feeder.
// - approve_solution_provider, cancel_contract: offered to each module's
//   run_governance_action hook in module order; the first that answers runs it (contracts/);
//   none answering is unsupported_call.
// Deterministic: integers only, state through the context.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/codec.hpp"
#include "ledger/params.hpp"
#include "ledger/state_types.hpp"
#include "ledger/state_view.hpp"

namespace grid::ledger {

struct BlockContext;  // ledger/module.hpp (which includes the calls, hence this header)

struct GovSetPricingPolicy {
  static constexpr std::uint8_t kTag = 0x00;
  static constexpr std::string_view kName = "set_pricing_policy";
  PricingPolicy policy;
  bool operator==(const GovSetPricingPolicy&) const = default;
  static void fields(auto& self, auto& v) { v(self.policy); }
};

struct GovSetFarmingPolicy {
  static constexpr std::uint8_t kTag = 0x01;
  static constexpr std::string_view kName = "set_farming_policy";
  FarmingPolicy policy;
  bool operator==(const GovSetFarmingPolicy&) const = default;
  static void fields(auto& self, auto& v) { v(self.policy); }
};

struct GovSetChainParam {
  static constexpr std::uint8_t kTag = 0x02;
  static constexpr std::string_view kName = "set_chain_param";
  std::string name;
  std::uint64_t value = 0;
  bool operator==(const GovSetChainParam&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.name, core::Limit{64});
    v(self.value);
  }
};

struct GovCertifyNode {
  static constexpr std::uint8_t kTag = 0x03;
  static constexpr std::string_view kName = "certify_node";
  std::uint32_t node_id = 0;
  NodeCertification certification = NodeCertification::certified;
  bool operator==(const GovCertifyNode&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.node_id);
    v(self.certification, core::Limit{1});
  }
};

struct GovCertifyFarm {
  static constexpr std::uint8_t kTag = 0x04;
  static constexpr std::string_view kName = "certify_farm";
  std::uint32_t farm_id = 0;
  FarmCertification certification = FarmCertification::gold;
  bool operator==(const GovCertifyFarm&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.farm_id);
    v(self.certification, core::Limit{1});
  }
};

struct GovSetFarmDedicated {
  static constexpr std::uint8_t kTag = 0x05;
  static constexpr std::string_view kName = "set_farm_dedicated";
  std::uint32_t farm_id = 0;
  bool dedicated = false;
  bool operator==(const GovSetFarmDedicated&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.farm_id);
    v(self.dedicated);
  }
};

struct GovApproveSolutionProvider {
  static constexpr std::uint8_t kTag = 0x06;
  static constexpr std::string_view kName = "approve_solution_provider";
  std::uint64_t provider_id = 0;
  bool operator==(const GovApproveSolutionProvider&) const = default;
  static void fields(auto& self, auto& v) { v(self.provider_id); }
};

struct GovCancelContract {
  static constexpr std::uint8_t kTag = 0x07;
  static constexpr std::string_view kName = "cancel_contract";
  std::uint64_t contract_id = 0;
  bool operator==(const GovCancelContract&) const = default;
  static void fields(auto& self, auto& v) { v(self.contract_id); }
};

// The four account actions share one layout: {account}.
template <std::uint8_t Tag, class Name>
struct GovAccountAction {
  static constexpr std::uint8_t kTag = Tag;
  static constexpr std::string_view kName = Name::value;
  AccountId account{};
  bool operator==(const GovAccountAction&) const = default;
  static void fields(auto& self, auto& v) { v(self.account); }
};
struct AddCouncilMemberName {
  static constexpr std::string_view value = "add_council_member";
};
struct RemoveCouncilMemberName {
  static constexpr std::string_view value = "remove_council_member";
};
struct AddPriceFeederName {
  static constexpr std::string_view value = "add_price_feeder";
};
struct RemovePriceFeederName {
  static constexpr std::string_view value = "remove_price_feeder";
};
using GovAddCouncilMember = GovAccountAction<0x08, AddCouncilMemberName>;
using GovRemoveCouncilMember = GovAccountAction<0x09, RemoveCouncilMemberName>;
using GovAddPriceFeeder = GovAccountAction<0x0a, AddPriceFeederName>;
using GovRemovePriceFeeder = GovAccountAction<0x0b, RemovePriceFeederName>;

using GovActionBody =
    std::variant<GovSetPricingPolicy, GovSetFarmingPolicy, GovSetChainParam, GovCertifyNode,
                 GovCertifyFarm, GovSetFarmDedicated, GovApproveSolutionProvider, GovCancelContract,
                 GovAddCouncilMember, GovRemoveCouncilMember, GovAddPriceFeeder,
                 GovRemovePriceFeeder>;

struct GovAction {
  GovActionBody body;

  GovAction() = default;
  template <class T>
  GovAction(T action) : body(std::move(action)) {}  // NOLINT: implicit from any action struct

  std::uint8_t tag() const;
  std::string_view name() const;
  template <class T>
  const T* as() const {
    return std::get_if<T>(&body);
  }
  bool operator==(const GovAction& other) const { return body == other.body; }

  void encode_to(core::Writer& w) const;
  void decode_from(core::Reader& r);
};

// The names set_chain_param accepts, in ChainParams field order.
std::vector<std::string_view> chain_param_names();

// The account governance actions run under: the first member of the current council.
Result<AccountId> governance_authority(const StateReader& state);

// Runs `action` in ctx.state (see the contract above). A refusal means the action failed.
Status execute_action(BlockContext& ctx, const GovAction& action);

}  // namespace grid::ledger
