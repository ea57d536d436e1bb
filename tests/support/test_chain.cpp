#include "tests/support/test_chain.hpp"

#include <gtest/gtest.h>

#include "core/blake2b.hpp"
#include "ledger/refusal.hpp"
#include "ledger/state_keys.hpp"

namespace grid::testing {

using namespace ledger;

namespace {
// Signs deterministically (BIP-340 aux = hash of the message), so that the same test builds
// byte-identical blocks on every run.
std::array<std::uint8_t, 64> sign_reproducibly(const core::AccountKey& key,
                                               const core::Hash32& msg) {
  if (key.scheme() == core::KeyScheme::secp256k1) {
    auto secret = core::SchnorrSecretKey::from_bytes(key.secret()).value();
    return secret.sign(msg.bytes, core::blake2b_256(msg.view()).bytes);
  }
  return key.sign(msg.bytes);
}
}  // namespace

TestChain::TestChain(std::optional<Genesis> genesis, std::function<void(Modules&)> add_modules) {
  std::array<std::uint8_t, 32> consensus_key{};
  consensus_key.fill(7);
  Genesis g = genesis ? *genesis : dev_genesis(consensus_key, 1'700'000'000);
  genesis_ = g;
  db_ = StateDb::open(*store_).value();
  core::WriteBatch batch;
  auto staged = init_genesis(*db_, g, batch);
  if (!staged) {
    ADD_FAILURE() << "genesis: " << staged.error().to_string();
    std::abort();
  }
  if (!store_->write(batch, false).is_ok()) std::abort();
  db_->mark_committed(*staged);
  roots_.push_back(staged->root);
  modules_ = ledger_modules();
  if (add_modules) add_modules(modules_);
  params_ = load_params(*db_).value();
  header_.chain_id = g.chain_id;
  header_.time = g.genesis_time;
  for (std::string_view name : core::dev_account_names())
    dev_keys_.emplace(std::string(name), core::dev_account_key(name).value());
  proposer_ = core::AccountId::secp256k1(core::blake2b_256(core::as_bytes("test/proposer")).bytes);
}

const core::AccountKey& TestChain::key(std::string_view dev_name) const {
  auto it = dev_keys_.find(dev_name);
  if (it == dev_keys_.end()) std::abort();
  return it->second;
}

core::AccountKey TestChain::new_funded_key(std::uint64_t amount, core::KeyScheme scheme) {
  std::string seed = "test/key/" + std::to_string(key_counter_++);
  auto key = core::AccountKey::from_secret(scheme, core::blake2b_256(core::as_bytes(seed)).view());
  if (!key) std::abort();
  if (amount > 0) {
    Receipt r = run(alice(), Transfer{key->account(), amount});
    EXPECT_TRUE(r.ok) << "funding a test key: " << r.reason;
  }
  return *key;
}

Transaction TestChain::sign(const core::AccountKey& key, Call call,
                            std::optional<std::uint64_t> fee) {
  Transaction tx;
  tx.chain_id = header_.chain_id;
  tx.signer = key.account();
  auto it = next_nonce_.find(tx.signer);
  tx.nonce = it != next_nonce_.end() ? it->second : balance(tx.signer).nonce;
  next_nonce_[tx.signer] = tx.nonce + 1;
  tx.call = std::move(call);
  tx.fee = fee ? *fee : required_fee(params_, modules_, tx);
  tx.signature = sign_reproducibly(key, signing_message(tx));
  return tx;
}

const BlockResults& TestChain::produce_block(std::uint64_t seconds) {
  BlockHeader next = header_;
  next.height = header_.height + 1;
  next.time = header_.time + seconds;
  next.previous = block_hash(header_);
  next.proposer = proposer_;
  std::vector<Transaction> candidates = std::move(pending_);
  pending_.clear();
  next_nonce_.clear();
  last_results_ = {};
  auto built = build_block(*db_, next, std::move(candidates), modules_);
  if (!built) {
    ADD_FAILURE() << "building block " << next.height << ": " << built.error().to_string();
    return last_results_;
  }
  left_out_ = built->left_out;
  ExecuteOptions options;
  options.check_invariants = true;
  core::WriteBatch batch;
  auto outcome = apply_block(*db_, built->block, modules_, options, batch);
  if (!outcome) {
    ADD_FAILURE() << "applying block " << next.height << ": " << outcome.error().to_string();
    return last_results_;
  }
  if (!store_->write(batch, false).is_ok()) std::abort();
  db_->mark_committed(outcome->state);
  roots_.push_back(outcome->state.root);
  params_ = load_params(*db_).value();
  header_ = built->block.header;
  blocks_.push_back(std::move(built->block));
  last_results_ = std::move(outcome->results);
  return last_results_;
}

Receipt TestChain::run(const core::AccountKey& key, Call call, std::optional<std::uint64_t> fee) {
  Transaction tx = sign(key, std::move(call), fee);
  core::TxId id = tx_id(tx);
  submit(std::move(tx));
  const BlockResults& results = produce_block();
  for (const auto& r : results.receipts)
    if (r.tx_id == id) return r;
  Receipt refused;
  refused.tx_id = id;
  refused.ok = false;
  for (const auto& [left_id, status] : left_out_) {
    if (left_id == id) {
      refused.reason = std::string(refusal_reason(status));
      refused.detail = std::string(refusal_detail(status));
    }
  }
  return refused;
}

void TestChain::advance(std::uint64_t seconds, std::uint64_t step) {
  for (std::uint64_t t = 0; t < seconds; t += step) produce_block(step);
}

Account TestChain::balance(const core::AccountId& id) const {
  return load<Account>(*db_, keys::account(id)).value().value_or(Account{});
}

std::map<core::Bytes, core::Bytes> TestChain::entries() const {
  std::map<core::Bytes, core::Bytes> out;
  Status st = db_->scan_prefix({}, [&](core::ByteView k, core::ByteView v) {
    out.emplace(core::Bytes(k.begin(), k.end()), core::Bytes(v.begin(), v.end()));
    return true;
  });
  if (!st.is_ok()) ADD_FAILURE() << st.to_string();
  return out;
}

}  // namespace grid::testing
