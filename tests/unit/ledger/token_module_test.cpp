// Transfers, burns and the KV store through whole blocks, with every refusal of the envelope
// (signature, nonce, replay, fee, chain id) and of the calls.
#include "ledger/token_module.hpp"

#include <gtest/gtest.h>

#include "ledger/refusal.hpp"
#include "ledger/state_keys.hpp"
#include "tests/support/test_chain.hpp"

namespace grid::ledger {
namespace {

using testing::TestChain;
constexpr std::uint64_t kTft = 10'000'000;

TEST(Transfer, MovesFreeBalanceAndPaysTheFeeToTheProposer) {
  TestChain chain;
  auto bob = chain.account("bob");
  auto alice_before = chain.balance(chain.account("alice"));
  Transaction tx = chain.sign(chain.alice(), Transfer{bob, 5 * kTft});
  std::uint64_t fee = tx.fee;
  EXPECT_EQ(fee, chain.params().base_fee + core::encode(tx).size() * chain.params().byte_fee);
  chain.submit(tx);
  const auto& results = chain.produce_block();
  ASSERT_EQ(results.receipts.size(), 1u);
  EXPECT_TRUE(results.receipts[0].ok) << results.receipts[0].reason;
  EXPECT_EQ(results.receipts[0].fee, fee);
  EXPECT_EQ(chain.balance(chain.account("alice")).free, alice_before.free - 5 * kTft - fee);
  EXPECT_EQ(chain.balance(chain.account("alice")).nonce, 1u);
  EXPECT_EQ(chain.balance(bob).free, 1'000'005 * kTft);
  EXPECT_EQ(chain.balance(chain.proposer()).free, fee);
  ASSERT_EQ(results.receipts[0].events.size(), 2u);
  EXPECT_EQ(results.receipts[0].events[0].kind, "transfer");
}

TEST(Transfer, InsufficientFundsFailsButPaysTheFee) {
  TestChain chain;
  auto r = chain.run(chain.bob(), Transfer{chain.account("alice"), 2'000'000 * kTft});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.reason, "insufficient_funds");
  EXPECT_GT(r.fee, 0u);
  EXPECT_EQ(chain.balance(chain.account("bob")).free, 1'000'000 * kTft - r.fee);
  EXPECT_EQ(chain.balance(chain.account("bob")).nonce, 1u);
}

TEST(Transfer, NewAccountNeedsTheExistentialDeposit) {
  TestChain chain;
  auto fresh = core::AccountId::secp256k1({9, 9, 9});
  auto r = chain.run(chain.alice(), Transfer{fresh, chain.params().existential_deposit - 1});
  EXPECT_EQ(r.reason, "below_existential_deposit");
  EXPECT_EQ(chain.balance(fresh).free, 0u);
  r = chain.run(chain.alice(), Transfer{fresh, chain.params().existential_deposit});
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(chain.balance(fresh).free, chain.params().existential_deposit);
  // An existing account may receive less.
  EXPECT_TRUE(chain.run(chain.alice(), Transfer{fresh, 1}).ok);
}

TEST(Transfer, RefusesZeroAndSelf) {
  TestChain chain;
  EXPECT_EQ(chain.run(chain.alice(), Transfer{chain.account("bob"), 0}).reason, "zero_amount");
  EXPECT_EQ(chain.run(chain.alice(), Transfer{chain.account("alice"), 5}).reason, "invalid_input");
}

TEST(Envelope, WrongSignerIsRefusedAndChangesNothing) {
  TestChain chain;
  Transaction tx = chain.sign(chain.alice(), Transfer{chain.account("bob"), kTft});
  tx.signer = chain.account("charlie");  // claims to be charlie, signed by alice
  chain.submit(tx);
  chain.produce_block();
  ASSERT_EQ(chain.last_left_out().size(), 1u);
  EXPECT_EQ(refusal_reason(chain.last_left_out()[0].second), "bad_signature");
  EXPECT_EQ(chain.balance(chain.account("charlie")).nonce, 0u);
  EXPECT_EQ(chain.balance(chain.account("bob")).free, 1'000'000 * kTft);
}

TEST(Envelope, BadNonceAndReplayAreRefused) {
  TestChain chain;
  Transaction tx = chain.sign(chain.alice(), Transfer{chain.account("bob"), kTft});
  chain.submit(tx);
  chain.produce_block();
  ASSERT_TRUE(chain.last_left_out().empty());
  chain.submit(tx);  // the same bytes again
  chain.produce_block();
  ASSERT_EQ(chain.last_left_out().size(), 1u);
  EXPECT_EQ(refusal_reason(chain.last_left_out()[0].second), "bad_nonce");
  EXPECT_EQ(chain.balance(chain.account("bob")).free, 1'000'001 * kTft);

  Transaction ahead = chain.sign(chain.alice(), Transfer{chain.account("bob"), kTft});
  ahead.nonce += 5;
  ahead.signature = chain.alice().sign(signing_message(ahead).bytes);
  chain.submit(ahead);
  chain.produce_block();
  EXPECT_EQ(refusal_reason(chain.last_left_out().at(0).second), "bad_nonce");
}

TEST(Envelope, FeeTooLowWrongChainAndUnfundedSigner) {
  TestChain chain;
  auto r = chain.run(chain.alice(), Transfer{chain.account("bob"), kTft}, 1);
  EXPECT_EQ(r.reason, "fee_too_low");

  Transaction other = chain.sign(chain.alice(), Transfer{chain.account("bob"), kTft});
  other.chain_id = "another-chain";
  other.signature = chain.alice().sign(signing_message(other).bytes);
  chain.submit(other);
  chain.produce_block();
  EXPECT_EQ(refusal_reason(chain.last_left_out().at(0).second), "wrong_chain_id");

  auto pauper = chain.new_funded_key(0);
  r = chain.run(pauper, Transfer{chain.account("bob"), 1});
  EXPECT_EQ(r.reason, "cannot_pay_fee");
  EXPECT_EQ(chain.balance(chain.account("alice")).nonce, 0u);
}

TEST(Burn, DestroysBalanceAndLowersSupply) {
  TestChain chain;
  auto before = chain.get<Counters>(keys::counters())->total_supply;
  auto r = chain.run(chain.alice(), Burn{3 * kTft, "farewell"});
  ASSERT_TRUE(r.ok) << r.reason;
  auto counters = *chain.get<Counters>(keys::counters());
  EXPECT_EQ(counters.total_supply, before - 3 * kTft);
  EXPECT_EQ(counters.burned_total, 3 * kTft);
  EXPECT_EQ(chain.run(chain.alice(), Burn{0, ""}).reason, "zero_amount");
  EXPECT_EQ(chain.run(chain.alice(), Burn{2'000'000 * kTft, ""}).reason, "insufficient_funds");
}

TEST(Kv, SetOverwriteDelete) {
  TestChain chain;
  auto alice = chain.account("alice");
  core::Bytes key{'k'};
  ASSERT_TRUE(chain.run(chain.alice(), KvSet{key, {'v', '1'}}).ok);
  ASSERT_TRUE(chain.run(chain.alice(), KvSet{key, {'v', '2'}}).ok);
  EXPECT_EQ(*chain.state().get(keys::kv(alice, key)).value(), (core::Bytes{'v', '2'}));
  EXPECT_EQ(chain.run(chain.alice(), KvSet{{}, {'x'}}).reason, "invalid_input");
  EXPECT_EQ(chain.run(chain.bob(), KvDelete{key}).reason, "not_found");  // per account
  ASSERT_TRUE(chain.run(chain.alice(), KvDelete{key}).ok);
  EXPECT_FALSE(chain.state().get(keys::kv(alice, key)).value().has_value());
}

TEST(Kv, DecoderEnforcesTheCaps) {
  TestChain chain;
  Transaction tx = chain.sign(chain.alice(), KvSet{core::Bytes(513, 1), {}});
  auto decoded = core::decode<Transaction>(core::encode(tx));
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_NE(decoded.error().message().find("cap 512"), std::string::npos);
  tx = chain.sign(chain.alice(), KvSet{core::Bytes(1, 1), core::Bytes(2049, 1)});
  EXPECT_FALSE(core::decode<Transaction>(core::encode(tx)).is_ok());
}

TEST(Calls, LaterFeaturesAreRefusedAsUnsupported) {
  TestChain chain;
  auto r = chain.run(chain.alice(), Unjail{});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.reason, "unsupported_call");
  EXPECT_GT(r.fee, 0u);
}

}  // namespace
}  // namespace grid::ledger
