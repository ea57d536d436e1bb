#include "node/node.hpp"

#include <boost/asio/post.hpp>
#include <filesystem>

#include "core/blake2b.hpp"
#include "ledger/refusal.hpp"
#include "node/flags.hpp"
#include "node/log.hpp"
#include "node/node_key.hpp"
#include "node/p2p/peer_book.hpp"
#include "rpc/chain_methods.hpp"
#include "rpc/contract_methods.hpp"
#include "rpc/gov_methods.hpp"
#include "rpc/registry_methods.hpp"
#include "rpc/staking_methods.hpp"
#include "rpc/state_methods.hpp"

namespace grid::node {
namespace {

constexpr auto kTickInterval = std::chrono::milliseconds(250);
constexpr auto kStatusInterval = std::chrono::seconds(1);
constexpr std::size_t kMaxSyncResponseBytes = 6u << 20;
constexpr int kPenaltyBadMessage = 50;
constexpr int kPenaltyRefusedConsensus = 2;
constexpr int kPenaltyBadSyncBlock = 100;
constexpr int kPenaltySlowSync = 5;
constexpr int kPenaltyOverBudget = 1;

core::Bytes encode_message(const NodeMessage& m) {
  return core::encode(m);
}

}  // namespace

class Node::NetworkAdapter final : public consensus::Network {
 public:
  explicit NetworkAdapter(Node& node) : node_(node) {}
  void send(const consensus::ValidatorKey& to, const consensus::Message& message) override {
    node_.p2p_->send_to_key(to, encode_message(NodeMessage{message}));
  }
  void broadcast(const consensus::Message& message) override {
    node_.p2p_->broadcast(encode_message(NodeMessage{message}));
  }

 private:
  Node& node_;
};

class Node::TimerAdapter final : public consensus::Timer {
 public:
  explicit TimerAdapter(Node& node) : node_(node) {}
  void schedule(const consensus::TimeoutEvent& event, std::uint64_t delay_ms) override {
    auto timer =
        std::make_shared<boost::asio::steady_timer>(node_.io_, std::chrono::milliseconds(delay_ms));
    Node* node = &node_;
    timer->async_wait([timer, event, node](const boost::system::error_code& ec) {
      if (ec || !node->engine_) return;
      (void)node->engine_->on_timeout(event);
      node->check_engine();
    });
  }
  std::uint64_t now_ms() override { return unix_millis(); }

