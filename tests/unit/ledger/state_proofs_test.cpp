// Authenticated state through whole blocks: StateDb::prove(height, key) gives proofs that a light
// client's verify_proof accepts against the state root in the header of that height, for
// accounts, twins and farms, present or absent; older heights keep their old values until they
// leave the retention window; and an altered proof is refused.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/blake2b.hpp"
#include "core/memory_store.hpp"
#include "ledger/block_apply.hpp"
#include "ledger/ledger_modules.hpp"
#include "ledger/state_db.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/state_proof.hpp"
#include "tests/support/registry_fixture.hpp"

namespace grid::ledger {
namespace {

using core::Bytes;
using testing::kTft;
using testing::TestChain;

std::optional<core::ByteView> view_of(const std::optional<Bytes>& value) {
  if (!value) return std::nullopt;
  return core::ByteView(*value);
}

core::AccountId never_funded(int i) {
  std::string seed = "test/never-funded/" + std::to_string(i);
  return core::AccountId::secp256k1(core::blake2b_256(core::as_bytes(seed)).bytes);
}

// prove(height, key), expected to succeed.
SmtProvedValue prove(const StateDb& db, std::uint64_t height, const Bytes& key) {
  auto p = db.prove(height, key);
  EXPECT_TRUE(p.is_ok()) << "height " << height << ": " << p.status().to_string();
  return p.is_ok() ? std::move(p).value() : SmtProvedValue{};
}

// A dev chain where alice creates a twin and a farm with public IPs, then pays bob in every
// block; alice's account is recorded after every height (genesis first).
class ProvenChain : public ::testing::Test {
 protected:
  void SetUp() override {
    history_.push_back(chain_.balance(alice()));
    record(chain_.run(chain_.alice(), AcceptTerms{"https://example.org/terms", "0123abcd"}));
    record(chain_.run(chain_.alice(), CreateTwin{"relay.grid.tf", std::nullopt}));
    twin_id_ = chain_.balance(alice()).twin_id;
    ASSERT_NE(twin_id_, 0u);
    record(
        chain_.run(chain_.alice(), CreateFarm{"proven-farm", {{"185.20.1.10/24", "185.20.1.1"}}}));
    farm_id_ = chain_.get<std::uint32_t>(keys::farm_by_name("proven-farm")).value_or(0);
    ASSERT_NE(farm_id_, 0u);
    record(chain_.run(chain_.alice(), AddFarmIp{farm_id_, {"185.20.1.11/24", "185.20.1.1"}}));
    for (int i = 1; i <= 4; ++i) record(chain_.run(chain_.alice(), Transfer{bob(), i * kTft}));
    ASSERT_EQ(history_.size(), chain_.height() + 1);
  }

  void record(const Receipt& r) {
    EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
    history_.push_back(chain_.balance(alice()));
  }

  core::AccountId alice() const { return chain_.account("alice"); }
  core::AccountId bob() const { return chain_.account("bob"); }
  const StateDb& db() const { return chain_.state(); }
  // The state root a light client trusts for `height`: the one in that block's header.
  core::Hash32 header_root(std::uint64_t height) const {
    if (height == 0) return chain_.roots().front();
    return chain_.blocks().at(height - 1).header.state_root.hash;
  }
  // The keys of accounts, twins and farms (and their indexes) that the chain wrote.
  std::vector<Bytes> registry_keys() const {
    return {keys::account(alice()),
            keys::account(bob()),
            keys::terms(alice()),
            keys::twin(twin_id_),
            keys::twin_by_account(alice()),
            keys::farm(farm_id_),
            keys::farm_by_name("proven-farm"),
            keys::counters()};
  }

