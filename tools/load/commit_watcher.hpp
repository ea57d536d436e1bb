// Commit detection for gridload: CommitLog remembers when each transaction id was first seen in
// a committed block; CommitWatcher fills it by polling a node (chain_status, then chain_getBlock
// for every new height, several heights per JSON-RPC batch).
//
// Contract:
// - CommitLog is thread-safe (one mutex): the watcher records, submitters and the main thread
//   look up. The first sighting of an id wins.
// - CommitWatcher::start(from_height) reads blocks from_height + 1 onwards on its own thread,
//   polling every few milliseconds when there is no new block; a failing node is logged (once
//   per streak) and the watcher moves to the next endpoint. stop() (also the destructor) ends
//   and joins the thread. height() is the last height read completely.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/hash.hpp"
#include "tools/load/load_options.hpp"

namespace grid::tools {

using Clock = std::chrono::steady_clock;

struct CommitSeen {
  Clock::time_point at;
  std::uint64_t height = 0;
};

class CommitLog {
 public:
  void record(const std::vector<core::TxId>& ids, std::uint64_t height, Clock::time_point at);
  std::optional<CommitSeen> find(const core::TxId& id) const;
  std::size_t count_committed(const std::vector<core::TxId>& ids) const;
  std::size_t size() const;

 private:
  struct Hasher {
    std::size_t operator()(const core::TxId& id) const;
  };
  mutable std::mutex mutex_;
  std::unordered_map<core::TxId, CommitSeen, Hasher> seen_;
};

class CommitWatcher {
 public:
  using LogLine = std::function<void(const std::string&)>;
  CommitWatcher(std::vector<RpcEndpoint> endpoints, CommitLog& log, LogLine log_line);
  ~CommitWatcher();
  CommitWatcher(const CommitWatcher&) = delete;
  CommitWatcher& operator=(const CommitWatcher&) = delete;

  void start(std::uint64_t from_height);
  void stop();
  std::uint64_t height() const { return height_.load(); }

 private:
  void run();
  std::vector<RpcEndpoint> endpoints_;
  CommitLog& log_;
  LogLine log_line_;
  std::atomic<std::uint64_t> height_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace grid::tools
