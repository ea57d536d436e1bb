// AccountId: canonical encoding, strict decoding of the scheme, ordering, signature dispatch.
#include "core/account_id.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/codec.hpp"

namespace grid::core {
namespace {

AccountId make(KeyScheme scheme, std::uint8_t fill) {
  AccountId id;
  id.scheme = scheme;
  id.key.fill(fill);
  return id;
}

TEST(AccountId, CodecRoundTrip) {
  for (auto scheme : {KeyScheme::secp256k1, KeyScheme::ed25519}) {
    AccountId id = make(scheme, 0);
    for (std::size_t i = 0; i < 32; ++i) id.key[i] = static_cast<std::uint8_t>(i * 7 + 1);
    Bytes bytes = encode(id);
    ASSERT_EQ(bytes.size(), 33u);
    EXPECT_EQ(bytes[0], static_cast<std::uint8_t>(scheme));
    EXPECT_TRUE(std::equal(id.key.begin(), id.key.end(), bytes.begin() + 1));
    auto back = decode<AccountId>(bytes);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_EQ(*back, id);
  }
}

TEST(AccountId, StrictDecodeRefusesUnknownScheme) {
  Bytes bytes = encode(make(KeyScheme::secp256k1, 0xab));
  for (std::uint8_t scheme : {2, 3, 0x80, 0xff}) {
    bytes[0] = scheme;
    auto back = decode<AccountId>(bytes);
    ASSERT_FALSE(back) << int(scheme);
    EXPECT_EQ(back.error().code(), Code::invalid);
  }
}

TEST(AccountId, StrictDecodeRefusesWrongLength) {
  Bytes bytes = encode(make(KeyScheme::ed25519, 1));
  Bytes shorter(bytes.begin(), bytes.end() - 1);
  EXPECT_FALSE(decode<AccountId>(shorter));
  Bytes longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(decode<AccountId>(longer));
}

TEST(AccountId, OrderingIsSchemeThenKey) {
  AccountId a = make(KeyScheme::secp256k1, 0xff);
  AccountId b = make(KeyScheme::ed25519, 0x00);
  AccountId c = make(KeyScheme::ed25519, 0x01);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_EQ(b, make(KeyScheme::ed25519, 0x00));
  EXPECT_NE(a, b);
  AccountId d = make(KeyScheme::secp256k1, 0x00);
  d.key[31] = 1;
  AccountId e = make(KeyScheme::secp256k1, 0x00);
  e.key[0] = 1;
  EXPECT_LT(d, e);  // bytewise, most significant first

  std::map<AccountId, int> m;
  m[c] = 3;
  m[a] = 1;
  m[b] = 2;
  m[make(KeyScheme::ed25519, 0x00)] = 4;  // same key as b
  ASSERT_EQ(m.size(), 3u);
  auto it = m.begin();
  EXPECT_EQ(it->first, a);
  EXPECT_EQ((++it)->second, 4);
  EXPECT_EQ((++it)->first, c);
}

TEST(AccountId, VerifyDispatchesOnScheme) {
  std::array<std::uint8_t, 32> msg{};
  for (std::size_t i = 0; i < 32; ++i) msg[i] = static_cast<std::uint8_t>(i);
  for (auto scheme : {KeyScheme::secp256k1, KeyScheme::ed25519}) {
    SCOPED_TRACE(std::string(key_scheme_name(scheme)));
    AccountKey key = AccountKey::generate(scheme);
    EXPECT_EQ(key.scheme(), scheme);
    auto sig = key.sign(msg);
    const AccountId& id = key.account();
    EXPECT_TRUE(id.verify(msg, sig));

    auto bad_msg = msg;
    bad_msg[0] ^= 1;
    EXPECT_FALSE(id.verify(bad_msg, sig));
    auto bad_sig = sig;
    bad_sig[10] ^= 1;
    EXPECT_FALSE(id.verify(msg, bad_sig));
    // Same key bytes under the other scheme: not a valid signature.
    AccountId other = id;
    other.scheme = scheme == KeyScheme::secp256k1 ? KeyScheme::ed25519 : KeyScheme::secp256k1;
    EXPECT_FALSE(other.verify(msg, sig));
    // Only 32-byte messages.
    Bytes longer(msg.begin(), msg.end());
    longer.push_back(0);
    EXPECT_FALSE(id.verify(longer, sig));
    // Unknown scheme (only reachable by a cast): false, no abort.
    AccountId unknown = id;
    unknown.scheme = static_cast<KeyScheme>(7);
    EXPECT_FALSE(unknown.verify(msg, sig));
  }
}

TEST(AccountKey, FromSecretRoundTrip) {
  for (auto scheme : {KeyScheme::secp256k1, KeyScheme::ed25519}) {
    AccountKey key = AccountKey::generate(scheme);
    auto again = AccountKey::from_secret(scheme, key.secret());
    ASSERT_TRUE(again) << again.error().to_string();
    EXPECT_EQ(again->account(), key.account());
  }
  std::array<std::uint8_t, 32> zero{};
  auto bad = AccountKey::from_secret(KeyScheme::secp256k1, zero);  // 0 is not a valid scalar
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), Code::crypto);
  EXPECT_FALSE(AccountKey::from_secret(KeyScheme::ed25519, Bytes(31, 1)));
}

}  // namespace
}  // namespace grid::core
