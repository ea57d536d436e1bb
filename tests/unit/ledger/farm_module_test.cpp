// Farms through whole blocks: creation, renaming, public IPs and the node policy, with every
// refusal of ledger/farm_module.hpp leaving the state unchanged.
#include "ledger/farm_module.hpp"

#include <gtest/gtest.h>

#include "tests/support/registry_fixture.hpp"

namespace grid::ledger {
namespace {

using testing::expect_refused;
using testing::make_farm;
using testing::make_node;
using testing::make_twin;
using testing::record;
using testing::TestChain;

const IpGw kIp1{"185.206.122.33/24", "185.206.122.1"};
const IpGw kIp2{"185.206.122.34/24", "185.206.122.1"};

// alice with a twin, ready to farm.
TestChain farmer_chain() {
  TestChain chain = testing::chain_with_levers();
  make_twin(chain, chain.alice());
  return chain;
}

TEST(CreateFarm, StoresTheFarmItsIndexAndAnEvent) {
  TestChain chain = farmer_chain();
  auto r = chain.run(chain.alice(), CreateFarm{"alice-farm_1", {kIp1, kIp2}});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  Farm farm = record<Farm>(chain, keys::farm(1));
  EXPECT_EQ(farm.id, 1u);
  EXPECT_EQ(farm.name, "alice-farm_1");
  EXPECT_EQ(farm.twin_id, 1u);
  ASSERT_EQ(farm.public_ips.size(), 2u);
  EXPECT_EQ(farm.public_ips[0], (FarmIp{kIp1.ip, kIp1.gateway, 0}));
  EXPECT_EQ(farm.certification, FarmCertification::none);
  EXPECT_FALSE(farm.open);
  EXPECT_EQ(farm.node_count, 0u);
  EXPECT_EQ(record<std::uint32_t>(chain, keys::farm_by_name("alice-farm_1")), 1u);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "farm_created");
  EXPECT_EQ(r.events[0].farm, 1u);
  EXPECT_EQ(r.events[0].twin, 1u);
  EXPECT_EQ(r.events[0].account, chain.account("alice"));
  // Ids count up.
  EXPECT_EQ(make_farm(chain, chain.alice(), "second"), 2u);
}

TEST(CreateFarm, NeedsATwin) {
  TestChain chain;
  expect_refused(chain, chain.bob(), CreateFarm{"bobfarm", {}}, "no_twin");
}

TEST(CreateFarm, RefusesInvalidNames) {
  TestChain chain = farmer_chain();
  expect_refused(chain, chain.alice(), CreateFarm{"ab", {}}, "farm_name_too_short");
  expect_refused(chain, chain.alice(), CreateFarm{std::string(41, 'a'), {}}, "farm_name_too_long");
  expect_refused(chain, chain.alice(), CreateFarm{"my farm", {}}, "invalid_farm_name");
  expect_refused(chain, chain.alice(), CreateFarm{"farm.one", {}}, "invalid_farm_name");
  EXPECT_EQ(record<Counters>(chain, keys::counters()).last_farm_id, 0u);
  EXPECT_EQ(make_farm(chain, chain.alice(), std::string(40, 'a')), 1u);
}

TEST(CreateFarm, RefusesADuplicateName) {
  TestChain chain = farmer_chain();
  make_farm(chain, chain.alice(), "freefarm");
  make_twin(chain, chain.bob());
  expect_refused(chain, chain.bob(), CreateFarm{"freefarm", {}}, "duplicate_name");
  // Names are compared exactly as written.
  EXPECT_EQ(make_farm(chain, chain.bob(), "FreeFarm"), 2u);
}

TEST(CreateFarm, RefusesPrivateMalformedAndRepeatedIps) {
  TestChain chain = farmer_chain();
  expect_refused(chain, chain.alice(), CreateFarm{"farm", {{"10.0.0.5/24", "10.0.0.1"}}},
                 "ipv4_not_public");
  expect_refused(chain, chain.alice(), CreateFarm{"farm", {{"192.168.1.5/24", "192.168.1.1"}}},
                 "ipv4_not_public");
  expect_refused(chain, chain.alice(), CreateFarm{"farm", {{"185.206.122.33", "185.206.122.1"}}},
                 "invalid_ipv4");
  expect_refused(chain, chain.alice(), CreateFarm{"farm", {{"185.206.122.300/24", "1.1.1.1"}}},
                 "invalid_ipv4");
  expect_refused(chain, chain.alice(), CreateFarm{"farm", {{kIp1.ip, "185.206.123.1"}}},
                 "ipv4_gateway_outside_subnet");
  expect_refused(chain, chain.alice(),
                 CreateFarm{"farm", {kIp1, {"185.206.122.33/25", "185.206.122.1"}}},
                 "duplicate_ip");
  EXPECT_FALSE(chain.get<std::uint32_t>(keys::farm_by_name("farm")).has_value());
}

TEST(UpdateFarm, RenamesAndMovesTheIndex) {
  TestChain chain = farmer_chain();
  make_farm(chain, chain.alice(), "oldname");
  auto r = chain.run(chain.alice(), UpdateFarm{1, "newname"});
  ASSERT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(record<Farm>(chain, keys::farm(1)).name, "newname");
  EXPECT_FALSE(chain.get<std::uint32_t>(keys::farm_by_name("oldname")).has_value());
  EXPECT_EQ(record<std::uint32_t>(chain, keys::farm_by_name("newname")), 1u);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "farm_updated");
  EXPECT_EQ(r.events[0].farm, 1u);
  // The old name is free again; keeping one's own name is accepted.
  EXPECT_EQ(make_farm(chain, chain.alice(), "oldname"), 2u);
  EXPECT_TRUE(chain.run(chain.alice(), UpdateFarm{1, "newname"}).ok);
}

