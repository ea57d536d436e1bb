#include "node/node_metrics.hpp"

#include <charconv>

namespace grid::node {
namespace {

void series(std::string& out, const char* name, const char* type, const char* help,
            const std::string& value) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
         name + " " + value + "\n";
}

std::uint64_t parse_u64_or_zero(const std::string& text) {
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc() && end == text.data() + text.size() ? v : 0;
}

}  // namespace

void NodeMetrics::on_block(const ledger::Block& block, const ledger::BlockResults& results) {
  height_ = block.header.height;
  ++blocks_;
  txs_ += block.transactions.size();
  for (const auto& receipt : results.receipts)
    if (!receipt.ok) ++failed_txs_;
  auto count_bills = [&](const std::vector<ledger::Event>& events) {
    for (const auto& e : events) {
      if (e.kind != "contract_billed") continue;
      ++bills_;
      for (const auto& a : e.attributes)
        if (a.key == "amount") billed_units_ += parse_u64_or_zero(a.value);
    }
  };
  for (const auto& receipt : results.receipts) count_bills(receipt.events);
  count_bills(results.block_events);

  std::lock_guard lock(window_mutex_);
  window_.emplace_back(block.header.time, block.transactions.size());
  while (!window_.empty() && window_.front().first + kRateWindowSeconds < block.header.time)
    window_.pop_front();
}

std::string NodeMetrics::render() const {
  std::string rate = "0";
  {
    std::lock_guard lock(window_mutex_);
    if (window_.size() >= 2) {
      std::uint64_t span = window_.back().first - window_.front().first;
      std::uint64_t txs = 0;
      for (auto it = std::next(window_.begin()); it != window_.end(); ++it) txs += it->second;
      if (span > 0) rate = std::to_string(static_cast<double>(txs) / static_cast<double>(span));
    }
  }
  auto n = [](std::uint64_t v) { return std::to_string(v); };
  std::string out;
  series(out, "gridchain_height", "gauge", "Latest committed block height.", n(height_));
  series(out, "gridchain_peers", "gauge", "Connected p2p peers.", n(peers_));
  series(out, "gridchain_syncing", "gauge", "1 while the node block-syncs.", syncing_ ? "1" : "0");
  series(out, "gridchain_mempool_txs", "gauge", "Transactions waiting in the mempool.",
         n(mempool_txs_));
  series(out, "gridchain_blocks_total", "counter", "Blocks committed since start.", n(blocks_));
  series(out, "gridchain_txs_committed_total", "counter", "Transactions committed since start.",
         n(txs_));
  series(out, "gridchain_txs_failed_total", "counter", "Committed transactions whose call failed.",
         n(failed_txs_));
  series(out, "gridchain_txs_per_second", "gauge",
         "Committed transactions per second over the last 60 s of block time.", rate);
  series(out, "gridchain_bills_total", "counter", "Contract bills since start.", n(bills_));
  series(out, "gridchain_billed_units_total", "counter",
         "TFT base units charged by contract bills since start.", n(billed_units_));
  if (clock_known_)
    series(out, "gridnode_clock_offset_seconds", "gauge",
           "This clock minus the other validators' clocks, from their vote timestamps.",
           std::to_string(static_cast<double>(clock_offset_ms_.load()) / 1000.0));
  return out;
}

}  // namespace grid::node
