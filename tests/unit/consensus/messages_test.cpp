// Messages: codec round trips, strict decoding, sign-bytes with domain tag and chain id,
// signature, commit and evidence checks.
#include "consensus/messages.hpp"

#include <gtest/gtest.h>

#include "consensus/wal.hpp"
#include "tests/unit/consensus/test_keys.hpp"

namespace grid::consensus {
namespace {

using testing::block_hash;
using testing::signed_vote;
using testing::test_key;

Proposal signed_proposal(std::uint8_t key_index, Height h, Round r, std::optional<Round> pol) {
  auto key = test_key(key_index);
  Proposal p{h, r, pol, block_hash(7), core::Bytes{1, 2, 3}, key.public_key(), {}};
  p.signature = key.sign(proposal_sign_digest("test-chain", p).view());
  return p;
}

template <class T>
void expect_round_trip(const T& value) {
  auto back = core::decode<T>(core::encode(value));
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(*back, value);
}

TEST(Messages, RoundTrips) {
  Vote v = signed_vote(1, VoteType::precommit, 9, 3, block_hash(2));
  Proposal p = signed_proposal(2, 9, 3, 1);
  Commit c{9, 3, block_hash(2), {{v.validator, v.timestamp_ms, v.signature}}};
  expect_round_trip(v);
  expect_round_trip(signed_vote(1, VoteType::prevote, 9, 3, std::nullopt));
  expect_round_trip(p);
  expect_round_trip(c);
  expect_round_trip(Message{v});
  expect_round_trip(Message{p});
  expect_round_trip(Message{Decision{c, {4, 5}}});
  auto ev = make_evidence(v, signed_vote(1, VoteType::precommit, 9, 3, std::nullopt));
  ASSERT_TRUE(ev);
  expect_round_trip(*ev);
}

TEST(Messages, VoteLayoutIsPinned) {
  Vote v = signed_vote(1, VoteType::precommit, 0x0102, 7, std::nullopt, "test-chain", 0x0a0b);
  core::Bytes bytes = core::encode(Message{v});
  ASSERT_EQ(bytes.size(), 1u + 1 + 8 + 4 + 1 + 8 + 32 + 64);
  EXPECT_EQ(bytes[0], 2);  // message kind vote
  EXPECT_EQ(bytes[1], 1);  // precommit
  EXPECT_EQ(bytes[2], 0x02);
  EXPECT_EQ(bytes[3], 0x01);
  EXPECT_EQ(bytes[10], 7);
  EXPECT_EQ(bytes[14], 0);     // nil
  EXPECT_EQ(bytes[15], 0x0b);  // timestamp_ms, little-endian
  EXPECT_EQ(bytes[16], 0x0a);
  EXPECT_EQ(bytes[17], 0);
}

TEST(Messages, StrictDecoding) {
  core::Bytes vote = core::encode(Message{signed_vote(1, VoteType::prevote, 1, 0, std::nullopt)});
  core::Bytes bad_kind = vote;
  bad_kind[0] = 9;
  EXPECT_FALSE(core::decode<Message>(bad_kind));
  core::Bytes bad_type = vote;
  bad_type[1] = 2;
  EXPECT_FALSE(core::decode<Message>(bad_type));
  core::Bytes bad_option = vote;
  bad_option[14] = 2;
  EXPECT_FALSE(core::decode<Message>(bad_option));
  core::Bytes trailing = vote;
  trailing.push_back(0);
  EXPECT_FALSE(core::decode<Message>(trailing));
  core::Bytes short_by_one(vote.begin(), vote.end() - 1);
  EXPECT_FALSE(core::decode<Message>(short_by_one));
}

TEST(Messages, SignaturesBindEveryFieldAndTheChain) {
  Vote v = signed_vote(1, VoteType::prevote, 4, 1, block_hash(3));
  EXPECT_TRUE(verify_vote("test-chain", v));
  EXPECT_FALSE(verify_vote("other-chain", v));
  Vote other_round = v;
  other_round.round = 2;
  EXPECT_FALSE(verify_vote("test-chain", other_round));
  Vote other_type = v;
  other_type.type = VoteType::precommit;
  EXPECT_FALSE(verify_vote("test-chain", other_type));
  Vote nil = v;
  nil.block_hash.reset();
  EXPECT_FALSE(verify_vote("test-chain", nil));
  // A proposal and a vote never share sign-bytes (domain tags differ).
  Proposal p = signed_proposal(2, 4, 1, std::nullopt);
  EXPECT_TRUE(verify_proposal("test-chain", p));
  Proposal moved = p;
  moved.pol_round = 0;
  EXPECT_FALSE(verify_proposal("test-chain", moved));
  Proposal bad_pol = signed_proposal(2, 4, 1, 1);
  EXPECT_FALSE(verify_proposal("test-chain", bad_pol));  // pol_round must be below the round
}

// The golden vector of docs/consensus.md ("Messages and sign-bytes").
TEST(Messages, VoteSignDigestGoldenVector) {
  Vote v{VoteType::precommit, 3, 0, block_hash(5), 1'800'000'000'123, {}, {}};
  EXPECT_EQ(vote_sign_digest("test-chain", v).hex(),
            "31cea9c6bec7e11885479728e4663de2997f07722e879c2dc4c7f7e06b646233");
}

TEST(Messages, CommitNeedsTwoThirdsOfKnownSortedSigners) {
  auto set = testing::test_set({1, 1, 1, 1});
  Commit c{3, 0, block_hash(5), {}};
  for (std::uint8_t i = 1; i <= 3; ++i) {
    Vote v = signed_vote(i, VoteType::precommit, 3, 0, block_hash(5));
    c.signatures.push_back({v.validator, v.timestamp_ms, v.signature});
  }
  std::sort(c.signatures.begin(), c.signatures.end(),
            [](const auto& a, const auto& b) { return a.validator < b.validator; });
  EXPECT_TRUE(verify_commit("test-chain", set, c));
  Commit two = c;
  two.signatures.pop_back();
  EXPECT_FALSE(verify_commit("test-chain", set, two));
  Commit dup = c;
  dup.signatures[2] = dup.signatures[1];
  EXPECT_FALSE(verify_commit("test-chain", set, dup));
  Commit other_block = c;
  other_block.block_hash = block_hash(6);
  EXPECT_FALSE(verify_commit("test-chain", set, other_block));
}

TEST(Messages, EvidenceMustConflict) {
  auto set = testing::test_set({1, 1, 1, 1});
  Vote a = signed_vote(1, VoteType::prevote, 2, 0, block_hash(1));
  EXPECT_FALSE(make_evidence(a, a));
  EXPECT_FALSE(make_evidence(a, signed_vote(2, VoteType::prevote, 2, 0, block_hash(2))));
  EXPECT_FALSE(make_evidence(a, signed_vote(1, VoteType::prevote, 2, 1, block_hash(2))));
  auto ev = make_evidence(a, signed_vote(1, VoteType::prevote, 2, 0, std::nullopt));
  ASSERT_TRUE(ev);
  EXPECT_TRUE(verify_evidence("test-chain", set, *ev));
  Evidence swapped{ev->second, ev->first};
  EXPECT_FALSE(verify_evidence("test-chain", set, swapped));
  auto strangers = ValidatorSet::create({{test_key(9).public_key(), 1}}).value();
  EXPECT_FALSE(verify_evidence("test-chain", strangers, *ev));
}

TEST(Messages, WalEntryRoundTrip) {
  WalEntry e{WalHeightStart{5, LastSigned{4, 2, Step::precommit, block_hash(1)}}};
  auto back = core::decode<WalEntry>(core::encode(e));
  ASSERT_TRUE(back);
  EXPECT_EQ(core::encode(*back), core::encode(e));
  core::Bytes bad = core::encode(e);
  bad[0] = 7;
  EXPECT_FALSE(core::decode<WalEntry>(bad));
}

}  // namespace
}  // namespace grid::consensus
