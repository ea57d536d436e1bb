// Chain + ConsensusApp: proposals built by one node are accepted by another, committed blocks
// give the same roots everywhere, survive a reopen, synced blocks need a valid commit, and a
// damaged or foreign store is refused.
#include "node/chain.hpp"

#include <gtest/gtest.h>

#include "consensus/proposer.hpp"
#include "core/blake2b.hpp"
#include "core/dev_accounts.hpp"
#include "core/leveldb_store.hpp"
#include "core/schnorr.hpp"
#include "node/consensus_app.hpp"
#include "node/testnet.hpp"
#include "tests/support/temp_dir.hpp"

namespace grid::node {
namespace {

constexpr std::uint64_t kGenesisTime = 1'800'000'000;

consensus::Commit sign_commit(const ledger::Genesis& g, std::uint64_t height,
                              const core::BlockHash& hash, const core::Ed25519SecretKey& key,
                              std::uint64_t timestamp_ms = (kGenesisTime + 100) * 1000) {
  consensus::Commit commit{height, 0, hash, {}};
  consensus::CommitSig sig{key.public_key(), timestamp_ms, {}};
  sig.signature = key.sign(
      consensus::vote_sign_digest(g.chain_id, consensus::precommit_from(commit, sig)).view());
  commit.signatures.push_back(sig);
  return commit;
}

struct Peer {
  Peer(const std::string& dir, const ledger::Genesis& genesis, const core::Ed25519SecretKey& key)
      : chain(Chain::open(dir, genesis).value()),
        mempool(MempoolConfig{}, chain->modules()),
        app(*chain, mempool, key.public_key(), BlockLimits{}, nullptr) {}
  std::unique_ptr<Chain> chain;
  Mempool mempool;
  ConsensusApp app;
};

class ChainTest : public ::testing::Test {
 protected:
  ChainTest()
      : key_(core::Ed25519SecretKey::from_seed(core::Bytes(32, 7)).value()),
        genesis_(ledger::dev_genesis(key_.public_key(), kGenesisTime)) {}

  core::Bytes signed_transfer(std::uint64_t nonce, std::uint64_t amount) {
    ledger::Transaction tx;
    tx.chain_id = genesis_.chain_id;
    tx.signer = core::dev_account("alice").value();
    tx.nonce = nonce;
    tx.fee = 10'000'000;
    tx.call = ledger::Transfer{core::dev_account("bob").value(), amount};
    ledger::sign_transaction(tx, core::dev_secret_key("alice").value());
    return core::encode(tx);
  }

  consensus::ValidatorSet next_base(Peer& p, std::uint64_t height) {
    return consensus::ProposerSchedule(p.chain->validators_at(height).value())
        .next_base(p.chain->members_after_tip().value());
  }

