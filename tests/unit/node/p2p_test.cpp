// P2p instances on loopback, all in one io_context driven by the test thread.
#include "node/p2p/p2p.hpp"

#include "tests/unit/node/p2p_test_support.hpp"

namespace grid::node::p2p {
namespace {

using namespace testing;

class P2pTest : public ::testing::Test {
 protected:
  asio::io_context io;
};

core::Bytes pattern(std::size_t n, std::uint8_t salt) {
  core::Bytes out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>((i * 131 + salt) >> 3);
  return out;
}

TEST_F(P2pTest, TwoNodesConnectAuthenticateAndExchangeBothWays) {
  TestNode a(io, 1), b(io, 2);
  a.start();
  b.start();
  ASSERT_TRUE(b.p2p().add_peer(a.address()));
  ASSERT_TRUE(run_until(io, [&] { return a.connected_to(b.key()) && b.connected_to(a.key()); }))
      << a.all_logs() << b.all_logs();
  ASSERT_EQ(a.connected.size(), 1u);
  ASSERT_EQ(b.connected.size(), 1u);
  EXPECT_EQ(a.connected[0].second, b.key());
  EXPECT_EQ(b.connected[0].second, a.key());

  const PeerId b_at_a = a.connected[0].first, a_at_b = b.connected[0].first;
  b.p2p().send(a_at_b, core::Bytes{1, 2, 3});
  a.p2p().send_to_key(b.key(), core::Bytes{4, 5});
  a.p2p().send(b_at_a, core::Bytes{});  // an empty payload is a message too
  ASSERT_TRUE(run_until(io, [&] { return a.messages.size() == 1 && b.messages.size() == 2; }));
  EXPECT_EQ(a.messages[0], std::make_pair(b_at_a, core::Bytes{1, 2, 3}));
  EXPECT_EQ(b.messages[0], std::make_pair(a_at_b, core::Bytes{4, 5}));
  EXPECT_EQ(b.messages[1], std::make_pair(a_at_b, core::Bytes{}));

  auto info = a.p2p().peers();
  ASSERT_EQ(info.size(), 1u);
  EXPECT_EQ(info[0].id, b_at_a);
  EXPECT_EQ(info[0].key, b.key());
  EXPECT_TRUE(info[0].inbound);
  EXPECT_EQ(info[0].address.rfind("127.0.0.1:", 0), 0u);
  EXPECT_GT(info[0].bytes_in, 0u);
  EXPECT_GT(info[0].bytes_out, 0u);
  EXPECT_FALSE(b.p2p().peers()[0].inbound);
  EXPECT_GE(a.logs_with("connected #"), 1u);
}

TEST_F(P2pTest, BroadcastReachesEveryPeerOfThree) {
  TestNode a(io, 1), b(io, 2), c(io, 3);
  a.start();
  b.start();
  c.start();
  ASSERT_TRUE(b.p2p().add_peer(a.address()));
  ASSERT_TRUE(c.p2p().add_peer(a.address()));
  ASSERT_TRUE(c.p2p().add_peer(b.address()));
  ASSERT_TRUE(run_until(io, [&] {
    return a.peer_count() == 2 && b.peer_count() == 2 && c.peer_count() == 2;
  })) << a.all_logs();

  a.p2p().broadcast(core::Bytes{7});
  ASSERT_TRUE(run_until(io, [&] { return b.messages.size() == 1 && c.messages.size() == 1; }));
  EXPECT_EQ(b.messages[0].second, core::Bytes{7});
  EXPECT_EQ(c.messages[0].second, core::Bytes{7});

  // except: c relays to everyone but the peer it came from.
  c.p2p().broadcast(core::Bytes{8}, c.peer_id(a.key()));
  ASSERT_TRUE(run_until(io, [&] { return b.messages.size() == 2; }));
  run_for(io, 100ms);
  EXPECT_EQ(b.messages[1].second, core::Bytes{8});
  EXPECT_TRUE(a.messages.empty());
}

TEST_F(P2pTest, LargePayloadArrivesIntactAndOversizedIsDropped) {
  TestNode a(io, 1), b(io, 2);
  a.start();
  b.start();
  ASSERT_TRUE(b.p2p().add_peer(a.address()));
  ASSERT_TRUE(run_until(io, [&] { return a.peer_count() == 1 && b.peer_count() == 1; }));

  const core::Bytes big = pattern(5u << 20, 3);
  b.p2p().send_to_key(a.key(), big);
  // Over max_frame_bytes: dropped at the sender (the receiver would take it for a violation).
  b.p2p().send_to_key(a.key(), core::Bytes((8u << 20) + 1025, 1));
  b.p2p().send_to_key(a.key(), core::Bytes{9});
  ASSERT_TRUE(run_until(
      io, [&] { return a.messages.size() == 2; }, 8000ms));
  EXPECT_TRUE(a.messages[0].second == big);
  EXPECT_EQ(a.messages[1].second, core::Bytes{9});
  EXPECT_EQ(b.p2p().peers()[0].messages_dropped, 1u);
  EXPECT_TRUE(a.connected_to(b.key()));
}

TEST_F(P2pTest, APeerOnAnotherChainIsRefused) {
  TestNode a(io, 1), b(io, 2, fast_config(), "another-chain");
  a.start();
  b.start();
  ASSERT_TRUE(b.p2p().add_peer(a.address()));
  ASSERT_TRUE(run_until(io,
                        [&] {
                          return a.logs_with("genesis hash mismatch") > 0 &&
                                 b.logs_with("genesis hash mismatch") > 0;
                        }))
      << a.all_logs() << b.all_logs();
  run_for(io, 100ms);
  EXPECT_TRUE(a.connected.empty());
  EXPECT_TRUE(b.connected.empty());
  EXPECT_FALSE(a.p2p().is_banned(b.key()));  // refused, not punished
  EXPECT_FALSE(a.p2p().is_ip_banned("127.0.0.1"));
}

TEST_F(P2pTest, APeerPresentingAnotherKeyThanExpectedIsRefused) {
  TestNode a(io, 1), b(io, 2);
  a.start();
  b.start();
  const std::string wrong_key = std::string(64, '7') + "@127.0.0.1:" + std::to_string(a.port());
  ASSERT_TRUE(b.p2p().add_peer(wrong_key));
  ASSERT_TRUE(run_until(io, [&] { return b.logs_with("expected node key") > 0; })) << b.all_logs();
  // a authenticated b (b's key is fine), then saw b hang up.
  ASSERT_TRUE(run_until(io, [&] {
    return a.logs_with("disconnected #") + a.logs_with("closed before it was established") > 0;
  })) << a.all_logs();
  EXPECT_EQ(a.connected.size(), a.disconnected.size());
  EXPECT_TRUE(b.connected.empty());
  EXPECT_EQ(b.peer_count(), 0u);
  EXPECT_EQ(a.peer_count(), 0u);
}

TEST_F(P2pTest, DuplicateConnectionsCollapseToTheOneDialedByTheSmallerKey) {
  TestNode a(io, 1), b(io, 2);
  a.start();
  b.start();
  // Both dial each other at once.
  ASSERT_TRUE(a.p2p().add_peer(b.address()));
  ASSERT_TRUE(b.p2p().add_peer(a.address()));
  ASSERT_TRUE(run_until(io, [&] { return a.peer_count() == 1 && b.peer_count() == 1; }));
  run_for(io, 500ms);  // let the loser of the race close and any re-dial settle
  ASSERT_EQ(a.peer_count(), 1u) << a.all_logs();
  ASSERT_EQ(b.peer_count(), 1u) << b.all_logs();
  const bool a_dialed = a.key() < b.key();
  EXPECT_EQ(a.p2p().peers()[0].inbound, !a_dialed);
  EXPECT_EQ(b.p2p().peers()[0].inbound, a_dialed);
  // Every reported connection but the live one was reported closed too.
  EXPECT_EQ(a.connected.size(), a.disconnected.size() + 1);
  EXPECT_EQ(b.connected.size(), b.disconnected.size() + 1);
  // Not a misbehaviour.
  EXPECT_FALSE(a.p2p().is_banned(b.key()));
  EXPECT_FALSE(b.p2p().is_banned(a.key()));
}

TEST_F(P2pTest, AConnectionToOurselvesIsRefusedAndNotRetried) {
  TestNode a(io, 1);
  a.start();
  ASSERT_TRUE(a.p2p().add_peer("127.0.0.1:" + std::to_string(a.port())));
  ASSERT_TRUE(run_until(io, [&] { return a.logs_with("ourselves") > 0; })) << a.all_logs();
  run_for(io, 600ms);  // several backoff periods (100 ms)
  EXPECT_TRUE(a.connected.empty());
  EXPECT_LE(a.logs_with("ourselves"), 2u) << a.all_logs();  // both ends of the one connection
}

TEST_F(P2pTest, RedialsWithBackoffAfterTheRemoteRestarts) {
  TestNode a(io, 1), b(io, 2);
  a.start();
  b.start();
  ASSERT_TRUE(b.p2p().add_peer(a.address()));
  ASSERT_TRUE(run_until(io, [&] { return b.connected.size() == 1; }));

  a.destroy();
  ASSERT_TRUE(run_until(io, [&] { return b.disconnected.size() == 1; }));
  run_for(io, 350ms);  // b's re-dials meet a closed port meanwhile
  EXPECT_GE(b.logs_with("will dial"), 2u) << b.all_logs();
  a.restart();
  ASSERT_TRUE(run_until(io, [&] { return b.connected.size() == 2; })) << b.all_logs();
  EXPECT_EQ(b.connected[1].second, a.key());
  EXPECT_NE(b.connected[1].first, b.connected[0].first);  // a new connection id
  EXPECT_TRUE(run_until(io, [&] { return a.connected_to(b.key()); }));
}

TEST_F(P2pTest, PingsKeepAQuietConnectionAlive) {
  P2pConfig config = fast_config();
  config.ping_interval = 50ms;
  config.idle_timeout = 200ms;
  TestNode a(io, 1, config), b(io, 2, config);
  a.start();
  b.start();
  ASSERT_TRUE(b.p2p().add_peer(a.address()));
  ASSERT_TRUE(run_until(io, [&] { return a.peer_count() == 1 && b.peer_count() == 1; }));
  run_for(io, 700ms);  // several idle timeouts without any data
  EXPECT_TRUE(a.disconnected.empty()) << a.all_logs();
  EXPECT_TRUE(b.disconnected.empty()) << b.all_logs();
}

TEST_F(P2pTest, InboundConnectionsAreLimited) {
  P2pConfig config = fast_config();
  config.max_inbound = 1;
  TestNode a(io, 1, config), b(io, 2), c(io, 3);
  a.start();
  b.start();
  c.start();
  ASSERT_TRUE(b.p2p().add_peer(a.address()));
  ASSERT_TRUE(run_until(io, [&] { return a.peer_count() == 1; }));
  ASSERT_TRUE(c.p2p().add_peer(a.address()));
  ASSERT_TRUE(run_until(io, [&] { return a.logs_with("inbound connections already") > 0; }))
      << a.all_logs();
  EXPECT_EQ(a.peer_count(), 1u);
  EXPECT_TRUE(c.connected.empty());
}

TEST_F(P2pTest, StartReportsAPortInUse) {
  TestNode a(io, 1);
  a.start();
  P2pConfig config = fast_config();
  config.listen_port = a.port();
  P2p clash(io, config, key_from_seed(2), chain_hash("test-chain"), {});
  core::Status st = clash.start();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.code(), core::Code::io);
  EXPECT_NE(st.message().find(std::to_string(a.port())), std::string::npos) << st.message();
}

TEST_F(P2pTest, AMalformedPeerAddressIsRefused) {
  TestNode a(io, 1);
  a.start();
  core::Status st = a.p2p().add_peer("not an address");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.code(), core::Code::invalid);
}

TEST_F(P2pTest, NoHandlerRunsAfterStop) {
  TestNode a(io, 1), b(io, 2);
  a.start();
  b.start();
  ASSERT_TRUE(b.p2p().add_peer(a.address()));
  ASSERT_TRUE(run_until(io, [&] { return a.peer_count() == 1 && b.peer_count() == 1; }));
  for (int i = 0; i < 10; ++i) b.p2p().broadcast(core::Bytes(1000, 1));
  a.p2p().stop();
  const auto seen = a.messages.size() + a.disconnected.size() + a.connected.size();
  ASSERT_TRUE(run_until(io, [&] { return b.disconnected.size() == 1; }));
  run_for(io, 200ms);
  EXPECT_EQ(a.messages.size() + a.disconnected.size() + a.connected.size(), seen);
  EXPECT_EQ(a.peer_count(), 0u);
}

}  // namespace
}  // namespace grid::node::p2p
