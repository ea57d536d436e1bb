// ed25519 through libsodium: RFC 8032 section 7.1 TEST 1-3 byte for byte, and rejections.
#include "core/ed25519.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/bytes.hpp"

namespace grid::core {
namespace {

struct Rfc8032Vector {
  const char* name;
  const char* seed;
  const char* public_key;
  const char* message;
  const char* signature;
};

// RFC 8032, section 7.1 "Test Vectors for Ed25519", TEST 1, TEST 2 and TEST 3.
constexpr Rfc8032Vector kVectors[] = {
    {"TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701c"
     "f9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0"
     "f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f76098"
     "4dc6594a7c15e9716ed28dc027beceea1ec40a"},
};

TEST(Ed25519, SodiumInitialises) {
  EXPECT_TRUE(ensure_sodium());
}

TEST(Ed25519, Rfc8032Vectors) {
  for (const auto& v : kVectors) {
    SCOPED_TRACE(v.name);
    const Bytes seed = hex_decode(v.seed).value();
    const Bytes message = hex_decode(v.message).value();
    const auto expected_pk = hex_decode_fixed<32>(v.public_key).value();
    const auto expected_sig = hex_decode_fixed<64>(v.signature).value();

    auto key = Ed25519SecretKey::from_seed(seed);
    ASSERT_TRUE(key.is_ok()) << key.status().to_string();
    EXPECT_EQ(hex_encode(key->seed()), v.seed);
    EXPECT_EQ(key->public_key(), expected_pk);
    const Ed25519Signature sig = key->sign(message);
    EXPECT_EQ(hex_encode(sig), v.signature);
    EXPECT_TRUE(ed25519_verify(expected_pk, message, expected_sig));
  }
}

TEST(Ed25519, ModifiedMessageOrSignatureFails) {
  for (const auto& v : kVectors) {
    SCOPED_TRACE(v.name);
    const Bytes message = hex_decode(v.message).value();
    const auto pk = hex_decode_fixed<32>(v.public_key).value();
    const auto sig = hex_decode_fixed<64>(v.signature).value();

    Bytes longer = message;
    longer.push_back(0x00);
    EXPECT_FALSE(ed25519_verify(pk, longer, sig));
    if (!message.empty()) {
      Bytes flipped = message;
      flipped[0] ^= 0x01;
      EXPECT_FALSE(ed25519_verify(pk, flipped, sig));
      EXPECT_FALSE(ed25519_verify(pk, ByteView(message).first(message.size() - 1), sig));
    }
    for (std::size_t i : {std::size_t{0}, std::size_t{31}, std::size_t{32}, std::size_t{63}}) {
      Ed25519Signature bad = sig;
      bad[i] ^= 0x01;
      EXPECT_FALSE(ed25519_verify(pk, message, bad)) << "flipped signature byte " << i;
    }
    Ed25519PublicKey bad_pk = pk;
    bad_pk[0] ^= 0x01;
    EXPECT_FALSE(ed25519_verify(bad_pk, message, sig));
  }
}

TEST(Ed25519, MalformedInputsAreFalseNotFatal) {
  const auto sig = hex_decode_fixed<64>(kVectors[0].signature).value();
  const Ed25519PublicKey zero_pk{};  // small-order point: libsodium refuses it
  EXPECT_FALSE(ed25519_verify(zero_pk, ByteView{}, sig));
  Ed25519PublicKey ff_pk;
  ff_pk.fill(0xff);  // non-canonical encoding
  EXPECT_FALSE(ed25519_verify(ff_pk, ByteView{}, sig));
  Ed25519Signature big_s = sig;  // S >= L must be refused (malleability)
  for (std::size_t i = 32; i < 64; ++i) big_s[i] = 0xff;
  const auto pk = hex_decode_fixed<32>(kVectors[0].public_key).value();
  EXPECT_FALSE(ed25519_verify(pk, ByteView{}, big_s));
  EXPECT_FALSE(ed25519_verify(pk, ByteView{}, Ed25519Signature{}));
}

TEST(Ed25519, FromSeedRefusesWrongLength) {
  EXPECT_EQ(Ed25519SecretKey::from_seed(Bytes(31)).status().code(), Code::invalid);
  EXPECT_EQ(Ed25519SecretKey::from_seed(Bytes(33)).status().code(), Code::invalid);
  EXPECT_EQ(Ed25519SecretKey::from_seed(ByteView{}).status().code(), Code::invalid);
}

TEST(Ed25519, GeneratedKeysSignAndVerify) {
  const Ed25519SecretKey a = Ed25519SecretKey::generate();
  const Ed25519SecretKey b = Ed25519SecretKey::generate();
  EXPECT_NE(a.seed(), b.seed());
  EXPECT_NE(a.public_key(), b.public_key());
  // The same seed rebuilds the same key.
  auto again = Ed25519SecretKey::from_seed(a.seed());
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(again->public_key(), a.public_key());

  const std::string msg = "gridchain ed25519";
  const Ed25519Signature sig = a.sign(as_bytes(msg));
  EXPECT_EQ(sig, a.sign(as_bytes(msg)));  // deterministic
  EXPECT_TRUE(ed25519_verify(a.public_key(), as_bytes(msg), sig));
  EXPECT_FALSE(ed25519_verify(b.public_key(), as_bytes(msg), sig));
}

}  // namespace
}  // namespace grid::core
