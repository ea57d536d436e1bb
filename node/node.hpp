// Node: the composition root of one gridnode process: the Chain (LevelDB state and blocks), the
// Mempool, the consensus Engine with its WAL, the p2p sessions, block sync and the JSON-RPC
// server, all driven by one io_context on one node thread.
//
// Contract:
// - open() loads everything from the config (the data directory is created on first use; a
//   damaged store is refused with Code::corruption and the node does not start).
// - start() binds the p2p and RPC ports (Code::io when it cannot), starts consensus (replaying
//   the WAL: a block decided but not applied before a crash is applied now) and the node thread.
// - request_stop() may be called from any thread; wait() returns once everything is stopped,
//   with 0 after a requested stop and 1 when the node halted on a failure (the log says why).
// - The node implements rpc::NodeApi: RPC threads post their work to the node thread and wait
//   for it (bounded), so the state machine is only ever touched by one thread.
// Thread safety: see above; everything else is internal to the node thread.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>  // before asio (TOOLCHAIN.md trap 4)

#include "consensus/engine.hpp"
#include "consensus/wal.hpp"
#include "core/ed25519.hpp"
#include "ledger/genesis.hpp"
#include "node/block_sync.hpp"
#include "node/chain.hpp"
#include "node/clock_offset.hpp"
#include "node/config.hpp"
#include "node/consensus_app.hpp"
#include "node/mempool.hpp"
#include "node/node_messages.hpp"
#include "node/node_metrics.hpp"
#include "node/p2p/p2p.hpp"
#include "node/serve_budget.hpp"
#include "rpc/event_feed.hpp"
#include "rpc/http_server.hpp"
#include "rpc/jsonrpc.hpp"
#include "rpc/node_api.hpp"

namespace grid::node {

inline constexpr const char* kNodeVersion = "gridnode/0.1.0";

class Node final : public rpc::NodeApi {
 public:
  static core::Result<std::unique_ptr<Node>> open(NodeConfig config, ledger::Genesis genesis,
                                                  core::Ed25519SecretKey node_key);
  ~Node() override;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  core::Status start();
  void request_stop();
  int wait();
  std::uint16_t p2p_port() const;
  int rpc_port() const;

  // rpc::NodeApi (node_api_impl.cpp)
  core::Result<rpc::ChainStatusView> status() override;
  core::Result<std::optional<ledger::Block>> block_at(std::uint64_t height) override;
  core::Result<std::optional<std::uint64_t>> height_of(const core::BlockHash& hash) override;
  core::Result<std::optional<ledger::BlockResults>> results_at(std::uint64_t height) override;
  core::Result<std::optional<rpc::CommitView>> commit_at(std::uint64_t height) override;
  core::Result<std::optional<std::vector<rpc::ValidatorView>>> validators_at(
      std::uint64_t height) override;
  core::Result<core::TxId> submit(core::ByteView tx) override;
  core::Result<rpc::WaitOutcome> submit_and_wait(core::ByteView tx,
                                                 std::chrono::milliseconds timeout) override;
  core::Result<rpc::TxLookup> tx(const core::TxId& id) override;
  core::Status with_state(const StateRead& read) override;
  core::Result<rpc::TxSearchPage> search_txs(const rpc::TxSearchQuery& query) override;
  core::Result<std::optional<rpc::StateProofView>> prove(std::uint64_t height,
                                                         core::ByteView key) override;
  core::Result<ledger::Receipt> simulate(core::ByteView tx) override;
  const ledger::Modules& modules() const override { return chain_->modules(); }

 private:
  class NetworkAdapter;
  class TimerAdapter;
  using Waiter = std::shared_ptr<std::promise<rpc::WaitOutcome>>;

  Node(NodeConfig config, ledger::Genesis genesis, core::Ed25519SecretKey node_key);

  // node.cpp: lifecycle and message dispatch (node thread)
  core::Status start_engine();
  void check_engine();
  void halt(const core::Status& status);
  void mark_stopped();
  void on_peer_message(p2p::PeerId peer, core::Bytes payload);
  void on_peer_connected(p2p::PeerId peer);
  void on_consensus(p2p::PeerId peer, const consensus::Message& message);
  void note_vote_time(const consensus::Vote& vote);
  void on_tx_gossip(p2p::PeerId peer, const TxGossip& gossip);
  void on_get_blocks(p2p::PeerId peer, const GetBlocks& request);
  void on_sync_blocks(p2p::PeerId peer, const SyncBlocks& blocks);
  void on_committed(const ledger::Block& block, const AppliedBlock& applied);
  void send_message(std::optional<p2p::PeerId> peer, const NodeMessage& message);
  void schedule_tick();
  void tick();
  void flush_gossip();
  // Into the mempool and the next gossip batch (to every peer: the sender drops it as known).
  core::Result<core::TxId> admit(core::ByteView tx);

  // Runs `work` on the node thread and waits for it (bounded); io error when stopping.
  template <class F>
  auto on_node_thread(F work) -> decltype(work());

  NodeConfig config_;
  ledger::Genesis genesis_;
  core::Ed25519SecretKey node_key_;
  core::Ed25519SecretKey validator_key_;  // signs consensus messages (node_key_ unless configured)

  boost::asio::io_context io_;
  std::thread thread_;
  std::thread::id thread_id_;
  boost::asio::steady_timer tick_timer_;
  std::promise<int> stopped_;
  std::once_flag stop_once_;
  std::atomic<bool> thread_started_{false};
  std::atomic<bool> stopped_set_{false};
  std::atomic<int> exit_code_{0};

  std::unique_ptr<Chain> chain_;
  std::unique_ptr<Mempool> mempool_;
  std::unique_ptr<ConsensusApp> app_;
  std::unique_ptr<p2p::P2p> p2p_;
  std::unique_ptr<NetworkAdapter> network_;
  std::unique_ptr<TimerAdapter> timer_;
  std::unique_ptr<consensus::Ed25519Signer> signer_;
  std::unique_ptr<consensus::PosixWalFile> wal_file_;
  std::unique_ptr<consensus::Wal> wal_;
  std::unique_ptr<consensus::Engine> engine_;
  std::unique_ptr<BlockSync> sync_;
  std::vector<core::Bytes> gossip_out_;
  BlockSync::Clock::time_point last_status_{};
  ClockOffset clock_;
  // Blocks served per peer: 4 full sync answers a second (kMaxSyncResponseBytes is 6 MiB).
  ServeBudget serve_budget_{24u << 20, std::chrono::seconds(1)};
  std::multimap<core::TxId, Waiter> waiters_;

  rpc::MethodRegistry registry_;
  std::unique_ptr<rpc::EventFeed> events_;  // before http_: the server goes first
  std::unique_ptr<rpc::HttpServer> http_;
  NodeMetrics metrics_;
};

}  // namespace grid::node
