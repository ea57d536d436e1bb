// The mempool against a real chain state: admission and every refusal with its stable reason,
// pending nonces per account, fair selection, eviction by fee per byte, the per-account limit,
// re-checks after a committed block, and the verified-signature cache.
#include "node/mempool.hpp"

#include <gtest/gtest.h>

#include "ledger/refusal.hpp"
#include "tests/support/registry_fixture.hpp"
#include "tests/support/test_chain.hpp"

namespace grid::node {
namespace {

using ledger::Transaction;
using ledger::Transfer;
using testing::TestChain;
constexpr std::uint64_t kTft = 10'000'000;

class MempoolTest : public ::testing::Test {
 protected:
  explicit MempoolTest(MempoolConfig config = {}) : pool_(config, chain_.modules()) {}

  // A signed tx with an explicit nonce and the required fee unless `fee` is given.
  Transaction make(const core::AccountKey& key, ledger::Call call, std::uint64_t nonce,
                   std::optional<std::uint64_t> fee = std::nullopt) {
    Transaction tx;
    tx.chain_id = chain_.genesis().chain_id;
    tx.signer = key.account();
    tx.nonce = nonce;
    tx.call = std::move(call);
    tx.fee = fee ? *fee : ledger::required_fee(chain_.params(), chain_.modules(), tx);
    tx.signature = key.sign(ledger::signing_message(tx).bytes);
    return tx;
  }
  Transaction pay(const core::AccountKey& key, std::uint64_t nonce, std::uint64_t amount = kTft,
                  std::optional<std::uint64_t> fee = std::nullopt) {
    return make(key, Transfer{chain_.account("ferdie"), amount}, nonce, fee);
  }
  ledger::BlockHeader next() const {
    ledger::BlockHeader h = chain_.last_header();
    h.height += 1;
    h.time += 1;
    return h;
  }
  core::Result<core::TxId> add(const Transaction& tx) {
    return pool_.add(tx, chain_.state(), next());
  }
  // The refusal reason of adding `tx` ("" when accepted).
  std::string reason_of(const Transaction& tx) {
    auto r = add(tx);
    return r.is_ok() ? "" : std::string(ledger::refusal_reason(r.error()));
  }
  // Commits a block holding `txs` on the chain, then tells the pool.
  void commit(std::vector<Transaction> txs) {
    for (auto& tx : txs) chain_.submit(std::move(tx));
    chain_.produce_block();
    ASSERT_TRUE(chain_.last_left_out().empty());
    ASSERT_TRUE(pool_.on_block_committed(chain_.blocks().back(), chain_.state(), next()).is_ok());
  }
  std::vector<core::TxId> selected(std::size_t max_txs = 1000, std::size_t max_bytes = 1 << 20) {
    std::vector<core::TxId> ids;
    for (const auto& tx : pool_.select(max_txs, max_bytes)) ids.push_back(ledger::tx_id(tx));
    return ids;
  }

