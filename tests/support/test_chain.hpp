// TestChain: a chain in memory for state-machine tests. It holds the authenticated state
// (StateDb over an in-memory KvStore) built from a genesis, the module list, and dev-account
// keys; it signs transactions with the right nonce and fee, builds blocks as a proposer does
// (leaving out invalid transactions, filling the roots), then applies each block as a validator
// does (checking the roots) with the invariants checked after every block, and commits it.
//
// Typical use:
//   TestChain chain;                                   // dev genesis, ledger modules
//   auto r = chain.run(chain.alice(), Transfer{bob, 5});  // one tx in one block -> its receipt
//   EXPECT_TRUE(r.ok);
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/account_id.hpp"
#include "core/dev_accounts.hpp"
#include "core/memory_store.hpp"
#include "ledger/block_apply.hpp"
#include "ledger/executor.hpp"
#include "ledger/genesis.hpp"
#include "ledger/ledger_modules.hpp"
#include "ledger/state_types.hpp"

namespace grid::testing {

using ledger::Modules;

class TestChain {
 public:
  // A dev genesis (short periods) unless `genesis` is given; `extra` modules run after the
  // ledger's own.
  explicit TestChain(std::optional<ledger::Genesis> genesis = std::nullopt,
                     std::function<void(Modules&)> add_modules = nullptr);

  const core::AccountKey& key(std::string_view dev_name) const;
  const core::AccountKey& alice() const { return key("alice"); }
  const core::AccountKey& bob() const { return key("bob"); }
  core::AccountId account(std::string_view dev_name) const { return key(dev_name).account(); }
  // A fresh funded key (scheme 0 or 1), e.g. for node daemons.
  core::AccountKey new_funded_key(std::uint64_t amount,
                                  core::KeyScheme scheme = core::KeyScheme::secp256k1);

  // A signed transaction with the signer's next nonce (counting ones already queued) and the
  // required fee unless `fee` is given.
  ledger::Transaction sign(const core::AccountKey& key, ledger::Call call,
                           std::optional<std::uint64_t> fee = std::nullopt);

  // Queues a transaction for the next block.
  void submit(ledger::Transaction tx) { pending_.push_back(std::move(tx)); }
  // Builds and applies a block from the queue (time advances by `seconds`). Returns the
  // receipts of the included transactions; invalid ones are in last_left_out().
  const ledger::BlockResults& produce_block(std::uint64_t seconds = 1);
  // Signs, submits and produces a block with one transaction: its receipt, or a receipt with
  // ok=false and the reason when the transaction was not includable.
  ledger::Receipt run(const core::AccountKey& key, ledger::Call call,
                      std::optional<std::uint64_t> fee = std::nullopt);
  // Advances time without transactions, block by block (each `step` seconds).
  void advance(std::uint64_t seconds, std::uint64_t step = 1);

  const ledger::StateDb& state() const { return *db_; }
  // Every state entry of the latest version (for before/after comparisons).
  std::map<core::Bytes, core::Bytes> entries() const;
  const ledger::Genesis& genesis() const { return genesis_; }
  // The state root after each block, genesis first.
  const std::vector<core::Hash32>& roots() const { return roots_; }
  const ledger::ChainParams& params() const { return params_; }
  ledger::Account balance(const core::AccountId& id) const;
  template <class T>
  std::optional<T> get(const core::Bytes& key) const {
    return ledger::load<T>(*db_, key).value();
  }
  std::uint64_t height() const { return header_.height; }
  std::uint64_t now() const { return header_.time; }
  const ledger::BlockHeader& last_header() const { return header_; }
  const std::vector<ledger::Block>& blocks() const { return blocks_; }
  const std::vector<std::pair<core::TxId, core::Status>>& last_left_out() const {
    return left_out_;
  }
  const Modules& modules() const { return modules_; }
  // Receives the fees: an account that is no dev account, so balances in tests stay simple.
  const core::AccountId& proposer() const { return proposer_; }

 private:
  std::unique_ptr<core::MemoryStore> store_ = std::make_unique<core::MemoryStore>();
  std::unique_ptr<ledger::StateDb> db_;
  ledger::Genesis genesis_;
  std::vector<core::Hash32> roots_;
  Modules modules_;
  ledger::ChainParams params_;
  ledger::BlockHeader header_;
  std::vector<ledger::Transaction> pending_;
  std::vector<ledger::Block> blocks_;
  std::vector<std::pair<core::TxId, core::Status>> left_out_;
  ledger::BlockResults last_results_;
  std::map<std::string, core::AccountKey, std::less<>> dev_keys_;
  std::map<core::AccountId, std::uint64_t> next_nonce_;
  core::AccountId proposer_{};
  std::uint64_t key_counter_ = 0;
};

}  // namespace grid::testing