 private:
  Node& node_;
};

Node::Node(NodeConfig config, ledger::Genesis genesis, core::Ed25519SecretKey node_key)
    : config_(std::move(config)),
      genesis_(std::move(genesis)),
      node_key_(std::move(node_key)),
      validator_key_(node_key_),
      tick_timer_(io_) {}

Node::~Node() {
  request_stop();
  if (thread_.joinable()) thread_.join();
}

core::Result<std::unique_ptr<Node>> Node::open(NodeConfig config, ledger::Genesis genesis,
                                               core::Ed25519SecretKey node_key) {
  std::unique_ptr<Node> node(new Node(std::move(config), std::move(genesis), std::move(node_key)));
  std::error_code ec;
  std::filesystem::create_directories(node->config_.data_dir, ec);
  if (ec) return core::Status::io("cannot create " + node->config_.data_dir + ": " + ec.message());
  if (!node->config_.validator_key_file.empty()) {
    GRID_ASSIGN(node->validator_key_, load_node_key(node->config_.validator_key_file));
  }
  GRID_ASSIGN(node->chain_, Chain::open(node->config_.data_dir, node->genesis_));
  MempoolConfig pool;
  pool.max_txs = node->config_.mempool_max_txs;
  pool.max_bytes = node->config_.mempool_max_bytes;
  node->mempool_ = std::make_unique<Mempool>(pool, node->chain_->modules());
  Node* self = node.get();
  node->app_ = std::make_unique<ConsensusApp>(
      *node->chain_, *node->mempool_, node->validator_key_.public_key(), BlockLimits{},
      [self](const ledger::Block& b, const AppliedBlock& a) { self->on_committed(b, a); });
  node->sync_ = std::make_unique<BlockSync>(node->chain_->tip().height);
  node->metrics_.set_height(node->chain_->tip().height);
  log_info("chain", "opened " + node->chain_->chain_id() + " at height " +
                        std::to_string(node->chain_->tip().height) + " (" + node->config_.data_dir +
                        ")");
  return node;
}

core::Status Node::start() {
  p2p::P2pConfig pc;
  GRID_ASSIGN(auto listen, parse_host_port(config_.p2p_listen));
  pc.listen_host = listen.host;
  pc.listen_port = listen.port;
  pc.persistent_peers = config_.persistent_peers;
  pc.seeds = config_.seeds;
  // On loopback every peer shares one address: ban by node key only.
  pc.ban_peer_ips =
      listen.host != "127.0.0.1" && listen.host != "localhost" && listen.host != "::1";
  pc.log = [](int level, std::string_view message) {
    log(static_cast<LogLevel>(std::clamp(level, 0, 3)), "p2p", message);
  };
  p2p::P2pHandlers handlers;
  handlers.on_connected = [this](p2p::PeerId peer, const p2p::NodeKey&) {
    on_peer_connected(peer);
  };
  handlers.on_disconnected = [this](p2p::PeerId peer, const p2p::NodeKey&) {
    sync_->on_peer_gone(peer);
    serve_budget_.forget(peer);
    metrics_.set_peers(static_cast<std::uint32_t>(p2p_->peers().size()));
  };
  handlers.on_message = [this](p2p::PeerId peer, core::Bytes payload) {
    on_peer_message(peer, std::move(payload));
  };
  p2p_ = std::make_unique<p2p::P2p>(io_, pc, node_key_, chain_->genesis_hash().hash, handlers);
  GRID_TRY(p2p_->start());

  GRID_TRY(rpc::add_chain_methods(registry_, *this));
  GRID_TRY(rpc::add_registry_methods(registry_, *this));
  GRID_TRY(rpc::add_contract_methods(registry_, *this));
  GRID_TRY(rpc::add_state_methods(registry_, *this));
  GRID_TRY(rpc::add_staking_methods(registry_, *this));
  GRID_TRY(rpc::add_gov_methods(registry_, *this));
  GRID_ASSIGN(auto rpc_listen, parse_host_port(config_.rpc_listen));
  rpc::HttpServerOptions ho;
  ho.host = rpc_listen.host;
  ho.port = rpc_listen.port;
  ho.threads = 32;  // tx_submitAndWait holds a worker while it waits
  http_ = std::make_unique<rpc::HttpServer>(registry_, ho);
  http_->set_liveness([this] { return exit_code_.load() == 0; });
  http_->set_metrics_source([this] { return metrics_.render(); });
  events_ = std::make_unique<rpc::EventFeed>(*this);
  events_->attach(*http_);
  if (!config_.explorer_dir.empty() && !http_->serve_directory(config_.explorer_dir))
    log_warn("rpc", "explorer directory " + config_.explorer_dir + " not found");
  GRID_TRY(http_->start());
  log_info("rpc",
           "JSON-RPC on http://" + rpc_listen.host + ":" + std::to_string(http_->port()) + "/rpc");

  network_ = std::make_unique<NetworkAdapter>(*this);
  timer_ = std::make_unique<TimerAdapter>(*this);
  signer_ = std::make_unique<consensus::Ed25519Signer>(validator_key_);
  auto wal_path = (std::filesystem::path(config_.data_dir) / "consensus.wal").string();
  GRID_ASSIGN(wal_file_, consensus::PosixWalFile::open(wal_path));

  std::promise<core::Status> started;
  auto started_future = started.get_future();
  boost::asio::post(io_, [this, &started] {
    thread_id_ = std::this_thread::get_id();
    started.set_value(start_engine());
    schedule_tick();
  });
  thread_started_ = true;
  thread_ = std::thread([this] {
    io_.run();
    mark_stopped();
  });
  core::Status st = started_future.get();
  if (!st.is_ok()) {
    request_stop();
    return st;
  }
  return core::Status::ok();
}

core::Status Node::start_engine() {
  engine_.reset();
  GRID_ASSIGN(wal_, consensus::Wal::open(*wal_file_));
  if (wal_->truncated_bytes() > 0)
    log_warn("consensus",
             "WAL: dropped a torn tail of " + std::to_string(wal_->truncated_bytes()) + " bytes");
  const std::uint64_t next = chain_->tip().height + 1;
  consensus::ChainState state;
  state.height = next;
  GRID_ASSIGN(state.validators, chain_->validators_at(next));
  GRID_ASSIGN(state.next_validators, chain_->members_after_tip());
  consensus::EngineConfig ec;
  ec.chain_id = chain_->chain_id();
  ec.timeouts.commit_ms = config_.block_time_ms;
  ec.timeouts.propose_ms = config_.propose_timeout_ms;
  engine_ = std::make_unique<consensus::Engine>(ec, std::move(state), *app_, *network_, *timer_,
                                                *signer_, *wal_);
  core::Status st = engine_->start();
  if (!st.is_ok()) return st;
  bool member = chain_->validators_at(next)->find(validator_key_.public_key()) != nullptr;
  log_info("consensus", std::string(member ? "validating" : "following (not a validator)") +
                            " from height " + std::to_string(next));
  return core::Status::ok();
}

void Node::check_engine() {
  if (engine_ && engine_->halted()) halt(engine_->halt_status());
}

void Node::halt(const core::Status& status) {
  log_error("node", "halting: " + status.to_string());
  exit_code_ = 1;
  request_stop();
}

void Node::request_stop() {
  std::call_once(stop_once_, [this] {
    boost::asio::post(io_, [this] {
      log_info("node", "stopping");
      tick_timer_.cancel();
      if (p2p_) p2p_->stop();
      engine_.reset();
      for (auto& [id, waiter] : waiters_) waiter->set_value(rpc::WaitOutcome{});
      waiters_.clear();
      io_.stop();
    });
    if (!thread_started_.load()) mark_stopped();  // nothing runs the posted stop
  });
}

void Node::mark_stopped() {
  if (!stopped_set_.exchange(true)) stopped_.set_value(exit_code_.load());
}

int Node::wait() {
  int code = stopped_.get_future().get();
  if (events_) events_->close();
  if (http_) http_->stop();
  if (thread_.joinable()) thread_.join();
  log_info("node", "stopped");
  return code;
}

std::uint16_t Node::p2p_port() const {
  return p2p_ ? p2p_->listen_port() : 0;
}
int Node::rpc_port() const {
  return http_ ? http_->port() : 0;
}

void Node::send_message(std::optional<p2p::PeerId> peer, const NodeMessage& message) {
  core::Bytes bytes = encode_message(message);
  if (peer)
    p2p_->send(*peer, std::move(bytes));
  else
    p2p_->broadcast(std::move(bytes));
}

void Node::on_peer_connected(p2p::PeerId peer) {
  metrics_.set_peers(static_cast<std::uint32_t>(p2p_->peers().size()));
  send_message(peer, NodeMessage{PeerStatus{chain_->tip().height, chain_->tip().hash}});
}

void Node::on_peer_message(p2p::PeerId peer, core::Bytes payload) {
  auto message = core::decode<NodeMessage>(payload);
  if (!message) {
    p2p_->penalize(peer, kPenaltyBadMessage, "undecodable message: " + message.error().message());
    return;
  }
  std::visit(
      [&](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, consensus::Message>) on_consensus(peer, m);
        if constexpr (std::is_same_v<T, TxGossip>) on_tx_gossip(peer, m);
        if constexpr (std::is_same_v<T, PeerStatus>)
          sync_->on_status(peer, m.height, BlockSync::Clock::now());
        if constexpr (std::is_same_v<T, GetBlocks>) on_get_blocks(peer, m);
        if constexpr (std::is_same_v<T, SyncBlocks>) on_sync_blocks(peer, m);
      },
      message->value);
}

