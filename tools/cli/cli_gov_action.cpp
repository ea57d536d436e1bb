#include "tools/cli/cli_gov_action.hpp"

#include <algorithm>
#include <limits>

#include "tools/cli/cli_values.hpp"
#include "tools/client/cli_args.hpp"
#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

using ledger::FarmingPolicy;
using ledger::PricingPolicy;
using Words = std::span<const std::string>;

constexpr std::uint64_t kU32Max = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();

// A numeric policy field: its option, JSON member, range and setter.
template <class P>
struct NumberField {
  std::string_view option;
  std::string_view member;
  std::uint64_t max;
  void (*set)(P&, std::uint64_t);
};

const NumberField<PricingPolicy> kPricingFields[] = {
    {"--cu", "cu", kU64Max, [](PricingPolicy& p, std::uint64_t v) { p.cu = v; }},
    {"--su", "su", kU64Max, [](PricingPolicy& p, std::uint64_t v) { p.su = v; }},
    {"--nu", "nu", kU64Max, [](PricingPolicy& p, std::uint64_t v) { p.nu = v; }},
    {"--ipv4", "ipv4", kU64Max, [](PricingPolicy& p, std::uint64_t v) { p.ipv4 = v; }},
    {"--unique-name", "unique_name", kU64Max,
     [](PricingPolicy& p, std::uint64_t v) { p.unique_name = v; }},
    {"--domain-name", "domain_name", kU64Max,
     [](PricingPolicy& p, std::uint64_t v) { p.domain_name = v; }},
    {"--dedicated-discount", "dedicated_discount_percent", 100,
     [](PricingPolicy& p, std::uint64_t v) {
       p.dedicated_discount_percent = static_cast<std::uint32_t>(v);
     }},
};

const NumberField<FarmingPolicy> kFarmingFields[] = {
    {"--cu-reward", "cu_reward", kU64Max,
     [](FarmingPolicy& p, std::uint64_t v) { p.cu_reward = v; }},
    {"--su-reward", "su_reward", kU64Max,
     [](FarmingPolicy& p, std::uint64_t v) { p.su_reward = v; }},
    {"--ipv4-reward", "ipv4_reward", kU64Max,
     [](FarmingPolicy& p, std::uint64_t v) { p.ipv4_reward = v; }},
    {"--minimal-uptime", "minimal_uptime_permille", 1000,
     [](FarmingPolicy& p, std::uint64_t v) {
       p.minimal_uptime_permille = static_cast<std::uint32_t>(v);
     }},
    {"--connection-price", "connection_price_musd", kU32Max,
     [](FarmingPolicy& p, std::uint64_t v) {
       p.connection_price_musd = static_cast<std::uint32_t>(v);
     }},
};

constexpr std::string_view kPolicyCommon[] = {"--policy-id", "--policy-name"};
constexpr std::string_view kCertified = "--certified";

core::Status invalid(std::string message) {
  return core::Status::invalid(std::move(message));
}

core::Result<bool> parse_yes_no(std::string_view name, std::string_view text) {
  if (text == "yes") return true;
  if (text == "no") return false;
  return invalid(std::string(name) + ": '" + std::string(text) + "' is not yes or no");
}

// The number of words after the action name must be in [min, max].
core::Status expect_words(Words words, std::size_t min, std::size_t max, std::string_view usage) {
  std::size_t n = words.size() - 1;
  if (n < min || n > max)
    return invalid(words[0] + ": expected " + words[0] + (usage.empty() ? "" : " ") +
                   std::string(usage));
  return core::Status::ok();
}

bool any_option(const Invocation& inv, auto&& names) {
  return std::any_of(std::begin(names), std::end(names),
                     [&](const auto& n) { return inv.has(n.option); });
}

// Refuses the options of the policy actions on any other action.
core::Status no_policy_options(const Invocation& inv, std::string_view action) {
  for (const OptionSpec& o : gov_action_options())
    if (inv.has(o.name))
      return invalid(std::string(o.name) +
                     " applies to set-pricing-policy or set-farming-policy, "
                     "not to " +
                     std::string(action));
  return core::Status::ok();
}

