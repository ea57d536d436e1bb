// Running out of funds (ECONOMICS.md): partial payment, debt, grace and its events, settlement
// after a top-up, expiry with the stored reason out_of_funds (reservation and IPs freed, a rent
// contract's node contracts with it), network units billed once across grace.
#include <gtest/gtest.h>

#include "contracts/billing.hpp"
#include "tests/support/billing_fixture.hpp"

namespace grid::testing {
namespace {

using contracts::ContractState;
using contracts::DeleteReason;

constexpr std::uint64_t kWorkedHour = 7'625'000;

Genesis grace_genesis(std::uint64_t node_grace = 1800, std::uint64_t rent_grace = 900) {
  return billing_genesis([&](ChainParams& p) {
    p.grace_period_node = node_grace;
    p.grace_period_rent = rent_grace;
  });
}

// How many entries of the (time, id) index under `table` name contract `id`.
int index_entries(const TestChain& chain, std::uint8_t table, std::uint64_t id) {
  int n = 0;
  for (const auto& [key, value] : chain.entries())
    if (key.size() == 17 && key[0] == table && contracts::keys::trailing_id(key) == id) ++n;
  return n;
}

TEST(Grace, PartialPaymentStartsGraceAndTopUpSettlesAndResumes) {
  BillingWorld w(grace_genesis(), 3'000'000);
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  std::uint64_t t0 = w.chain.now();
  std::uint64_t funds = w.free(w.user.account());
  ASSERT_LT(funds, kWorkedHour);

  BlockResults billed = w.step(3600);
  Bill b = w.bill(id, 1);
  EXPECT_EQ(b.amount, kWorkedHour);
  EXPECT_EQ(b.paid, funds);
  EXPECT_EQ(b.debt_after, kWorkedHour - funds);
  Contract c = w.contract(id);
  EXPECT_EQ(c.state, ContractState::grace_period);
  EXPECT_EQ(c.grace_since, t0 + 3600);
  EXPECT_EQ(c.debt, kWorkedHour - funds);
  EXPECT_EQ(w.free(w.user.account()), 0u);
  auto started = events_of(billed, "grace_started");
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].contract, id);
  EXPECT_EQ(started[0].node, w.node.id);  // the node daemon pauses the workload
  EXPECT_EQ(attribute(started[0], "expires_at"), std::to_string(t0 + 3600 + 1800));
  EXPECT_EQ(index_entries(w.chain, contracts::keys::kGraceExpiry, id), 1);

  // A top-up is a plain transfer; the block's settlement pays the debt.
  std::uint64_t farmer_before = w.free(w.farmer_account());
  w.chain.submit(w.chain.sign(w.chain.alice(), Transfer{w.user.account(), 20 * kTft}));
  BlockResults settled = w.chain.produce_block(1);
  c = w.contract(id);
  EXPECT_EQ(c.state, ContractState::created);
  EXPECT_EQ(c.debt, 0u);
  EXPECT_EQ(w.free(w.user.account()), 20 * kTft - (kWorkedHour - funds));
  EXPECT_EQ(events_of(settled, "grace_ended").size(), 1u);
  EXPECT_EQ(events_of(settled, "contract_debt_paid").size(), 1u);
  EXPECT_EQ(index_entries(w.chain, contracts::keys::kGraceExpiry, id), 0);
  Bill payment = w.bill(id, 2);
  EXPECT_EQ(payment.amount, 0u);
  EXPECT_EQ(payment.paid, kWorkedHour - funds);
  EXPECT_EQ(payment.debt_after, 0u);
  std::uint64_t farmer_share = 0;
  for (const auto& p : payment.payouts)
    if (p.role == "farmer") farmer_share = p.amount;
  EXPECT_EQ(w.free(w.farmer_account()), farmer_before + farmer_share);
  EXPECT_EQ(c.total_paid, kWorkedHour);

  // Back to normal: the next period is billed and paid in full.
  w.step(3599);
  EXPECT_EQ(w.contract(id).bill_count, 3u);
  EXPECT_EQ(w.last_bill(id).paid, kWorkedHour);
}

