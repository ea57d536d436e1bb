// The ACTION words of gridcli gov propose / gov motion parsed into ledger::GovAction, and the
// policy edits applied to the chain's current policy (tools/cli/cli_gov_action.hpp).
#include "tools/cli/cli_gov_action.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "core/dev_accounts.hpp"

namespace grid::tools {
namespace {

using ledger::GovAction;
using Words = std::vector<std::string>;
using Options = std::vector<std::pair<std::string, std::string>>;

core::Result<core::AccountId> resolve(std::string_view text) {
  if (auto a = core::AccountId::from_address(text)) return *a;
  return core::dev_account(text);
}

core::Result<ParsedGovAction> parse(const Words& words, const Options& options = {}) {
  Invocation inv;
  for (const auto& [name, value] : options) inv.options[name].push_back(value);
  return parse_gov_action(words, inv, resolve);
}

GovAction action(const Words& words, const Options& options = {}) {
  auto r = parse(words, options);
  EXPECT_TRUE(r) << (r ? "" : r.error().message());
  if (!r || !std::holds_alternative<GovAction>(*r)) return {};
  return std::get<GovAction>(*r);
}

std::string error(const Words& words, const Options& options = {}) {
  auto r = parse(words, options);
  EXPECT_FALSE(r) << ::testing::PrintToString(words);
  return r ? std::string() : r.error().message();
}

PolicyEdit edit(const Words& words, const Options& options) {
  auto r = parse(words, options);
  EXPECT_TRUE(r) << (r ? "" : r.error().message());
  if (!r || !std::holds_alternative<PolicyEdit>(*r)) return {};
  return std::get<PolicyEdit>(*r);
}

rapidjson::Document json(const char* text) {
  rapidjson::Document d;
  d.Parse(text);
  return d;
}

TEST(CliGovAction, PlainActionsParseIntoTheirStructs) {
  EXPECT_EQ(action({"set-chain-param", "base_fee", "20"}),
            GovAction(ledger::GovSetChainParam{"base_fee", 20}));
  EXPECT_EQ(action({"set-chain-param", "max_supply", "18446744073709551615"}),
            GovAction(ledger::GovSetChainParam{"max_supply", 18446744073709551615ull}));
  EXPECT_EQ(action({"certify-node", "7"}),
            GovAction(ledger::GovCertifyNode{7, ledger::NodeCertification::certified}));
  EXPECT_EQ(action({"certify-node", "7", "diy"}),
            GovAction(ledger::GovCertifyNode{7, ledger::NodeCertification::diy}));
  EXPECT_EQ(action({"certify-farm", "3"}),
            GovAction(ledger::GovCertifyFarm{3, ledger::FarmCertification::gold}));
  EXPECT_EQ(action({"certify-farm", "3", "none"}),
            GovAction(ledger::GovCertifyFarm{3, ledger::FarmCertification::none}));
  EXPECT_EQ(action({"set-farm-dedicated", "4", "yes"}),
            GovAction(ledger::GovSetFarmDedicated{4, true}));
  EXPECT_EQ(action({"set-farm-dedicated", "4", "no"}),
            GovAction(ledger::GovSetFarmDedicated{4, false}));
  EXPECT_EQ(action({"approve-solution-provider", "9"}),
            GovAction(ledger::GovApproveSolutionProvider{9}));
  EXPECT_EQ(action({"cancel-contract", "12"}), GovAction(ledger::GovCancelContract{12}));

  const core::AccountId bob = core::dev_account("bob").value();
  EXPECT_EQ(action({"add-council-member", "bob"}), GovAction(ledger::GovAddCouncilMember{bob}));
  EXPECT_EQ(action({"remove-council-member", bob.to_address()}),
            GovAction(ledger::GovRemoveCouncilMember{bob}));
  EXPECT_EQ(action({"add-price-feeder", "bob"}), GovAction(ledger::GovAddPriceFeeder{bob}));
  EXPECT_EQ(action({"remove-price-feeder", "bob"}), GovAction(ledger::GovRemovePriceFeeder{bob}));
}

TEST(CliGovAction, MistakesNameTheWord) {
  EXPECT_NE(error({}).find("ACTION: missing"), std::string::npos);
  std::string unknown = error({"certify"});
  EXPECT_NE(unknown.find("'certify' is not an action"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("set-farming-policy"), std::string::npos) << unknown;
  // Unknown chain parameter: every valid name is listed.
  std::string param = error({"set-chain-param", "fee", "1"});
  for (auto name : ledger::chain_param_names())
    EXPECT_NE(param.find(std::string(name)), std::string::npos) << name;
  EXPECT_NE(error({"set-chain-param", "base_fee"}).find("NAME VALUE"), std::string::npos);
  EXPECT_NE(error({"set-chain-param", "base_fee", "18446744073709551616"}).find("VALUE"),
            std::string::npos);
  EXPECT_NE(error({"certify-node", "0"}).find("NODE_ID"), std::string::npos);
  EXPECT_NE(error({"certify-node", "4294967296"}).find("NODE_ID"), std::string::npos);
  EXPECT_NE(error({"certify-node", "1", "gold"}).find("certified or diy"), std::string::npos);
  EXPECT_NE(error({"certify-farm", "1", "certified"}).find("gold or none"), std::string::npos);
  EXPECT_NE(error({"set-farm-dedicated", "1", "true"}).find("yes or no"), std::string::npos);
  EXPECT_NE(error({"cancel-contract"}).find("expected cancel-contract ID"), std::string::npos);
  EXPECT_NE(error({"cancel-contract", "0"}).find("ID"), std::string::npos);
  EXPECT_NE(error({"approve-solution-provider", "1", "2"}).find("expected"), std::string::npos);
  EXPECT_NE(error({"add-council-member", "nobody"}).find("ADDR"), std::string::npos);
  EXPECT_NE(error({"add-price-feeder", "tf1qqqq"}).find("ADDR"), std::string::npos);
  // Policy options belong to the policy actions only.
  EXPECT_NE(error({"certify-farm", "1"}, {{"--policy-id", "1"}}).find("--policy-id applies"),
            std::string::npos);
}

TEST(CliGovAction, PolicyEditsKeepOnlyTheGivenOptions) {
  PolicyEdit p = edit({"set-pricing-policy"},
                      {{"--policy-id", "1"}, {"--cu", "120000"}, {"--dedicated-discount", "40"}});
  PolicyEdit expected{.kind = PolicyKind::pricing,
                      .policy_id = 1,
                      .numbers = {{"--cu", 120000}, {"--dedicated-discount", 40}}};
  EXPECT_EQ(p, expected);

  PolicyEdit f = edit({"set-farming-policy"}, {{"--policy-id", "2"},
                                               {"--policy-name", "gold"},
                                               {"--certified", "yes"},
                                               {"--minimal-uptime", "1000"}});
  PolicyEdit expected_f{.kind = PolicyKind::farming,
                        .policy_id = 2,
                        .name = "gold",
                        .numbers = {{"--minimal-uptime", 1000}},
                        .certified = true};
  EXPECT_EQ(f, expected_f);
}

TEST(CliGovAction, PolicyEditMistakes) {
  EXPECT_NE(error({"set-pricing-policy"}, {{"--cu", "1"}}).find("--policy-id is required"),
            std::string::npos);
  EXPECT_NE(
      error({"set-pricing-policy"}, {{"--policy-id", "0"}, {"--cu", "1"}}).find("--policy-id"),
      std::string::npos);
  EXPECT_NE(error({"set-pricing-policy"}, {{"--policy-id", "1"}}).find("nothing to change"),
            std::string::npos);
  EXPECT_NE(error({"set-pricing-policy", "1"}, {{"--policy-id", "1"}, {"--cu", "1"}})
                .find("expected set-pricing-policy"),
            std::string::npos);
  EXPECT_NE(error({"set-pricing-policy"}, {{"--policy-id", "1"}, {"--dedicated-discount", "101"}})
                .find("--dedicated-discount"),
            std::string::npos);
  EXPECT_NE(error({"set-pricing-policy"}, {{"--policy-id", "1"}, {"--su-reward", "1"}})
                .find("an option of set-farming-policy"),
            std::string::npos);
  EXPECT_NE(error({"set-pricing-policy"}, {{"--policy-id", "1"}, {"--certified", "yes"}})
                .find("an option of set-farming-policy"),
            std::string::npos);
  EXPECT_NE(error({"set-farming-policy"}, {{"--policy-id", "1"}, {"--nu", "1"}})
                .find("an option of set-pricing-policy"),
            std::string::npos);
  EXPECT_NE(error({"set-farming-policy"}, {{"--policy-id", "1"}, {"--minimal-uptime", "1001"}})
                .find("--minimal-uptime"),
            std::string::npos);
  EXPECT_NE(
      error({"set-farming-policy"}, {{"--policy-id", "1"}, {"--connection-price", "4294967296"}})
          .find("--connection-price"),
      std::string::npos);
  EXPECT_NE(error({"set-farming-policy"}, {{"--policy-id", "1"}, {"--certified", "1"}})
                .find("--certified"),
            std::string::npos);
  EXPECT_NE(error({"set-farming-policy"}, {{"--policy-id", "1"}, {"--policy-name", ""}})
                .find("--policy-name"),
            std::string::npos);
}

TEST(CliGovAction, PricingEditStartsFromTheChainsPolicy) {
  // pricing_getPolicy's answer (docs/api.md: u64 members as strings).
  auto doc = json(
      R"({"id": 1, "name": "default", "cu": "100000", "su": "50000", "nu": "15000",
          "ipv4": "40000", "unique_name": "2500", "domain_name": "5000",
          "dedicated_discount_percent": 50})");
  auto base = pricing_policy_from_json(doc);
  ASSERT_TRUE(base) << base.error().message();
  EXPECT_EQ(*base, ledger::PricingPolicy{});  // the defaults have the same values
  PolicyEdit e = edit({"set-pricing-policy"},
                      {{"--policy-id", "1"}, {"--cu", "120000"}, {"--policy-name", "v2"}});
  ledger::PricingPolicy want = *base;
  want.cu = 120000;
  want.name = "v2";
  EXPECT_EQ(apply_policy_edit(e, *base), GovAction(ledger::GovSetPricingPolicy{want}));
  // A new id: the caller starts from the defaults; the id is the edit's.
  PolicyEdit fresh = edit({"set-pricing-policy"}, {{"--policy-id", "5"}, {"--ipv4", "1"}});
  ledger::PricingPolicy want_new;
  want_new.id = 5;
  want_new.ipv4 = 1;
  EXPECT_EQ(apply_policy_edit(fresh, ledger::PricingPolicy{}),
            GovAction(ledger::GovSetPricingPolicy{want_new}));
  EXPECT_EQ(policy_method(PolicyKind::pricing), "pricing_getPolicy");
}

TEST(CliGovAction, FarmingEditStartsFromTheChainsPolicy) {
  auto doc = json(
      R"({"id": 1, "name": "diy", "cu_reward": "30000", "su_reward": "10000",
          "ipv4_reward": "500", "minimal_uptime_permille": 950, "certified": false,
          "connection_price_musd": 80})");
  auto base = farming_policy_from_json(doc);
  ASSERT_TRUE(base) << base.error().message();
  EXPECT_EQ(base->cu_reward, 30000u);
  EXPECT_EQ(base->su_reward, 10000u);
  EXPECT_EQ(base->ipv4_reward, 500u);
  EXPECT_EQ(base->minimal_uptime_permille, 950u);
  EXPECT_EQ(base->connection_price_musd, 80u);
  EXPECT_FALSE(base->certified);
  PolicyEdit e = edit({"set-farming-policy"},
                      {{"--policy-id", "1"}, {"--certified", "yes"}, {"--su-reward", "12000"}});
  ledger::FarmingPolicy want = *base;
  want.certified = true;
  want.su_reward = 12000;
  EXPECT_EQ(apply_policy_edit(e, *base), GovAction(ledger::GovSetFarmingPolicy{want}));
  EXPECT_EQ(policy_method(PolicyKind::farming), "farming_getPolicy");
}

TEST(CliGovAction, PolicyJsonMistakesAreRefused) {
  EXPECT_FALSE(pricing_policy_from_json(json(R"({"id": 1, "name": "x"})")));
  EXPECT_FALSE(pricing_policy_from_json(json(
      R"({"id": 1, "name": "d", "cu": "1", "su": "1", "nu": "1", "ipv4": "1", "unique_name": "1",
          "domain_name": "1", "dedicated_discount_percent": 101})")));
  EXPECT_FALSE(farming_policy_from_json(json(
      R"({"id": 1, "name": "diy", "cu_reward": "1", "su_reward": "1", "ipv4_reward": "1",
          "minimal_uptime_permille": 950, "connection_price_musd": 80})")));  // no certified
  EXPECT_FALSE(farming_policy_from_json(json(R"([1, 2])")));
}

}  // namespace
}  // namespace grid::tools
