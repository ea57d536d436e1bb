// NodeMetrics: counters from committed blocks (txs, failures, bills and their amounts), the
// transaction rate over block time, and the Prometheus text of every series.
#include "node/node_metrics.hpp"

#include <gtest/gtest.h>

#include <string>

namespace grid::node {
namespace {

ledger::Block block_at(std::uint64_t height, std::uint64_t time, std::size_t txs) {
  ledger::Block b;
  b.header.height = height;
  b.header.time = time;
  b.transactions.resize(txs);
  return b;
}

ledger::Event bill(std::string amount) {
  ledger::Event e;
  e.kind = "contract_billed";
  e.with("seq", "1").with("amount", std::move(amount));
  return e;
}

// The value line of one series ("name value").
std::string line(const std::string& text, const std::string& name) {
  std::size_t at = text.find("\n" + name + " ");
  if (at == std::string::npos) return "<missing>";
  std::size_t end = text.find('\n', at + 1);
  return text.substr(at + 1, end - at - 1);
}

TEST(NodeMetricsTest, CountsBlocksTransactionsFailuresAndBills) {
  NodeMetrics m;
  m.set_height(4);
  ledger::BlockResults results;
  results.receipts.resize(3);
  results.receipts[1].ok = false;
  results.receipts[2].events.push_back(bill("100"));
  results.block_events = {bill("250"), bill("not a number")};
  m.on_block(block_at(5, 1000, 3), results);
  m.set_peers(3);
  m.set_syncing(true);
  m.set_mempool_txs(17);

  std::string text = m.render();
  EXPECT_EQ(line(text, "gridchain_height"), "gridchain_height 5");
  EXPECT_EQ(line(text, "gridchain_peers"), "gridchain_peers 3");
  EXPECT_EQ(line(text, "gridchain_syncing"), "gridchain_syncing 1");
  EXPECT_EQ(line(text, "gridchain_mempool_txs"), "gridchain_mempool_txs 17");
  EXPECT_EQ(line(text, "gridchain_blocks_total"), "gridchain_blocks_total 1");
  EXPECT_EQ(line(text, "gridchain_txs_committed_total"), "gridchain_txs_committed_total 3");
  EXPECT_EQ(line(text, "gridchain_txs_failed_total"), "gridchain_txs_failed_total 1");
  EXPECT_EQ(line(text, "gridchain_bills_total"), "gridchain_bills_total 3");
  EXPECT_EQ(line(text, "gridchain_billed_units_total"), "gridchain_billed_units_total 350");
  EXPECT_NE(text.find("# TYPE gridchain_bills_total counter"), std::string::npos);
}

TEST(NodeMetricsTest, ClockOffsetIsShownOnceMeasured) {
  NodeMetrics m;
  EXPECT_EQ(m.render().find("gridnode_clock_offset_seconds"), std::string::npos);
  m.set_clock_offset_ms(-20'013);
  std::string text = m.render();
  EXPECT_EQ(line(text, "gridnode_clock_offset_seconds"),
            "gridnode_clock_offset_seconds -20.013000");
  EXPECT_NE(text.find("# TYPE gridnode_clock_offset_seconds gauge"), std::string::npos);
  m.set_clock_offset_ms(std::nullopt);
  EXPECT_EQ(m.render().find("gridnode_clock_offset_seconds"), std::string::npos);
}

TEST(NodeMetricsTest, RateIsTransactionsOverBlockTimeInTheWindow) {
  NodeMetrics m;
  EXPECT_EQ(line(m.render(), "gridchain_txs_per_second"), "gridchain_txs_per_second 0");
  m.on_block(block_at(1, 100, 50), {});  // the window's start: its txs are before the span
  m.on_block(block_at(2, 102, 10), {});
  m.on_block(block_at(3, 104, 30), {});
  EXPECT_EQ(line(m.render(), "gridchain_txs_per_second"), "gridchain_txs_per_second 10.000000");
  // Blocks older than the window fall out: 200 - 60 > 104.
  m.on_block(block_at(4, 200, 5), {});
  m.on_block(block_at(5, 205, 20), {});
  EXPECT_EQ(line(m.render(), "gridchain_txs_per_second"), "gridchain_txs_per_second 4.000000");
}

}  // namespace
}  // namespace grid::node
