// FakeNodeApi: an rpc::NodeApi that answers from a TestChain (real blocks, transactions,
// receipts and state) and records what is submitted, for tests of the JSON-RPC methods.
//
// Contract: not thread-safe (tests call it from one thread). Blocks are made with produce(); the
// commit of the latest block is not known yet (as on a node before the next block), every other
// block has a one-signature commit; the validator set (key 07.., power 10, operator alice) is
// known for heights 1..latest+1. submit() decodes the bytes (a decode error is the refusal
// "invalid_transaction"), queues the transaction for the next block and answers its id, unless
// `refusal` is set; submit_and_wait() produces a block unless `wait_times_out`. Setting
// `failure` makes status(), block_at() and with_state() fail with it (a node failure).
// search_txs() finds transactions by signer only (TxSearchQuery::Kind::account; other kinds find
// nothing): the node's full index is tested in node/. prove() reads the chain's StateDb at the
// version of `height`; simulate() runs against the latest state with the next header.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "core/codec.hpp"
#include "ledger/block.hpp"
#include "ledger/genesis.hpp"
#include "ledger/refusal.hpp"
#include "ledger/simulate.hpp"
#include "rpc/node_api.hpp"
#include "tests/support/test_chain.hpp"

namespace grid::testing {

class FakeNodeApi final : public rpc::NodeApi {
 public:
  TestChain chain;
  std::vector<ledger::BlockResults> results;  // results[h - 1] for block h
  std::vector<core::Bytes> submissions;
  std::vector<ledger::Transaction> pending;
  std::optional<core::Status> refusal;  // submit answers it when set
  std::optional<core::Status> failure;  // status, block_at and with_state answer it when set
  bool wait_times_out = false;
  std::optional<std::chrono::milliseconds> last_timeout;

  FakeNodeApi() = default;
  // Over a chain of `genesis` with `add_modules` (e.g. the contracts modules) after the ledger's.
  FakeNodeApi(ledger::Genesis genesis, std::function<void(ledger::Modules&)> add_modules)
      : chain(std::move(genesis), std::move(add_modules)) {}

  ledger::Transaction sign(const core::AccountKey& key, ledger::Call call) {
    return chain.sign(key, std::move(call));
  }
  // One block with `txs`.
  void produce(std::vector<ledger::Transaction> txs = {}) {
    for (auto& tx : txs) chain.submit(std::move(tx));
    pending.clear();
    results.push_back(chain.produce_block());
  }