void Node::on_consensus(p2p::PeerId peer, const consensus::Message& message) {
  if (!engine_) return;
  // A vote of the current height from another validator that the engine takes has a verified
  // signature: its timestamp tells how far this clock is from its author's.
  const auto* vote = std::get_if<consensus::Vote>(&message.value);
  const bool current =
      vote && vote->height == engine_->height() && vote->validator != validator_key_.public_key();
  core::Status st = engine_->on_message(message);
  if (st.code() == core::Code::invalid && !engine_->halted())
    p2p_->penalize(peer, kPenaltyRefusedConsensus, "refused consensus message: " + st.message());
  if (current && st.is_ok()) note_vote_time(*vote);
  check_engine();
}

void Node::note_vote_time(const consensus::Vote& vote) {
  const std::uint64_t now = unix_millis();
  clock_.add_vote(vote.validator, vote.timestamp_ms, now);
  metrics_.set_clock_offset_ms(clock_.offset_ms());
  if (auto line = clock_.warning(now, config_.clock_offset_warn_ms)) log_warn("clock", *line);
}

// Gossip an honest peer can send is refused for races (a nonce already used, a full pool); a
// transaction that does not decode or whose signature fails was never valid anywhere: the peer
// that relays one is banned and the rest of its batch is dropped.
void Node::on_tx_gossip(p2p::PeerId peer, const TxGossip& gossip) {
  for (const auto& tx : gossip.txs) {
    auto admitted = admit(tx);
    if (admitted || admitted.error().code() != core::Code::invalid) {
      if (!admitted) return halt(admitted.error());
      continue;
    }
    const std::string_view reason = ledger::refusal_reason(admitted.error());
    if (reason == ledger::reason::bad_signature || reason == mempool_reason::invalid_transaction) {
      p2p_->penalize(
          peer, p2p::kPenaltyProtocolViolation,
          "gossiped a transaction that can never be valid: " + admitted.error().message());
      return;
    }
  }
}

