// The p2p session crypto: key agreement, the transcript signature, hello encoding and the
// counter-nonce AEAD (tampering, replay, reordering).
#include "core/secure_channel.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

#include "core/blake2b.hpp"
#include "core/codec.hpp"

namespace grid::core {
namespace {

Ed25519SecretKey key_from(std::uint8_t fill) {
  std::array<std::uint8_t, 32> seed{};
  seed.fill(fill);
  return Ed25519SecretKey::from_seed(seed).value();
}

Hash32 genesis_named(std::string_view name) {
  return blake2b_256(as_bytes(name));
}

// A client and a server that completed the key exchange.
struct Session {
  KxKeyPair client_eph = KxKeyPair::generate();
  KxKeyPair server_eph = KxKeyPair::generate();
  SessionKeys client_keys =
      derive_session_keys(SessionRole::client, client_eph, server_eph.public_key()).value();
  SessionKeys server_keys =
      derive_session_keys(SessionRole::server, server_eph, client_eph.public_key()).value();
};

TEST(SecureChannel, BothSidesDeriveMatchingKeys) {
  Session s;
  EXPECT_EQ(s.client_keys.tx, s.server_keys.rx);
  EXPECT_EQ(s.client_keys.rx, s.server_keys.tx);
  EXPECT_NE(s.client_keys.tx, s.client_keys.rx);  // one key per direction
  // Another session has other keys.
  Session other;
  EXPECT_NE(s.client_keys.tx, other.client_keys.tx);
}

TEST(SecureChannel, KeyExchangeRefusesALowOrderPoint) {
  KxKeyPair mine = KxKeyPair::generate();
  KxPublicKey zero{};  // the identity point: the shared secret would be all zeros
  auto keys = derive_session_keys(SessionRole::client, mine, zero);
  ASSERT_FALSE(keys.is_ok());
  EXPECT_EQ(keys.error().code(), Code::crypto);
}

TEST(SecureChannel, SealOpenRoundTripBothWays) {
  Session s;
  SessionCipher client(s.client_keys), server(s.server_keys);
  for (int i = 0; i < 3; ++i) {
    const Bytes message = {1, 2, 3, static_cast<std::uint8_t>(i)};
    auto sealed = client.seal(message);
    ASSERT_TRUE(sealed.is_ok());
    EXPECT_EQ(sealed->size(), message.size() + kAeadTagBytes);
    EXPECT_EQ(server.open(*sealed).value(), message);
    auto back = server.seal(message);
    EXPECT_EQ(client.open(back.value()).value(), message);
  }
  EXPECT_EQ(client.messages_sealed(), 3u);
  EXPECT_EQ(server.messages_opened(), 3u);
  // Empty messages are fine too.
  EXPECT_TRUE(server.open(client.seal(Bytes{}).value()).value().empty());
}

TEST(SecureChannel, InPlaceMatchesCopying) {
  Session s;
  SessionCipher a(s.client_keys), b(s.client_keys);
  Bytes message(1000, 0x5a);
  const Bytes copied = a.seal(message).value();
  ASSERT_TRUE(b.seal_in_place(message).is_ok());
  EXPECT_EQ(message, copied);
  SessionCipher server(s.server_keys);
  ASSERT_TRUE(server.open_in_place(message).is_ok());
  EXPECT_EQ(message, Bytes(1000, 0x5a));
}

TEST(SecureChannel, AFlippedBitFails) {
  Session s;
  const Bytes message(64, 7);
  for (std::size_t bit : {0u, 8u * 63u + 5u, 8u * (64u + 3u)}) {  // body and tag
    SessionCipher client(s.client_keys), server(s.server_keys);
    Bytes sealed = client.seal(message).value();
    sealed[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    auto opened = server.open(sealed);
    ASSERT_FALSE(opened.is_ok()) << "bit " << bit;
    EXPECT_EQ(opened.error().code(), Code::crypto);
    EXPECT_EQ(server.messages_opened(), 0u);
  }
}

TEST(SecureChannel, ReplayedOrReorderedMessagesFail) {
  Session s;
  SessionCipher client(s.client_keys), server(s.server_keys);
  const Bytes first = client.seal(as_bytes("first")).value();
  const Bytes second = client.seal(as_bytes("second")).value();
  // Reordered: the second message arrives first.
  EXPECT_EQ(server.open(second).error().code(), Code::crypto);
  EXPECT_TRUE(server.open(first).is_ok());
  // Replayed: the first message again.
  EXPECT_EQ(server.open(first).error().code(), Code::crypto);
  EXPECT_TRUE(server.open(second).is_ok());
  // Reflected: a side cannot open what it sealed itself (other direction, other key).
  const Bytes own = server.seal(as_bytes("x")).value();
  EXPECT_FALSE(server.open(own).is_ok());
  // Too short to hold a tag.
  EXPECT_FALSE(server.open(Bytes(kAeadTagBytes - 1, 0)).is_ok());
}

TEST(SecureChannel, NonceIsTheCounterLittleEndianThenFourZeros) {
  // Pins docs/wire.md: message n of a direction is crypto_aead_chacha20poly1305_ietf under
  // nonce u64le(n) || 00000000 with the direction's tx key and no associated data.
  Session s;
  SessionCipher client(s.client_keys);
  for (int i = 0; i < 258; ++i) ASSERT_TRUE(client.seal(Bytes{}).is_ok());
  const Bytes message = {0xab, 0xcd, 0xef};
  const Bytes sealed = client.seal(message).value();  // counter 258 = 0x0102
  const std::array<unsigned char, crypto_aead_chacha20poly1305_ietf_NPUBBYTES> nonce{0x02, 0x01};
  Bytes expected(message.size() + crypto_aead_chacha20poly1305_ietf_ABYTES);
  unsigned long long length = 0;
  ASSERT_EQ(crypto_aead_chacha20poly1305_ietf_encrypt(expected.data(), &length, message.data(),
                                                      message.size(), nullptr, 0, nullptr,
                                                      nonce.data(), s.client_keys.tx.data()),
            0);
  EXPECT_EQ(sealed, expected);
}

TEST(SecureChannel, HelloIsFortyTwoBytesAndStrict) {
  const KxKeyPair eph = KxKeyPair::generate();
  const Bytes hello = encode_session_hello(eph.public_key());
  ASSERT_EQ(hello.size(), kSessionHelloBytes);
  EXPECT_EQ(std::string(hello.begin(), hello.begin() + 8), "GRIDP2P1");
  EXPECT_EQ(hello[8], 1);  // version 1, little-endian
  EXPECT_EQ(hello[9], 0);
  EXPECT_EQ(decode_session_hello(hello).value().ephemeral, eph.public_key());

  Bytes garbage = hello;
  garbage[0] = 'X';
  EXPECT_EQ(decode_session_hello(garbage).error().code(), Code::invalid);
  EXPECT_FALSE(hello_is_other_version(garbage));
  EXPECT_FALSE(decode_session_hello(ByteView(hello.data(), 41)).is_ok());

  Bytes newer = hello;
  newer[8] = 2;
  auto refused = decode_session_hello(newer);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_NE(refused.error().message().find("protocol version 2"), std::string::npos);
  EXPECT_TRUE(hello_is_other_version(newer));
}

TEST(SecureChannel, AuthVerifiesOnlyItsOwnTranscriptAndChain) {
  const Ed25519SecretKey node = key_from(1);
  const Hash32 genesis = genesis_named("chain A");
  const KxPublicKey c = KxKeyPair::generate().public_key();
  const KxPublicKey s = KxKeyPair::generate().public_key();
  const SessionAuth auth = make_session_auth(node, genesis, c, s, SessionRole::client);
  EXPECT_EQ(auth.node_key, node.public_key());
  EXPECT_EQ(encode(auth).size(), kSessionAuthBytes);
  EXPECT_TRUE(verify_session_auth(auth, genesis, c, s, SessionRole::client).is_ok());

  // The digest is hash(tag || genesis || client eph || server eph || role), as documented.
  Bytes transcript(kSessionAuthTag.begin(), kSessionAuthTag.end());
  transcript.insert(transcript.end(), genesis.bytes.begin(), genesis.bytes.end());
  transcript.insert(transcript.end(), c.begin(), c.end());
  transcript.insert(transcript.end(), s.begin(), s.end());
  transcript.push_back(0);
  EXPECT_EQ(session_auth_digest(genesis, c, s, SessionRole::client), blake2b_256(transcript));

  // Another chain: refused as such (not as a forgery).
  const Status other_chain =
      verify_session_auth(auth, genesis_named("chain B"), c, s, SessionRole::client);
  EXPECT_EQ(other_chain.code(), Code::invalid);
  EXPECT_NE(other_chain.message().find("genesis hash mismatch"), std::string::npos);

  // A signature over another transcript: other session keys, swapped keys, reflected role.
  const KxPublicKey other = KxKeyPair::generate().public_key();
  EXPECT_EQ(verify_session_auth(auth, genesis, other, s, SessionRole::client).code(), Code::crypto);
  EXPECT_EQ(verify_session_auth(auth, genesis, c, other, SessionRole::client).code(), Code::crypto);
  EXPECT_EQ(verify_session_auth(auth, genesis, s, c, SessionRole::client).code(), Code::crypto);
  EXPECT_EQ(verify_session_auth(auth, genesis, c, s, SessionRole::server).code(), Code::crypto);

  // A claimed key that did not sign, and a signature made for another chain but relabelled.
  SessionAuth impostor = auth;
  impostor.node_key = key_from(2).public_key();
  EXPECT_EQ(verify_session_auth(impostor, genesis, c, s, SessionRole::client).code(), Code::crypto);
  SessionAuth relabelled =
      make_session_auth(node, genesis_named("chain B"), c, s, SessionRole::client);
  relabelled.genesis = genesis;
  EXPECT_EQ(verify_session_auth(relabelled, genesis, c, s, SessionRole::client).code(),
            Code::crypto);
}

TEST(SecureChannel, MovedCipherKeepsItsCounters) {
  Session s;
  SessionCipher client(s.client_keys), server(s.server_keys);
  ASSERT_TRUE(server.open(client.seal(as_bytes("a")).value()).is_ok());
  SessionCipher moved = std::move(client);
  EXPECT_EQ(moved.messages_sealed(), 1u);
  EXPECT_EQ(server.open(moved.seal(as_bytes("b")).value()).value(), Bytes({'b'}));
}

}  // namespace
}  // namespace grid::core