  core::Result<rpc::ChainStatusView> status() override {
    if (failure) return *failure;
    rpc::ChainStatusView s;
    s.chain_id = chain.genesis().chain_id;
    s.genesis_hash = ledger::genesis_hash(chain.genesis());
    s.height = chain.height();
    s.latest_hash = ledger::block_hash(chain.last_header());
    s.latest_time = chain.now();
    s.state_root = core::StateRoot{chain.roots().back()};
    s.peers = 2;
    s.mempool_txs = pending.size();
    s.node_version = "test";
    s.node_key.fill(0x33);
    s.validator_key.fill(0x33);
    return s;
  }
  core::Result<std::optional<ledger::Block>> block_at(std::uint64_t height) override {
    if (failure) return *failure;
    if (height == 0 || height > chain.blocks().size()) return std::optional<ledger::Block>();
    return std::optional<ledger::Block>(chain.blocks()[height - 1]);
  }
  core::Result<std::optional<std::uint64_t>> height_of(const core::BlockHash& hash) override {
    for (const auto& b : chain.blocks())
      if (ledger::block_hash(b.header) == hash)
        return std::optional<std::uint64_t>(b.header.height);
    return std::optional<std::uint64_t>();
  }
  core::Result<std::optional<ledger::BlockResults>> results_at(std::uint64_t height) override {
    if (height == 0 || height > results.size()) return std::optional<ledger::BlockResults>();
    return std::optional<ledger::BlockResults>(results[height - 1]);
  }
  core::Result<std::optional<rpc::CommitView>> commit_at(std::uint64_t height) override {
    if (height == 0 || height >= chain.height()) return std::optional<rpc::CommitView>();
    rpc::CommitView commit{height, 1, ledger::block_hash(chain.blocks()[height - 1].header), {{}}};
    commit.signatures[0].validator.fill(0x07);
    commit.signatures[0].signature.fill(0x09);
    return std::optional<rpc::CommitView>(commit);
  }
  core::Result<std::optional<std::vector<rpc::ValidatorView>>> validators_at(
      std::uint64_t height) override {
    if (height == 0 || height > chain.height() + 1)
      return std::optional<std::vector<rpc::ValidatorView>>();
    rpc::ValidatorView v;
    v.key.fill(0x07);
    v.power = 10;
    v.operator_account = chain.account("alice");
    return std::optional<std::vector<rpc::ValidatorView>>({v});
  }
  core::Result<core::TxId> submit(core::ByteView tx) override {
    submissions.emplace_back(tx.begin(), tx.end());
    if (refusal) return *refusal;
    auto decoded = core::decode<ledger::Transaction>(tx);
    if (!decoded) return ledger::refuse("invalid_transaction", decoded.error().message());
    pending.push_back(*decoded);
    chain.submit(*decoded);
    return ledger::tx_id(*decoded);
  }
  core::Result<rpc::WaitOutcome> submit_and_wait(core::ByteView tx,
                                                 std::chrono::milliseconds timeout) override {
    last_timeout = timeout;
    GRID_ASSIGN(core::TxId id, submit(tx));
    rpc::WaitOutcome outcome;
    outcome.id = id;
    if (wait_times_out) return outcome;
    produce();
    GRID_ASSIGN(rpc::TxLookup lookup, this->tx(id));
    outcome.kind = rpc::WaitOutcome::Kind::committed;
    outcome.location = lookup.location;
    outcome.receipt = lookup.receipt;
    return outcome;
  }
  core::Result<rpc::TxLookup> tx(const core::TxId& id) override {
    rpc::TxLookup lookup;
    for (const auto& block : chain.blocks()) {
      for (std::uint32_t i = 0; i < block.transactions.size(); ++i) {
        if (ledger::tx_id(block.transactions[i]) != id) continue;
        lookup.status = rpc::TxStatus::committed;
        lookup.tx = block.transactions[i];
        lookup.location = rpc::TxLocation{block.header.height, i};
        lookup.receipt = results[block.header.height - 1].receipts[i];
        return lookup;
      }
    }
    for (const auto& tx : pending) {
      if (ledger::tx_id(tx) != id) continue;
      lookup.status = rpc::TxStatus::pending;
      lookup.tx = tx;
    }
    return lookup;
  }
  core::Status with_state(const StateRead& read) override {
    if (failure) return *failure;
    return read(chain.state(), chain.height());
  }
  core::Result<rpc::TxSearchPage> search_txs(const rpc::TxSearchQuery& query) override {
    std::vector<rpc::TxLocation> all;  // newest first
    for (auto block = chain.blocks().rbegin(); block != chain.blocks().rend(); ++block)
      for (std::uint32_t i = static_cast<std::uint32_t>(block->transactions.size()); i-- > 0;) {
        const auto& tx = block->transactions[i];
        if (query.kind == rpc::TxSearchQuery::Kind::account && tx.signer == query.account &&
            (query.call.empty() || tx.call.name() == query.call))
          all.push_back({block->header.height, i});
      }
    rpc::TxSearchPage page;
    page.total = all.size();
    for (std::uint64_t k = query.page * query.size; k < all.size() && page.hits.size() < query.size;
         ++k)
      page.hits.push_back(all[k]);
    return page;
  }
  core::Result<std::optional<rpc::StateProofView>> prove(std::uint64_t height,
                                                         core::ByteView key) override {
    if (height == 0 || height > chain.height()) return std::optional<rpc::StateProofView>();
    GRID_ASSIGN(ledger::SmtProvedValue proved, chain.state().prove(height, key));
    rpc::StateProofView view;
    view.height = height;
    view.state_root = core::StateRoot{chain.roots()[height]};
    view.value = std::move(proved.value);
    view.proof = std::move(proved.proof);
    return std::optional<rpc::StateProofView>(std::move(view));
  }
  core::Result<ledger::Receipt> simulate(core::ByteView tx) override {
    auto decoded = core::decode<ledger::Transaction>(tx);
    if (!decoded) return ledger::refuse("invalid_transaction", decoded.error().message());
    ledger::BlockHeader next = chain.last_header();
    next.previous = ledger::block_hash(chain.last_header());
    next.height += 1;
    next.time += 1;
    return ledger::simulate_transaction(chain.state(), next, chain.modules(), *decoded);
  }
  const ledger::Modules& modules() const override { return chain.modules(); }
};

}  // namespace grid::testing