template <class P, std::size_t N>
core::Status read_numbers(const Invocation& inv, const NumberField<P> (&fields)[N],
                          PolicyEdit& edit) {
  for (const auto& f : fields)
    if (auto text = inv.value(f.option)) {
      GRID_ASSIGN(std::uint64_t v, parse_u64_arg(f.option, *text, 0, f.max));
      edit.numbers.emplace(std::string(f.option), v);
    }
  return core::Status::ok();
}

core::Result<PolicyEdit> parse_policy_edit(Words words, const Invocation& inv, PolicyKind kind) {
  GRID_TRY(expect_words(words, 0, 0, ""));
  bool pricing = kind == PolicyKind::pricing;
  // The other kind's own options are a mistake.
  std::string_view other = pricing ? "set-farming-policy" : "set-pricing-policy";
  if (pricing ? (any_option(inv, kFarmingFields) || inv.has(kCertified))
              : any_option(inv, kPricingFields))
    return invalid("an option of " + std::string(other) + " given to " + words[0]);
  auto id = inv.value("--policy-id");
  if (!id) return invalid(words[0] + ": --policy-id is required");
  PolicyEdit edit{.kind = kind};
  GRID_ASSIGN(edit.policy_id, parse_id32("--policy-id", *id));
  edit.name = inv.value("--policy-name");
  if (edit.name && (edit.name->empty() || edit.name->size() > 64))
    return invalid("--policy-name: 1 to 64 bytes");
  if (pricing) {
    GRID_TRY(read_numbers(inv, kPricingFields, edit));
  } else {
    GRID_TRY(read_numbers(inv, kFarmingFields, edit));
    if (auto c = inv.value(kCertified)) {
      GRID_ASSIGN(edit.certified, parse_yes_no(kCertified, *c));
    }
  }
  if (!edit.name && edit.numbers.empty() && !edit.certified)
    return invalid(words[0] + ": nothing to change: give the policy options to set");
  return edit;
}

core::Result<ledger::GovAction> parse_chain_param(Words words) {
  GRID_TRY(expect_words(words, 2, 2, "NAME VALUE"));
  auto names = ledger::chain_param_names();
  if (std::find(names.begin(), names.end(), words[1]) == names.end()) {
    std::string list;
    for (auto n : names) list += (list.empty() ? "" : ", ") + std::string(n);
    return invalid("NAME: '" + words[1] + "' is not a chain parameter; one of: " + list);
  }
  GRID_ASSIGN(std::uint64_t value, parse_u64_arg("VALUE", words[2], 0, kU64Max));
  return ledger::GovAction(ledger::GovSetChainParam{words[1], value});
}

core::Result<ledger::GovAction> parse_certify_node(Words words) {
  GRID_TRY(expect_words(words, 1, 2, "NODE_ID [certified|diy]"));
  ledger::GovCertifyNode a;
  GRID_ASSIGN(a.node_id, parse_id32("NODE_ID", words[1]));
  if (words.size() == 3) {
    if (words[2] == "certified")
      a.certification = ledger::NodeCertification::certified;
    else if (words[2] == "diy")
      a.certification = ledger::NodeCertification::diy;
    else
      return invalid("CERTIFICATION: '" + words[2] + "' is not certified or diy");
  }
  return ledger::GovAction(a);
}

core::Result<ledger::GovAction> parse_certify_farm(Words words) {
  GRID_TRY(expect_words(words, 1, 2, "FARM_ID [gold|none]"));
  ledger::GovCertifyFarm a;
  GRID_ASSIGN(a.farm_id, parse_id32("FARM_ID", words[1]));
  if (words.size() == 3) {
    if (words[2] == "gold")
      a.certification = ledger::FarmCertification::gold;
    else if (words[2] == "none")
      a.certification = ledger::FarmCertification::none;
    else
      return invalid("CERTIFICATION: '" + words[2] + "' is not gold or none");
  }
  return ledger::GovAction(a);
}

core::Result<ledger::GovAction> parse_farm_dedicated(Words words) {
  GRID_TRY(expect_words(words, 2, 2, "FARM_ID yes|no"));
  ledger::GovSetFarmDedicated a;
  GRID_ASSIGN(a.farm_id, parse_id32("FARM_ID", words[1]));
  GRID_ASSIGN(a.dedicated, parse_yes_no("DEDICATED", words[2]));
  return ledger::GovAction(a);
}

