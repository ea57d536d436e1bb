// Nodes through whole blocks: registration (with the farm's permission), updates (validation,
// reserved capacity, the 1 % certification rule), deletion (hooks first) and the farmer's
// settings, each refusal leaving the state unchanged. Reports are in node_reports_test.cpp.
#include "ledger/node_module.hpp"

#include <gtest/gtest.h>

#include "tests/support/registry_fixture.hpp"

namespace grid::ledger {
namespace {

using testing::allow_node;
using testing::expect_refused;
using testing::kTft;
using testing::make_farm;
using testing::make_node;
using testing::make_twin;
using testing::record;
using testing::TestChain;
using testing::valid_node_spec;

const IpGw kFarmIp{"185.206.122.33/24", "185.206.122.1"};

// alice owns farm 1 (one public IP).
TestChain farm_chain() {
  TestChain chain = testing::chain_with_levers();
  make_twin(chain, chain.alice());
  make_farm(chain, chain.alice(), "alice-farm", {kFarmIp});
  return chain;
}

// A funded key with a twin, not yet allowed anywhere.
core::AccountKey daemon_key(TestChain& chain) {
  auto key = chain.new_funded_key(100 * kTft);
  make_twin(chain, key);
  return key;
}

TEST(RegisterNode, RegistersAnAllowedNode) {
  TestChain chain = farm_chain();
  auto key = daemon_key(chain);
  allow_node(chain, chain.alice(), 1, key.account());
  auto r = chain.run(key, RegisterNode{1, valid_node_spec()});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  Node node = record<Node>(chain, keys::node(1));
  EXPECT_EQ(node.id, 1u);
  EXPECT_EQ(node.farm_id, 1u);
  EXPECT_EQ(node.twin_id, chain.balance(key.account()).twin_id);
  EXPECT_EQ(node.account, key.account());
  EXPECT_EQ(node.resources, valid_node_spec().resources);
  EXPECT_EQ(node.location, valid_node_spec().location);
  EXPECT_EQ(node.interfaces, valid_node_spec().interfaces);
  EXPECT_EQ(node.serial, valid_node_spec().serial);
  EXPECT_EQ(node.certification, NodeCertification::diy);
  EXPECT_EQ(node.created_at, chain.now());
  EXPECT_EQ(node.last_uptime_report, chain.now());  // a new node counts as up
  EXPECT_EQ(node.power_state, PowerState::up);
  EXPECT_EQ(node.power_state_since, chain.now());
  EXPECT_EQ(record<Farm>(chain, keys::farm(1)).node_count, 1u);
  EXPECT_EQ(record<std::uint32_t>(chain, keys::node_by_account(key.account())), 1u);
  EXPECT_TRUE(chain.state().get(keys::node_in_farm(1, 1)).value().has_value());
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "node_registered");
  EXPECT_EQ(r.events[0].node, 1u);
  EXPECT_EQ(r.events[0].farm, 1u);
  EXPECT_EQ(r.events[0].twin, node.twin_id);
  EXPECT_EQ(r.events[0].account, key.account());
  // Ids count up.
  EXPECT_EQ(make_node(chain, chain.alice(), 1).id, 2u);
  EXPECT_EQ(record<Farm>(chain, keys::farm(1)).node_count, 2u);
}

TEST(RegisterNode, NeedsATwinAndAnExistingFarm) {
  TestChain chain = farm_chain();
  auto key = chain.new_funded_key(100 * kTft);
  allow_node(chain, chain.alice(), 1, key.account());
  expect_refused(chain, key, RegisterNode{1, valid_node_spec()}, "no_twin");
  make_twin(chain, key);
  expect_refused(chain, key, RegisterNode{2, valid_node_spec()}, "not_found");
}

TEST(RegisterNode, TheFarmMustAllowTheNode) {
  TestChain chain = farm_chain();
  auto key = daemon_key(chain);
  expect_refused(chain, key, RegisterNode{1, valid_node_spec()}, "node_not_allowed");
  // Listing another account does not help.
  allow_node(chain, chain.alice(), 1, chain.account("bob"));
  expect_refused(chain, key, RegisterNode{1, valid_node_spec()}, "node_not_allowed");
  // An open farm takes any node.
  ASSERT_TRUE(chain.run(chain.alice(), SetFarmNodePolicy{1, true, {}}).ok);
  EXPECT_TRUE(chain.run(key, RegisterNode{1, valid_node_spec()}).ok);
}

TEST(RegisterNode, OneNodePerAccount) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  ASSERT_TRUE(chain.run(chain.alice(), SetFarmNodePolicy{1, true, {}}).ok);
  expect_refused(chain, node.key, RegisterNode{1, valid_node_spec()}, "node_exists");
  EXPECT_EQ(record<Farm>(chain, keys::farm(1)).node_count, 1u);
}

