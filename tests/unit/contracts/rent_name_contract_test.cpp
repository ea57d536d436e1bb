// Name and rent contracts through whole blocks: unique names, renting a node, the rent contract's
// hold on its node contracts (no cancel while they remain; they end with it: rent_ended).
#include <gtest/gtest.h>

#include "contracts/lifecycle.hpp"
#include "tests/support/contracts_fixture.hpp"

namespace grid::contracts {
namespace {

using ledger::Node;
using ledger::Resources;
using testing::ContractsFixture;
using testing::events_of;
using testing::expect_refused;
using testing::kGiB;
using testing::node_contract_call;

const Resources kSmall{.cru = 1, .mru = 2 * kGiB, .sru = 0, .hru = 0};

class NameContract : public ContractsFixture {};
class RentContract : public ContractsFixture {};

TEST_F(NameContract, GloballyUniqueAmongLiveContracts) {
  auto r = chain.run(user, ledger::CreateNameContract{"my-gateway_1"});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  std::uint64_t id = created_id(r);
  Contract c = contract(id);
  EXPECT_EQ(c.kind, ContractKind::name);
  EXPECT_EQ(c.name, "my-gateway_1");
  EXPECT_EQ(chain.get<std::uint64_t>(keys::name_contract("my-gateway_1")), id);
  EXPECT_TRUE(chain.state().get(keys::due(chain.now() + 3600, id)).value());

  auto other = other_user();
  expect_refused(chain, other, ledger::CreateNameContract{"my-gateway_1"}, "duplicate_name");
  expect_refused(chain, user, ledger::CreateNameContract{"my-gateway_1"}, "duplicate_name");
  expect_refused(chain, other, ledger::CreateNameContract{"ab"}, "name_contract_name_too_short");
  expect_refused(chain, other, ledger::CreateNameContract{"Upper"}, "invalid_name_contract_name");

  // Cancelled, the name is free again.
  ASSERT_TRUE(chain.run(user, ledger::CancelContract{id}).ok);
  EXPECT_FALSE(chain.state().get(keys::name_contract("my-gateway_1")).value());
  EXPECT_TRUE(chain.run(other, ledger::CreateNameContract{"my-gateway_1"}).ok);
}

TEST_F(RentContract, RentsAFreeNode) {
  auto r = chain.run(user, ledger::CreateRentContract{node.id, std::nullopt});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  std::uint64_t id = created_id(r);
  Contract c = contract(id);
  EXPECT_EQ(c.kind, ContractKind::rent);
  EXPECT_EQ(c.rent_node_id, node.id);
  EXPECT_EQ(node_record().rent_contract_id, id);
  ASSERT_EQ(events_of(r, "contract_created").size(), 1u);
  EXPECT_EQ(events_of(r, "contract_created")[0].node, node.id);

  auto other = other_user();
  expect_refused(chain, other, ledger::CreateRentContract{node.id, std::nullopt}, "node_rented");
  expect_refused(chain, user, ledger::CreateRentContract{node.id, std::nullopt}, "node_rented");
  expect_refused(chain, user, ledger::CreateRentContract{77, std::nullopt}, "not_found");
}

TEST_F(RentContract, RefusedWhileOtherTwinsHaveContractsOnTheNode) {
  auto other = other_user();
  ASSERT_TRUE(chain.run(other, node_contract_call(node.id, kSmall)).ok);
  expect_refused(chain, user, ledger::CreateRentContract{node.id, std::nullopt},
                 "node_has_contracts");
  // The twin's own contracts do not stand in the way.
  EXPECT_TRUE(chain.run(other, ledger::CreateRentContract{node.id, std::nullopt}).ok);
}

TEST_F(RentContract, CannotBeCancelledWhileNodeContractsRemain) {
  std::uint64_t rent = created_id(chain.run(user, ledger::CreateRentContract{node.id, {}}));
  std::uint64_t nc = created_id(create(user, kSmall, 1));
  expect_refused(chain, user, ledger::CancelContract{rent}, "rent_has_node_contracts");
  ASSERT_TRUE(chain.run(user, ledger::CancelContract{nc}).ok);
  auto r = chain.run(user, ledger::CancelContract{rent});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  EXPECT_EQ(contract(rent).delete_reason, DeleteReason::canceled_by_user);
  EXPECT_EQ(node_record().rent_contract_id, 0u);
  // The node is free for anyone again.
  EXPECT_TRUE(chain.run(other_user(), node_contract_call(node.id, kSmall)).ok);
}

// What billing does when a rent contract runs out of funds: delete_contract takes the node
// contracts on the node with it (rent_ended), freeing their reservation and IPs.
TEST_F(RentContract, DeletionEndsTheNodeContractsOnItsNode) {
  std::uint64_t rent = created_id(chain.run(user, ledger::CreateRentContract{node.id, {}}));
  std::uint64_t a = created_id(create(user, kSmall, 1));
  std::uint64_t b = created_id(create(user, kSmall, 2));

  ledger::Overlay overlay(chain.state());
  std::vector<ledger::Event> events;
  ledger::BlockHeader header = chain.last_header();
  header.time += 5;
  ledger::BlockContext ctx{overlay, chain.params(), header, events, chain.modules()};
  Contract c = load_contract(overlay, rent).value();
  ASSERT_TRUE(delete_contract(ctx, c, DeleteReason::out_of_funds).is_ok());

  for (std::uint64_t id : {a, b}) {
    Contract nc = load_contract(overlay, id).value();
    EXPECT_EQ(nc.state, ContractState::deleted);
    EXPECT_EQ(nc.delete_reason, DeleteReason::rent_ended);
  }
  Contract rc = load_contract(overlay, rent).value();
  EXPECT_EQ(rc.delete_reason, DeleteReason::out_of_funds);
  EXPECT_EQ(rc.deleted_at, header.time);
  Node n = ledger::load_node(overlay, node.id).value();
  EXPECT_EQ(n.rent_contract_id, 0u);
  EXPECT_EQ(n.contract_count, 0u);
  EXPECT_EQ(n.reserved, Resources{});
  ledger::Farm farm = ledger::load_farm(overlay, farm_id).value();
  for (const auto& ip : farm.public_ips) EXPECT_EQ(ip.contract_id, 0u);
  EXPECT_FALSE(overlay.get(keys::due(contract(rent).last_billed + 3600, rent)).value());
  std::size_t deleted = 0;
  for (const auto& e : events) deleted += e.kind == "contract_deleted";
  EXPECT_EQ(deleted, 3u);
  std::uint64_t held = 0;
  for (const auto& m : chain.modules()) EXPECT_TRUE(m->check_invariants(overlay, held).is_ok());
}

}  // namespace
}  // namespace grid::contracts