template <class A>
core::Result<ledger::GovAction> parse_id_action(Words words) {
  GRID_TRY(expect_words(words, 1, 1, "ID"));
  GRID_ASSIGN(std::uint64_t id, parse_id64("ID", words[1]));
  A a;
  if constexpr (std::is_same_v<A, ledger::GovCancelContract>)
    a.contract_id = id;
  else
    a.provider_id = id;
  return ledger::GovAction(a);
}

template <class A>
core::Result<ledger::GovAction> parse_account_action(Words words, const AccountResolver& resolve) {
  GRID_TRY(expect_words(words, 1, 1, "ADDR"));
  auto account = resolve(words[1]);
  if (!account) return invalid("ADDR: " + account.error().message());
  A a;
  a.account = *account;
  return ledger::GovAction(a);
}

core::Result<ledger::GovAction> parse_plain(Words words, const AccountResolver& resolve) {
  const std::string& w = words[0];
  if (w == "set-chain-param") return parse_chain_param(words);
  if (w == "certify-node") return parse_certify_node(words);
  if (w == "certify-farm") return parse_certify_farm(words);
  if (w == "set-farm-dedicated") return parse_farm_dedicated(words);
  if (w == "approve-solution-provider")
    return parse_id_action<ledger::GovApproveSolutionProvider>(words);
  if (w == "cancel-contract") return parse_id_action<ledger::GovCancelContract>(words);
  if (w == "add-council-member")
    return parse_account_action<ledger::GovAddCouncilMember>(words, resolve);
  if (w == "remove-council-member")
    return parse_account_action<ledger::GovRemoveCouncilMember>(words, resolve);
  if (w == "add-price-feeder")
    return parse_account_action<ledger::GovAddPriceFeeder>(words, resolve);
  if (w == "remove-price-feeder")
    return parse_account_action<ledger::GovRemovePriceFeeder>(words, resolve);
  return invalid(
      "ACTION: '" + w +
      "' is not an action; one of: set-chain-param, certify-node, certify-farm, "
      "set-farm-dedicated, approve-solution-provider, cancel-contract, add-council-member, "
      "remove-council-member, add-price-feeder, remove-price-feeder, set-pricing-policy, "
      "set-farming-policy");
}

template <class P, std::size_t N>
void apply_numbers(const PolicyEdit& edit, const NumberField<P> (&fields)[N], P& policy) {
  for (const auto& f : fields)
    if (auto it = edit.numbers.find(f.option); it != edit.numbers.end()) f.set(policy, it->second);
}

template <class P, std::size_t N>
core::Result<P> policy_from_json(const rapidjson::Value& v, const NumberField<P> (&fields)[N]) {
  P p;
  GRID_ASSIGN(std::uint64_t id, json_u64_member(v, "id"));
  if (id > kU32Max) return invalid("policy id is not a u32");
  p.id = static_cast<std::uint32_t>(id);
  GRID_ASSIGN(p.name, json_string_member(v, "name"));
  for (const auto& f : fields) {
    GRID_ASSIGN(std::uint64_t n, json_u64_member(v, f.member));
    if (n > f.max) return invalid("'" + std::string(f.member) + "' is out of range");
    f.set(p, n);
  }
  return p;
}

}  // namespace

std::string_view gov_action_synopsis() {
  return "ACTION is one of:\n"
         "  set-chain-param NAME VALUE          a chain parameter (ledger::ChainParams)\n"
         "  certify-node NODE_ID [certified|diy]\n"
         "  certify-farm FARM_ID [gold|none]\n"
         "  set-farm-dedicated FARM_ID yes|no\n"
         "  approve-solution-provider ID\n"
         "  cancel-contract ID\n"
         "  add-council-member ADDR | remove-council-member ADDR\n"
         "  add-price-feeder ADDR | remove-price-feeder ADDR\n"
         "  set-pricing-policy --policy-id N [--policy-name --cu --su --nu --ipv4 --unique-name\n"
         "      --domain-name --dedicated-discount]   (from the chain's current policy N)\n"
         "  set-farming-policy --policy-id N [--policy-name --cu-reward --su-reward\n"
         "      --ipv4-reward --minimal-uptime --certified --connection-price]\n"
         "Policy options not given keep the chain's current value (a new id starts from the\n"
         "defaults). Prices and rewards are units-USD (10^-7 USD) per hour.\n";
}