core::Result<core::TxId> Node::admit(core::ByteView tx) {
  ledger::BlockHeader next = chain_->next_header_template();
  GRID_ASSIGN(auto id, mempool_->add_encoded(tx, chain_->state(), next));
  gossip_out_.emplace_back(tx.begin(), tx.end());
  if (gossip_out_.size() >= 256) flush_gossip();
  return id;
}

void Node::flush_gossip() {
  if (gossip_out_.empty() || !p2p_) return;
  TxGossip gossip;
  gossip.txs.swap(gossip_out_);
  send_message(std::nullopt, NodeMessage{std::move(gossip)});
}

void Node::on_get_blocks(p2p::PeerId peer, const GetBlocks& request) {
  if (!serve_budget_.allows(peer, BlockSync::Clock::now())) {
    p2p_->penalize(peer, kPenaltyOverBudget, "block requests over the serving budget");
    return;
  }
  SyncBlocks response;
  std::size_t bytes = 0;
  for (std::uint64_t h = request.from; h < request.from + request.count; ++h) {
    if (h == 0 || h > chain_->tip().height) break;
    auto block = app_->committed_block(h);
    if (!block) break;
    bytes += block->block.size();
    if (!response.blocks.empty() && bytes > kMaxSyncResponseBytes) break;
    response.blocks.push_back(SyncBlock{std::move(block->block), std::move(block->commit)});
  }
  serve_budget_.spend(peer, bytes);
  send_message(peer, NodeMessage{std::move(response)});
}

