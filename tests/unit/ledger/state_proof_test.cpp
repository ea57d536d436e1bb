#include "ledger/state_proof.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/codec.hpp"
#include "ledger/smt.hpp"
#include "ledger/smt_memory_store.hpp"

namespace grid::ledger {
namespace {

using core::Bytes;
using core::Hash32;

Bytes b(const std::string& s) {
  return Bytes(s.begin(), s.end());
}

std::optional<core::ByteView> view_of(const std::optional<Bytes>& value) {
  if (!value) return std::nullopt;
  return core::ByteView(*value);
}

// A tree of 500 entries at version 1 and a different one at version 2.
class StateProofTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<SmtUpdate> first;
    for (int i = 0; i < 500; ++i)
      first.push_back({b("entry/" + std::to_string(i)), b("value " + std::to_string(i * 7))});
    auto w1 = smt_apply(store_, std::nullopt, 1, first);
    ASSERT_TRUE(w1.is_ok());
    store_.write(*w1);
    root1_ = w1->root;
    auto w2 = smt_apply(store_, 1, 2, std::vector<SmtUpdate>{{b("entry/3"), b("other")}});
    ASSERT_TRUE(w2.is_ok());
    store_.write(*w2);
    root2_ = w2->root;
  }

  SmtProvedValue prove(const std::string& key, std::uint64_t version = 1) {
    auto p = smt_prove(store_, version, b(key));
    EXPECT_TRUE(p.is_ok()) << p.status().to_string();
    return p.is_ok() ? std::move(p).value() : SmtProvedValue{};
  }

  SmtMemoryStore store_;
  Hash32 root1_;
  Hash32 root2_;
};

TEST_F(StateProofTest, PresenceAndAbsenceProofsVerify) {
  int with_leaf = 0;
  for (int i = 0; i < 1000; ++i) {
    std::string key = "entry/" + std::to_string(i);
    auto p = prove(key);
    ASSERT_EQ(p.value.has_value(), i < 500) << key;
    if (p.value) {
      EXPECT_EQ(*p.value, b("value " + std::to_string(i * 7)));
    }
    if (p.proof.leaf) ++with_leaf;
    EXPECT_TRUE(verify_proof(root1_, b(key), view_of(p.value), p.proof)) << key;
    EXPECT_LE(p.proof.siblings.size(), 30u);
  }
  EXPECT_GT(with_leaf, 0);    // some searches for absent keys end at another key's leaf
  EXPECT_LT(with_leaf, 500);  // and some at an empty subtree
}

TEST_F(StateProofTest, RefusesWrongClaims) {
  auto present = prove("entry/10");
  auto absent = prove("entry/700");
  ASSERT_TRUE(present.value.has_value());
  ASSERT_FALSE(absent.value.has_value());
  Bytes wrong = b("value 71");
  // A wrong value.
  EXPECT_FALSE(verify_proof(root1_, b("entry/10"), core::ByteView(wrong), present.proof));
  // A present key claimed absent, with its own proof and with an absent key's proof.
  EXPECT_FALSE(verify_proof(root1_, b("entry/10"), std::nullopt, present.proof));
  EXPECT_FALSE(verify_proof(root1_, b("entry/10"), std::nullopt, absent.proof));
  // An absent key claimed present.
  EXPECT_FALSE(verify_proof(root1_, b("entry/700"), core::ByteView(wrong), absent.proof));
  EXPECT_FALSE(verify_proof(root1_, b("entry/700"), view_of(present.value), present.proof));
  // Another key than the one proven.
  EXPECT_FALSE(verify_proof(root1_, b("entry/11"), view_of(present.value), present.proof));
  // Another root.
  EXPECT_FALSE(verify_proof(root2_, b("entry/10"), view_of(present.value), present.proof));
  EXPECT_FALSE(verify_proof(Hash32{}, b("entry/700"), std::nullopt, absent.proof));
  // A present key claimed absent through a forged leaf carrying its own key hash.
  SmtProof forged = present.proof;
  forged.leaf = SmtProofLeaf{smt_key_hash(b("entry/10")), smt_value_hash(*present.value)};
  EXPECT_FALSE(verify_proof(root1_, b("entry/10"), std::nullopt, forged));
  // A presence proof may not carry a leaf.
  EXPECT_FALSE(verify_proof(root1_, b("entry/10"), view_of(present.value), forged));
  // Too many siblings.
  SmtProof too_long;
  too_long.siblings.resize(257);
  EXPECT_FALSE(verify_proof(root1_, b("entry/10"), std::nullopt, too_long));
}

