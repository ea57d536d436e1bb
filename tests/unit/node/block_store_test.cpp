// The block store over real blocks and receipts from TestChain: every record staged into one
// batch per block and read back (blocks, hashes, commits, results, validator sets, tx locations,
// tip, genesis, search), damaged records reported as corruption, and a LevelDB store reopened.
#include "node/block_store.hpp"

#include <gtest/gtest.h>

#include "core/leveldb_store.hpp"
#include "core/memory_store.hpp"
#include "ledger/genesis.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_chain.hpp"

namespace grid::node {
namespace {

using testing::TestChain;
constexpr std::uint64_t kTft = 10'000'000;

consensus::ValidatorSet validator_set(std::uint8_t seed, std::uint64_t power) {
  consensus::Validator v;
  v.key.fill(seed);
  v.power = power;
  return consensus::ValidatorSet::create({v}).value();
}

consensus::Commit commit_for(const ledger::Block& block) {
  consensus::Commit c;
  c.height = block.header.height;
  c.round = static_cast<consensus::Round>(block.header.height % 3);
  c.block_hash = ledger::block_hash(block.header);
  consensus::CommitSig sig;
  sig.validator.fill(1);
  sig.signature.fill(static_cast<std::uint8_t>(block.header.height));
  c.signatures.push_back(sig);
  return c;
}

// A chain of three blocks: alice pays bob; bob pays charlie and alice pays charlie; empty.
class ChainBlocks {
 public:
  ChainBlocks() {
    alice = chain.account("alice");
    bob = chain.account("bob");
    charlie = chain.account("charlie");
    chain.submit(chain.sign(chain.alice(), ledger::Transfer{bob, 5 * kTft}));
    results.push_back(chain.produce_block());
    chain.submit(chain.sign(chain.bob(), ledger::Transfer{charlie, 2 * kTft}));
    chain.submit(chain.sign(chain.alice(), ledger::Transfer{charlie, 3 * kTft}));
    results.push_back(chain.produce_block());
    results.push_back(chain.produce_block());
  }

  core::GenesisHash genesis_hash() const { return ledger::genesis_hash(chain.genesis()); }
  Tip genesis_tip() const {
    return Tip{0, core::BlockHash{}, chain.genesis().genesis_time,
               core::StateRoot{chain.roots()[0]}};
  }

  // Stages genesis and every block, one batch each, into `store`.
  void write_all(core::KvStore& store) const {
    core::WriteBatch genesis_batch;
    BlockStore::stage_genesis(genesis_hash(), chain.genesis().chain_id, validator_set(1, 10),
                              genesis_tip(), genesis_batch);
    ASSERT_TRUE(store.write(genesis_batch, true).is_ok());
    for (std::size_t i = 0; i < chain.blocks().size(); ++i) {
      const ledger::Block& block = chain.blocks()[i];
      core::WriteBatch batch;
      BlockStore::stage_block(block, core::encode(block), commit_for(block), results[i],
                              validator_set(static_cast<std::uint8_t>(i + 2), 10 + i),
                              core::StateRoot{chain.roots()[i + 1]}, batch);
      ASSERT_TRUE(store.write(batch, true).is_ok());
    }
  }

