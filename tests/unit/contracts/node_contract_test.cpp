// Node contracts through whole blocks: creation (capacity against the system reserve, farm IPs,
// rented and rent-only nodes), update, cancel and node deletion; every refusal with its reason
// and the state unchanged.
#include <gtest/gtest.h>

#include "contracts/capacity.hpp"
#include "tests/support/contracts_fixture.hpp"

namespace grid::contracts {
namespace {

using ledger::Farm;
using ledger::Node;
using ledger::Resources;
using testing::ContractsFixture;
using testing::events_of;
using testing::expect_refused;
using testing::kGiB;
using testing::node_contract_call;

const Resources kSmall{.cru = 2, .mru = 4 * kGiB, .sru = 50 * kGiB, .hru = 0};

class NodeContract : public ContractsFixture {};

TEST_F(NodeContract, CreateReservesCapacityAndIps) {
  auto r = create(user, kSmall, 2);
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  std::uint64_t id = created_id(r);
  ASSERT_EQ(id, 1u);
  Contract c = contract(id);
  EXPECT_EQ(c.kind, ContractKind::node);
  EXPECT_EQ(c.state, ContractState::created);
  EXPECT_EQ(c.twin_id, user_twin);
  EXPECT_EQ(c.created_at, chain.now());
  EXPECT_EQ(c.last_billed, chain.now());
  ASSERT_TRUE(c.node);
  EXPECT_EQ(c.node->node_id, node.id);
  EXPECT_EQ(c.node->resources, kSmall);
  EXPECT_EQ(c.node->ips, (std::vector<std::string>{"185.206.122.33/24", "185.206.122.34/24"}));
  EXPECT_EQ(c.node->deployment_data, (core::Bytes{1, 2, 3}));

  Node n = node_record();
  EXPECT_EQ(n.reserved, kSmall);
  EXPECT_EQ(n.contract_count, 1u);
  Farm f = farm_record();
  EXPECT_EQ(f.public_ips[0].contract_id, id);
  EXPECT_EQ(f.public_ips[1].contract_id, id);
  EXPECT_EQ(f.public_ips[2].contract_id, 0u);
  EXPECT_TRUE(chain.state().get(keys::node_contract(node.id, id)).value());
  EXPECT_TRUE(chain.state().get(keys::twin_contract(user_twin, id)).value());
  EXPECT_TRUE(chain.state().get(keys::due(chain.now() + 3600, id)).value());

  auto created = events_of(r, "contract_created");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(created[0].node, node.id);
  EXPECT_EQ(created[0].twin, user_twin);
  EXPECT_EQ(created[0].contract, id);
  auto reserved = events_of(r, "ips_reserved");
  ASSERT_EQ(reserved.size(), 1u);
  ASSERT_EQ(reserved[0].attributes.size(), 2u);
  EXPECT_EQ(reserved[0].attributes[0].value, "185.206.122.33/24");
}

TEST_F(NodeContract, OverbookingRefusedExactlyAtTheLimitAccepted) {
  Resources usable = usable_capacity(node_record().resources, chain.params());
  // 32 GiB mru less 10 % (over the 2 GiB minimum); 1000 GiB sru less 20 GiB.
  EXPECT_EQ(usable.mru, 32 * kGiB - 32 * kGiB / 10);
  EXPECT_EQ(usable.sru, 980 * kGiB);
  for (int dim = 0; dim < 4; ++dim) {
    Resources over = usable;
    std::uint64_t* field[] = {&over.cru, &over.mru, &over.sru, &over.hru};
    *field[dim] += 1;
    expect_refused(chain, user, node_contract_call(node.id, over), "node_overbooked");
  }
  Resources half{.cru = 4, .mru = usable.mru / 2, .sru = usable.sru / 2, .hru = usable.hru / 2};
  ASSERT_TRUE(create(user, half).ok);
  Resources rest{.cru = usable.cru - half.cru,
                 .mru = usable.mru - half.mru,
                 .sru = usable.sru - half.sru,
                 .hru = usable.hru - half.hru};
  Resources one_more = rest;
  one_more.mru += 1;
  expect_refused(chain, user, node_contract_call(node.id, one_more), "node_overbooked");
  auto r = create(user, rest);
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  EXPECT_EQ(node_record().reserved, usable);
  expect_refused(chain, user, node_contract_call(node.id, Resources{.cru = 1}), "node_overbooked");
}

TEST_F(NodeContract, IpExhaustionRefused) {
  expect_refused(chain, user, node_contract_call(node.id, kSmall, 4), "not_enough_ips");
  ASSERT_TRUE(create(user, kSmall, 2).ok);
  expect_refused(chain, user, node_contract_call(node.id, kSmall, 2), "not_enough_ips");
  auto r = create(user, kSmall, 1);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(ips_held_by(created_id(r)), 1u);
  EXPECT_EQ(farm_record().public_ips[2].contract_id, created_id(r));
}

TEST_F(NodeContract, NeedsTwinNodeAndApprovedProvider) {
  auto no_twin = chain.new_funded_key(10 * testing::kTft);
  expect_refused(chain, no_twin, node_contract_call(node.id, kSmall), "no_twin");
  expect_refused(chain, user, node_contract_call(99, kSmall), "not_found");
  auto call = node_contract_call(node.id, kSmall);
  call.solution_provider_id = 1;
  expect_refused(chain, user, call, "not_found");
  ASSERT_TRUE(
      chain.run(user, ledger::CreateSolutionProvider{"p", "l", {{chain.account("eve"), 5}}}).ok);
  expect_refused(chain, user, call, "solution_provider_not_approved");
}

TEST_F(NodeContract, RentedNodeTakesContractsOnlyFromTheRenter) {
  ASSERT_TRUE(chain.run(user, ledger::CreateRentContract{node.id, std::nullopt}).ok);
  auto other = other_user();
  expect_refused(chain, other, node_contract_call(node.id, kSmall), "node_rented");
  EXPECT_TRUE(create(user, kSmall).ok);
}

TEST_F(NodeContract, NodeWithExtraFeeIsRentOnly) {
  ASSERT_TRUE(chain.run(chain.alice(), ledger::SetNodeExtraFee{node.id, 10'000}).ok);
  expect_refused(chain, user, node_contract_call(node.id, kSmall), "node_rent_only");
  ASSERT_TRUE(chain.run(user, ledger::CreateRentContract{node.id, std::nullopt}).ok);
  EXPECT_TRUE(create(user, kSmall).ok);
}

TEST_F(NodeContract, UpdateChangesReservationIpsAndDeployment) {
  auto r = create(user, kSmall, 1);
  std::uint64_t id = created_id(r);
  ledger::UpdateNodeContract up{
      id, Resources{.cru = 4, .mru = 8 * kGiB, .sru = 100 * kGiB}, 3, {}, {9}};
  up.deployment_hash.bytes.fill(0xcd);
  auto u = chain.run(user, up);
  ASSERT_TRUE(u.ok) << u.reason << ": " << u.detail;
  EXPECT_EQ(node_record().reserved, up.resources);
  EXPECT_EQ(ips_held_by(id), 3u);
  Contract c = contract(id);
  EXPECT_EQ(c.node->resources, up.resources);
  EXPECT_EQ(c.node->ips.size(), 3u);
  EXPECT_EQ(c.node->deployment_hash, up.deployment_hash);
  EXPECT_EQ(c.node->deployment_data, (core::Bytes{9}));
  EXPECT_EQ(events_of(u, "contract_updated").size(), 1u);
  EXPECT_EQ(events_of(u, "ips_reserved").size(), 1u);

  // Down to one IP: the last ones go back to the farm.
  up.public_ips = 1;
  u = chain.run(user, up);
  ASSERT_TRUE(u.ok);
  EXPECT_EQ(ips_held_by(id), 1u);
  EXPECT_EQ(farm_record().public_ips[0].contract_id, id);
  EXPECT_EQ(events_of(u, "ips_freed").size(), 1u);

  // Its own reservation does not count against it: the whole usable capacity fits.
  up.resources = usable_capacity(node_record().resources, chain.params());
  ASSERT_TRUE(chain.run(user, up).ok);
  EXPECT_EQ(node_record().reserved, up.resources);
  up.resources.cru += 1;
  expect_refused(chain, user, up, "node_overbooked");
  up.resources.cru -= 1;
  up.public_ips = 4;
  expect_refused(chain, user, up, "not_enough_ips");
  expect_refused(chain, other_user(), up, "unauthorized");
}

TEST_F(NodeContract, CancelBillsAndFreesReservationAndIps) {
  std::uint64_t id = created_id(create(user, kSmall, 2));
  chain.advance(10);
  auto other = other_user();
  expect_refused(chain, other, ledger::CancelContract{id}, "unauthorized");
  auto r = chain.run(user, ledger::CancelContract{id});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  Contract c = contract(id);
  EXPECT_EQ(c.state, ContractState::deleted);
  EXPECT_EQ(c.delete_reason, DeleteReason::canceled_by_user);
  EXPECT_EQ(c.deleted_at, chain.now());
  EXPECT_EQ(c.last_billed, chain.now());  // the elapsed part was billed at once
  EXPECT_EQ(c.bill_count, 1u);
  EXPECT_EQ(node_record().reserved, Resources{});
  EXPECT_EQ(node_record().contract_count, 0u);
  EXPECT_EQ(ips_held_by(id), 0u);
  EXPECT_FALSE(chain.state().get(keys::node_contract(node.id, id)).value());
  EXPECT_EQ(events_of(r, "contract_canceled").size(), 1u);
  auto deleted = events_of(r, "contract_deleted");
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0].attributes[0].value, "canceled_by_user");
  EXPECT_EQ(events_of(r, "ips_freed").size(), 1u);
  expect_refused(chain, user, ledger::CancelContract{id}, "contract_deleted");
  expect_refused(chain, user, ledger::UpdateNodeContract{id, kSmall, 0, {}, {}},
                 "contract_deleted");
  // The freed capacity and IPs can be taken again.
  EXPECT_TRUE(create(user, kSmall, 3).ok);
}

TEST_F(NodeContract, NodeDeletionDeletesItsContracts) {
  ASSERT_TRUE(chain.run(user, ledger::CreateRentContract{node.id, std::nullopt}).ok);
  std::uint64_t a = created_id(create(user, kSmall, 1));
  std::uint64_t b = created_id(create(user, kSmall, 2));
  auto r = chain.run(node.key, ledger::DeleteNode{node.id});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  for (std::uint64_t id : {std::uint64_t{1}, a, b}) {
    Contract c = contract(id);
    EXPECT_EQ(c.state, ContractState::deleted) << id;
    EXPECT_EQ(c.delete_reason, DeleteReason::node_deleted) << id;
  }
  for (const auto& ip : farm_record().public_ips) EXPECT_EQ(ip.contract_id, 0u);
  EXPECT_EQ(events_of(r, "contract_deleted").size(), 3u);
  EXPECT_FALSE(chain.state().get(ledger::keys::node(node.id)).value());
}

}  // namespace
}  // namespace grid::contracts
