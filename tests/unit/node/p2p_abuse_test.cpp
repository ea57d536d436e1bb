// Misbehaving peers against one P2p: raw TCP clients that send garbage, oversized frames, nothing
// at all, or never read; and penalties from the upper layer. Each test has its own node, so one
// test's bans do not leak into another.
#include <functional>

#include "node/p2p/p2p.hpp"
#include "tests/unit/node/p2p_test_support.hpp"

namespace grid::node::p2p {
namespace {

using namespace testing;

class P2pAbuseTest : public ::testing::Test {
 protected:
  asio::io_context io;
};

TEST_F(P2pAbuseTest, GarbageIsDisconnectedAndBannedAndLaterRefused) {
  TestNode a(io, 1);
  a.start();
  {
    RawPeer raw(io, a.port());
    // Hello-sized (so that nothing is left unread to turn the close into a reset), but nothing
    // like a hello.
    raw.write(core::Bytes(core::kSessionHelloBytes, 0xee));
    auto before_close = raw.read_until_closed();
    ASSERT_TRUE(before_close) << a.all_logs();
    EXPECT_EQ(*before_close, core::kSessionHelloBytes);  // a's hello, then the door closed
  }
  EXPECT_TRUE(a.p2p().is_ip_banned("127.0.0.1"));
  EXPECT_GE(a.logs_with("banned IP 127.0.0.1"), 1u) << a.all_logs();

  RawPeer again(io, a.port());  // TCP connects (the kernel accepts), then a closes at once
  auto bytes = again.read_until_closed();
  ASSERT_TRUE(bytes);
  EXPECT_EQ(*bytes, 0u);  // not even a hello: refused before the handshake
  EXPECT_TRUE(run_until(io, [&] { return a.logs_with("banned") >= 2; }));
  EXPECT_TRUE(a.connected.empty());
}

TEST_F(P2pAbuseTest, AnOversizedLengthHeaderAfterTheHandshakeBansKeyAndIp) {
  P2pConfig config = fast_config();
  config.max_frame_bytes = 1000;
  TestNode a(io, 1, config);
  a.start();
  auto me = raw_identity(9);
  RawPeer raw(io, a.port());
  auto cipher = raw.handshake(me);
  ASSERT_TRUE(cipher);
  ASSERT_TRUE(run_until(io, [&] { return a.connected.size() == 1; })) << a.all_logs();
  EXPECT_EQ(a.connected[0].second, me->key.public_key());

  // The largest frame a accepts goes through...
  core::Bytes payload(1000, 0x42);
  ASSERT_TRUE(seal_frame(*cipher, FrameKind::data, payload));
  raw.write_frame(payload);
  ASSERT_TRUE(run_until(io, [&] { return a.messages.size() == 1; })) << a.all_logs();
  EXPECT_EQ(a.messages[0].second, core::Bytes(1000, 0x42));
  // ...one byte more in the header is a violation before anything is allocated or read.
  raw.write(encode_frame_header(static_cast<std::uint32_t>(max_frame_length(1000) + 1)));
  ASSERT_TRUE(raw.read_until_closed()) << a.all_logs();
  ASSERT_TRUE(run_until(io, [&] { return a.disconnected.size() == 1; }));
  EXPECT_TRUE(a.p2p().is_banned(me->key.public_key()));
  EXPECT_TRUE(a.p2p().is_ip_banned("127.0.0.1"));
  EXPECT_GE(a.logs_with("banned node key " + core::hex_encode(me->key.public_key())), 1u)
      << a.all_logs();
}

// One address cannot take every inbound slot: past max_inbound_per_ip it is refused at once.
TEST_F(P2pAbuseTest, OneAddressGetsAtMostItsShareOfInboundSlots) {
  P2pConfig config = fast_config();
  config.max_inbound_per_ip = 2;
  TestNode a(io, 1, config);
  a.start();
  RawPeer first(io, a.port()), second(io, a.port());
  RawPeer third(io, a.port());  // accepted in order: the first two take the address's share
  auto bytes = third.read_until_closed();
  ASSERT_TRUE(bytes) << a.all_logs();
  EXPECT_EQ(*bytes, 0u) << "refused before the handshake";
  EXPECT_GE(a.logs_with("2 inbound connections from that address already"), 1u) << a.all_logs();
}

// On a loopback testnet every peer has the address 127.0.0.1: garbage before the handshake
// closes that connection but must not shut out the honest local peers for the ban time.
TEST_F(P2pAbuseTest, GarbageIsNotAnAddressBanWhereAddressesAreShared) {
  P2pConfig config = fast_config();
  config.ban_peer_ips = false;
  TestNode a(io, 1, config);
  a.start();
  {
    RawPeer raw(io, a.port());
    raw.write(core::Bytes(core::kSessionHelloBytes, 0xee));
    ASSERT_TRUE(raw.read_until_closed()) << a.all_logs();
  }
  EXPECT_FALSE(a.p2p().is_ip_banned("127.0.0.1"));
  EXPECT_EQ(a.logs_with("banned IP"), 0u) << a.all_logs();
  TestNode b(io, 2, config);
  b.start();
  ASSERT_TRUE(b.p2p().add_peer(a.address()));
  EXPECT_TRUE(run_until(io, [&] { return !a.connected.empty() && !b.connected.empty(); }))
      << a.all_logs();
}

TEST_F(P2pAbuseTest, ATamperedFrameIsAViolation) {
  P2pConfig config = fast_config();
  config.ban_peer_ips = false;  // the key alone is banned
  TestNode a(io, 1, config);
  a.start();
  auto me = raw_identity(9);
  RawPeer raw(io, a.port());
  auto cipher = raw.handshake(me);
  ASSERT_TRUE(cipher);
  core::Bytes payload = {1, 2, 3};
  ASSERT_TRUE(seal_frame(*cipher, FrameKind::data, payload));
  payload[1] ^= 0x10;
  raw.write_frame(payload);
  ASSERT_TRUE(raw.read_until_closed());
  ASSERT_TRUE(run_until(io, [&] { return a.p2p().is_banned(me->key.public_key()); }));
  EXPECT_FALSE(a.p2p().is_ip_banned("127.0.0.1"));
  EXPECT_TRUE(a.messages.empty());

  // The banned key is refused at the handshake from now on (its IP is still welcome).
  RawPeer again(io, a.port());
  Handshake hs(core::SessionRole::client, me);
  again.write(hs.hello());
  auto hello = again.read(core::kSessionHelloBytes);
  ASSERT_TRUE(hello);
  again.write_frame(hs.on_peer_hello(*hello).value());
  ASSERT_TRUE(again.read_until_closed());
  ASSERT_TRUE(run_until(io, [&] { return a.logs_with("is banned") > 0; })) << a.all_logs();
  EXPECT_EQ(a.connected.size(), 1u);  // only the first connection was ever established
}

TEST_F(P2pAbuseTest, PenaltiesFromTheUpperLayerAddUpToABanAndStopDialing) {
  P2pConfig config = fast_config();
  config.ban_peer_ips = false;        // both nodes share 127.0.0.1
  config.score_decay_per_minute = 0;  // 60 + 40 is exactly the threshold, whatever time passes
  TestNode a(io, 1, config), b(io, 2, config);
  a.start();
  b.start();
  ASSERT_TRUE(a.p2p().add_peer(b.address()));
  ASSERT_TRUE(run_until(io, [&] { return a.peer_count() == 1 && b.peer_count() == 1; }));
  const PeerId b_at_a = *a.peer_id(b.key());

  a.p2p().penalize(b_at_a, 60, "invalid transaction");
  run_for(io, 100ms);
  EXPECT_TRUE(a.connected_to(b.key()));  // 60 < 100
  EXPECT_FALSE(a.p2p().is_banned(b.key()));
  a.p2p().penalize(b_at_a, 40, "invalid block");
  EXPECT_TRUE(a.p2p().is_banned(b.key()));
  EXPECT_TRUE(a.disconnected.empty());  // reported from a later handler, never re-entrantly
  ASSERT_TRUE(run_until(io, [&] { return a.disconnected.size() == 1; }));
  EXPECT_GE(a.logs_with("invalid block"), 1u);

  // a does not dial a banned node again; b's own dials are refused by a.
  ASSERT_TRUE(b.p2p().add_peer(a.address()));
  run_for(io, 600ms);
  EXPECT_EQ(a.connected.size(), 1u) << a.all_logs();
  EXPECT_GE(a.logs_with("node key banned"), 1u) << a.all_logs();
  EXPECT_GE(a.logs_with("is banned"), 1u) << a.all_logs();
}

TEST_F(P2pAbuseTest, ASilentClientIsClosedAtTheHandshakeTimeoutWithoutPenalty) {
  P2pConfig config = fast_config();
  config.handshake_timeout = 200ms;
  TestNode a(io, 1, config);
  a.start();
  RawPeer raw(io, a.port());
  auto bytes = raw.read_until_closed(2000ms);
  ASSERT_TRUE(bytes) << a.all_logs();
  EXPECT_EQ(*bytes, core::kSessionHelloBytes);
  EXPECT_GE(a.logs_with("handshake timed out"), 1u) << a.all_logs();
  EXPECT_FALSE(a.p2p().is_ip_banned("127.0.0.1"));
}

TEST_F(P2pAbuseTest, AnAuthenticatedPeerThatFallsSilentIsClosedAtTheIdleTimeout) {
  P2pConfig config = fast_config();
  config.ping_interval = 50ms;
  config.idle_timeout = 300ms;
  TestNode a(io, 1, config);
  a.start();
  RawPeer raw(io, a.port());
  ASSERT_TRUE(raw.handshake(raw_identity(9)));  // then never answers a ping
  ASSERT_TRUE(run_until(
      io, [&] { return a.disconnected.size() == 1; }, 3000ms))
      << a.all_logs();
  EXPECT_GE(a.logs_with("nothing received"), 1u) << a.all_logs();
  EXPECT_FALSE(a.p2p().is_banned(key_from_seed(9).public_key()));
}

TEST_F(P2pAbuseTest, AFrameArrivingSlowlyIsNotTakenForSilence) {
  P2pConfig config = fast_config();
  config.ping_interval = 50ms;
  config.idle_timeout = 300ms;
  TestNode a(io, 1, config);
  a.start();
  RawPeer raw(io, a.port());
  auto cipher = raw.handshake(raw_identity(9));
  ASSERT_TRUE(cipher);
  core::Bytes frame(20000, 0x33);
  ASSERT_TRUE(seal_frame(*cipher, FrameKind::data, frame));
  raw.write(encode_frame_header(static_cast<std::uint32_t>(frame.size())));
  // Ten slices 80 ms apart: the whole frame takes over twice the idle timeout.
  const std::size_t slice = frame.size() / 10 + 1;
  for (std::size_t at = 0; at < frame.size(); at += slice) {
    raw.write(core::ByteView(frame).subspan(at, std::min(slice, frame.size() - at)));
    run_for(io, 80ms);
  }
  ASSERT_TRUE(run_until(io, [&] { return a.messages.size() == 1; })) << a.all_logs();
  EXPECT_EQ(a.messages[0].second, core::Bytes(20000, 0x33));
  EXPECT_TRUE(a.disconnected.empty()) << a.all_logs();
}

TEST_F(P2pAbuseTest, APeerThatDoesNotReadLosesMessagesThenTheConnection) {
  P2pConfig config = fast_config();
  config.max_send_queue_bytes = 2u << 20;
  config.send_stall_timeout = 300ms;
  config.ping_interval = 50ms;
  config.idle_timeout = 60000ms;  // the stall, not the silence, must end it
  TestNode a(io, 1, config);
  a.start();
  RawPeer raw(io, a.port());
  ASSERT_TRUE(raw.handshake(raw_identity(9)));
  ASSERT_TRUE(run_until(io, [&] { return a.peer_count() == 1; }));
  const PeerId id = a.connected[0].first;
  // An upper layer that keeps gossiping 1 MiB every 10 ms to a reader that never reads: the
  // kernel buffers take a few MiB, the queue 2 MiB, the rest is dropped until the stall ends it.
  std::uint64_t dropped = 0, bytes_out = 0, offered = 0;
  asio::steady_timer pump(io);
  std::function<void()> tick = [&] {
    a.p2p().send(id, core::Bytes(1u << 20, 1));
    offered += 1u << 20;
    for (const auto& p : a.p2p().peers()) {
      dropped = std::max(dropped, p.messages_dropped);
      bytes_out = std::max(bytes_out, p.bytes_out);
    }
    pump.expires_after(10ms);
    pump.async_wait([&](boost::system::error_code ec) {
      if (!ec) tick();
    });
  };
  tick();
  ASSERT_TRUE(run_until(
      io, [&] { return a.disconnected.size() == 1; }, 5000ms))
      << a.all_logs();
  pump.cancel();
  EXPECT_GT(dropped, 0u);
  EXPECT_LT(bytes_out, offered / 2);  // far less than was offered: the rest never queued
  EXPECT_GE(a.logs_with("send queue full"), 1u) << a.all_logs();
}

}  // namespace
}  // namespace grid::node::p2p
