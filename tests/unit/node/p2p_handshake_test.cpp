// The node-side handshake state machine and the frame layer, without sockets.
#include <gtest/gtest.h>

#include "core/blake2b.hpp"
#include "core/codec.hpp"
#include "node/p2p/frame.hpp"
#include "node/p2p/handshake.hpp"
#include "node/p2p/peer_book.hpp"

namespace grid::node::p2p {
namespace {

std::shared_ptr<const LocalIdentity> identity(std::uint8_t seed_fill, std::string_view chain) {
  std::array<std::uint8_t, 32> seed{};
  seed.fill(seed_fill);
  return std::make_shared<const LocalIdentity>(LocalIdentity{
      core::Ed25519SecretKey::from_seed(seed).value(), core::blake2b_256(core::as_bytes(chain))});
}

struct Sides {
  std::shared_ptr<const LocalIdentity> client_id, server_id;
  Handshake client, server;
  Sides(std::string_view client_chain = "chain", std::string_view server_chain = "chain")
      : client_id(identity(1, client_chain)),
        server_id(identity(2, server_chain)),
        client(core::SessionRole::client, client_id),
        server(core::SessionRole::server, server_id) {}
};

TEST(P2pHandshakeTest, BothSidesLearnTheOthersKeyAndShareACipher) {
  Sides s;
  ASSERT_EQ(s.client.hello().size(), core::kSessionHelloBytes);
  auto client_auth = s.client.on_peer_hello(s.server.hello());
  auto server_auth = s.server.on_peer_hello(s.client.hello());
  ASSERT_TRUE(client_auth && server_auth);
  EXPECT_EQ(client_auth->size(), kAuthFrameLength);
  auto server_key_at_client = s.client.on_peer_auth(*server_auth);
  auto client_key_at_server = s.server.on_peer_auth(*client_auth);
  ASSERT_TRUE(server_key_at_client) << server_key_at_client.error().to_string();
  ASSERT_TRUE(client_key_at_server) << client_key_at_server.error().to_string();
  EXPECT_EQ(*server_key_at_client, s.server_id->key.public_key());
  EXPECT_EQ(*client_key_at_server, s.client_id->key.public_key());

  core::SessionCipher c = s.client.take_cipher(), v = s.server.take_cipher();
  core::Bytes payload = {1, 2, 3};
  ASSERT_TRUE(seal_frame(c, FrameKind::data, payload));
  auto kind = open_frame(v, payload);
  ASSERT_TRUE(kind);
  EXPECT_EQ(*kind, FrameKind::data);
  EXPECT_EQ(payload, (core::Bytes{1, 2, 3}));
}

TEST(P2pHandshakeTest, AnotherChainIsRefusedWithoutPenalty) {
  Sides s("chain", "other chain");
  auto client_auth = s.client.on_peer_hello(s.server.hello());
  auto server_auth = s.server.on_peer_hello(s.client.hello());
  auto at_client = s.client.on_peer_auth(*server_auth);
  ASSERT_FALSE(at_client);
  EXPECT_NE(at_client.error().message().find("genesis"), std::string::npos);
  EXPECT_EQ(s.client.failure_penalty(), 0);
  ASSERT_FALSE(s.server.on_peer_auth(*client_auth));
  EXPECT_EQ(s.server.failure_penalty(), 0);
}

TEST(P2pHandshakeTest, GarbageHelloIsAViolationAnotherVersionIsNot) {
  Sides s;
  core::Bytes garbage(core::kSessionHelloBytes, 'x');
  EXPECT_FALSE(s.server.on_peer_hello(garbage));
  EXPECT_EQ(s.server.failure_penalty(), kPenaltyProtocolViolation);

  Sides t;
  core::Bytes v2 = t.client.hello();
  v2[8] = 2;
  EXPECT_FALSE(t.server.on_peer_hello(v2));
  EXPECT_EQ(t.server.failure_penalty(), 0);
}

TEST(P2pHandshakeTest, AuthFromAnotherSessionIsAViolation) {
  Sides s;
  ASSERT_TRUE(s.server.on_peer_hello(s.client.hello()));
  // A third party that saw the client's hello runs its own session with the server's hello and
  // replays its (validly signed) auth into the server's session: the keys and transcript differ.
  Sides other;
  auto replayed = other.client.on_peer_hello(s.server.hello());
  ASSERT_TRUE(replayed);
  EXPECT_FALSE(s.server.on_peer_auth(*replayed));
  EXPECT_EQ(s.server.failure_penalty(), kPenaltyProtocolViolation);
}

TEST(P2pHandshakeTest, TamperedAuthIsAViolation) {
  Sides s;
  auto client_auth = s.client.on_peer_hello(s.server.hello());
  ASSERT_TRUE(s.server.on_peer_hello(s.client.hello()));
  core::Bytes tampered = *client_auth;
  tampered[5] ^= 0x80;
  EXPECT_FALSE(s.server.on_peer_auth(tampered));
  EXPECT_EQ(s.server.failure_penalty(), kPenaltyProtocolViolation);
}

TEST(P2pFrameTest, HeaderIsU32LittleEndian) {
  const FrameHeader h = encode_frame_header(0x01020304);
  EXPECT_EQ(h, (FrameHeader{0x04, 0x03, 0x02, 0x01}));
  EXPECT_EQ(decode_frame_header(h), 0x01020304u);
}

TEST(P2pFrameTest, LengthBoundsFollowTheMaxPayload) {
  const std::size_t max_payload = 1000;
  EXPECT_FALSE(frame_length_ok(16, max_payload));  // no room for the kind byte
  EXPECT_TRUE(frame_length_ok(17, max_payload));   // empty payload
  EXPECT_TRUE(frame_length_ok(1017, max_payload));
  EXPECT_FALSE(frame_length_ok(1018, max_payload));
  EXPECT_FALSE(frame_length_ok(0xffffffffu, (8u << 20) + 1024));
}

TEST(P2pFrameTest, TamperedOrUnknownKindFails) {
  Sides s;
  auto client_auth = s.client.on_peer_hello(s.server.hello());
  auto server_auth = s.server.on_peer_hello(s.client.hello());
  ASSERT_TRUE(s.client.on_peer_auth(*server_auth));
  ASSERT_TRUE(s.server.on_peer_auth(*client_auth));
  core::SessionCipher c = s.client.take_cipher(), v = s.server.take_cipher();

  core::Bytes ping;
  ASSERT_TRUE(seal_frame(c, FrameKind::ping, ping));
  EXPECT_EQ(ping.size(), 17u);
  EXPECT_EQ(open_frame(v, ping).value(), FrameKind::ping);
  EXPECT_TRUE(ping.empty());

  core::Bytes unknown = {7, 7, 9};  // payload {7, 7}, kind 9
  ASSERT_TRUE(c.seal_in_place(unknown));
  auto kind = open_frame(v, unknown);
  ASSERT_FALSE(kind);
  EXPECT_EQ(kind.error().code(), core::Code::invalid);

  core::Bytes data = {1};
  ASSERT_TRUE(seal_frame(c, FrameKind::data, data));
  data[0] ^= 1;
  EXPECT_EQ(open_frame(v, data).error().code(), core::Code::crypto);
}

}  // namespace
}  // namespace grid::node::p2p