TEST(Grace, LaterBillsPayTheDebtFirst) {
  BillingWorld w(grace_genesis(86400), 3'000'000);
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  std::uint64_t funds = w.free(w.user.account());
  w.step(3600);
  std::uint64_t debt = w.contract(id).debt;
  // A top-up that does not reach the debt yet: settled partly, still in grace.
  w.chain.submit(w.chain.sign(w.chain.alice(), Transfer{w.user.account(), debt / 2}));
  w.chain.produce_block(1);
  EXPECT_EQ(w.contract(id).debt, debt - debt / 2);
  EXPECT_EQ(w.contract(id).state, ContractState::grace_period);
  // Enough for the rest of the debt and part of the next bill: debt first.
  w.chain.submit(w.chain.sign(w.chain.alice(), Transfer{w.user.account(), debt}));
  w.chain.produce_block(1);  // settles the debt at once
  EXPECT_EQ(w.contract(id).state, ContractState::created);
  std::uint64_t left = w.free(w.user.account());
  w.step(3598);
  Bill next = w.last_bill(id);
  EXPECT_EQ(next.paid, left);
  EXPECT_EQ(next.debt_after, kWorkedHour - left);
  EXPECT_EQ(w.contract(id).state, ContractState::grace_period);
  EXPECT_EQ(w.contract(id).total_paid, funds + debt / 2 + (debt - debt / 2) + left);
}

TEST(Grace, SettlementGoesRoundRobinWithinItsBound) {
  Genesis g = grace_genesis(86400);
  g.params.max_settlements_per_block = 1;
  BillingWorld w(g, 3'000'000);
  core::AccountKey other = w.chain.new_funded_key(3'000'000);
  make_twin(w.chain, other);
  std::uint64_t first = w.create_node_contract(worked_resources(), 1);
  std::uint64_t second = w.create_node_contract(other, worked_resources(), 1);
  w.step(3600);
  ASSERT_EQ(w.contract(first).state, ContractState::grace_period);
  ASSERT_EQ(w.contract(second).state, ContractState::grace_period);
  // Only the second twin tops up. One settlement per block: the broke first contract (first in
  // the grace index) must not hold the second back.
  w.chain.submit(w.chain.sign(w.chain.alice(), Transfer{other.account(), 20 * kTft}));
  w.chain.produce_block(1);
  w.chain.produce_block(1);
  EXPECT_EQ(w.contract(second).state, ContractState::created);
  EXPECT_EQ(w.contract(second).debt, 0u);
  EXPECT_EQ(w.contract(first).state, ContractState::grace_period);
  for (int i = 0; i < 4; ++i) w.chain.produce_block(1);  // going round does no harm
  EXPECT_EQ(w.contract(first).state, ContractState::grace_period);
  EXPECT_EQ(w.contract(second).bill_count, 2u);
}

TEST(Grace, ExpiryDeletesWithReasonOutOfFundsAndFreesReservationAndIps) {
  BillingWorld w(grace_genesis(), 3'000'000);
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  std::uint64_t t0 = w.chain.now();
  ASSERT_EQ(w.node_record().contract_count, 1u);
  ASSERT_EQ(record<Farm>(w.chain, keys::farm(w.farm_id)).public_ips[0].contract_id, id);

  w.step(3600);
  ASSERT_EQ(w.contract(id).state, ContractState::grace_period);
  w.step(1799);
  EXPECT_EQ(w.contract(id).state, ContractState::grace_period);
  BlockResults expired = w.step(1, false);  // t0 + 3600 + 1800

  Contract c = w.contract(id);
  EXPECT_EQ(c.state, ContractState::deleted);
  EXPECT_EQ(c.delete_reason, DeleteReason::out_of_funds);
  EXPECT_EQ(c.deleted_at, t0 + 5400);
  // Billed once more up to the deletion (nothing to pay it with): the debt is on record.
  Bill last = w.last_bill(id);
  EXPECT_EQ(last.period_end, t0 + 5400);
  EXPECT_EQ(last.billed_seconds, 1800u);
  EXPECT_EQ(c.debt, last.debt_after);
  Node node = w.node_record();
  EXPECT_EQ(node.reserved, Resources{});
  EXPECT_EQ(node.contract_count, 0u);
  for (const auto& ip : record<Farm>(w.chain, keys::farm(w.farm_id)).public_ips)
    EXPECT_EQ(ip.contract_id, 0u);
  auto deleted = events_of(expired, "contract_deleted");
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(attribute(deleted[0], "reason"), "out_of_funds");
  EXPECT_EQ(events_of(expired, "ips_freed").size(), 1u);
  EXPECT_EQ(index_entries(w.chain, contracts::keys::kGraceExpiry, id), 0);
  EXPECT_EQ(index_entries(w.chain, contracts::keys::kDue, id), 0);

  std::uint64_t bills = c.bill_count;
  w.step(3600);
  EXPECT_EQ(w.contract(id).bill_count, bills);  // never billed again
}

