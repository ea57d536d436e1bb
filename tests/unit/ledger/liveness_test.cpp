// Node liveness as pure functions: the offline mark, the running down-time total, the status and
// how a report updates the account (ledger/liveness.hpp).
#include "ledger/liveness.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace grid::ledger {
namespace {

ChainParams params_with(std::uint64_t offline_after) {
  ChainParams p;
  p.offline_after = offline_after;
  return p;
}

Node node_reported_at(std::uint64_t last, std::uint64_t down_total = 0) {
  Node n;
  n.created_at = 1000;
  n.last_uptime_report = last;
  n.down_seconds_total = down_total;
  return n;
}

TEST(Liveness, UpUntilTheOfflineMarkThenDown) {
  ChainParams p = params_with(150);
  Node n = node_reported_at(1000);
  EXPECT_EQ(offline_mark(n, p), 1150u);
  EXPECT_EQ(node_status(n, 1000, p), NodeStatus::up);
  EXPECT_EQ(node_status(n, 1150, p), NodeStatus::up);
  EXPECT_EQ(node_status(n, 1151, p), NodeStatus::down);
}

TEST(Liveness, DownSecondsAddTheOngoingDownTime) {
  ChainParams p = params_with(150);
  Node n = node_reported_at(1000, 25);
  EXPECT_EQ(down_seconds_at(n, 1000, p), 25u);
  EXPECT_EQ(down_seconds_at(n, 1150, p), 25u);
  EXPECT_EQ(down_seconds_at(n, 1151, p), 26u);
  EXPECT_EQ(down_seconds_at(n, 2150, p), 1025u);
}

TEST(Liveness, AReportAfterTheMarkBanksTheDownTime) {
  ChainParams p = params_with(150);
  Node n = node_reported_at(1000, 25);
  record_uptime_report(n, 1200, 3600, p);
  EXPECT_EQ(n.down_seconds_total, 75u);  // 25 + (1200 - 1150)
  EXPECT_EQ(n.last_uptime_report, 1200u);
  EXPECT_EQ(n.last_uptime_value, 3600u);
  // Reading at the report time gives the same total: no jump, no double count.
  EXPECT_EQ(down_seconds_at(n, 1200, p), 75u);
  EXPECT_EQ(node_status(n, 1200, p), NodeStatus::up);
}

TEST(Liveness, AReportBeforeTheMarkAddsNothing) {
  ChainParams p = params_with(150);
  Node n = node_reported_at(1000, 7);
  record_uptime_report(n, 1150, 10, p);
  EXPECT_EQ(n.down_seconds_total, 7u);
  EXPECT_EQ(n.last_uptime_report, 1150u);
}

TEST(Liveness, DownSecondsNeverDecreaseAcrossReports) {
  ChainParams p = params_with(100);
  Node n = node_reported_at(0);
  std::uint64_t previous = 0;
  for (std::uint64_t t : {50u, 300u, 310u, 1000u, 1050u, 5000u}) {
    std::uint64_t before = down_seconds_at(n, t, p);
    EXPECT_GE(before, previous);
    record_uptime_report(n, t, t, p);
    EXPECT_EQ(down_seconds_at(n, t, p), before);
    previous = before;
  }
  // Gaps past the mark: 300-150, 1000-410, 5000-1150.
  EXPECT_EQ(n.down_seconds_total, 150u + 590u + 3850u);
}

TEST(Liveness, PoweredDownIsStandbyWhateverTheReports) {
  ChainParams p = params_with(150);
  Node n = node_reported_at(1000);
  n.power_state = PowerState::down;
  EXPECT_EQ(node_status(n, 1000, p), NodeStatus::standby);
  EXPECT_EQ(node_status(n, 9000, p), NodeStatus::standby);
  EXPECT_EQ(node_status_name(NodeStatus::standby), "standby");
  EXPECT_EQ(node_status_name(NodeStatus::up), "up");
  EXPECT_EQ(node_status_name(NodeStatus::down), "down");
  EXPECT_EQ(power_state_name(PowerState::down), "down");
  EXPECT_EQ(power_state_of(true), PowerState::up);
}

TEST(Liveness, AHugeOfflineAfterSaturatesInsteadOfWrapping) {
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
  ChainParams p = params_with(kMax);
  Node n = node_reported_at(1000, 5);
  EXPECT_EQ(offline_mark(n, p), kMax);
  EXPECT_EQ(node_status(n, kMax - 1, p), NodeStatus::up);
  EXPECT_EQ(down_seconds_at(n, kMax - 1, p), 5u);
  // A total near the top saturates too.
  Node worn = node_reported_at(0, kMax - 1);
  EXPECT_EQ(down_seconds_at(worn, 1000, params_with(0)), kMax);
}

}  // namespace
}  // namespace grid::ledger

namespace grid::ledger {
namespace {

TEST(Standby, CountsOnlyPoweredDownTime) {
  Node node;
  node.power_state = PowerState::up;
  node.power_state_since = 100;
  EXPECT_EQ(standby_seconds_at(node, 500), 0u);
  record_power_state(node, PowerState::down, 200);
  EXPECT_EQ(standby_seconds_at(node, 200), 0u);
  EXPECT_EQ(standby_seconds_at(node, 260), 60u);
  record_power_state(node, PowerState::up, 300);
  EXPECT_EQ(node.standby_seconds_total, 100u);
  EXPECT_EQ(standby_seconds_at(node, 1000), 100u);
  record_power_state(node, PowerState::down, 1000);
  EXPECT_EQ(standby_seconds_at(node, 1010), 110u);
}

}  // namespace
}  // namespace grid::ledger
