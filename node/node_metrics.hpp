// NodeMetrics: the node's own figures for GET /metrics, in the Prometheus text format (0.0.4),
// next to the HTTP server's RPC counters (rpc/http_metrics.hpp).
//
// Series:
//   gridchain_height                     gauge    latest committed block
//   gridchain_peers                      gauge    connected p2p peers
//   gridchain_syncing                    gauge    1 while block-syncing
//   gridchain_mempool_txs                gauge    transactions waiting
//   gridchain_blocks_total               counter  blocks committed since start
//   gridchain_txs_committed_total        counter  transactions committed since start
//   gridchain_txs_failed_total           counter  ... of which the call failed (fee paid)
//   gridchain_txs_per_second             gauge    committed over the last kRateWindow (block
//                                                 times, so it is the chain's own rate)
//   gridchain_bills_total                counter  contract bills (events contract_billed)
//   gridchain_billed_units_total         counter  TFT units charged by those bills
//   gridnode_clock_offset_seconds        gauge    this clock minus the other validators' (from
//                                                 their vote timestamps; absent until measured)
// Contract: on_block is called by the node thread after each commit (block time in unix
// seconds); the setters from anywhere; render() from any thread. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "ledger/block.hpp"
#include "ledger/receipt.hpp"

namespace grid::node {

class NodeMetrics {
 public:
  static constexpr std::uint64_t kRateWindowSeconds = 60;

  void on_block(const ledger::Block& block, const ledger::BlockResults& results);
  void set_height(std::uint64_t height) { height_ = height; }
  void set_peers(std::uint32_t peers) { peers_ = peers; }
  void set_syncing(bool syncing) { syncing_ = syncing; }
  void set_mempool_txs(std::uint64_t txs) { mempool_txs_ = txs; }
  void set_clock_offset_ms(std::optional<std::int64_t> offset) {
    clock_known_ = offset.has_value();
    clock_offset_ms_ = offset.value_or(0);
  }
  std::uint64_t height() const { return height_; }

  std::string render() const;

 private:
  std::atomic<std::uint64_t> height_{0};
  std::atomic<std::uint32_t> peers_{0};
  std::atomic<bool> syncing_{false};
  std::atomic<std::uint64_t> mempool_txs_{0};
  std::atomic<bool> clock_known_{false};
  std::atomic<std::int64_t> clock_offset_ms_{0};
  std::atomic<std::uint64_t> blocks_{0};
  std::atomic<std::uint64_t> txs_{0};
  std::atomic<std::uint64_t> failed_txs_{0};
  std::atomic<std::uint64_t> bills_{0};
  std::atomic<std::uint64_t> billed_units_{0};
  mutable std::mutex window_mutex_;
  std::deque<std::pair<std::uint64_t, std::uint64_t>> window_;  // (block time, txs), oldest first
};

}  // namespace grid::node
