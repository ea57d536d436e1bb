// Service contracts (TFChain ADR 0003) through whole blocks: create, metadata, fees, approvals,
// reject, cancel, and bills by the service within the variable-fee cap, paid 100 % to the
// service from the consumer's free balance.
#include <gtest/gtest.h>

#include "tests/support/contracts_fixture.hpp"

namespace grid::contracts {
namespace {

using namespace ledger;
using testing::ContractsFixture;
using testing::events_of;
using testing::expect_refused;
using testing::kTft;

class ServiceContracts : public ContractsFixture {
 protected:
  ServiceContracts() : service(other_user()) {}
  // A contract between `service` (signer) and `user` (consumer) with fees set; its id.
  std::uint64_t make_contract(std::uint64_t base = 1000, std::uint64_t variable = 500) {
    auto r = chain.run(service, ServiceContractCreate{service.account(), user.account()});
    EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
    std::uint64_t id = created_id(r);
    EXPECT_TRUE(chain.run(service, ServiceContractSetMetadata{id, "vpn"}).ok);
    EXPECT_TRUE(chain.run(service, ServiceContractSetFees{id, base, variable}).ok);
    return id;
  }
  void approve_both(std::uint64_t id) {
    ASSERT_TRUE(chain.run(service, ServiceContractApprove{id}).ok);
    ASSERT_TRUE(chain.run(user, ServiceContractApprove{id}).ok);
  }
  core::AccountKey service;
};

TEST_F(ServiceContracts, CreateNeedsAPartyWithTwins) {
  auto stranger = other_user();
  expect_refused(chain, stranger, ServiceContractCreate{service.account(), user.account()},
                 "unauthorized");
  auto no_twin = chain.new_funded_key(10 * kTft);
  expect_refused(chain, user, ServiceContractCreate{no_twin.account(), user.account()}, "no_twin");
  expect_refused(chain, user, ServiceContractCreate{user.account(), user.account()},
                 "invalid_input");
  auto r = chain.run(user, ServiceContractCreate{service.account(), user.account()});
  ASSERT_TRUE(r.ok);
  Contract c = contract(created_id(r));
  EXPECT_EQ(c.kind, ContractKind::service);
  EXPECT_EQ(c.twin_id, user_twin);  // the consumer pays
  ASSERT_TRUE(c.service);
  EXPECT_FALSE(c.service->service_approved || c.service->consumer_approved);
}

TEST_F(ServiceContracts, FullFlowWithTheCap) {
  std::uint64_t id = make_contract(1000, 500);
  expect_refused(chain, user, ServiceContractSetFees{id, 1, 1}, "unauthorized");
  expect_refused(chain, user, ServiceContractSetMetadata{id, "x"}, "unauthorized");
  expect_refused(chain, service, ServiceContractBill{id, 0, ""}, "contract_not_approved");
  approve_both(id);
  Contract c = contract(id);
  EXPECT_EQ(c.last_billed, chain.now());  // started
  expect_refused(chain, service, ServiceContractSetFees{id, 1, 1}, "contract_approved");
  expect_refused(chain, service, ServiceContractReject{id}, "contract_approved");

  chain.advance(3600, 600);
  std::uint64_t elapsed = chain.now() + 1 - c.last_billed;  // at the next block
  std::uint64_t cap = 500 * elapsed / 3600;
  expect_refused(chain, service, ServiceContractBill{id, cap + 1, "too much"}, "bill_over_cap");
  expect_refused(chain, user, ServiceContractBill{id, cap, ""}, "unauthorized");

  elapsed = chain.now() + 1 - c.last_billed;
  cap = 500 * elapsed / 3600;
  std::uint64_t consumer_before = chain.balance(user.account()).free;
  auto r = chain.run(service, ServiceContractBill{id, cap, "hour 1"});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  std::uint64_t musd = 1000 * elapsed / 3600 + cap;
  std::uint64_t tft = musd * 10'000 * 1000 / 20;  // price 20 mUSD per TFT
  EXPECT_EQ(chain.balance(user.account()).free, consumer_before - tft);

  Bill bill = testing::record<Bill>(chain, keys::bill(id, 1));
  EXPECT_EQ(bill.amount, tft);
  EXPECT_EQ(bill.usd_cost, musd * 10'000);
  EXPECT_EQ(bill.billed_seconds, elapsed);
  EXPECT_EQ(bill.price_musd, 20u);
  ASSERT_EQ(bill.payouts.size(), 1u);
  EXPECT_EQ(bill.payouts[0].to, service.account());
  EXPECT_EQ(bill.payouts[0].amount, tft);
  c = contract(id);
  EXPECT_EQ(c.last_billed, chain.now());
  EXPECT_EQ(c.bill_count, 1u);
  EXPECT_EQ(c.total_paid, tft);
  auto billed = events_of(r, "contract_billed");
  ASSERT_EQ(billed.size(), 1u);

  // Cancel by the consumer.
  auto cancel = chain.run(user, ServiceContractCancel{id});
  ASSERT_TRUE(cancel.ok) << cancel.reason;
  EXPECT_EQ(contract(id).delete_reason, DeleteReason::canceled_by_user);
  expect_refused(chain, service, ServiceContractBill{id, 0, ""}, "contract_deleted");
}

TEST_F(ServiceContracts, ConsumerWithoutFundsIsRefused) {
  std::uint64_t id = make_contract(1'000'000'000, 0);
  approve_both(id);
  chain.advance(3600, 600);
  expect_refused(chain, service, ServiceContractBill{id, 0, ""}, "insufficient_funds");
}

TEST_F(ServiceContracts, RejectBeforeApproval) {
  std::uint64_t id = make_contract();
  ASSERT_TRUE(chain.run(user, ServiceContractApprove{id}).ok);
  expect_refused(chain, user, ServiceContractApprove{id}, "invalid_input");
  expect_refused(chain, other_user(), ServiceContractReject{id}, "unauthorized");
  // New fees withdraw the approvals given so far.
  ASSERT_TRUE(chain.run(service, ServiceContractSetFees{id, 2000, 0}).ok);
  EXPECT_FALSE(contract(id).service->consumer_approved);
  auto r = chain.run(user, ServiceContractReject{id});
  ASSERT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(contract(id).state, ContractState::deleted);
  EXPECT_EQ(contract(id).delete_reason, DeleteReason::rejected);
}

TEST_F(ServiceContracts, CancelContractWorksForEitherParty) {
  std::uint64_t id = make_contract();
  expect_refused(chain, other_user(), CancelContract{id}, "unauthorized");
  ASSERT_TRUE(chain.run(service, CancelContract{id}).ok);
  EXPECT_EQ(contract(id).delete_reason, DeleteReason::canceled_by_user);
}

}  // namespace
}  // namespace grid::contracts