TEST(RegisterNode, RefusesTooSmallResources) {
  TestChain chain = farm_chain();
  auto key = daemon_key(chain);
  allow_node(chain, chain.alice(), 1, key.account());
  NodeSpec spec = valid_node_spec();
  spec.resources.cru = 0;
  expect_refused(chain, key, RegisterNode{1, spec}, "cru_below_minimum");
  spec = valid_node_spec();
  spec.resources.mru = 2 * kGiB - 1;
  expect_refused(chain, key, RegisterNode{1, spec}, "mru_below_minimum");
  spec = valid_node_spec();
  spec.resources.sru = 100 * kGiB - 1;
  expect_refused(chain, key, RegisterNode{1, spec}, "sru_below_minimum");
  spec.resources = Resources{1, 2 * kGiB, 100 * kGiB, 0};  // the minimums themselves
  EXPECT_TRUE(chain.run(key, RegisterNode{1, spec}).ok);
}

TEST(RegisterNode, RefusesABadLocationInterfaceOrSerial) {
  TestChain chain = farm_chain();
  auto key = daemon_key(chain);
  allow_node(chain, chain.alice(), 1, key.account());
  NodeSpec spec = valid_node_spec();
  spec.location.latitude = "90.5";
  expect_refused(chain, key, RegisterNode{1, spec}, "invalid_latitude");
  spec = valid_node_spec();
  spec.location.country = "";
  expect_refused(chain, key, RegisterNode{1, spec}, "invalid_country");
  spec = valid_node_spec();
  spec.interfaces.push_back(Interface{"eth1", "aa:bb:cc:dd:ee", {}});
  expect_refused(chain, key, RegisterNode{1, spec}, "invalid_mac");
  spec = valid_node_spec();
  spec.interfaces[0].ips.push_back("10.0.0.300");
  expect_refused(chain, key, RegisterNode{1, spec}, "invalid_interface_ip");
  spec = valid_node_spec();
  spec.serial = "";
  expect_refused(chain, key, RegisterNode{1, spec}, "invalid_serial");
  spec.serial = std::nullopt;  // no serial is fine
  EXPECT_TRUE(chain.run(key, RegisterNode{1, spec}).ok);
}

TEST(UpdateNode, TheNodeAccountReplacesItsSpec) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  NodeSpec spec = valid_node_spec();
  spec.resources.cru = 16;
  spec.location.city = "Lochristi";
  spec.secure_boot = true;
  auto r = chain.run(node.key, UpdateNode{node.id, spec});
  ASSERT_TRUE(r.ok) << r.reason;
  Node stored = record<Node>(chain, keys::node(node.id));
  EXPECT_EQ(stored.resources.cru, 16u);
  EXPECT_EQ(stored.location.city, "Lochristi");
  EXPECT_TRUE(stored.secure_boot);
  ASSERT_EQ(r.events.size(), 1u);  // a diy node has no certification to drop
  EXPECT_EQ(r.events[0].kind, "node_updated");
  EXPECT_EQ(r.events[0].node, node.id);
  EXPECT_EQ(r.events[0].farm, 1u);
}

TEST(UpdateNode, Refusals) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  auto other = make_node(chain, chain.alice(), 1);
  NodeSpec spec = valid_node_spec();
  expect_refused(chain, chain.alice(), UpdateNode{node.id, spec}, "unauthorized");  // the farmer
  expect_refused(chain, other.key, UpdateNode{node.id, spec}, "unauthorized");
  expect_refused(chain, node.key, UpdateNode{9, spec}, "not_found");
  spec.resources.mru = kGiB;
  expect_refused(chain, node.key, UpdateNode{node.id, spec}, "mru_below_minimum");
  spec = valid_node_spec();
  spec.location.longitude = "180.1";
  expect_refused(chain, node.key, UpdateNode{node.id, spec}, "invalid_longitude");
}

