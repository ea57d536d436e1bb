// report_consumption through whole blocks: only the node's own live node contracts, windows never
// counted twice, rate-limited and fee-free; a bad report refuses the whole call (and never enters
// a block).
#include <gtest/gtest.h>

#include "tests/support/contracts_fixture.hpp"

namespace grid::contracts {
namespace {

using namespace ledger;
using testing::ContractsFixture;
using testing::events_of;
using testing::expect_refused;
using testing::kGiB;
using testing::make_node;
using testing::node_contract_call;

class Consumption : public ContractsFixture {
 protected:
  Consumption() { id = created_id(create(user, Resources{.cru = 1, .mru = kGiB})); }
  std::uint64_t id = 0;
};

TEST_F(Consumption, AddsBytesForTheNodesOwnContract) {
  chain.advance(40);
  Contract before = contract(id);
  std::uint64_t open = chain.now() + 1 - before.last_consumption_at;
  auto r = chain.run(node.key, ReportConsumption{{{id, open, 5'000'000'000}}}, 0);
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  EXPECT_EQ(r.fee, 0u);
  Contract c = contract(id);
  EXPECT_EQ(c.nu_pending_bytes, 5'000'000'000u);
  EXPECT_EQ(c.last_consumption_at, chain.now());
  EXPECT_EQ(node_record().last_consumption_report, chain.now());
  EXPECT_EQ(events_of(r, "consumption_reported").size(), 1u);

  // The next report: not within half the interval (30 s), and never over the same window.
  expect_refused(chain, node.key, ReportConsumption{{{id, 1, 1}}}, "rate_limited");
  chain.advance(30);
  std::uint64_t since = chain.now() + 1 - c.last_consumption_at;
  expect_refused(chain, node.key, ReportConsumption{{{id, since + 1, 1}}}, "window_overlap");
  // The same contract twice in one call would count its window twice.
  expect_refused(chain, node.key, ReportConsumption{{{id, since, 1}, {id, 1, 1}}},
                 "window_overlap");
  ASSERT_TRUE(chain.run(node.key, ReportConsumption{{{id, since, 7}}}, 0).ok);
  EXPECT_EQ(contract(id).nu_pending_bytes, 5'000'000'007u);
}

TEST_F(Consumption, RefusesContractsOfOtherNodesAndNonNodes) {
  auto other_node = make_node(chain, chain.alice(), farm_id);
  chain.advance(40);
  expect_refused(chain, other_node.key, ReportConsumption{{{id, 10, 1}}}, "contract_not_on_node");
  expect_refused(chain, node.key, ReportConsumption{{{999, 10, 1}}}, "contract_not_on_node");
  expect_refused(chain, user, ReportConsumption{{{id, 10, 1}}}, "not_a_node");
  // One bad report refuses the whole call, the good one included.
  std::uint64_t other_contract =
      created_id(chain.run(user, node_contract_call(other_node.id, Resources{.cru = 1})));
  expect_refused(chain, node.key, ReportConsumption{{{id, 10, 1}, {other_contract, 1, 1}}},
                 "contract_not_on_node");
  EXPECT_EQ(contract(id).nu_pending_bytes, 0u);
  expect_refused(chain, node.key, ReportConsumption{{{id, 0, 1}}}, "invalid_input");
  // A cancelled contract takes no more reports.
  ASSERT_TRUE(chain.run(user, CancelContract{id}).ok);
  expect_refused(chain, node.key, ReportConsumption{{{id, 1, 1}}}, "contract_not_on_node");
}

}  // namespace
}  // namespace grid::contracts
