// Governance operations run directly on an overlay over a TestChain's state (as the voting module
// will run them), plus one through a whole block: the council check, each operation's effect and
// event, and that a refusal writes nothing.
#include "ledger/governance_ops.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "tests/support/registry_fixture.hpp"

namespace grid::ledger {
namespace {

using testing::expect_refused;
using testing::make_farm;
using testing::make_node;
using testing::make_twin;
using testing::TestChain;

// A chain with farm 1 (alice's) and node 1; the dev council is alice, bob and charlie.
TestChain registry_chain() {
  TestChain chain = testing::chain_with_levers();
  make_twin(chain, chain.alice());
  make_farm(chain, chain.alice(), "farm");
  make_node(chain, chain.alice(), 1);
  return chain;
}

// One block's worth of context over the chain's state.
struct Gov {
  explicit Gov(const TestChain& chain)
      : state(chain.state()),
        header(chain.last_header()),
        ctx{state, chain.params(), header, events, chain.modules()} {}
  Overlay state;
  std::vector<Event> events;
  BlockHeader header;
  BlockContext ctx;

  template <class T>
  T get(const core::Bytes& key) {
    auto r = load<T>(state, key);
    EXPECT_TRUE(r.is_ok() && r->has_value());
    return r.is_ok() && r->has_value() ? **r : T{};
  }
};

// Expects `op` refused with `reason`, with no write and no event.
void expect_refusal(const TestChain& chain, std::string_view reason,
                    const std::function<Status(BlockContext&)>& op) {
  Gov gov(chain);
  Status st = op(gov.ctx);
  EXPECT_EQ(refusal_reason(st), reason) << st.to_string();
  EXPECT_TRUE(gov.state.writes().empty());
  EXPECT_TRUE(gov.events.empty());
}

TEST(GovernanceOps, EveryOperationRefusesANonCouncilCaller) {
  TestChain chain = registry_chain();
  AccountId dave = chain.account("dave");
  std::vector<std::function<Status(BlockContext&)>> ops = {
      [&](BlockContext& c) { return certify_node(c, dave, 1, NodeCertification::certified); },
      [&](BlockContext& c) { return certify_farm(c, dave, 1, FarmCertification::gold); },
      [&](BlockContext& c) { return set_farm_dedicated(c, dave, 1, true); },
      [&](BlockContext& c) { return set_pricing_policy(c, dave, PricingPolicy{}); },
      [&](BlockContext& c) { return set_farming_policy(c, dave, FarmingPolicy{}); },
      [&](BlockContext& c) { return set_chain_params(c, dave, chain.params()); },
      [&](BlockContext& c) { return add_council_member(c, dave, dave); },
      [&](BlockContext& c) { return remove_council_member(c, dave, chain.account("bob")); },
  };
  for (const auto& op : ops) expect_refusal(chain, "not_council", op);
}

TEST(GovernanceOps, ThroughABlockANonCouncilCallerChangesNothing) {
  TestChain chain = registry_chain();
  expect_refused(chain, chain.key("dave"), SubmitEvidence{core::encode(std::uint32_t{1})},
                 "not_council");
  EXPECT_EQ(testing::record<Node>(chain, keys::node(1)).certification, NodeCertification::diy);
}

TEST(GovernanceOps, CertifyNode) {
  TestChain chain = registry_chain();
  Gov gov(chain);
  ASSERT_TRUE(certify_node(gov.ctx, chain.account("bob"), 1, NodeCertification::certified));
  EXPECT_EQ(gov.get<Node>(keys::node(1)).certification, NodeCertification::certified);
  ASSERT_EQ(gov.events.size(), 1u);
  EXPECT_EQ(gov.events[0].kind, "node_certified");
  EXPECT_EQ(gov.events[0].node, 1u);
  EXPECT_EQ(gov.events[0].farm, 1u);
  expect_refusal(chain, "not_found", [&](BlockContext& c) {
    return certify_node(c, chain.account("alice"), 9, NodeCertification::certified);
  });
}

TEST(GovernanceOps, CertifyFarmAndMarkItDedicated) {
  TestChain chain = registry_chain();
  Gov gov(chain);
  AccountId alice = chain.account("alice");
  ASSERT_TRUE(certify_farm(gov.ctx, alice, 1, FarmCertification::gold));
  ASSERT_TRUE(set_farm_dedicated(gov.ctx, alice, 1, true));
  Farm farm = gov.get<Farm>(keys::farm(1));
  EXPECT_EQ(farm.certification, FarmCertification::gold);
  EXPECT_TRUE(farm.dedicated);
  ASSERT_EQ(gov.events.size(), 2u);
  EXPECT_EQ(gov.events[0].kind, "farm_certified");
  EXPECT_EQ(gov.events[1].kind, "farm_dedicated_set");
  EXPECT_EQ(gov.events[1].farm, 1u);
  expect_refusal(chain, "not_found", [&](BlockContext& c) {
    return certify_farm(c, alice, 2, FarmCertification::gold);
  });
  expect_refusal(chain, "not_found",
                 [&](BlockContext& c) { return set_farm_dedicated(c, alice, 2, true); });
}

TEST(GovernanceOps, SetPricingAndFarmingPolicies) {
  TestChain chain = registry_chain();
  AccountId alice = chain.account("alice");
  Gov gov(chain);
  PricingPolicy pricing;
  pricing.id = 2;
  pricing.name = "cheap";
  pricing.cu = 1;
  ASSERT_TRUE(set_pricing_policy(gov.ctx, alice, pricing));
  EXPECT_EQ(gov.get<PricingPolicy>(keys::pricing_policy(2)), pricing);
  FarmingPolicy farming;
  farming.id = 3;
  farming.cu_reward = 0;
  ASSERT_TRUE(set_farming_policy(gov.ctx, alice, farming));
  EXPECT_EQ(gov.get<FarmingPolicy>(keys::farming_policy(3)), farming);
  ASSERT_EQ(gov.events.size(), 2u);
  EXPECT_EQ(gov.events[0].kind, "pricing_policy_set");
  EXPECT_EQ(gov.events[1].kind, "farming_policy_set");

  PricingPolicy bad_pricing = pricing;
  bad_pricing.id = 0;
  expect_refusal(chain, "invalid_input",
                 [&](BlockContext& c) { return set_pricing_policy(c, alice, bad_pricing); });
  bad_pricing = pricing;
  bad_pricing.dedicated_discount_percent = 101;
  expect_refusal(chain, "invalid_input",
                 [&](BlockContext& c) { return set_pricing_policy(c, alice, bad_pricing); });
  FarmingPolicy bad_farming = farming;
  bad_farming.minimal_uptime_permille = 1001;
  expect_refusal(chain, "invalid_input",
                 [&](BlockContext& c) { return set_farming_policy(c, alice, bad_farming); });
}

TEST(GovernanceOps, SetChainParamsChecksThatTheyCanWork) {
  TestChain chain = registry_chain();
  AccountId alice = chain.account("alice");
  ChainParams p = chain.params();
  p.billing_period = 120;
  Gov gov(chain);
  ASSERT_TRUE(set_chain_params(gov.ctx, alice, p));
  EXPECT_EQ(gov.get<ChainParams>(keys::params()), p);
  ASSERT_EQ(gov.events.size(), 1u);
  EXPECT_EQ(gov.events[0].kind, "chain_params_set");

  std::vector<std::function<void(ChainParams&)>> breakers = {
      [](ChainParams& q) { q.uptime_report_interval = 0; },
      [](ChainParams& q) { q.offline_after = q.uptime_report_interval - 1; },
      [](ChainParams& q) { q.billing_period = 0; },
      [](ChainParams& q) { q.epoch_length = 0; },
      [](ChainParams& q) { q.foundation_percent = 91; },
      [](ChainParams& q) { q.price_min = 0; },
      [](ChainParams& q) { q.price_min = q.price_max + 1; },
      [](ChainParams& q) { q.mru_reserve_percent = 101; },
      [](ChainParams& q) { q.certified_uplift_percent = 99; },
  };
  for (const auto& breaker : breakers) {
    ChainParams bad = chain.params();
    breaker(bad);
    expect_refusal(chain, "invalid_input",
                   [&](BlockContext& c) { return set_chain_params(c, alice, bad); });
  }
}

TEST(GovernanceOps, AddAndRemoveCouncilMembers) {
  TestChain chain = registry_chain();
  AccountId alice = chain.account("alice");
  AccountId dave = chain.account("dave");
  Gov gov(chain);
  ASSERT_TRUE(add_council_member(gov.ctx, alice, dave));
  // The new member acts at once.
  EXPECT_TRUE(require_council(gov.state, dave));
  ASSERT_TRUE(set_farm_dedicated(gov.ctx, dave, 1, true));
  EXPECT_EQ(refusal_reason(add_council_member(gov.ctx, alice, dave)), "invalid_input");
  ASSERT_TRUE(remove_council_member(gov.ctx, dave, chain.account("bob")));
  ASSERT_TRUE(remove_council_member(gov.ctx, dave, chain.account("charlie")));
  ASSERT_TRUE(remove_council_member(gov.ctx, alice, dave));
  EXPECT_EQ(gov.get<Council>(keys::council()).members, std::vector<AccountId>{alice});
  EXPECT_EQ(refusal_reason(require_council(gov.state, dave)), "not_council");
  EXPECT_EQ(refusal_reason(remove_council_member(gov.ctx, alice, dave)), "not_found");
  EXPECT_EQ(refusal_reason(remove_council_member(gov.ctx, alice, alice)), "invalid_input");
  EXPECT_EQ(gov.events.front().kind, "council_member_added");
  EXPECT_EQ(gov.events.front().account, dave);
  EXPECT_EQ(gov.events.back().kind, "council_member_removed");
}

}  // namespace
}  // namespace grid::ledger