TEST(UpdateFarm, Refusals) {
  TestChain chain = farmer_chain();
  make_farm(chain, chain.alice(), "farm-a");
  make_farm(chain, chain.alice(), "farm-b");
  make_twin(chain, chain.bob());
  expect_refused(chain, chain.bob(), UpdateFarm{1, "bobs"}, "unauthorized");
  expect_refused(chain, chain.key("charlie"), UpdateFarm{1, "charlies"}, "unauthorized");
  expect_refused(chain, chain.alice(), UpdateFarm{7, "whatever"}, "not_found");
  expect_refused(chain, chain.alice(), UpdateFarm{1, "farm-b"}, "duplicate_name");
  expect_refused(chain, chain.alice(), UpdateFarm{1, "x"}, "farm_name_too_short");
  expect_refused(chain, chain.alice(), UpdateFarm{1, "bad/name"}, "invalid_farm_name");
}

TEST(AddFarmIp, AddsAValidatedNewAddress) {
  TestChain chain = farmer_chain();
  make_farm(chain, chain.alice(), "farm", {kIp1});
  auto r = chain.run(chain.alice(), AddFarmIp{1, kIp2});
  ASSERT_TRUE(r.ok) << r.reason;
  Farm farm = record<Farm>(chain, keys::farm(1));
  ASSERT_EQ(farm.public_ips.size(), 2u);
  EXPECT_EQ(farm.public_ips[1].ip, kIp2.ip);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "farm_ip_added");
  EXPECT_EQ(r.events[0].farm, 1u);
}

TEST(AddFarmIp, Refusals) {
  TestChain chain = farmer_chain();
  make_farm(chain, chain.alice(), "farm", {kIp1});
  make_twin(chain, chain.bob());
  expect_refused(chain, chain.bob(), AddFarmIp{1, kIp2}, "unauthorized");
  expect_refused(chain, chain.alice(), AddFarmIp{2, kIp2}, "not_found");
  // The same address under another prefix is still a duplicate.
  expect_refused(chain, chain.alice(), AddFarmIp{1, {"185.206.122.33/28", "185.206.122.34"}},
                 "duplicate_ip");
  expect_refused(chain, chain.alice(), AddFarmIp{1, {"172.16.0.9/24", "172.16.0.1"}},
                 "ipv4_not_public");
  expect_refused(chain, chain.alice(), AddFarmIp{1, {"not-an-ip", "185.206.122.1"}},
                 "invalid_ipv4");
  expect_refused(chain, chain.alice(), AddFarmIp{1, {"185.206.122.0/24", "185.206.122.1"}},
                 "ipv4_network_address");
}

