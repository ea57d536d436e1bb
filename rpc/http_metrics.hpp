// RpcMetrics: the HTTP server's own counters, rendered in the Prometheus text format (0.0.4).
//
// Contract:
// - record_call counts one JSON-RPC call by method and result code (0 = success); an empty
//   method (unknown or unreadable) is counted as method="unknown", so clients cannot grow the
//   label set. record_request adds one /rpc HTTP request's latency to a histogram.
// - render() writes:
//     grid_rpc_calls_total{method="...",code="..."} counter
//     grid_rpc_request_duration_seconds histogram (buckets 0.5 ms .. 2.5 s, +Inf, sum, count)
// Thread safety: every method may be called from any thread at any time.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace grid::rpc {

class RpcMetrics {
 public:
  void record_call(std::string_view method, int code);
  void record_request(std::chrono::nanoseconds latency);
  std::string render() const;

 private:
  static constexpr std::array<double, 12> kBucketSeconds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t, std::less<>> calls_;
  std::array<std::atomic<std::uint64_t>, kBucketSeconds.size() + 1> buckets_{};  // last: +Inf
  std::atomic<std::uint64_t> sum_nanos_{0};
};

}  // namespace grid::rpc