  TestChain chain_;
  Mempool pool_;
};

TEST_F(MempoolTest, AcceptsAValidTransfer) {
  Transaction tx = pay(chain_.alice(), 0);
  auto id = add(tx);
  ASSERT_TRUE(id.is_ok()) << id.error().to_string();
  EXPECT_EQ(*id, ledger::tx_id(tx));
  EXPECT_TRUE(pool_.contains(*id));
  EXPECT_EQ(pool_.get(*id), tx);
  EXPECT_EQ(pool_.size(), 1u);
  EXPECT_EQ(pool_.bytes(), core::encode(tx).size());
  EXPECT_TRUE(pool_.signature_verified(*id));
  EXPECT_FALSE(pool_.get(core::TxId{}).has_value());
}

TEST_F(MempoolTest, RefusesEachInvalidTransactionWithItsStableReason) {
  Transaction bad_sig = pay(chain_.alice(), 0);
  bad_sig.signature[5] ^= 1;
  EXPECT_EQ(reason_of(bad_sig), "bad_signature");
  EXPECT_FALSE(pool_.signature_verified(ledger::tx_id(bad_sig)));

  Transaction other_chain = pay(chain_.alice(), 0);
  other_chain.chain_id = "another-chain";
  other_chain.signature = chain_.alice().sign(ledger::signing_message(other_chain).bytes);
  EXPECT_EQ(reason_of(other_chain), "wrong_chain_id");

  Transaction probe = pay(chain_.alice(), 0);
  EXPECT_EQ(reason_of(pay(chain_.alice(), 0, kTft, probe.fee - 1)), "fee_too_low");
  EXPECT_EQ(reason_of(pay(chain_.alice(), 1)), "nonce_gap");
  EXPECT_EQ(reason_of(pay(chain_.alice(), 0, 2'000'000 * kTft)), "insufficient_funds");
  auto broke = core::AccountKey::from_secret(core::KeyScheme::ed25519,
                                             core::blake2b_256(core::as_bytes("broke")).view());
  ASSERT_TRUE(broke.is_ok());
  EXPECT_EQ(reason_of(pay(*broke, 0)), "cannot_pay_fee");
  EXPECT_EQ(pool_.size(), 0u);

  Transaction good = pay(chain_.alice(), 0);
  EXPECT_EQ(reason_of(good), "");
  EXPECT_EQ(reason_of(good), "already_known");
  EXPECT_EQ(pool_.size(), 1u);
}

TEST_F(MempoolTest, StaleNonceIsBadNonce) {
  commit({pay(chain_.alice(), 0)});
  EXPECT_EQ(reason_of(pay(chain_.alice(), 0, 2 * kTft)), "bad_nonce");
  EXPECT_EQ(reason_of(pay(chain_.alice(), 2)), "nonce_gap");
  EXPECT_EQ(reason_of(pay(chain_.alice(), 1)), "");
}

TEST_F(MempoolTest, EveryRefusalIsAnInvalidStatus) {
  auto r = add(pay(chain_.alice(), 3));
  ASSERT_FALSE(r.is_ok());
  EXPECT_TRUE(ledger::is_refusal(r.error()));
  EXPECT_FALSE(ledger::refusal_detail(r.error()).empty());
}

TEST_F(MempoolTest, ConsecutiveNoncesAreAcceptedAndSelectedInOrder) {
  Transaction t0 = pay(chain_.alice(), 0), t1 = pay(chain_.alice(), 1), t2 = pay(chain_.alice(), 2);
  ASSERT_EQ(reason_of(t0), "");
  ASSERT_EQ(reason_of(t1), "");
  ASSERT_EQ(reason_of(t2), "");
  EXPECT_EQ(selected(), (std::vector{ledger::tx_id(t0), ledger::tx_id(t1), ledger::tx_id(t2)}));
  EXPECT_EQ(selected(2), (std::vector{ledger::tx_id(t0), ledger::tx_id(t1)}));
  // The selection builds a valid block in that order.
  for (auto& tx : pool_.select(1000, 1 << 20)) chain_.submit(tx);
  chain_.produce_block();
  EXPECT_TRUE(chain_.last_left_out().empty());
  EXPECT_EQ(chain_.blocks().back().transactions.size(), 3u);
}

TEST_F(MempoolTest, PendingTransfersCountAgainstTheBalance) {
  auto key = chain_.new_funded_key(10 * kTft);
  ASSERT_EQ(reason_of(pay(key, 0, 6 * kTft)), "");
  // 6 TFT are promised: 6 more do not fit in the 10, 3 do.
  EXPECT_EQ(reason_of(pay(key, 1, 6 * kTft)), "insufficient_funds");
  EXPECT_EQ(reason_of(pay(key, 1, 3 * kTft)), "");
}

TEST_F(MempoolTest, SelectionInterleavesAccountsByArrival) {
  const auto& alice = chain_.alice();
  const auto& bob = chain_.bob();
  const auto& charlie = chain_.key("charlie");
  Transaction b0 = pay(bob, 0), a0 = pay(alice, 0), a1 = pay(alice, 1), c0 = pay(charlie, 0),
              b1 = pay(bob, 1), a2 = pay(alice, 2);
  for (const auto* tx : {&b0, &a0, &a1, &c0, &b1, &a2}) ASSERT_EQ(reason_of(*tx), "");
  auto id = [](const Transaction& tx) { return ledger::tx_id(tx); };
  EXPECT_EQ(selected(), (std::vector{id(b0), id(a0), id(c0), id(b1), id(a1), id(a2)}));
  EXPECT_EQ(selected(4), (std::vector{id(b0), id(a0), id(c0), id(b1)}));
  // Bytes for three transactions: the first round.
  std::size_t size = core::encode(a0).size();
  EXPECT_EQ(selected(1000, 3 * size), (std::vector{id(b0), id(a0), id(c0)}));
}

class SmallMempoolTest : public MempoolTest {
 protected:
  SmallMempoolTest() : MempoolTest(MempoolConfig{.max_txs = 2}) {}
};

TEST_F(SmallMempoolTest, FullPoolEvictsTheCheapestLastTransaction) {
  Transaction probe = pay(chain_.alice(), 0);
  Transaction a0 = pay(chain_.alice(), 0, kTft, probe.fee * 3);
  Transaction b0 = pay(chain_.bob(), 0, kTft, probe.fee * 2);
  ASSERT_EQ(reason_of(a0), "");
  ASSERT_EQ(reason_of(b0), "");
  // Paying as much per byte as the cheapest is not enough.
  EXPECT_EQ(reason_of(pay(chain_.key("charlie"), 0, kTft, probe.fee * 2)), "mempool_full");
  Transaction c0 = pay(chain_.key("charlie"), 0, kTft, probe.fee * 2 + 1);
  EXPECT_EQ(reason_of(c0), "");
  EXPECT_EQ(pool_.size(), 2u);
  EXPECT_FALSE(pool_.contains(ledger::tx_id(b0)));
  EXPECT_TRUE(pool_.contains(ledger::tx_id(a0)));
  EXPECT_TRUE(pool_.contains(ledger::tx_id(c0)));
}

TEST_F(SmallMempoolTest, EvictionTakesOnlyTheLastNonceAndNeverTheSignersOwn) {
  Transaction probe = pay(chain_.alice(), 0);
  Transaction a0 = pay(chain_.alice(), 0, kTft, probe.fee);
  Transaction a1 = pay(chain_.alice(), 1, kTft, probe.fee * 2);
  ASSERT_EQ(reason_of(a0), "");
  ASSERT_EQ(reason_of(a1), "");
  // a0 is the cheapest, but evicting it would leave a gap before a1: a1 goes.
  Transaction b0 = pay(chain_.bob(), 0, kTft, probe.fee * 3);
  EXPECT_EQ(reason_of(b0), "");
  EXPECT_TRUE(pool_.contains(ledger::tx_id(a0)));
  EXPECT_FALSE(pool_.contains(ledger::tx_id(a1)));
  // Alice's own cheaper a0 cannot make room for her next one, and b0 pays more per byte.
  EXPECT_EQ(reason_of(pay(chain_.alice(), 1, kTft, probe.fee * 2)), "mempool_full");
  EXPECT_EQ(selected(), (std::vector{ledger::tx_id(a0), ledger::tx_id(b0)}));
}

TEST_F(MempoolTest, PerAccountLimit) {
  Mempool pool(MempoolConfig{.max_per_account = 2}, chain_.modules());
  for (std::uint64_t n = 0; n < 2; ++n)
    ASSERT_TRUE(pool.add(pay(chain_.alice(), n), chain_.state(), next()).is_ok());
  auto third = pool.add(pay(chain_.alice(), 2), chain_.state(), next());
  ASSERT_FALSE(third.is_ok());
  EXPECT_EQ(ledger::refusal_reason(third.error()), "too_many_pending");
  EXPECT_TRUE(pool.add(pay(chain_.bob(), 0), chain_.state(), next()).is_ok());
}

TEST_F(MempoolTest, FullByBytesEvictsAsManyAsNeededOrNothing) {
  Transaction probe = pay(chain_.alice(), 0);
  const std::size_t size = core::encode(probe).size();
  Mempool pool(MempoolConfig{.max_bytes = 3 * size}, chain_.modules());
  // Bob's last transaction is cheap, the two before it pay 8 times as much per byte.
  std::vector<Transaction> bobs;
  for (std::uint64_t n = 0; n < 3; ++n) {
    bobs.push_back(pay(chain_.bob(), n, kTft, probe.fee * (n == 2 ? 1 : 8)));
    ASSERT_TRUE(pool.add(bobs.back(), chain_.state(), next()).is_ok());
  }
  // A KvSet between one and two transactions long needs two of bob's to go.
  auto big = [&](std::uint64_t fee) {
    return make(chain_.alice(), ledger::KvSet{{1}, core::Bytes(size, 7)}, 0, fee);
  };
  const std::size_t big_size = core::encode(big(0)).size();
  ASSERT_GT(big_size, size);
  ASSERT_LT(big_size, 2 * size);
  // Paying more per byte than bob's last but less than the one before: nothing is evicted.
  auto refused = pool.add(big(probe.fee * 3), chain_.state(), next());
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(ledger::refusal_reason(refused.error()), "mempool_full");
  EXPECT_EQ(pool.size(), 3u);
  EXPECT_TRUE(pool.contains(ledger::tx_id(bobs[2])));
  // Paying more than both: both go, bob's first stays.
  Transaction rich = big(probe.fee * 20);
  auto r = pool.add(rich, chain_.state(), next());
  ASSERT_TRUE(r.is_ok()) << r.error().to_string();
  EXPECT_EQ(pool.size(), 2u);
  EXPECT_EQ(pool.bytes(), size + big_size);
  EXPECT_TRUE(pool.contains(ledger::tx_id(bobs[0])));
  EXPECT_FALSE(pool.contains(ledger::tx_id(bobs[1])));
  EXPECT_FALSE(pool.contains(ledger::tx_id(bobs[2])));
  EXPECT_TRUE(pool.contains(ledger::tx_id(rich)));
}

TEST_F(MempoolTest, CommittedBlockRemovesIncludedAndDropsStale) {
  Transaction a0 = pay(chain_.alice(), 0), a1 = pay(chain_.alice(), 1);
  Transaction b0 = pay(chain_.bob(), 0), b1 = pay(chain_.bob(), 1);
  for (const auto* tx : {&a0, &a1, &b0, &b1}) ASSERT_EQ(reason_of(*tx), "");
  // The block holds a0 and another bob tx with nonce 0: b0 is now stale, b1 still follows.
  Transaction other_b0 = pay(chain_.bob(), 0, 2 * kTft);
  commit({a0, other_b0});
  EXPECT_FALSE(pool_.contains(ledger::tx_id(a0)));
  EXPECT_FALSE(pool_.contains(ledger::tx_id(b0)));
  EXPECT_TRUE(pool_.contains(ledger::tx_id(a1)));
  EXPECT_TRUE(pool_.contains(ledger::tx_id(b1)));
  EXPECT_EQ(pool_.size(), 2u);
  EXPECT_EQ(pool_.bytes(), core::encode(a1).size() + core::encode(b1).size());
  EXPECT_EQ(selected(), (std::vector{ledger::tx_id(a1), ledger::tx_id(b1)}));
  // The cache outlives the pool entry: the executor need not verify a0 again.
  EXPECT_TRUE(pool_.signature_verified(ledger::tx_id(a0)));
}

TEST_F(MempoolTest, TransactionThatBecameInvalidDropsTheAccountsLaterOnes) {
  auto key = chain_.new_funded_key(10 * kTft);
  Transaction k0 = pay(key, 0, kTft), k1 = pay(key, 1, 5 * kTft), k2 = pay(key, 2, 1);
  for (const auto* tx : {&k0, &k1, &k2}) ASSERT_EQ(reason_of(*tx), "");
  Transaction other = pay(chain_.alice(), chain_.balance(chain_.account("alice")).nonce);
  ASSERT_EQ(reason_of(other), "");
  // Another nonce-0 tx of the key spends all but 3 TFT: k0 is stale, k1 unaffordable, k2 follows.
  Transaction spend = pay(key, 0, 7 * kTft - k0.fee);
  commit({spend});
  EXPECT_FALSE(pool_.contains(ledger::tx_id(k0)));
  EXPECT_FALSE(pool_.contains(ledger::tx_id(k1)));
  EXPECT_FALSE(pool_.contains(ledger::tx_id(k2)));
  EXPECT_TRUE(pool_.contains(ledger::tx_id(other)));
  EXPECT_EQ(pool_.size(), 1u);
  // A new nonce 1 is welcome again.
  EXPECT_EQ(reason_of(pay(key, 1, kTft)), "");
}

TEST_F(MempoolTest, BlockExecutionUsesTheCache) {
  Transaction tx = pay(chain_.alice(), 0);
  ASSERT_EQ(reason_of(tx), "");
  ledger::ExecuteOptions options;
  options.signature_verified = [&](const core::TxId& id) { return pool_.signature_verified(id); };
  ledger::BlockHeader header = next();
  header.previous = ledger::block_hash(chain_.last_header());
  auto built = ledger::build_block(chain_.state(), header, pool_.select(10, 1 << 20),
                                   chain_.modules(), options);
  ASSERT_TRUE(built.is_ok()) << built.error().to_string();
  EXPECT_EQ(built->block.transactions.size(), 1u);
  EXPECT_TRUE(built->left_out.empty());
}

TEST_F(MempoolTest, VerifiedCacheIsBoundedFirstInFirstOut) {
  Mempool pool(MempoolConfig{.verified_cache = 2}, chain_.modules());
  Transaction t0 = pay(chain_.alice(), 0), t1 = pay(chain_.alice(), 1), t2 = pay(chain_.alice(), 2);
  for (const auto* tx : {&t0, &t1, &t2}) ASSERT_TRUE(pool.add(*tx, chain_.state(), next()).is_ok());
  EXPECT_FALSE(pool.signature_verified(ledger::tx_id(t0)));
  EXPECT_TRUE(pool.signature_verified(ledger::tx_id(t1)));
  EXPECT_TRUE(pool.signature_verified(ledger::tx_id(t2)));
  EXPECT_TRUE(pool.contains(ledger::tx_id(t0)));  // the pool entry stays
}

TEST_F(MempoolTest, AddEncodedDecodesStrictly) {
  Transaction tx = pay(chain_.alice(), 0);
  core::Bytes bytes = core::encode(tx);
  core::Bytes trailing = bytes;
  trailing.push_back(0);
  auto r = pool_.add_encoded(trailing, chain_.state(), next());
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(ledger::refusal_reason(r.error()), "invalid_transaction");
  auto ok = pool_.add_encoded(bytes, chain_.state(), next());
  ASSERT_TRUE(ok.is_ok()) << ok.error().to_string();
  EXPECT_EQ(*ok, ledger::tx_id(tx));
}

TEST_F(MempoolTest, OneFeeFreeReportPendingPerAccount) {
  std::uint32_t twin = testing::make_twin(chain_, chain_.alice());
  ASSERT_NE(twin, 0u);
  std::uint32_t farm = testing::make_farm(chain_, chain_.alice(), "mempoolfarm");
  auto node = testing::make_node(chain_, chain_.alice(), farm);
  ASSERT_NE(node.id, 0u);
  std::uint64_t nonce = chain_.balance(node.key.account()).nonce;
  Transaction first = make(node.key, ledger::ReportUptime{100, next().time}, nonce, 0);
  ASSERT_EQ(reason_of(first), "");
  Transaction second = make(node.key, ledger::ReportUptime{101, next().time}, nonce + 1, 0);
  EXPECT_EQ(reason_of(second), "rate_limited");
}

}  // namespace
}  // namespace grid::node