TEST(UpdateNode, CannotShrinkBelowWhatContractsReserved) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  Resources reserve{6, 20 * kGiB, 500 * kGiB, 0};
  ASSERT_TRUE(chain.run(chain.bob(), CreateNodeContract{node.id, reserve}).ok);
  NodeSpec spec = valid_node_spec();
  spec.resources.cru = 5;
  expect_refused(chain, node.key, UpdateNode{node.id, spec}, "resources_in_use");
  spec = valid_node_spec();
  spec.resources.mru = 20 * kGiB - 1;
  expect_refused(chain, node.key, UpdateNode{node.id, spec}, "resources_in_use");
  spec.resources = Resources{6, 20 * kGiB, 500 * kGiB, 0};  // exactly what is reserved
  EXPECT_TRUE(chain.run(node.key, UpdateNode{node.id, spec}).ok);
}

TEST(UpdateNode, MoreThanOnePercentDropsCertificationExactlyOnePercentKeepsIt) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  // alice is on the dev council: the lever certifies through governance_ops.
  ASSERT_TRUE(chain.run(chain.alice(), SubmitEvidence{core::encode(node.id)}).ok);
  ASSERT_EQ(record<Node>(chain, keys::node(node.id)).certification, NodeCertification::certified);

  NodeSpec spec = valid_node_spec();
  spec.resources.sru = 1010 * kGiB;  // 1000 GiB + exactly 1 %
  auto r = chain.run(node.key, UpdateNode{node.id, spec});
  ASSERT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(record<Node>(chain, keys::node(node.id)).certification, NodeCertification::certified);
  EXPECT_TRUE(testing::events_of(r, "node_certification_dropped").empty());

  spec.resources.hru = 4040 * kGiB + 1;  // 4000 GiB + 1 % + 1 byte
  r = chain.run(node.key, UpdateNode{node.id, spec});
  ASSERT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(record<Node>(chain, keys::node(node.id)).certification, NodeCertification::diy);
  auto dropped = testing::events_of(r, "node_certification_dropped");
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_EQ(dropped[0].node, node.id);
  EXPECT_EQ(dropped[0].account, node.key.account());
}

TEST(UpdateNode, AShrinkOfMoreThanOnePercentAlsoDrops) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  ASSERT_TRUE(chain.run(chain.alice(), SubmitEvidence{core::encode(node.id)}).ok);
  NodeSpec spec = valid_node_spec();
  spec.resources.cru = 7;  // 8 -> 7: 12.5 %
  ASSERT_TRUE(chain.run(node.key, UpdateNode{node.id, spec}).ok);
  EXPECT_EQ(record<Node>(chain, keys::node(node.id)).certification, NodeCertification::diy);
}

TEST(DeleteNode, HooksRunFirstThenTheNodeAndItsIndexesGo) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  ASSERT_TRUE(chain.run(chain.bob(), CreateNodeContract{.node_id = node.id, .public_ips = 1}).ok);
  ASSERT_NE(record<Farm>(chain, keys::farm(1)).public_ips[0].contract_id, 0u);

  auto r = chain.run(node.key, DeleteNode{node.id});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  // The hook saw the node with its contract, before it went.
  EXPECT_EQ(record<std::uint32_t>(chain, testing::hook_marker_key(node.id)), 1u);
  EXPECT_FALSE(chain.get<Node>(keys::node(node.id)).has_value());
  EXPECT_FALSE(chain.get<std::uint32_t>(keys::node_by_account(node.key.account())).has_value());
  EXPECT_FALSE(chain.state().get(keys::node_in_farm(1, node.id)).value().has_value());
  Farm farm = record<Farm>(chain, keys::farm(1));
  EXPECT_EQ(farm.node_count, 0u);
  EXPECT_EQ(farm.public_ips[0].contract_id, 0u);  // the hook's change to the farm is kept
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "node_deleted");
  EXPECT_EQ(r.events[0].node, node.id);
  EXPECT_EQ(r.events[0].farm, 1u);
  // The account may register again, under a new id.
  EXPECT_TRUE(chain.run(node.key, RegisterNode{1, valid_node_spec()}).ok);
  EXPECT_EQ(record<std::uint32_t>(chain, keys::node_by_account(node.key.account())), 2u);
}