void Node::on_sync_blocks(p2p::PeerId peer, const SyncBlocks& response) {
  if (!sync_->on_response(peer)) return;  // unsolicited or late: ignore
  std::size_t applied = 0;
  for (const auto& b : response.blocks) {
    if (b.commit.height <= chain_->tip().height) continue;
    core::Status st = app_->apply_synced(b.block, b.commit);
    if (st.code() == core::Code::invalid) {
      p2p_->penalize(peer, kPenaltyBadSyncBlock, "bad synced block: " + st.message());
      break;
    }
    if (!st.is_ok()) return halt(st);
    ++applied;
  }
  sync_->on_tip(chain_->tip().height, BlockSync::Clock::now());
  if (applied == 0) {
    // Nothing new: the blocks came by consensus meanwhile, or the peer claimed blocks it did
    // not send (that costs it). Either way the next request goes to another peer.
    sync_->on_useless(peer);
    if (response.blocks.empty())
      p2p_->penalize(peer, kPenaltySlowSync, "an empty answer to a block request");
    return;
  }
  auto p = sync_->progress(BlockSync::Clock::now());
  log_info("sync", "height " + std::to_string(p.height) + "/" + std::to_string(p.target) + ", " +
                       std::to_string(static_cast<std::uint64_t>(p.blocks_per_second)) +
                       " blocks/s, " + std::to_string(static_cast<std::uint64_t>(p.seconds_left)) +
                       " s left");
  core::Status st = start_engine();  // rejoin consensus at the new height
  if (!st.is_ok()) halt(st);
}

void Node::on_committed(const ledger::Block& block, const AppliedBlock& applied) {
  metrics_.on_block(block, applied.results);
  if (events_) events_->notify_committed(applied.height);
  metrics_.set_mempool_txs(mempool_->size());
  if (sync_) sync_->on_tip(applied.height, BlockSync::Clock::now());
  if (!block.transactions.empty() || log_enabled(LogLevel::debug))
    log_info("chain", "committed block " + std::to_string(applied.height) + " with " +
                          std::to_string(block.transactions.size()) + " txs");
  for (std::size_t i = 0; i < block.transactions.size(); ++i) {
    core::TxId id = ledger::tx_id(block.transactions[i]);
    auto [first, last] = waiters_.equal_range(id);
    for (auto it = first; it != last; ++it) {
      rpc::WaitOutcome outcome;
      outcome.kind = rpc::WaitOutcome::Kind::committed;
      outcome.id = id;
      outcome.location = rpc::TxLocation{applied.height, static_cast<std::uint32_t>(i)};
      if (i < applied.results.receipts.size()) outcome.receipt = applied.results.receipts[i];
      it->second->set_value(std::move(outcome));
    }
    waiters_.erase(first, last);
  }
}

void Node::schedule_tick() {
  tick_timer_.expires_after(kTickInterval);
  tick_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    tick();
    schedule_tick();
  });
}

void Node::tick() {
  flush_gossip();
  auto now = BlockSync::Clock::now();
  if (now - last_status_ >= kStatusInterval) {
    last_status_ = now;
    send_message(std::nullopt, NodeMessage{PeerStatus{chain_->tip().height, chain_->tip().hash}});
  }
  if (auto slow = sync_->expired(now))
    p2p_->penalize(*slow, kPenaltySlowSync, "sync request timed out");
  if (auto request = sync_->next_request(now)) {
    log_debug("sync", "asking peer " + std::to_string(request->peer) + " for " +
                          std::to_string(request->count) + " blocks from " +
                          std::to_string(request->from));
    send_message(request->peer, NodeMessage{GetBlocks{request->from, request->count}});
  }
  metrics_.set_syncing(sync_->syncing());
  metrics_.set_mempool_txs(mempool_->size());
}

}  // namespace grid::node
