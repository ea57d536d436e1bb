#include <gtest/gtest.h>

#include "tools/agent/reconciler.hpp"

namespace grid::tools {
namespace {

Reservation small() {
  Reservation r;
  r.resources = {2, 4ull << 30, 50ull << 30, 0};
  r.public_ips = 1;
  r.ips = {"185.1.2.3/24"};
  r.deployment_hash = "ab";
  return r;
}

ContractView view(std::uint64_t id, ChainState state, Reservation r = small()) {
  return ContractView{id, 3, 1, state, std::move(r)};
}

Deployment deployed(std::uint64_t id, bool paused = false, Reservation r = small()) {
  return Deployment{id, 3, paused, std::move(r), 1700000000};
}

std::vector<std::pair<ActionKind, std::uint64_t>> kinds(const std::vector<Action>& actions) {
  std::vector<std::pair<ActionKind, std::uint64_t>> out;
  for (const Action& a : actions) out.emplace_back(a.kind, a.contract_id);
  return out;
}

using K = ActionKind;
using Pairs = std::vector<std::pair<ActionKind, std::uint64_t>>;

TEST(Reconciler, NewContractsAreProvisioned) {
  std::vector<ContractView> chain = {view(7, ChainState::created)};
  auto actions = reconcile({}, chain, true);
  EXPECT_EQ(kinds(actions), (Pairs{{K::provision, 7}}));
  ASSERT_TRUE(actions[0].contract);
  EXPECT_EQ(actions[0].contract->reservation, small());
}

TEST(Reconciler, ANewContractInGraceIsProvisionedPaused) {
  std::vector<ContractView> chain = {view(7, ChainState::grace_period)};
  EXPECT_EQ(kinds(reconcile({}, chain, true)), (Pairs{{K::provision, 7}, {K::pause, 7}}));
}

TEST(Reconciler, GracePausesAndItsEndResumes) {
  LocalDeployments running = {{7, deployed(7)}};
  std::vector<ContractView> grace = {view(7, ChainState::grace_period)};
  EXPECT_EQ(kinds(reconcile(running, grace, false)), (Pairs{{K::pause, 7}}));
  LocalDeployments paused = {{7, deployed(7, true)}};
  EXPECT_TRUE(reconcile(paused, grace, true).empty());  // already paused
  std::vector<ContractView> created = {view(7, ChainState::created)};
  EXPECT_EQ(kinds(reconcile(paused, created, false)), (Pairs{{K::resume, 7}}));
}

TEST(Reconciler, DeletedContractsAreRemoved) {
  LocalDeployments local = {{7, deployed(7)}, {8, deployed(8, true)}};
  std::vector<ContractView> chain = {view(7, ChainState::deleted), view(8, ChainState::deleted)};
  EXPECT_EQ(kinds(reconcile(local, chain, false)), (Pairs{{K::remove, 7}, {K::remove, 8}}));
  EXPECT_TRUE(reconcile({}, chain, true).empty());  // never provisioned: nothing to remove
}

TEST(Reconciler, ChangedReservationsAreUpdated) {
  Reservation bigger = small();
  bigger.resources.cru = 4;
  LocalDeployments local = {{7, deployed(7)}, {8, deployed(8, true)}};
  std::vector<ContractView> chain = {view(7, ChainState::created, bigger),
                                     view(8, ChainState::created, bigger)};
  EXPECT_EQ(kinds(reconcile(local, chain, true)),
            (Pairs{{K::update, 7}, {K::resume, 8}, {K::update, 8}}));
  std::vector<ContractView> in_grace = {view(7, ChainState::grace_period, bigger)};
  EXPECT_EQ(kinds(reconcile(local, in_grace, false)), (Pairs{{K::update, 7}, {K::pause, 7}}));
}

TEST(Reconciler, OnlyACompleteViewRemovesWhatItDoesNotShow) {
  LocalDeployments local = {{5, deployed(5)}, {7, deployed(7)}};
  std::vector<ContractView> chain = {view(7, ChainState::created)};
  EXPECT_TRUE(reconcile(local, chain, false).empty());
  auto actions = reconcile(local, chain, true);
  EXPECT_EQ(kinds(actions), (Pairs{{K::remove, 5}}));
  EXPECT_FALSE(actions[0].contract);  // gone: no chain view
}

TEST(Reconciler, RestartWithFilesPresent) {
  // Files recorded before a restart: 1 still running, 2 paused but its grace ended, 3 deleted
  // while the agent was down, 4 gone from the live list, 5 new.
  LocalDeployments files = {
      {1, deployed(1)}, {2, deployed(2, true)}, {3, deployed(3)}, {4, deployed(4)}};
  std::vector<ContractView> live = {view(5, ChainState::created), view(2, ChainState::created),
                                    view(1, ChainState::created)};
  EXPECT_EQ(kinds(reconcile(files, live, true)),
            (Pairs{{K::resume, 2}, {K::remove, 3}, {K::remove, 4}, {K::provision, 5}}));
}

TEST(Reconciler, IdempotentOnceApplied) {
  LocalDeployments local = {{7, deployed(7)}};
  std::vector<ContractView> chain = {view(7, ChainState::created), view(7, ChainState::deleted)};
  EXPECT_TRUE(reconcile(local, chain, true).empty());  // the first view of an id wins
}

EventView event(std::string kind, std::optional<std::uint32_t> node,
                std::optional<std::uint64_t> contract) {
  EventView e;
  e.kind = std::move(kind);
  e.node = node;
  e.contract = contract;
  return e;
}

TEST(Reconciler, WhichEventsTouchAContract) {
  for (std::string kind : {"contract_created", "contract_updated", "contract_canceled",
                           "contract_deleted", "grace_started", "grace_ended"})
    EXPECT_EQ(contracts_touched(event(kind, 2, 7), 2), 7u) << kind;
  EXPECT_FALSE(contracts_touched(event("contract_billed", 2, 7), 2));
  EXPECT_FALSE(contracts_touched(event("consumption_reported", 2, 7), 2));
  EXPECT_FALSE(contracts_touched(event("contract_created", 3, 7), 2));  // another node
  EXPECT_FALSE(contracts_touched(event("contract_created", std::nullopt, 7), 2));
  EXPECT_FALSE(contracts_touched(event("contract_created", 2, std::nullopt), 2));
}

TEST(Reconciler, ActionNames) {
  EXPECT_EQ(action_name(K::provision), "provision");
  EXPECT_EQ(action_name(K::remove), "remove");
  EXPECT_EQ(action_name(K::pause), "pause");
  EXPECT_EQ(action_name(K::resume), "resume");
  EXPECT_EQ(action_name(K::update), "update");
}

}  // namespace
}  // namespace grid::tools