  testing::TempDir dir_{"gridchain-chain"};
  core::Ed25519SecretKey key_;
  ledger::Genesis genesis_;
};

TEST_F(ChainTest, ProposalOfOneNodeIsAcceptedAndCommittedIdenticallyByAnother) {
  Peer a(dir_.sub("a"), genesis_, key_);
  Peer b(dir_.sub("b"), genesis_, key_);
  EXPECT_EQ(a.chain->tip().height, 0u);
  EXPECT_EQ(a.chain->tip().state_root, b.chain->tip().state_root);
  ASSERT_TRUE(a.chain->validators_at(1).value().find(key_.public_key()));

  auto next = a.chain->next_header_template();
  ASSERT_TRUE(a.mempool.add_encoded(signed_transfer(0, 5'000), a.chain->state(), next).is_ok());
  auto proposal = a.app.build_proposal(1);
  ASSERT_TRUE(proposal.is_ok()) << proposal.error().to_string();
  const std::optional<consensus::ValidatorKey> builder = key_.public_key();
  EXPECT_TRUE(b.app.check_proposal(1, proposal->block, proposal->hash, builder).is_ok());
  EXPECT_EQ(b.app.check_proposal(2, proposal->block, proposal->hash, builder).code(),
            core::Code::invalid);
  core::BlockHash other = proposal->hash;
  other.hash.bytes[0] ^= 1;
  EXPECT_EQ(b.app.check_proposal(1, proposal->block, other, builder).code(), core::Code::invalid);
  core::Bytes garbage = proposal->block;
  garbage.resize(garbage.size() / 2);
  EXPECT_EQ(b.app.check_proposal(1, garbage, proposal->hash, builder).code(), core::Code::invalid);
  // A proposer that names another account as the block's proposer (where the fees go) is
  // refused; the same block re-proposed or decided (no builder to check) is judged on the rest.
  auto redirected = core::decode<ledger::Block>(proposal->block).value();
  redirected.header.proposer = core::dev_account("bob").value();
  core::Bytes redirected_bytes = core::encode(redirected);
  auto redirected_hash = ledger::block_hash(redirected.header);
  auto st = b.app.check_proposal(1, redirected_bytes, redirected_hash, builder);
  EXPECT_EQ(st.code(), core::Code::invalid);
  EXPECT_NE(st.message().find("names another proposer"), std::string::npos) << st.to_string();

  consensus::CommittedBlock decided{1, proposal->block, proposal->hash,
                                    sign_commit(genesis_, 1, proposal->hash, key_)};
  auto ra = a.app.apply_committed(decided, next_base(a, 1));
  auto rb = b.app.apply_committed(decided, next_base(b, 1));
  ASSERT_TRUE(ra.is_ok()) << ra.error().to_string();
  ASSERT_TRUE(rb.is_ok()) << rb.error().to_string();
  EXPECT_EQ(ra->state_root, rb->state_root);
  EXPECT_EQ(a.chain->tip().height, 1u);
  EXPECT_EQ(a.mempool.size(), 0u);
  auto block = a.chain->blocks().block(1).value();
  ASSERT_TRUE(block);
  EXPECT_EQ(block->transactions.size(), 1u);
  // A block applied once is never applied again.
  EXPECT_FALSE(a.app.apply_committed(decided, next_base(a, 1)).is_ok());
  EXPECT_EQ(a.app.committed_block(1)->hash, proposal->hash);
}

TEST_F(ChainTest, ReopenContinuesFromTheSameTipAndRoot) {
  core::StateRoot root;
  {
    Peer a(dir_.sub("a"), genesis_, key_);
    auto proposal = a.app.build_proposal(1).value();
    consensus::CommittedBlock decided{1, proposal.block, proposal.hash,
                                      sign_commit(genesis_, 1, proposal.hash, key_)};
    ASSERT_TRUE(a.app.apply_committed(decided, next_base(a, 1)).is_ok());
    root = a.chain->tip().state_root;
  }
  auto reopened = Chain::open(dir_.sub("a"), genesis_);
  ASSERT_TRUE(reopened.is_ok()) << reopened.error().to_string();
  EXPECT_EQ((*reopened)->tip().height, 1u);
  EXPECT_EQ((*reopened)->tip().state_root, root);
  EXPECT_TRUE((*reopened)->validators_at(2).is_ok());
}

TEST_F(ChainTest, SyncedBlocksNeedAValidCommit) {
  Peer a(dir_.sub("a"), genesis_, key_);
  Peer b(dir_.sub("b"), genesis_, key_);
  auto proposal = a.app.build_proposal(1).value();
  auto good = sign_commit(genesis_, 1, proposal.hash, key_);
  auto stranger = core::Ed25519SecretKey::from_seed(core::Bytes(32, 9)).value();
  auto forged = sign_commit(genesis_, 1, proposal.hash, stranger);
  EXPECT_EQ(b.app.apply_synced(proposal.block, forged).code(), core::Code::invalid);
  auto tampered = good;
  tampered.signatures[0].signature[3] ^= 1;
  EXPECT_EQ(b.app.apply_synced(proposal.block, tampered).code(), core::Code::invalid);
  EXPECT_EQ(b.chain->tip().height, 0u);
  // The commit is checked before the body is decoded: a body announcing 2^32 - 1 transactions
  // behind a forged commit is refused for the commit, and behind the good one for its bytes.
  auto header = core::decode<ledger::Block>(proposal.block).value().header;
  core::Bytes hostile = core::encode(header);
  for (std::uint8_t byte : {0xff, 0xff, 0xff, 0xff}) hostile.push_back(byte);
  auto st = b.app.apply_synced(hostile, forged);
  EXPECT_EQ(st.code(), core::Code::invalid);
  EXPECT_NE(st.message().find("commit signer"), std::string::npos) << st.to_string();
  st = b.app.apply_synced(hostile, good);
  EXPECT_EQ(st.code(), core::Code::invalid);
  EXPECT_NE(st.message().find("undecodable block"), std::string::npos) << st.to_string();
  ASSERT_TRUE(b.app.apply_synced(proposal.block, good).is_ok());
  EXPECT_EQ(b.chain->tip().height, 1u);
  // The same next base the engine computes: block 2 proposed by a validates on b.
  ASSERT_TRUE(
      a.app.apply_committed({1, proposal.block, proposal.hash, good}, next_base(a, 1)).is_ok());
  EXPECT_EQ(a.chain->validators_at(2).value().priorities(),
            b.chain->validators_at(2).value().priorities());
}

// BFT time: block 1 has genesis time + 1; block h + 1 carries the commit of h and has the time
// of its precommit timestamps, whatever the proposer's clock; anything else is refused.
TEST_F(ChainTest, TheBlockTimeIsTheOneItsLastCommitGives) {
  Peer a(dir_.sub("a"), genesis_, key_);
  Peer b(dir_.sub("b"), genesis_, key_);
  auto first = a.app.build_proposal(1).value();
  auto block1 = core::decode<ledger::Block>(first.block).value();
  EXPECT_EQ(block1.header.time, kGenesisTime + 1);
  EXPECT_TRUE(block1.last_commit.empty());

  const std::uint64_t voted_ms = (kGenesisTime + 500) * 1000 + 999;
  auto commit1 = sign_commit(genesis_, 1, first.hash, key_, voted_ms);
  ASSERT_TRUE(
      a.app.apply_committed({1, first.block, first.hash, commit1}, next_base(a, 1)).is_ok());
  ASSERT_TRUE(
      b.app.apply_committed({1, first.block, first.hash, commit1}, next_base(b, 1)).is_ok());
  EXPECT_EQ(a.chain->next_block_time(), kGenesisTime + 500);

  auto second = a.app.build_proposal(2).value();
  auto block2 = core::decode<ledger::Block>(second.block).value();
  EXPECT_EQ(block2.header.time, kGenesisTime + 500);
  EXPECT_EQ(block2.last_commit, core::encode(commit1));
  EXPECT_EQ(block2.header.last_commit_hash, core::blake2b_256(block2.last_commit));
  EXPECT_TRUE(b.app.check_proposal(2, second.block, second.hash, key_.public_key()).is_ok());

  auto refused = [&](ledger::Block changed) {
    core::Bytes bytes = core::encode(changed);
    return b.app.check_proposal(2, bytes, ledger::block_hash(changed.header), std::nullopt);
  };
  ledger::Block late = block2;  // a proposer whose clock is ahead
  late.header.time += 20;
  auto st = refused(late);
  EXPECT_EQ(st.code(), core::Code::invalid);
  EXPECT_NE(st.message().find("is not the time its last commit gives"), std::string::npos)
      << st.to_string();
  ledger::Block no_commit = block2;
  no_commit.last_commit.clear();
  no_commit.header.last_commit_hash = core::Hash32{};
  EXPECT_EQ(refused(no_commit).code(), core::Code::invalid);
  auto stranger = core::Ed25519SecretKey::from_seed(core::Bytes(32, 9)).value();
  ledger::Block forged = block2;  // a commit by a non-validator claiming another time
  forged.last_commit = core::encode(sign_commit(genesis_, 1, first.hash, stranger, voted_ms));
  forged.header.last_commit_hash = core::blake2b_256(forged.last_commit);
  EXPECT_EQ(refused(forged).code(), core::Code::invalid);
}

TEST_F(ChainTest, AStoreOfAnotherChainIsRefused) {
  { Peer a(dir_.sub("a"), genesis_, key_); }
  auto other = make_testnet_genesis("gridchain-other", {key_.public_key()});
  auto opened = Chain::open(dir_.sub("a"), other);
  ASSERT_FALSE(opened.is_ok());
  EXPECT_EQ(opened.error().code(), core::Code::invalid);
  EXPECT_NE(opened.error().message().find("another chain"), std::string::npos);
}

TEST_F(ChainTest, ADamagedTipIsReportedAsCorruption) {
  { Peer a(dir_.sub("a"), genesis_, key_); }
  {
    auto store = core::LevelDbStore::open(dir_.sub("a") + "/chain.db", {}).value();
    core::WriteBatch batch;
    batch.put(store_keys::tip(), core::Bytes{1, 2, 3});
    ASSERT_TRUE(store->write(batch, true).is_ok());
  }
  auto opened = Chain::open(dir_.sub("a"), genesis_);
  ASSERT_FALSE(opened.is_ok());
  EXPECT_EQ(opened.error().code(), core::Code::corruption) << opened.error().to_string();
}

}  // namespace
}  // namespace grid::node