TEST(DeleteNode, TheFarmerMayDeleteOthersMayNot) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  auto other = make_node(chain, chain.alice(), 1);
  make_twin(chain, chain.bob());
  expect_refused(chain, chain.bob(), DeleteNode{node.id}, "unauthorized");
  expect_refused(chain, other.key, DeleteNode{node.id}, "unauthorized");
  expect_refused(chain, chain.alice(), DeleteNode{7}, "not_found");
  EXPECT_FALSE(chain.state().get(testing::hook_marker_key(node.id)).value().has_value());
  ASSERT_TRUE(chain.run(chain.alice(), DeleteNode{node.id}).ok);
  EXPECT_EQ(record<Farm>(chain, keys::farm(1)).node_count, 1u);
}

TEST(SetNodePublicConfig, TheFarmerSetsAndClearsIt) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  PublicConfig config{{"185.206.122.40/24", "185.206.122.1"},
                      IpGw{"2a02:1802:5e::40/64", "2a02:1802:5e::1"},
                      std::string("node1.grid.tf")};
  auto r = chain.run(chain.alice(), SetNodePublicConfig{node.id, config});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  EXPECT_EQ(record<Node>(chain, keys::node(node.id)).public_config, config);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "node_public_config_set");
  EXPECT_EQ(r.events[0].node, node.id);
  ASSERT_TRUE(chain.run(chain.alice(), SetNodePublicConfig{node.id, std::nullopt}).ok);
  EXPECT_FALSE(record<Node>(chain, keys::node(node.id)).public_config.has_value());
}

TEST(SetNodePublicConfig, Refusals) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  PublicConfig config{{"185.206.122.40/24", "185.206.122.1"}, std::nullopt, std::nullopt};
  expect_refused(chain, node.key, SetNodePublicConfig{node.id, config}, "unauthorized");
  expect_refused(chain, chain.alice(), SetNodePublicConfig{5, config}, "not_found");
  PublicConfig bad = config;
  bad.ipv4 = {"192.168.0.10/24", "192.168.0.1"};
  expect_refused(chain, chain.alice(), SetNodePublicConfig{node.id, bad}, "ipv4_not_public");
  bad = config;
  bad.ipv6 = IpGw{"fe80::1/64", "fe80::2"};
  expect_refused(chain, chain.alice(), SetNodePublicConfig{node.id, bad}, "ipv6_not_public");
  bad = config;
  bad.domain = "nodomain";
  expect_refused(chain, chain.alice(), SetNodePublicConfig{node.id, bad}, "invalid_domain");
}

TEST(SetPowerTarget, TheFarmerSetsItTheNodeSeesTheEvent) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  auto r = chain.run(chain.alice(), SetPowerTarget{node.id, false});
  ASSERT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(record<Node>(chain, keys::node(node.id)).power_target, PowerState::down);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "node_power_target");
  EXPECT_EQ(r.events[0].account, node.key.account());
  expect_refused(chain, node.key, SetPowerTarget{node.id, true}, "unauthorized");
  expect_refused(chain, chain.bob(), SetPowerTarget{node.id, true}, "unauthorized");
  expect_refused(chain, chain.alice(), SetPowerTarget{3, true}, "not_found");
}

TEST(SetNodeExtraFee, TheFarmerSetsIt) {
  TestChain chain = farm_chain();
  auto node = make_node(chain, chain.alice(), 1);
  auto r = chain.run(chain.alice(), SetNodeExtraFee{node.id, 5000});
  ASSERT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(record<Node>(chain, keys::node(node.id)).extra_fee_musd_month, 5000u);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "node_extra_fee_set");
  EXPECT_EQ(r.events[0].node, node.id);
  expect_refused(chain, node.key, SetNodeExtraFee{node.id, 1}, "unauthorized");
  expect_refused(chain, chain.alice(), SetNodeExtraFee{4, 1}, "not_found");
}

}  // namespace
}  // namespace grid::ledger
