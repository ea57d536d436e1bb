// gridcli's governance ACTION words ("certify-farm 3", "set-chain-param base_fee 20",
// "set-pricing-policy --policy-id 1 --cu 120000") parsed into the ledger::GovAction that
// `gov propose` and `gov motion` carry (ledger/governance_actions.hpp).
//
// Contract:
// - parse_gov_action reads the ACTION words and the action options of `inv` without any network
//   use. Every mistake is Code::invalid naming the word or option (a usage error, exit 2): an
//   unknown action (the list of actions), a missing or surplus word, a bad number, an unknown
//   chain parameter name (the list of ledger::chain_param_names()), an account that
//   `resolve` does not know, a policy option given to another action.
// - Complete actions come back as a GovAction. set-pricing-policy / set-farming-policy come back
//   as a PolicyEdit (--policy-id is required, and at least one field option): the caller reads the
//   chain's current policy of that id (pricing_getPolicy / farming_getPolicy; policy_from_json), or
//   starts from the default-constructed policy when the chain has none, and apply_policy_edit
//   changes only the options given.
// - Certification words: certify-node NODE_ID [certified|diy] (default certified),
//   certify-farm FARM_ID [gold|none] (default gold); yes|no for set-farm-dedicated.
// - Policy amounts are the policy's own integers: units-USD (10^-7 USD) per hour for prices and
//   rewards, per mille for --minimal-uptime, mUSD for --connection-price, percent for
//   --dedicated-discount (0..100).
// Pure functions (resolve must be offline); thread-safe when resolve is.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/account_id.hpp"
#include "core/status.hpp"
#include "ledger/governance_actions.hpp"
#include "tools/cli/cli_parser.hpp"

namespace grid::tools {

enum class PolicyKind { pricing, farming };

// What a set-*-policy action changes of the chain's current policy of `policy_id`.
struct PolicyEdit {
  PolicyKind kind = PolicyKind::pricing;
  std::uint32_t policy_id = 0;
  std::optional<std::string> name;
  std::map<std::string, std::uint64_t, std::less<>> numbers;  // option ("--cu") -> value
  std::optional<bool> certified;                              // farming only
  bool operator==(const PolicyEdit&) const = default;
};

using ParsedGovAction = std::variant<ledger::GovAction, PolicyEdit>;
using AccountResolver = std::function<core::Result<core::AccountId>(std::string_view)>;

// The ACTION synopsis for help texts, and the options of the policy actions (both commands that
// take an ACTION list them).
std::string_view gov_action_synopsis();
const std::vector<OptionSpec>& gov_action_options();

core::Result<ParsedGovAction> parse_gov_action(std::span<const std::string> words,
                                               const Invocation& inv,
                                               const AccountResolver& resolve);

// The RPC method that reads the policy an edit starts from.
std::string_view policy_method(PolicyKind kind);  // "pricing_getPolicy" | "farming_getPolicy"

core::Result<ledger::PricingPolicy> pricing_policy_from_json(const rapidjson::Value& v);
core::Result<ledger::FarmingPolicy> farming_policy_from_json(const rapidjson::Value& v);

// The action setting `base` changed by `edit` (its id set to edit.policy_id).
ledger::GovAction apply_policy_edit(const PolicyEdit& edit, ledger::PricingPolicy base);
ledger::GovAction apply_policy_edit(const PolicyEdit& edit, ledger::FarmingPolicy base);

}  // namespace grid::tools