  TestChain chain_;
  std::vector<Account> history_;
  std::uint32_t twin_id_ = 0;
  std::uint32_t farm_id_ = 0;
};

TEST_F(ProvenChain, EveryHeightsEntriesVerifyAgainstThatHeadersStateRoot) {
  for (std::uint64_t h = 0; h <= chain_.height(); ++h) {
    EXPECT_EQ(header_root(h), chain_.roots()[h]) << "height " << h;
    for (const Bytes& key : registry_keys()) {
      SmtProvedValue p = prove(db(), h, key);
      auto at = db().get_at(h, key);
      ASSERT_TRUE(at.is_ok()) << at.status().to_string();
      EXPECT_EQ(p.value, *at) << "height " << h << " key " << core::hex_encode(key);
      EXPECT_TRUE(verify_proof(header_root(h), key, view_of(p.value), p.proof))
          << "height " << h << " key " << core::hex_encode(key);
    }
  }
  // The latest height proves what the flat state holds.
  for (const Bytes& key : registry_keys()) {
    auto latest = db().get(key);
    ASSERT_TRUE(latest.is_ok());
    ASSERT_TRUE(latest->has_value()) << core::hex_encode(key);
    EXPECT_EQ(prove(db(), chain_.height(), key).value, *latest);
  }
  auto twin = core::decode<Twin>(*prove(db(), chain_.height(), keys::twin(twin_id_)).value);
  ASSERT_TRUE(twin.is_ok());
  EXPECT_EQ(twin->account, alice());
  EXPECT_EQ(twin->relay, "relay.grid.tf");
  auto farm = core::decode<Farm>(*prove(db(), chain_.height(), keys::farm(farm_id_)).value);
  ASSERT_TRUE(farm.is_ok());
  EXPECT_EQ(farm->name, "proven-farm");
  EXPECT_EQ(farm->twin_id, twin_id_);
  EXPECT_EQ(farm->public_ips.size(), 2u);
}

TEST_F(ProvenChain, AbsentKeysProveTheirAbsence) {
  // An account that never existed, and the twin and farm before they were created.
  for (std::uint64_t h = 0; h <= chain_.height(); ++h) {
    const Bytes key = keys::account(never_funded(0));
    SmtProvedValue p = prove(db(), h, key);
    EXPECT_FALSE(p.value.has_value());
    EXPECT_TRUE(verify_proof(header_root(h), key, std::nullopt, p.proof)) << "height " << h;
    const Bytes some_account = core::encode(Account{.free = kTft});
    EXPECT_FALSE(verify_proof(header_root(h), key, core::ByteView(some_account), p.proof));
  }
  const Bytes twin_key = keys::twin(twin_id_);
  SmtProvedValue before = prove(db(), 1, twin_key);  // height 1: terms accepted, no twin yet
  EXPECT_FALSE(before.value.has_value());
  EXPECT_TRUE(verify_proof(header_root(1), twin_key, std::nullopt, before.proof));
  SmtProvedValue after = prove(db(), 2, twin_key);
  ASSERT_TRUE(after.value.has_value());
  EXPECT_TRUE(verify_proof(header_root(2), twin_key, view_of(after.value), after.proof));
  // Neither proof shows the other claim.
  EXPECT_FALSE(verify_proof(header_root(2), twin_key, std::nullopt, after.proof));
  EXPECT_FALSE(verify_proof(header_root(1), twin_key, view_of(after.value), before.proof));
  EXPECT_FALSE(verify_proof(header_root(2), twin_key, std::nullopt, before.proof));
  // A present key's proof does not show another value, nor hold for another key.
  Bytes wrong = *after.value;
  wrong.back() ^= 1;
  EXPECT_FALSE(verify_proof(header_root(2), twin_key, core::ByteView(wrong), after.proof));
  EXPECT_FALSE(
      verify_proof(header_root(2), keys::twin(twin_id_ + 1), view_of(after.value), after.proof));
}

TEST_F(ProvenChain, AProofDoesNotVerifyAgainstALaterRootOnceTheValueChanged) {
  const Bytes key = keys::account(alice());
  int changed = 0;
  for (std::uint64_t h = 0; h < chain_.height(); ++h) {
    SmtProvedValue now = prove(db(), h, key);
    SmtProvedValue next = prove(db(), h + 1, key);
    ASSERT_TRUE(now.value && next.value);
    ASSERT_NE(*now.value, *next.value) << "alice signs in every block, her nonce moves";
    ++changed;
    EXPECT_TRUE(verify_proof(header_root(h), key, view_of(now.value), now.proof));
    EXPECT_FALSE(verify_proof(header_root(h + 1), key, view_of(now.value), now.proof))
        << "height " << h << "'s value verified against height " << h + 1 << "'s root";
    EXPECT_FALSE(verify_proof(header_root(h + 1), key, view_of(next.value), now.proof));
    EXPECT_FALSE(verify_proof(header_root(h), key, view_of(next.value), next.proof));
  }
  EXPECT_EQ(changed, static_cast<int>(chain_.height()));
}

TEST_F(ProvenChain, OlderHeightsKeepTheirOldBalances) {
  const Bytes key = keys::account(alice());
  for (std::uint64_t h = 0; h <= chain_.height(); ++h) {
    auto raw = db().get_at(h, key);
    ASSERT_TRUE(raw.is_ok()) << raw.status().to_string();
    ASSERT_TRUE(raw->has_value());
    auto account = core::decode<Account>(**raw);
    ASSERT_TRUE(account.is_ok());
    EXPECT_EQ(*account, history_[h]) << "height " << h;
  }
  EXPECT_GT(history_.front().free, history_.back().free);
  EXPECT_EQ(history_.back(), chain_.balance(alice()));
  // bob's balance at the genesis is what dev genesis gave him, not his balance now.
  auto bob_at_genesis = db().get_at(0, keys::account(bob()));
  ASSERT_TRUE(bob_at_genesis.is_ok() && bob_at_genesis->has_value());
  EXPECT_EQ(core::decode<Account>(**bob_at_genesis)->free, 1'000'000 * kTft);
  EXPECT_EQ(chain_.balance(bob()).free, (1'000'000 + 1 + 2 + 3 + 4) * kTft);
  // A height after the latest is not served either.
  EXPECT_EQ(db().get_at(chain_.height() + 1, key).status().code(), core::Code::not_found);
  EXPECT_EQ(db().prove(chain_.height() + 1, key).status().code(), core::Code::not_found);
}

// Every single-byte change of an encoded proof either fails to decode or fails to verify.
void expect_every_flip_refused(const core::Hash32& root, const Bytes& key,
                               const SmtProvedValue& proved) {
  const Bytes encoded = core::encode(proved.proof);
  auto same = core::decode<SmtProof>(encoded);
  ASSERT_TRUE(same.is_ok());
  ASSERT_TRUE(verify_proof(root, key, view_of(proved.value), *same));
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    for (std::uint8_t mask : {0x01, 0x80, 0xff}) {
      Bytes altered = encoded;
      altered[i] ^= mask;
      auto decoded = core::decode<SmtProof>(altered);
      EXPECT_TRUE(!decoded.is_ok() || !verify_proof(root, key, view_of(proved.value), *decoded))
          << "byte " << i << " ^ " << int(mask) << " of " << encoded.size() << " still verifies";
    }
  }
}

TEST_F(ProvenChain, AnAlteredEncodedProofIsRefused) {
  const std::uint64_t h = chain_.height();
  for (const Bytes& key : registry_keys())
    expect_every_flip_refused(header_root(h), key, prove(db(), h, key));
  // Absence proofs, both kinds: ending at an empty subtree and at another key's leaf.
  bool with_leaf = false, without_leaf = false;
  for (int i = 0; i < 200 && !(with_leaf && without_leaf); ++i) {
    const Bytes key = keys::account(never_funded(i));
    SmtProvedValue p = prove(db(), h, key);
    ASSERT_FALSE(p.value.has_value());
    bool& seen = p.proof.leaf ? with_leaf : without_leaf;
    if (seen) continue;
    seen = true;
    expect_every_flip_refused(header_root(h), key, p);
  }
  EXPECT_TRUE(with_leaf);
  EXPECT_TRUE(without_leaf);
}

// A chain built block by block over a StateDb that keeps only `keep_versions` heights (TestChain
// uses the default retention).
class PrunedChain {
 public:
  explicit PrunedChain(std::uint64_t keep_versions) {
    db_ = StateDb::open(store_, {.keep_versions = keep_versions}).value();
    std::array<std::uint8_t, 32> consensus_key{};
    consensus_key.fill(7);
    Genesis genesis = dev_genesis(consensus_key, 1'700'000'000);
    core::WriteBatch batch;
    auto staged = init_genesis(*db_, genesis, batch);
    EXPECT_TRUE(staged.is_ok()) << staged.status().to_string();
    if (staged) commit(*staged, batch);
    header_.chain_id = genesis.chain_id;
    header_.time = genesis.genesis_time;
    alice_ = core::dev_account_key("alice").value();
  }

  // One block in which alice pays `amount` to `to`.
  void transfer(const core::AccountId& to, std::uint64_t amount) {
    Transaction tx;
    tx.chain_id = header_.chain_id;
    tx.signer = alice_->account();
    tx.nonce = nonce_++;
    tx.call = Transfer{to, amount};
    tx.fee = required_fee(load_params(*db_).value(), modules_, tx);
    tx.signature = alice_->sign(signing_message(tx).bytes);

    BlockHeader next = header_;
    next.height += 1;
    next.time += 1;
    next.previous = block_hash(header_);
    auto built = build_block(*db_, next, {tx}, modules_);
    ASSERT_TRUE(built.is_ok()) << built.status().to_string();
    ASSERT_EQ(built->block.transactions.size(), 1u);
    core::WriteBatch batch;
    auto outcome = apply_block(*db_, built->block, modules_, {}, batch);
    ASSERT_TRUE(outcome.is_ok()) << outcome.status().to_string();
    ASSERT_TRUE(outcome->results.receipts.at(0).ok);
    commit(outcome->state, batch);
    header_ = built->block.header;
    roots_.push_back(header_.state_root.hash);
  }

  const StateDb& db() const { return *db_; }
  std::uint64_t height() const { return header_.height; }
  const core::Hash32& header_root(std::uint64_t height) const { return roots_.at(height - 1); }

 private:
  void commit(const StateDbMeta& staged, const core::WriteBatch& batch) {
    ASSERT_TRUE(store_.write(batch, false).is_ok());
    db_->mark_committed(staged);
  }

  core::MemoryStore store_;
  std::unique_ptr<StateDb> db_;
  Modules modules_ = ledger_modules();
  BlockHeader header_;
  std::optional<core::AccountKey> alice_;
  std::uint64_t nonce_ = 0;
  std::vector<core::Hash32> roots_;  // of blocks 1, 2, ...
};

TEST(StateRetention, HeightsOlderThanTheWindowAreNotFound) {
  PrunedChain chain(3);
  const core::AccountId receiver = never_funded(1);
  const Bytes key = keys::account(receiver);
  for (int i = 1; i <= 6; ++i) chain.transfer(receiver, i * kTft);
  ASSERT_EQ(chain.height(), 6u);
  EXPECT_EQ(chain.db().oldest_version(), 4u);
  for (std::uint64_t h = 0; h <= 3; ++h) {
    EXPECT_EQ(chain.db().get_at(h, key).status().code(), core::Code::not_found) << "height " << h;
    EXPECT_EQ(chain.db().prove(h, key).status().code(), core::Code::not_found) << "height " << h;
  }
  // The retained heights still give their own values, proven against their headers.
  for (std::uint64_t h = 4; h <= 6; ++h) {
    SmtProvedValue p = prove(chain.db(), h, key);
    ASSERT_TRUE(p.value.has_value()) << "height " << h;
    EXPECT_EQ(core::decode<Account>(*p.value)->free, h * (h + 1) / 2 * kTft) << "height " << h;
    EXPECT_TRUE(verify_proof(chain.header_root(h), key, view_of(p.value), p.proof));
    auto at = chain.db().get_at(h, key);
    ASSERT_TRUE(at.is_ok());
    EXPECT_EQ(*at, p.value);
  }
  EXPECT_EQ(chain.db().get_at(7, key).status().code(), core::Code::not_found);

  // One more block moves the window: height 4 goes, height 7 comes.
  chain.transfer(receiver, kTft);
  EXPECT_EQ(chain.db().oldest_version(), 5u);
  EXPECT_EQ(chain.db().get_at(4, key).status().code(), core::Code::not_found);
  EXPECT_TRUE(chain.db().get_at(5, key).is_ok());
  SmtProvedValue latest = prove(chain.db(), 7, key);
  EXPECT_TRUE(verify_proof(chain.header_root(7), key, view_of(latest.value), latest.proof));
}

}  // namespace
}  // namespace grid::ledger