TEST(Grace, NetworkUnitsDuringGraceAreBilledOnce) {
  BillingWorld w(grace_genesis(86400), 3'000'000);
  std::uint64_t id = w.create_node_contract(worked_resources(), 1);
  w.step(3600);
  ASSERT_EQ(w.contract(id).state, ContractState::grace_period);

  constexpr std::uint64_t kBytes = 2'000'000'000;  // 2 GB at 15 000 units-USD per GB
  w.chain.submit(w.chain.sign(w.node.key, ReportConsumption{{{id, 1800, kBytes}}}));
  w.step(1800);
  ASSERT_EQ(w.contract(id).nu_pending_bytes, kBytes);
  w.step(1800);
  Bill with_nu = w.last_bill(id);
  EXPECT_EQ(with_nu.nu_bytes, kBytes);
  EXPECT_EQ(with_nu.usd_cost, 152'500u + 30'000u);
  EXPECT_EQ(with_nu.amount, 9'125'000u);
  EXPECT_EQ(w.contract(id).nu_pending_bytes, 0u);

  w.chain.submit(w.chain.sign(w.chain.alice(), Transfer{w.user.account(), 100 * kTft}));
  w.chain.produce_block(1);
  ASSERT_EQ(w.contract(id).state, ContractState::created);
  w.step(3599);
  Bill after = w.last_bill(id);
  EXPECT_EQ(after.nu_bytes, 0u);
  EXPECT_EQ(after.amount, kWorkedHour);
  std::uint64_t nu_total = 0;
  for (std::uint64_t seq = 1; seq <= w.contract(id).bill_count; ++seq)
    nu_total += w.bill(id, seq).nu_bytes;
  EXPECT_EQ(nu_total, kBytes);
}

TEST(Grace, RentContractExpiryTakesItsNodeContractsWithIt) {
  BillingWorld w(grace_genesis(), 3'000'000);
  std::uint64_t rent = w.create_rent_contract(w.user);
  std::uint64_t on_node = w.create_node_contract(worked_resources(), 1);
  w.step(3600);
  ASSERT_EQ(w.contract(rent).state, ContractState::grace_period);
  BlockResults expired = w.step(900, false);

  Contract r = w.contract(rent);
  Contract n = w.contract(on_node);
  EXPECT_EQ(r.state, ContractState::deleted);
  EXPECT_EQ(r.delete_reason, DeleteReason::out_of_funds);
  EXPECT_EQ(n.state, ContractState::deleted);
  EXPECT_EQ(n.delete_reason, DeleteReason::rent_ended);
  Node node = w.node_record();
  EXPECT_EQ(node.rent_contract_id, 0u);
  EXPECT_EQ(node.reserved, Resources{});
  EXPECT_EQ(node.contract_count, 0u);
  for (const auto& ip : record<Farm>(w.chain, keys::farm(w.farm_id)).public_ips)
    EXPECT_EQ(ip.contract_id, 0u);
  EXPECT_EQ(events_of(expired, "contract_deleted").size(), 2u);
  EXPECT_EQ(index_entries(w.chain, contracts::keys::kDue, on_node), 0);
  EXPECT_EQ(index_entries(w.chain, contracts::keys::kGraceExpiry, on_node), 0);
}

}  // namespace
}  // namespace grid::testing
