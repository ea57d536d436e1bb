#include "rpc/http_metrics.hpp"

#include <cstdio>

namespace grid::rpc {
namespace {

// Label values escaped per the text format: backslash, double quote and newline.
std::string escape_label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string format_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", seconds);
  return text;
}

}  // namespace

void RpcMetrics::record_call(std::string_view method, int code) {
  std::lock_guard lock(mutex_);
  ++calls_[{std::string(method.empty() ? "unknown" : method), code}];
}

void RpcMetrics::record_request(std::chrono::nanoseconds latency) {
  double seconds = std::chrono::duration<double>(latency).count();
  std::size_t bucket = 0;
  while (bucket < kBucketSeconds.size() && seconds > kBucketSeconds[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_nanos_.fetch_add(static_cast<std::uint64_t>(latency.count()), std::memory_order_relaxed);
}

std::string RpcMetrics::render() const {
  std::string out;
  out += "# HELP grid_rpc_calls_total JSON-RPC calls by method and result code (0 = success).\n";
  out += "# TYPE grid_rpc_calls_total counter\n";
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : calls_)
      out += "grid_rpc_calls_total{method=\"" + escape_label(key.first) + "\",code=\"" +
             std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
  }
  const std::string name = "grid_rpc_request_duration_seconds";
  out += "# HELP " + name + " Latency of POST /rpc requests.\n";
  out += "# TYPE " + name + " histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    std::string le = i < kBucketSeconds.size() ? format_seconds(kBucketSeconds[i]) : "+Inf";
    out += name + "_bucket{le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
  }
  double sum = static_cast<double>(sum_nanos_.load(std::memory_order_relaxed)) / 1e9;
  out += name + "_sum " + format_seconds(sum) + "\n";
  out += name + "_count " + std::to_string(cumulative) + "\n";
  return out;
}

}  // namespace grid::rpc