const std::vector<OptionSpec>& gov_action_options() {
  static const std::vector<OptionSpec> options = {
      {"--policy-id", "N", "set-*-policy: the policy to set"},
      {"--policy-name", "TEXT", "set-*-policy: the policy's name"},
      {"--cu", "UNITS", "set-pricing-policy: price of a compute unit per hour (units-USD)"},
      {"--su", "UNITS", "set-pricing-policy: price of a storage unit per hour"},
      {"--nu", "UNITS", "set-pricing-policy: price of a GB of network traffic"},
      {"--ipv4", "UNITS", "set-pricing-policy: price of a public IPv4 per hour"},
      {"--unique-name", "UNITS", "set-pricing-policy: price of a unique name per hour"},
      {"--domain-name", "UNITS", "set-pricing-policy: price of a domain name per hour"},
      {"--dedicated-discount", "P", "set-pricing-policy: discount of dedicated nodes, 0..100 %"},
      {"--cu-reward", "UNITS", "set-farming-policy: reward per compute unit (units-USD)"},
      {"--su-reward", "UNITS", "set-farming-policy: reward per storage unit"},
      {"--ipv4-reward", "UNITS", "set-farming-policy: reward per public IPv4"},
      {"--minimal-uptime", "PERMILLE", "set-farming-policy: minimal uptime, 0..1000 per mille"},
      {"--certified", "yes|no", "set-farming-policy: the policy of certified nodes"},
      {"--connection-price", "MUSD", "set-farming-policy: connection price in mUSD"},
  };
  return options;
}

core::Result<ParsedGovAction> parse_gov_action(Words words, const Invocation& inv,
                                               const AccountResolver& resolve) {
  if (words.empty()) return invalid("ACTION: missing (see --help for the actions)");
  if (words[0] == "set-pricing-policy") {
    GRID_ASSIGN(PolicyEdit edit, parse_policy_edit(words, inv, PolicyKind::pricing));
    return ParsedGovAction(std::move(edit));
  }
  if (words[0] == "set-farming-policy") {
    GRID_ASSIGN(PolicyEdit edit, parse_policy_edit(words, inv, PolicyKind::farming));
    return ParsedGovAction(std::move(edit));
  }
  GRID_TRY(no_policy_options(inv, words[0]));
  GRID_ASSIGN(ledger::GovAction action, parse_plain(words, resolve));
  return ParsedGovAction(std::move(action));
}

std::string_view policy_method(PolicyKind kind) {
  return kind == PolicyKind::pricing ? "pricing_getPolicy" : "farming_getPolicy";
}

core::Result<PricingPolicy> pricing_policy_from_json(const rapidjson::Value& v) {
  return policy_from_json(v, kPricingFields);
}

core::Result<FarmingPolicy> farming_policy_from_json(const rapidjson::Value& v) {
  GRID_ASSIGN(FarmingPolicy p, policy_from_json(v, kFarmingFields));
  auto it = v.FindMember("certified");
  if (it == v.MemberEnd() || !it->value.IsBool()) return invalid("result has no bool 'certified'");
  p.certified = it->value.GetBool();
  return p;
}

ledger::GovAction apply_policy_edit(const PolicyEdit& edit, PricingPolicy base) {
  base.id = edit.policy_id;
  if (edit.name) base.name = *edit.name;
  apply_numbers(edit, kPricingFields, base);
  return ledger::GovSetPricingPolicy{std::move(base)};
}

ledger::GovAction apply_policy_edit(const PolicyEdit& edit, FarmingPolicy base) {
  base.id = edit.policy_id;
  if (edit.name) base.name = *edit.name;
  if (edit.certified) base.certified = *edit.certified;
  apply_numbers(edit, kFarmingFields, base);
  return ledger::GovSetFarmingPolicy{std::move(base)};
}

}  // namespace grid::tools
