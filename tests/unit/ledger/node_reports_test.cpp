// The node daemon's fee-free reports through whole blocks: report_uptime and set_power_state,
// their rate limits, the timestamp hint, the liveness account, and that a refused report never
// enters a block (it costs nothing and changes nothing).
#include <gtest/gtest.h>

#include "ledger/liveness.hpp"
#include "ledger/node_module.hpp"
#include "tests/support/registry_fixture.hpp"

namespace grid::ledger {
namespace {

using testing::expect_refused;
using testing::make_farm;
using testing::make_node;
using testing::make_twin;
using testing::NodeHandle;
using testing::record;
using testing::TestChain;

// Dev params: uptime_report_interval 60 (reports at most every 30 s), offline_after 150,
// timestamp_hint_tolerance 60.
struct ReportsTest : ::testing::Test {
  TestChain chain;
  NodeHandle node = first_node(chain);
  static NodeHandle first_node(TestChain& chain) {
    make_twin(chain, chain.alice());
    make_farm(chain, chain.alice(), "farm");
    return make_node(chain, chain.alice(), 1);
  }
  void SetUp() override {
    ASSERT_EQ(chain.params().uptime_report_interval, 60u);
    ASSERT_EQ(chain.params().offline_after, 150u);
    ASSERT_EQ(chain.params().timestamp_hint_tolerance, 60u);
  }
  Node stored() const { return record<Node>(chain, keys::node(node.id)); }
  // A report whose hint is the next block's time.
  ReportUptime report(std::uint64_t uptime) const { return ReportUptime{uptime, chain.now() + 1}; }
  // Expects the report refused before it could enter a block: no fee, no nonce, no change.
  void expect_left_out(Call call, std::string_view reason) {
    auto nonce = chain.balance(node.key.account()).nonce;
    auto r = expect_refused(chain, node.key, std::move(call), reason);
    EXPECT_EQ(r.fee, 0u);
    EXPECT_EQ(chain.last_left_out().size(), 1u);
    EXPECT_EQ(chain.balance(node.key.account()).nonce, nonce);
  }
};

TEST_F(ReportsTest, ReportsAreFeeFree) {
  Transaction tx = chain.sign(node.key, report(10));
  EXPECT_EQ(tx.fee, 0u);
  EXPECT_EQ(required_fee(chain.params(), chain.modules(), tx), 0u);
  EXPECT_EQ(required_fee(chain.params(), chain.modules(), chain.sign(node.key, SetPowerState{})),
            0u);
  EXPECT_GT(required_fee(chain.params(), chain.modules(),
                         chain.sign(node.key, SetPowerTarget{node.id, true})),
            0u);
}

TEST_F(ReportsTest, TheFirstReportRightAfterRegistrationIsAccepted) {
  auto free_before = chain.balance(node.key.account()).free;
  auto r = chain.run(node.key, report(120));
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  EXPECT_EQ(r.fee, 0u);
  EXPECT_EQ(chain.balance(node.key.account()).free, free_before);
  Node n = stored();
  EXPECT_EQ(n.last_uptime_report, chain.now());
  EXPECT_EQ(n.last_uptime_value, 120u);
  EXPECT_EQ(n.down_seconds_total, 0u);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "node_uptime_reported");
  EXPECT_EQ(r.events[0].node, node.id);
  EXPECT_EQ(r.events[0].account, node.key.account());
}

TEST_F(ReportsTest, AReportFasterThanHalfTheIntervalIsRateLimited) {
  ASSERT_TRUE(chain.run(node.key, report(1)).ok);
  std::uint64_t first = chain.now();
  expect_left_out(report(2), "rate_limited");  // 1 s later
  chain.produce_block(27);                     // the next block is at first + 29
  expect_left_out(report(29), "rate_limited");
  ASSERT_EQ(chain.now(), first + 29);
  auto r = chain.run(node.key, report(30));  // first + 30: half the interval
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  EXPECT_EQ(stored().last_uptime_report, first + 30);
  expect_left_out(report(31), "rate_limited");
}

TEST_F(ReportsTest, TheTimestampHintMustBeNearTheBlockTime) {
  std::uint64_t tolerance = chain.params().timestamp_hint_tolerance;
  // chain.run's block is at chain.now() + 1.
  expect_left_out(ReportUptime{5, chain.now() + 1 + tolerance + 1}, "bad_timestamp");
  expect_left_out(ReportUptime{5, chain.now() + 1 - tolerance - 1}, "bad_timestamp");
  expect_left_out(ReportUptime{5, 0}, "bad_timestamp");
  EXPECT_TRUE(chain.run(node.key, ReportUptime{5, chain.now() + 1 - tolerance}).ok);
  chain.produce_block(40);
  EXPECT_TRUE(chain.run(node.key, ReportUptime{5, chain.now() + 1 + tolerance}).ok);
}

TEST_F(ReportsTest, OnlyARegisteredNodeReports) {
  auto alice_nonce = chain.balance(chain.account("alice")).nonce;
  auto r = expect_refused(chain, chain.alice(), report(5), "not_a_node");
  EXPECT_EQ(r.fee, 0u);
  expect_refused(chain, chain.alice(), SetPowerState{false}, "not_a_node");
  EXPECT_EQ(chain.balance(chain.account("alice")).nonce, alice_nonce);
}

TEST_F(ReportsTest, ALateReportCountsTheDownTime) {
  ASSERT_TRUE(chain.run(node.key, report(1)).ok);
  std::uint64_t last = chain.now();
  chain.produce_block(150 + 39);  // the next block is 40 s past the offline mark
  EXPECT_EQ(node_status(stored(), chain.now() + 1, chain.params()), NodeStatus::down);
  ASSERT_TRUE(chain.run(node.key, report(5)).ok);
  Node n = stored();
  EXPECT_EQ(n.down_seconds_total, 40u);
  EXPECT_EQ(n.last_uptime_report, last + 190);
  EXPECT_EQ(node_status(n, chain.now(), chain.params()), NodeStatus::up);
  // On time: nothing more.
  chain.produce_block(100);
  ASSERT_TRUE(chain.run(node.key, report(105)).ok);
  EXPECT_EQ(stored().down_seconds_total, 40u);
}

TEST_F(ReportsTest, ANodeThatNeverReportsIsDownAfterTheOfflineMark) {
  Node n = stored();
  EXPECT_EQ(node_status(n, n.created_at + 150, chain.params()), NodeStatus::up);
  EXPECT_EQ(node_status(n, n.created_at + 151, chain.params()), NodeStatus::down);
  EXPECT_EQ(down_seconds_at(n, n.created_at + 200, chain.params()), 50u);
}

TEST_F(ReportsTest, PowerStateIsRateLimitedSinceItsLastChange) {
  // The registration set power_state_since: a change needs half an interval.
  expect_left_out(SetPowerState{false}, "rate_limited");
  chain.produce_block(29);  // the next block is 31 s after the registration
  auto r = chain.run(node.key, SetPowerState{false});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  EXPECT_EQ(r.fee, 0u);
  Node n = stored();
  EXPECT_EQ(n.power_state, PowerState::down);
  EXPECT_EQ(n.power_state_since, chain.now());
  EXPECT_EQ(node_status(n, chain.now(), chain.params()), NodeStatus::standby);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "node_power_state");
  EXPECT_EQ(r.events[0].node, node.id);

