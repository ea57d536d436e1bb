// Submitter: gridload's load engine. Sends pre-signed transactions over several keep-alive
// connections as JSON-RPC batches of tx_submit, keeps each account's transactions in nonce order
// on one connection, backs off and resubmits on refusals, and ends when the CommitLog has seen
// every transaction.
//
// Contract:
// - With options.rate, the threads together send at most rate x elapsed seconds + 1 calls.
// - Account k is served by connection k mod C, one thread per connection; connection c starts
//   on endpoint c mod E and fails over to the next endpoint on a transport error.
// - A reply of "mempool_full", "too_many_pending", "rate_limited" or "no_reply" backs the
//   account off (50 ms doubling to 1 s) and the refused transaction and every later one of the
//   account is sent again; "already_known" counts as accepted; "bad_nonce" and "nonce_gap" roll
//   the account back to its first uncommitted transaction and retry after a back-off (the
//   committed ones drop out once the watcher sees them); any other refusal abandons the account
//   (the run then cannot complete). An accepted transaction that is not committed after
//   resubmit_after is sent again. Refusals are counted by reason, except those that follow an
//   earlier refusal of the same account in the same batch (a nonce gap the first one caused): those
//   are "cascaded".
// - start() (once) spawns the threads; wait() joins them: they end when all their transactions are
//   committed or abandoned, at the deadline, or after stop(). timings() and stats() are read
//   after wait(). Queues are borrowed and must outlive the Submitter.
// - log_line is called from the worker threads (must be thread-safe) for the first refusal of
//   each reason and for transport failures.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tools/load/commit_watcher.hpp"
#include "tools/load/load_options.hpp"
#include "tools/load/load_plan.hpp"

namespace grid::tools {

struct SubmitOptions {
  std::uint32_t connections = 8;
  std::uint32_t batch = 100;
  std::uint32_t rate = 0;  // tx_submit calls per second over all threads; 0 = unlimited
  std::chrono::milliseconds resubmit_after = std::chrono::seconds(10);
  Clock::time_point deadline;
};

struct TxTiming {
  std::optional<Clock::time_point> first_sent;
  std::optional<Clock::time_point> accepted;  // when the request that got it accepted was sent
};

struct SubmitStats {
  std::map<std::string, std::uint64_t> refused;  // by reason
  std::uint64_t cascaded = 0;  // refused after an earlier refusal of the account in the batch
  std::uint64_t requests = 0;
  std::uint64_t accepted = 0;
  std::uint64_t resubmitted = 0;
  std::uint64_t transport_errors = 0;
  std::uint32_t abandoned_accounts = 0;
};

class Submitter {
 public:
  using LogLine = std::function<void(const std::string&)>;
  Submitter(std::vector<RpcEndpoint> endpoints, SubmitOptions options, const CommitLog& log,
            LogLine log_line);
  ~Submitter();
  Submitter(const Submitter&) = delete;
  Submitter& operator=(const Submitter&) = delete;

  void start(const std::vector<std::vector<SignedTx>>& queues);
  void stop() { stop_ = true; }
  void wait();
  // False once every thread has ended (all committed or abandoned, deadline, or stop()).
  bool running() const { return running_ > 0; }

  // Indexed like the queues.
  const std::vector<std::vector<TxTiming>>& timings() const { return timings_; }
  SubmitStats stats() const;

 private:
  struct Account;
  void run(std::uint32_t connection);

  std::vector<RpcEndpoint> endpoints_;
  SubmitOptions options_;
  const CommitLog& log_;
  LogLine log_line_;
  const std::vector<std::vector<SignedTx>>* queues_ = nullptr;
  std::vector<std::vector<TxTiming>> timings_;
  std::uint32_t connections_ = 1;
  std::atomic<bool> stop_{false};
  std::atomic<std::uint32_t> running_{0};
  std::atomic<std::uint64_t> calls_sent_{0};  // for the rate limit
  Clock::time_point started_;
  std::vector<std::thread> threads_;
  mutable std::mutex stats_mutex_;
  SubmitStats stats_;
  std::map<std::string, bool> reported_;  // reasons already logged, under stats_mutex_
};

}  // namespace grid::tools