TEST_F(StateProofTest, VersionsProveAgainstTheirOwnRoots) {
  auto old_proof = prove("entry/3", 1);
  auto new_proof = prove("entry/3", 2);
  EXPECT_EQ(*old_proof.value, b("value 21"));
  EXPECT_EQ(*new_proof.value, b("other"));
  EXPECT_TRUE(verify_proof(root1_, b("entry/3"), view_of(old_proof.value), old_proof.proof));
  EXPECT_TRUE(verify_proof(root2_, b("entry/3"), view_of(new_proof.value), new_proof.proof));
  EXPECT_FALSE(verify_proof(root2_, b("entry/3"), view_of(old_proof.value), old_proof.proof));
  EXPECT_FALSE(verify_proof(root1_, b("entry/3"), view_of(new_proof.value), new_proof.proof));
}

// Flip every bit pattern of every byte of the encoded proof: it either fails to decode or fails
// to verify.
void expect_every_byte_matters(const Hash32& root, const Bytes& key,
                               const std::optional<Bytes>& value, const SmtProof& proof) {
  Bytes encoded = core::encode(proof);
  auto decoded = core::decode<SmtProof>(encoded);
  ASSERT_TRUE(decoded.is_ok());
  ASSERT_EQ(*decoded, proof);
  ASSERT_TRUE(verify_proof(root, key, view_of(value), *decoded));
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    for (std::uint8_t flip : {0x01, 0x80, 0xFF}) {
      Bytes changed = encoded;
      changed[i] ^= flip;
      auto d = core::decode<SmtProof>(changed);
      if (!d.is_ok()) continue;
      EXPECT_FALSE(verify_proof(root, key, view_of(value), *d))
          << "byte " << i << " xor " << int{flip} << " of " << encoded.size();
    }
  }
}

TEST_F(StateProofTest, AnyChangedByteIsRefused) {
  for (const char* key : {"entry/1", "entry/250", "entry/499", "entry/600", "entry/999"}) {
    auto p = prove(key);
    expect_every_byte_matters(root1_, b(key), p.value, p.proof);
  }
  // Make sure both kinds of absence proof were covered.
  bool saw_leaf = false;
  bool saw_empty = false;
  for (int i = 500; i < 600 && !(saw_leaf && saw_empty); ++i) {
    std::string key = "entry/" + std::to_string(i);
    auto p = prove(key);
    bool& seen = p.proof.leaf ? saw_leaf : saw_empty;
    if (seen) continue;
    seen = true;
    expect_every_byte_matters(root1_, b(key), p.value, p.proof);
  }
  EXPECT_TRUE(saw_leaf);
  EXPECT_TRUE(saw_empty);
}

TEST(StateProof, DecoderCapsTheSiblingList) {
  SmtProof big;
  big.siblings.resize(257);
  EXPECT_FALSE(core::decode<SmtProof>(core::encode(big)).is_ok());
  big.siblings.resize(256);
  EXPECT_TRUE(core::decode<SmtProof>(core::encode(big)).is_ok());
  EXPECT_FALSE(core::decode<SmtProof>(Bytes{0, 0, 0, 0, 2}).is_ok());     // bad option tag
  EXPECT_FALSE(core::decode<SmtProof>(Bytes{0, 0, 0, 0, 0, 0}).is_ok());  // trailing byte
}

TEST(StateProof, SingleLeafAndEmptyTrees) {
  EXPECT_TRUE(verify_proof(Hash32{}, b("k"), std::nullopt, SmtProof{}));
  EXPECT_FALSE(verify_proof(Hash32{}, b("k"), core::ByteView(b("v")), SmtProof{}));
  Hash32 root = smt_leaf_hash(smt_key_hash(b("k")), smt_value_hash(b("v")));
  EXPECT_TRUE(verify_proof(root, b("k"), core::ByteView(b("v")), SmtProof{}));
  SmtProof other;
  other.leaf = SmtProofLeaf{smt_key_hash(b("k")), smt_value_hash(b("v"))};
  EXPECT_TRUE(verify_proof(root, b("j"), std::nullopt, other));
  EXPECT_FALSE(verify_proof(root, b("k"), std::nullopt, other));
  EXPECT_FALSE(verify_proof(root, b("j"), std::nullopt, SmtProof{}));
}

}  // namespace
}  // namespace grid::ledger