TEST(RemoveFarmIp, RemovesByCidrOrAddress) {
  TestChain chain = farmer_chain();
  make_farm(chain, chain.alice(), "farm", {kIp1, kIp2});
  auto r = chain.run(chain.alice(), RemoveFarmIp{1, kIp1.ip});
  ASSERT_TRUE(r.ok) << r.reason;
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "farm_ip_removed");
  ASSERT_TRUE(chain.run(chain.alice(), RemoveFarmIp{1, "185.206.122.34"}).ok);
  EXPECT_TRUE(record<Farm>(chain, keys::farm(1)).public_ips.empty());
}

TEST(RemoveFarmIp, Refusals) {
  TestChain chain = farmer_chain();
  make_farm(chain, chain.alice(), "farm", {kIp1, kIp2});
  make_twin(chain, chain.bob());
  expect_refused(chain, chain.bob(), RemoveFarmIp{1, kIp1.ip}, "unauthorized");
  expect_refused(chain, chain.alice(), RemoveFarmIp{1, "185.206.122.99/24"}, "not_found");
  expect_refused(chain, chain.alice(), RemoveFarmIp{1, "garbage"}, "invalid_ipv4");
  // An IP assigned to a contract stays.
  auto node = make_node(chain, chain.alice(), 1);
  ASSERT_TRUE(chain.run(chain.alice(), CreateNodeContract{.node_id = node.id, .public_ips = 1}).ok);
  ASSERT_NE(record<Farm>(chain, keys::farm(1)).public_ips[0].contract_id, 0u);
  expect_refused(chain, chain.alice(), RemoveFarmIp{1, kIp1.ip}, "ip_in_use");
  EXPECT_TRUE(chain.run(chain.alice(), RemoveFarmIp{1, kIp2.ip}).ok);
}

TEST(SetFarmNodePolicy, StoresOpenAndTheAllowedList) {
  TestChain chain = farmer_chain();
  make_farm(chain, chain.alice(), "farm");
  std::vector<AccountId> allowed = {chain.account("bob"), chain.account("dave")};
  auto r = chain.run(chain.alice(), SetFarmNodePolicy{1, true, allowed});
  ASSERT_TRUE(r.ok) << r.reason;
  Farm farm = record<Farm>(chain, keys::farm(1));
  EXPECT_TRUE(farm.open);
  EXPECT_EQ(farm.allowed, allowed);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "farm_node_policy_set");
  EXPECT_EQ(r.events[0].farm, 1u);
  // The list is replaced.
  ASSERT_TRUE(chain.run(chain.alice(), SetFarmNodePolicy{1, false, {}}).ok);
  farm = record<Farm>(chain, keys::farm(1));
  EXPECT_FALSE(farm.open);
  EXPECT_TRUE(farm.allowed.empty());
}

TEST(SetFarmNodePolicy, Refusals) {
  TestChain chain = farmer_chain();
  make_farm(chain, chain.alice(), "farm");
  make_twin(chain, chain.bob());
  expect_refused(chain, chain.bob(), SetFarmNodePolicy{1, true, {}}, "unauthorized");
  expect_refused(chain, chain.alice(), SetFarmNodePolicy{3, true, {}}, "not_found");
  auto bob = chain.account("bob");
  expect_refused(chain, chain.alice(), SetFarmNodePolicy{1, false, {bob, bob}}, "invalid_input");
  std::vector<AccountId> many;
  for (std::uint32_t i = 0; i <= kFarmAllowedMax; ++i) {
    AccountId a{};
    a.key[0] = static_cast<std::uint8_t>(i);
    a.key[1] = static_cast<std::uint8_t>(i >> 8);
    many.push_back(a);
  }
  expect_refused(chain, chain.alice(), SetFarmNodePolicy{1, false, many}, "invalid_input");
  many.pop_back();
  EXPECT_TRUE(chain.run(chain.alice(), SetFarmNodePolicy{1, false, many}).ok);
  EXPECT_EQ(record<Farm>(chain, keys::farm(1)).allowed.size(), kFarmAllowedMax);
}

}  // namespace
}  // namespace grid::ledger
