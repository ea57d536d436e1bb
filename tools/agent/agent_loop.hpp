// AgentLoop: the node daemon's life after setup: uptime reports, following the node's contracts
// (event stream, polling as fallback), provisioning / pausing / resuming / removing them, network
// consumption reports, and the power-down report at shutdown.
//
// Contract:
// - run() returns when the inbox asks to stop, after reporting power down (set_power_state
//   false); it returns 0 when that report committed (or the node was already down on chain), 1
//   when the chain refused it or the node could not be reached.
// - Every task has its own schedule: report_uptime every uptime interval (uptime = seconds
//   since the agent started, timestamp_hint = now); report_consumption every consumption
//   interval (one entry per running contract, window = seconds since its last report or its
//   provisioning); contract_list every poll interval while the stream is not live (and once at
//   start); set_power_state up while the chain shows the node down. A transient failure is
//   retried after 1 s, 2 s, 4 s ... (at most 30 s, and at most the task's interval); a
//   rate_limited refusal waits for the "next at" time the chain names; any other refusal is
//   logged and the task waits one interval.
// - Stream events name contracts; at each block message those contracts are read (contract_get)
//   and reconciled. The loop owns the store, the RpcClient and the TxSender (single thread);
//   only the inbox is shared with the stream and signal threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "tools/agent/chain_access.hpp"
#include "tools/agent/deployment_store.hpp"
#include "tools/agent/inbox.hpp"
#include "tools/agent/net_counters.hpp"
#include "tools/agent/reconciler.hpp"

namespace grid::tools {

// Simulated traffic when no --interface is given: bytes per second per running contract.
inline constexpr std::uint64_t kSimulatedBytesPerSecond = 1000;

struct LoopConfig {
  RpcEndpoint endpoint;
  std::uint32_t node_id = 0;
  bool power_up = true;  // the chain's power state after setup
  std::uint64_t uptime_interval_s = 2400;
  std::uint64_t consumption_interval_s = 3600;
  std::uint64_t poll_interval_s = 30;
  bool use_events = true;
  std::string interface;         // empty: simulated traffic
  std::uint64_t started_at = 0;  // unix seconds: the agent's start (uptime counts from here)
};

class AgentLoop {
 public:
  AgentLoop(LoopConfig config, ChainReader& chain, TxSender& sender, DeploymentStore& store,
            Inbox& inbox);
  int run();

 private:
  using Clock = std::chrono::steady_clock;
  struct Task {
    Clock::time_point due;
    std::chrono::seconds interval;
    std::chrono::seconds backoff{1};
  };
  // Reschedules `task` after an attempt that ended with `status`.
  void after_attempt(Task& task, const core::Status& status, std::string_view what);

  core::Status report_uptime();
  core::Status report_consumption();
  core::Status power_up();
  core::Status full_reconcile();
  void handle(const InboxBatch& batch);
  core::Status reconcile_touched();
  void apply(const std::vector<Action>& actions);
  void apply_one(const Action& action);
  int power_down();

  LoopConfig config_;
  ChainReader& chain_;
  TxSender& sender_;
  DeploymentStore& store_;
  Inbox& inbox_;
  LocalDeployments local_;
  std::map<std::uint64_t, std::uint64_t> last_window_end_;  // contract -> unix seconds
  std::optional<NetCounters> counters_;
  Task uptime_, consumption_, poll_, power_;
  bool power_pending_ = false;
  bool stream_live_ = false;
  bool resync_ = false;  // a full contract_list is due even though the stream is live
  std::string stream_why_;
  std::set<std::uint64_t> touched_;
  std::unique_ptr<EventStream> stream_;
};

}  // namespace grid::tools
