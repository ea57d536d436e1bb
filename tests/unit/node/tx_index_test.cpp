// The transaction index over real blocks and receipts: which keys a transaction is found under,
// newest-first paging with totals, the call-name filter, and the refusals of bad queries.
#include "node/tx_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/memory_store.hpp"
#include "ledger/refusal.hpp"
#include "tests/support/test_chain.hpp"

namespace grid::node {
namespace {

using testing::TestChain;
constexpr std::uint64_t kTft = 10'000'000;

// A TestChain whose blocks' index records go into a MemoryStore as they are produced.
class IndexedChain {
 public:
  const ledger::BlockResults& produce() {
    const ledger::BlockResults& results = chain.produce_block();
    core::WriteBatch batch;
    stage_tx_index(chain.blocks().back(), results, batch);
    EXPECT_TRUE(store.write(batch, false).is_ok());
    return results;
  }
  TxPage search(const IndexKey& key, std::uint64_t page, std::uint32_t size,
                std::string_view call = {}) {
    auto r = search_tx_index(store, key, call, page, size);
    EXPECT_TRUE(r.is_ok()) << r.error().to_string();
    return r.is_ok() ? *r : TxPage{};
  }

  TestChain chain;
  core::MemoryStore store;
};

std::vector<std::pair<std::uint64_t, std::uint32_t>> locations(const TxPage& page) {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> out;
  for (const auto& hit : page.hits) out.emplace_back(hit.location.height, hit.location.index);
  return out;
}

TEST(TxIndex, TransferIsFoundByBothAccountsWithItsKind) {
  IndexedChain c;
  auto bob = c.chain.account("bob");
  c.chain.submit(c.chain.sign(c.chain.alice(), ledger::Transfer{bob, 5 * kTft}));
  c.produce();
  for (const auto& who : {c.chain.account("alice"), bob}) {
    TxPage page = c.search(IndexKey::account(who), 0, 10);
    ASSERT_EQ(page.total, 1u);
    ASSERT_EQ(page.hits.size(), 1u);
    EXPECT_EQ(page.hits[0].location.height, 1u);
    EXPECT_EQ(page.hits[0].location.index, 0u);
    EXPECT_EQ(ledger::call_name(page.hits[0].call_tag), "transfer");
  }
  EXPECT_EQ(c.search(IndexKey::account(c.chain.account("charlie")), 0, 10).total, 0u);
}

TEST(TxIndex, KeysAreDeduplicatedAndIncludeEventIdsAndCallTargets) {
  TestChain chain;
  auto alice = chain.account("alice");
  auto bob = chain.account("bob");
  ledger::Transaction tx = chain.sign(chain.alice(), ledger::Transfer{bob, 1});
  ledger::Receipt receipt;
  // The signer named again by an event, plus ids of every kind.
  receipt.events.push_back(ledger::Event{.kind = "transfer", .account = alice});
  receipt.events.push_back(
      ledger::Event{.kind = "x", .twin = 7, .farm = 8, .node = 9, .contract = 10});
  auto keys = index_keys(tx, &receipt);
  std::vector<IndexKey> expected = {IndexKey::account(alice), IndexKey::account(bob),
                                    IndexKey::twin(7),        IndexKey::farm(8),
                                    IndexKey::node(9),        IndexKey::contract(10)};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(keys, expected);

  ledger::Transaction cancel = chain.sign(chain.alice(), ledger::CancelContract{42});
  EXPECT_EQ(index_keys(cancel, nullptr),
            (std::vector<IndexKey>{IndexKey::account(alice), IndexKey::contract(42)}));
  ledger::Transaction approve = chain.sign(chain.alice(), ledger::ServiceContractApprove{43});
  EXPECT_EQ(index_keys(approve, nullptr),
            (std::vector<IndexKey>{IndexKey::account(alice), IndexKey::contract(43)}));
  ledger::Transaction node = chain.sign(chain.alice(), ledger::DeleteNode{5});
  EXPECT_EQ(index_keys(node, nullptr),
            (std::vector<IndexKey>{IndexKey::account(alice), IndexKey::node(5)}));
}

TEST(TxIndex, NewestFirstWithPagesAndTotals) {
  IndexedChain c;
  auto alice = c.chain.account("alice");
  auto bob = c.chain.account("bob");
  // Five blocks; alice sends to bob in each, twice in the third (indexes 0 and 1).
  for (int b = 0; b < 5; ++b) {
    c.chain.submit(c.chain.sign(c.chain.alice(), ledger::Transfer{bob, kTft}));
    if (b == 2) c.chain.submit(c.chain.sign(c.chain.alice(), ledger::Transfer{bob, kTft}));
    c.produce();
  }
  using Locs = std::vector<std::pair<std::uint64_t, std::uint32_t>>;
  TxPage all = c.search(IndexKey::account(alice), 0, 100);
  EXPECT_EQ(all.total, 6u);
  EXPECT_EQ(locations(all), (Locs{{5, 0}, {4, 0}, {3, 1}, {3, 0}, {2, 0}, {1, 0}}));

  TxPage first = c.search(IndexKey::account(bob), 0, 4);
  EXPECT_EQ(first.total, 6u);
  EXPECT_EQ(locations(first), (Locs{{5, 0}, {4, 0}, {3, 1}, {3, 0}}));
  TxPage second = c.search(IndexKey::account(bob), 1, 4);
  EXPECT_EQ(second.total, 6u);
  EXPECT_EQ(locations(second), (Locs{{2, 0}, {1, 0}}));
  TxPage beyond = c.search(IndexKey::account(bob), 2, 4);
  EXPECT_EQ(beyond.total, 6u);
  EXPECT_TRUE(beyond.hits.empty());
  TxPage far = c.search(IndexKey::account(bob), ~std::uint64_t{0}, 1000);
  EXPECT_EQ(far.total, 6u);
  EXPECT_TRUE(far.hits.empty());
}

TEST(TxIndex, KindFilterCountsAndPagesOnlyThatCall) {
  IndexedChain c;
  auto bob = c.chain.account("bob");
  c.chain.submit(c.chain.sign(c.chain.alice(), ledger::Transfer{bob, kTft}));
  c.chain.submit(c.chain.sign(c.chain.alice(), ledger::Burn{kTft}));
  c.produce();
  c.chain.submit(c.chain.sign(c.chain.alice(), ledger::Burn{2 * kTft}));
  c.chain.submit(c.chain.sign(c.chain.alice(), ledger::Transfer{bob, kTft}));
  c.produce();
  auto alice = IndexKey::account(c.chain.account("alice"));
  using Locs = std::vector<std::pair<std::uint64_t, std::uint32_t>>;
  EXPECT_EQ(c.search(alice, 0, 10).total, 4u);
  TxPage burns = c.search(alice, 0, 10, "burn");
  EXPECT_EQ(burns.total, 2u);
  EXPECT_EQ(locations(burns), (Locs{{2, 0}, {1, 1}}));
  for (const auto& hit : burns.hits) EXPECT_EQ(ledger::call_name(hit.call_tag), "burn");
  TxPage transfers = c.search(alice, 1, 1, "transfer");
  EXPECT_EQ(transfers.total, 2u);
  EXPECT_EQ(locations(transfers), (Locs{{1, 0}}));
  // Bob only received transfers.
  EXPECT_EQ(c.search(IndexKey::account(bob), 0, 10, "burn").total, 0u);
}

TEST(TxIndex, RefusedTransactionIsStillIndexed) {
  IndexedChain c;
  auto alice = c.chain.account("alice");
  // Bob cannot pay 2 million TFT: the receipt fails, the fee is paid, the tx is on chain.
  c.chain.submit(c.chain.sign(c.chain.bob(), ledger::Transfer{alice, 2'000'000 * kTft}));
  const auto& results = c.produce();
  ASSERT_EQ(results.receipts.size(), 1u);
  EXPECT_FALSE(results.receipts[0].ok);
  EXPECT_EQ(c.search(IndexKey::account(c.chain.account("bob")), 0, 10).total, 1u);
  EXPECT_EQ(c.search(IndexKey::account(alice), 0, 10).total, 1u);  // the call's target
}

TEST(TxIndex, BadQueriesAreRefused) {
  core::MemoryStore store;
  auto key = IndexKey::twin(1);
  for (std::uint32_t size : {0u, kMaxPageSize + 1}) {
    auto r = search_tx_index(store, key, {}, 0, size);
    ASSERT_FALSE(r.is_ok());
    EXPECT_EQ(ledger::refusal_reason(r.error()), "invalid_input");
  }
  auto unknown = search_tx_index(store, key, "teleport", 0, 10);
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(ledger::refusal_reason(unknown.error()), "invalid_input");
  IndexKey wrong{IndexKind::account, {1, 2, 3}};
  EXPECT_FALSE(search_tx_index(store, wrong, {}, 0, 10).is_ok());
  auto empty = search_tx_index(store, key, {}, 0, kMaxPageSize);
  ASSERT_TRUE(empty.is_ok());
  EXPECT_EQ(empty->total, 0u);
}

TEST(TxIndex, RecordKeyLayout) {
  core::Bytes key = index_record_key(IndexKey::farm(0x01020304), 0x0a0b, 7);
  EXPECT_EQ(core::hex_encode(key),
            "4903"
            "01020304"
            "0000000000000a0b"
            "00000007");
  core::AccountId id = core::AccountId::secp256k1({0xaa});
  EXPECT_EQ(index_prefix(IndexKey::account(id)).size(), 2u + 33u);
  EXPECT_EQ(index_prefix(IndexKey::contract(5)).size(), 2u + 8u);
}

}  // namespace
}  // namespace grid::node