  TestChain chain;
  core::AccountId alice, bob, charlie;
  std::vector<ledger::BlockResults> results;
};

// Checks every record of `chain` through `blocks`.
void expect_everything_readable(const ChainBlocks& c, const BlockStore& blocks) {
  auto genesis = blocks.genesis();
  ASSERT_TRUE(genesis.is_ok()) << genesis.error().to_string();
  ASSERT_TRUE(genesis->has_value());
  EXPECT_EQ((*genesis)->genesis_hash, c.genesis_hash());
  EXPECT_EQ((*genesis)->chain_id, c.chain.genesis().chain_id);

  auto first_set = blocks.validators(1);
  ASSERT_TRUE(first_set.is_ok() && first_set->has_value());
  EXPECT_EQ((*first_set)->validators(), validator_set(1, 10).validators());

  for (std::size_t i = 0; i < c.chain.blocks().size(); ++i) {
    const ledger::Block& block = c.chain.blocks()[i];
    const std::uint64_t height = i + 1;
    auto bytes = blocks.block_bytes(height);
    ASSERT_TRUE(bytes.is_ok() && bytes->has_value());
    EXPECT_EQ(**bytes, core::encode(block));
    auto decoded = blocks.block(height);
    ASSERT_TRUE(decoded.is_ok() && decoded->has_value());
    EXPECT_EQ(**decoded, block);
    auto at = blocks.height_of(ledger::block_hash(block.header));
    ASSERT_TRUE(at.is_ok() && at->has_value());
    EXPECT_EQ(**at, height);
    auto commit = blocks.commit(height);
    ASSERT_TRUE(commit.is_ok() && commit->has_value());
    EXPECT_EQ(**commit, commit_for(block));
    auto results = blocks.results(height);
    ASSERT_TRUE(results.is_ok() && results->has_value());
    EXPECT_EQ(**results, c.results[i]);
    // The set stored with block h decides h + 1, with its priorities.
    auto next_set = blocks.validators(height + 1);
    ASSERT_TRUE(next_set.is_ok() && next_set->has_value());
    auto expected_set = validator_set(static_cast<std::uint8_t>(i + 2), 10 + i);
    EXPECT_EQ((*next_set)->validators(), expected_set.validators());
    EXPECT_EQ((*next_set)->priorities(), expected_set.priorities());
    for (std::size_t t = 0; t < block.transactions.size(); ++t) {
      auto location = blocks.tx_location(ledger::tx_id(block.transactions[t]));
      ASSERT_TRUE(location.is_ok() && location->has_value());
      EXPECT_EQ((*location)->height, height);
      EXPECT_EQ((*location)->index, t);
    }
  }

  auto tip = blocks.tip();
  ASSERT_TRUE(tip.is_ok() && tip->has_value());
  const ledger::Block& last = c.chain.blocks().back();
  EXPECT_EQ(**tip, (Tip{3, ledger::block_hash(last.header), last.header.time,
                        core::StateRoot{c.chain.roots().back()}}));
  EXPECT_EQ((*tip)->state_root.hash, last.header.state_root.hash);

  auto page = blocks.search(IndexKey::account(c.charlie), 0, 10);
  ASSERT_TRUE(page.is_ok()) << page.error().to_string();
  ASSERT_EQ(page->total, 2u);
  EXPECT_EQ(page->hits[0].location.height, 2u);
  EXPECT_EQ(page->hits[0].location.index, 1u);
  EXPECT_EQ(page->hits[1].location.index, 0u);
}

TEST(BlockStore, EveryRecordOfEveryBlockReadsBack) {
  ChainBlocks c;
  core::MemoryStore store;
  c.write_all(store);
  BlockStore blocks(store);
  expect_everything_readable(c, blocks);
}

TEST(BlockStore, AbsentRecordsAreEmptyNotErrors) {
  ChainBlocks c;
  core::MemoryStore store;
  BlockStore blocks(store);
  auto tip = blocks.tip();
  ASSERT_TRUE(tip.is_ok());
  EXPECT_FALSE(tip->has_value());
  c.write_all(store);
  auto missing_block = blocks.block(4);
  ASSERT_TRUE(missing_block.is_ok());
  EXPECT_FALSE(missing_block->has_value());
  auto missing_hash = blocks.height_of(core::BlockHash{core::Hash32{{9}}});
  ASSERT_TRUE(missing_hash.is_ok());
  EXPECT_FALSE(missing_hash->has_value());
  auto missing_tx = blocks.tx_location(core::TxId{core::Hash32{{9}}});
  ASSERT_TRUE(missing_tx.is_ok());
  EXPECT_FALSE(missing_tx->has_value());
  auto unknown_set = blocks.validators(5);
  ASSERT_TRUE(unknown_set.is_ok());
  EXPECT_FALSE(unknown_set->has_value());
}

TEST(BlockStore, GenesisBatchAloneGivesTheGenesisTip) {
  ChainBlocks c;
  core::MemoryStore store;
  core::WriteBatch batch;
  BlockStore::stage_genesis(c.genesis_hash(), c.chain.genesis().chain_id, validator_set(1, 10),
                            c.genesis_tip(), batch);
  ASSERT_TRUE(store.write(batch, false).is_ok());
  auto tip = BlockStore(store).tip();
  ASSERT_TRUE(tip.is_ok() && tip->has_value());
  EXPECT_EQ(**tip, c.genesis_tip());
}

// Overwrites one stored record with bytes that do not decode.
void damage(core::KvStore& store, const core::Bytes& key) {
  core::WriteBatch batch;
  const std::uint8_t junk[] = {0xff, 0x01};
  batch.put(key, junk);
  ASSERT_TRUE(store.write(batch, false).is_ok());
}

TEST(BlockStore, DamagedRecordsAreCorruptionNamingTheKey) {
  ChainBlocks c;
  core::MemoryStore store;
  c.write_all(store);
  BlockStore blocks(store);
  const auto& block = c.chain.blocks()[1];
  core::TxId tx = ledger::tx_id(block.transactions[0]);

  damage(store, store_keys::at_height(store_keys::kBlock, 2));
  damage(store, store_keys::at_height(store_keys::kCommit, 2));
  damage(store, store_keys::at_height(store_keys::kResults, 2));
  damage(store, store_keys::at_height(store_keys::kValidators, 3));
  damage(store, store_keys::block_hash(ledger::block_hash(block.header)));
  damage(store, store_keys::tx(tx));
  damage(store, store_keys::tip());
  damage(store, store_keys::genesis());

  auto expect_corruption = [](const core::Status& st, const core::Bytes& key) {
    EXPECT_EQ(st.code(), core::Code::corruption) << st.to_string();
    EXPECT_NE(st.message().find(core::hex_encode(key)), std::string::npos) << st.message();
  };
  expect_corruption(blocks.block(2).status(), store_keys::at_height(store_keys::kBlock, 2));
  expect_corruption(blocks.commit(2).status(), store_keys::at_height(store_keys::kCommit, 2));
  expect_corruption(blocks.results(2).status(), store_keys::at_height(store_keys::kResults, 2));
  expect_corruption(blocks.validators(3).status(),
                    store_keys::at_height(store_keys::kValidators, 3));
  expect_corruption(blocks.height_of(ledger::block_hash(block.header)).status(),
                    store_keys::block_hash(ledger::block_hash(block.header)));
  expect_corruption(blocks.tx_location(tx).status(), store_keys::tx(tx));
  expect_corruption(blocks.tip().status(), store_keys::tip());
  expect_corruption(blocks.genesis().status(), store_keys::genesis());
  // The raw bytes are still handed out as they are; the other heights are untouched.
  EXPECT_TRUE(blocks.block_bytes(2).is_ok());
  EXPECT_TRUE(blocks.block(1).is_ok());
  EXPECT_TRUE(blocks.commit(3).is_ok());
}

TEST(BlockStore, DamagedIndexRecordIsCorruption) {
  ChainBlocks c;
  core::MemoryStore store;
  c.write_all(store);
  core::Bytes key = index_record_key(IndexKey::account(c.bob), 2, 0);
  damage(store, key);  // two value bytes where one call tag belongs
  auto page = BlockStore(store).search(IndexKey::account(c.bob), 0, 10);
  ASSERT_FALSE(page.is_ok());
  EXPECT_EQ(page.error().code(), core::Code::corruption);
  EXPECT_NE(page.error().message().find(core::hex_encode(key)), std::string::npos);
}

TEST(BlockStore, KeysKeepClearOfTheStatePrefixes) {
  ChainBlocks c;
  core::MemoryStore store;
  c.write_all(store);
  const std::string ours = "BHCRVTIPG";
  core::Status st = store.scan_prefix({}, [&](core::ByteView key, core::ByteView) {
    EXPECT_NE(ours.find(static_cast<char>(key[0])), std::string::npos) << core::hex_encode(key);
    return true;
  });
  EXPECT_TRUE(st.is_ok());
}

TEST(BlockStore, LevelDbStoreReopensWithEverything) {
  ChainBlocks c;
  testing::TempDir dir("gridchain-blocks");
  const std::string path = dir.sub("store");
  core::LevelDbOptions options;
  options.create_if_missing = true;
  {
    auto store = core::LevelDbStore::open(path, options);
    ASSERT_TRUE(store.is_ok()) << store.error().to_string();
    c.write_all(**store);
  }
  auto reopened = core::LevelDbStore::open(path, core::LevelDbOptions{});
  ASSERT_TRUE(reopened.is_ok()) << reopened.error().to_string();
  BlockStore blocks(**reopened);
  expect_everything_readable(c, blocks);
}

}  // namespace
}  // namespace grid::node
