// Node's rpc::NodeApi: RPC threads post their work to the node thread and wait for it.
#include <boost/asio/post.hpp>
#include <future>
#include <mutex>

#include "ledger/refusal.hpp"
#include "ledger/simulate.hpp"
#include "node/flags.hpp"
#include "node/node.hpp"

namespace grid::node {
namespace {

constexpr auto kNodeThreadWait = std::chrono::seconds(30);

rpc::CommitView commit_view(const consensus::Commit& c) {
  rpc::CommitView v;
  v.height = c.height;
  v.round = c.round;
  v.block_hash = c.block_hash;
  for (const auto& s : c.signatures)
    v.signatures.push_back({s.validator, s.timestamp_ms, s.signature});
  return v;
}

}  // namespace

// The work may hold references into the caller's frame, so it must never run after the caller
// has returned: a task still queued when the wait times out is abandoned (it will not run), and
// one already running is waited for.
template <class F>
auto Node::on_node_thread(F work) -> decltype(work()) {
  using R = decltype(work());
  if (std::this_thread::get_id() == thread_id_) return work();
  struct Handoff {
    std::mutex mutex;
    bool started = false;
    bool abandoned = false;
  };
  auto handoff = std::make_shared<Handoff>();
  auto task = std::make_shared<std::packaged_task<R()>>(std::move(work));
  auto future = task->get_future();
  boost::asio::post(io_, [task, handoff] {
    {
      std::lock_guard lock(handoff->mutex);
      if (handoff->abandoned) return;
      handoff->started = true;
    }
    (*task)();
  });
  if (future.wait_for(kNodeThreadWait) != std::future_status::ready) {
    std::unique_lock lock(handoff->mutex);
    if (!handoff->started) {
      handoff->abandoned = true;
      return core::Status::io("the node is busy or shutting down");
    }
    lock.unlock();
    future.wait();
  }
  try {
    return future.get();
  } catch (const std::future_error&) {  // the node stopped with the task still queued
    return core::Status::io("the node is shutting down");
  }
}

core::Result<rpc::ChainStatusView> Node::status() {
  return on_node_thread([this]() -> core::Result<rpc::ChainStatusView> {
    rpc::ChainStatusView v;
    v.chain_id = chain_->chain_id();
    v.genesis_hash = chain_->genesis_hash();
    v.height = chain_->tip().height;
    v.latest_hash = chain_->tip().hash;
    v.latest_time = chain_->tip().time;
    v.state_root = chain_->tip().state_root;
    v.syncing = sync_->syncing();
    GRID_ASSIGN(auto set, chain_->validators_at(v.height + 1));
    v.validator_set_hash = set.hash();
    v.peers = static_cast<std::uint32_t>(p2p_ ? p2p_->peers().size() : 0);
    v.mempool_txs = mempool_->size();
    v.node_version = kNodeVersion;
    v.node_key = node_key_.public_key();
    v.validator_key = validator_key_.public_key();
    v.clock_offset_ms = clock_.offset_ms();
    return v;
  });
}

core::Result<std::optional<ledger::Block>> Node::block_at(std::uint64_t height) {
  return chain_->blocks().block(height);
}

core::Result<std::optional<std::uint64_t>> Node::height_of(const core::BlockHash& hash) {
  return chain_->blocks().height_of(hash);
}

core::Result<std::optional<ledger::BlockResults>> Node::results_at(std::uint64_t height) {
  return chain_->blocks().results(height);
}

core::Result<std::optional<rpc::CommitView>> Node::commit_at(std::uint64_t height) {
  GRID_ASSIGN(auto commit, chain_->blocks().commit(height));
  if (!commit) return std::optional<rpc::CommitView>();
  return std::optional<rpc::CommitView>(commit_view(*commit));
}

core::Result<std::optional<std::vector<rpc::ValidatorView>>> Node::validators_at(
    std::uint64_t height) {
  GRID_ASSIGN(auto set, chain_->blocks().validators(height));
  if (!set) return std::optional<std::vector<rpc::ValidatorView>>();
  std::vector<rpc::ValidatorView> out;
  for (const auto& v : set->validators()) {
    rpc::ValidatorView view;
    view.key = v.key;
    view.power = v.power;
    out.push_back(view);
  }
  // Operator accounts come from the latest state (they do not change with the set's height).
  GRID_TRY(on_node_thread([&]() -> core::Status {
    for (auto& view : out) {
      GRID_ASSIGN(view.operator_account, chain_->operator_of(view.key));
    }
    return core::Status::ok();
  }));
  return std::optional<std::vector<rpc::ValidatorView>>(std::move(out));
}

core::Result<core::TxId> Node::submit(core::ByteView tx) {
  core::Bytes copy(tx.begin(), tx.end());
  return on_node_thread([this, copy]() { return admit(copy); });
}

core::Result<rpc::WaitOutcome> Node::submit_and_wait(core::ByteView tx,
                                                     std::chrono::milliseconds timeout) {
  core::Bytes copy(tx.begin(), tx.end());
  auto waiter = std::make_shared<std::promise<rpc::WaitOutcome>>();
  auto future = waiter->get_future();
  GRID_ASSIGN(core::TxId id, on_node_thread([this, copy, waiter]() -> core::Result<core::TxId> {
                GRID_ASSIGN(core::TxId admitted, admit(copy));
                waiters_.emplace(admitted, waiter);
                return admitted;
              }));
  if (future.wait_for(timeout) == std::future_status::ready) {
    rpc::WaitOutcome outcome = future.get();
    outcome.id = id;
    return outcome;
  }
  (void)on_node_thread([this, id, waiter]() -> core::Status {
    auto [first, last] = waiters_.equal_range(id);
    for (auto it = first; it != last; ++it)
      if (it->second == waiter) {
        waiters_.erase(it);
        break;
      }
    return core::Status::ok();
  });
  rpc::WaitOutcome outcome;
  outcome.kind = rpc::WaitOutcome::Kind::timed_out;
  outcome.id = id;
  return outcome;
}

core::Result<rpc::TxLookup> Node::tx(const core::TxId& id) {
  GRID_ASSIGN(auto location, chain_->blocks().tx_location(id));
  rpc::TxLookup lookup;
  if (location) {
    GRID_ASSIGN(auto block, chain_->blocks().block(location->height));
    GRID_ASSIGN(auto results, chain_->blocks().results(location->height));
    if (!block || location->index >= block->transactions.size())
      return core::Status::corruption("tx index points at a missing block entry");
    lookup.status = rpc::TxStatus::committed;
    lookup.location = *location;
    lookup.tx = block->transactions[location->index];
    if (results && location->index < results->receipts.size())
      lookup.receipt = results->receipts[location->index];
    return lookup;
  }
  return on_node_thread([this, id]() -> core::Result<rpc::TxLookup> {
    rpc::TxLookup pending;
    if (auto tx = mempool_->get(id)) {
      pending.status = rpc::TxStatus::pending;
      pending.tx = std::move(*tx);
    }
    return pending;
  });
}

core::Status Node::with_state(const StateRead& read) {
  return on_node_thread([this, &read]() { return read(chain_->state(), chain_->tip().height); });
}

core::Result<rpc::TxSearchPage> Node::search_txs(const rpc::TxSearchQuery& q) {
  auto u32 = [&]() -> core::Result<std::uint32_t> {
    if (q.id > UINT32_MAX) return core::Status::invalid("invalid_input: id out of range");
    return static_cast<std::uint32_t>(q.id);
  };
  IndexKey key;
  switch (q.kind) {
    case rpc::TxSearchQuery::Kind::account:
      key = IndexKey::account(q.account);
      break;
    case rpc::TxSearchQuery::Kind::twin: {
      GRID_ASSIGN(auto id, u32());
      key = IndexKey::twin(id);
      break;
    }
    case rpc::TxSearchQuery::Kind::farm: {
      GRID_ASSIGN(auto id, u32());
      key = IndexKey::farm(id);
      break;
    }
    case rpc::TxSearchQuery::Kind::node: {
      GRID_ASSIGN(auto id, u32());
      key = IndexKey::node(id);
      break;
    }
    case rpc::TxSearchQuery::Kind::contract:
      key = IndexKey::contract(q.id);
      break;
  }
  GRID_ASSIGN(auto page, chain_->blocks().search(key, q.call, q.page, q.size));
  rpc::TxSearchPage out;
  out.total = page.total;
  for (const auto& hit : page.hits) out.hits.push_back(hit.location);
  return out;
}

core::Result<std::optional<rpc::StateProofView>> Node::prove(std::uint64_t height,
                                                             core::ByteView key) {
  core::Bytes copy(key.begin(), key.end());
  return on_node_thread([this, height, copy]() -> core::Result<std::optional<rpc::StateProofView>> {
    if (height == 0 || height > chain_->tip().height) return std::optional<rpc::StateProofView>();
    GRID_ASSIGN(auto block, chain_->blocks().block(height));
    if (!block)
      return core::Status::corruption("no block stored at height " + std::to_string(height));
    auto proved = chain_->state().prove(height, copy);
    if (!proved && proved.error().code() == core::Code::not_found)
      return ledger::refuse("pruned", "the node keeps proofs of the most recent " +
                                          std::to_string(ledger::StateDbOptions{}.keep_versions) +
                                          " heights only; height " + std::to_string(height) +
                                          " is older");
    if (!proved) return proved.error();
    rpc::StateProofView view;
    view.height = height;
    view.state_root = block->header.state_root;
    view.value = std::move(proved->value);
    view.proof = std::move(proved->proof);
    return std::optional<rpc::StateProofView>(std::move(view));
  });
}

core::Result<ledger::Receipt> Node::simulate(core::ByteView tx) {
  auto decoded = core::decode<ledger::Transaction>(tx);
  if (!decoded)
    return ledger::refuse(mempool_reason::invalid_transaction, decoded.error().message());
  return on_node_thread([this, tx = std::move(*decoded)]() {
    return ledger::simulate_transaction(chain_->state(), chain_->next_header_template(),
                                        chain_->modules(), tx);
  });
}

}  // namespace grid::node
