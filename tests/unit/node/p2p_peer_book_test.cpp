#include <gtest/gtest.h>

#include <vector>

#include "node/p2p/peer_address.hpp"
#include "node/p2p/peer_book.hpp"

namespace grid::node::p2p {
namespace {

using namespace std::chrono_literals;
using Clock = PeerBook::Clock;

NodeKey key_of(std::uint8_t fill) {
  NodeKey k{};
  k.fill(fill);
  return k;
}

TEST(PeerBookTest, PointsAddUpToABanOfKeyAndIp) {
  PeerBook book(PeerBookConfig{600s, 0, 100});
  const auto t0 = Clock::time_point{} + 1h;
  const NodeKey k = key_of(1);
  auto first = book.penalize(k, "10.0.0.1", 60, t0);
  EXPECT_EQ(first.score, 60);
  EXPECT_FALSE(first.banned);
  EXPECT_FALSE(book.is_banned(k, t0));
  auto second = book.penalize(k, "10.0.0.1", 40, t0);
  EXPECT_TRUE(second.banned);
  EXPECT_TRUE(book.is_banned(k, t0));
  EXPECT_TRUE(book.is_banned_ip("10.0.0.1", t0));
  EXPECT_FALSE(book.is_banned(key_of(2), t0));
  EXPECT_FALSE(book.is_banned_ip("10.0.0.2", t0));
  EXPECT_EQ(book.score(k, "10.0.0.1", t0), 0);  // restarts after the ban
}

TEST(PeerBookTest, BansExpireAfterBanTime) {
  PeerBook book(PeerBookConfig{600s, 0, 100});
  const auto t0 = Clock::time_point{} + 1h;
  book.penalize(key_of(1), "10.0.0.1", 100, t0);
  EXPECT_TRUE(book.is_banned(key_of(1), t0 + 599s));
  EXPECT_TRUE(book.is_banned_ip("10.0.0.1", t0 + 599s));
  EXPECT_FALSE(book.is_banned(key_of(1), t0 + 600s));
  EXPECT_FALSE(book.is_banned_ip("10.0.0.1", t0 + 600s));
}

TEST(PeerBookTest, WithoutAKeyTheIpCarriesTheScore) {
  PeerBook book(PeerBookConfig{60s, 0, 100});
  const auto t0 = Clock::time_point{} + 1h;
  book.penalize(std::nullopt, "10.0.0.9", 50, t0);
  EXPECT_EQ(book.score(std::nullopt, "10.0.0.9", t0), 50);
  EXPECT_EQ(book.score(key_of(3), "10.0.0.9", t0), 0);  // a key's score is its own
  EXPECT_TRUE(book.penalize(std::nullopt, "10.0.0.9", 50, t0).banned);
  EXPECT_TRUE(book.is_banned_ip("10.0.0.9", t0));
}

TEST(PeerBookTest, AnEmptyIpIsNotBanned) {
  PeerBook book(PeerBookConfig{60s, 0, 100});
  const auto t0 = Clock::time_point{} + 1h;
  EXPECT_TRUE(book.penalize(key_of(4), "", 100, t0).banned);
  EXPECT_TRUE(book.is_banned(key_of(4), t0));
  EXPECT_FALSE(book.is_banned_ip("", t0));
}

TEST(PeerBookTest, ScoresDecayOverTime) {
  PeerBook book(PeerBookConfig{60s, 10, 100});  // 10 points a minute
  const auto t0 = Clock::time_point{} + 1h;
  book.penalize(key_of(5), "10.0.0.5", 90, t0);
  EXPECT_EQ(book.score(key_of(5), "10.0.0.5", t0 + 3min), 60);
  EXPECT_FALSE(book.penalize(key_of(5), "10.0.0.5", 30, t0 + 3min).banned);  // 90 < 100
  EXPECT_EQ(book.score(key_of(5), "10.0.0.5", t0 + 3min + 1h), 0);
}

TEST(PeerBookTest, MemoryStaysBounded) {
  PeerBook book(PeerBookConfig{600s, 0, 8});
  const auto t0 = Clock::time_point{} + 1h;
  for (int i = 0; i < 100; ++i) book.penalize(std::nullopt, "10.1.0." + std::to_string(i), 1, t0);
  int tracked = 0;
  for (int i = 0; i < 100; ++i)
    tracked += book.score(std::nullopt, "10.1.0." + std::to_string(i), t0);
  EXPECT_LE(tracked, 9);
  for (int i = 0; i < 100; ++i) book.ban(key_of(static_cast<std::uint8_t>(i)), "", t0);
  int banned = 0;
  for (int i = 0; i < 100; ++i) banned += book.is_banned(key_of(static_cast<std::uint8_t>(i)), t0);
  EXPECT_LE(banned, 9);
  EXPECT_TRUE(book.is_banned(key_of(99), t0));  // the newest ban is kept
}

TEST(BackoffTest, DoublesUpToTheMaximumAndResets) {
  Backoff b(500ms, 30s);
  std::vector<std::chrono::milliseconds> got;
  for (int i = 0; i < 9; ++i) got.push_back(b.next());
  const std::vector<std::chrono::milliseconds> want = {500ms, 1s, 2s, 4s, 8s, 16s, 30s, 30s, 30s};
  EXPECT_EQ(got, want);
  b.reset();
  EXPECT_EQ(b.next(), 500ms);
}

TEST(PeerAddressTest, ParsesKeyHostAndPort) {
  const std::string hex(64, 'a');
  auto a = parse_peer_address(hex + "@node1.example:26656");
  ASSERT_TRUE(a) << a.error().to_string();
  ASSERT_TRUE(a->key);
  EXPECT_EQ((*a->key)[0], 0xaa);
  EXPECT_EQ(a->host, "node1.example");
  EXPECT_EQ(a->port, 26656);
  EXPECT_EQ(a->to_string(), hex + "@node1.example:26656");

  auto b = parse_peer_address("127.0.0.1:9");
  ASSERT_TRUE(b);
  EXPECT_FALSE(b->key);
  EXPECT_EQ(b->host_port(), "127.0.0.1:9");

  auto v6 = parse_peer_address("[::1]:26656");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->host_port(), "[::1]:26656");
}

TEST(PeerAddressTest, RefusesMalformedAddresses) {
  const std::string hex(64, 'a');
  for (const std::string& bad : std::vector<std::string>{
           "", "host", "host:", ":26656", "host:0", "host:65536", "host:12x", "::1:26656",
           "[::1]26656", std::string(63, 'a') + "@h:1", std::string(64, 'g') + "@h:1", hex + "@"}) {
    auto parsed = parse_peer_address(bad);
    EXPECT_FALSE(parsed) << "accepted '" << bad << "'";
    if (!parsed) {
      EXPECT_EQ(parsed.error().code(), core::Code::invalid);
    }
  }
}

}  // namespace
}  // namespace grid::node::p2p