  expect_left_out(SetPowerState{true}, "rate_limited");
  chain.produce_block(29);
  expect_left_out(SetPowerState{false}, "invalid_input");  // already down
  EXPECT_TRUE(chain.run(node.key, SetPowerState{true}).ok);
  EXPECT_EQ(stored().power_state, PowerState::up);
}

TEST_F(ReportsTest, TheFirstReportExceptionHoldsOnceAndNotInTheRegistrationBlock) {
  auto key = chain.new_funded_key(100 * testing::kTft);
  make_twin(chain, key);
  testing::allow_node(chain, chain.alice(), 1, key.account());
  chain.submit(chain.sign(key, RegisterNode{1, testing::valid_node_spec()}));
  chain.submit(chain.sign(key, ReportUptime{0, chain.now() + 1}));
  const auto& results = chain.produce_block();
  ASSERT_EQ(results.receipts.size(), 1u);
  EXPECT_TRUE(results.receipts[0].ok) << results.receipts[0].reason;
  ASSERT_EQ(chain.last_left_out().size(), 1u);
  EXPECT_EQ(refusal_reason(chain.last_left_out()[0].second), "rate_limited");
  // The next block takes the first report, even with uptime 0; a second one waits.
  ASSERT_TRUE(chain.run(key, ReportUptime{0, chain.now() + 1}).ok);
  auto r = chain.run(key, ReportUptime{0, chain.now() + 1});
  EXPECT_EQ(r.reason, "rate_limited");
}

TEST_F(ReportsTest, AReportAfterDeletionIsNotANode) {
  ASSERT_TRUE(chain.run(node.key, DeleteNode{node.id}).ok);
  expect_left_out(report(1), "not_a_node");
}

}  // namespace
}  // namespace grid::ledger
