// BlockSync: when a node is behind, whom it asks, for what, and what happens on silence.
#include "node/block_sync.hpp"

#include <gtest/gtest.h>

namespace grid::node {
namespace {

using Clock = BlockSync::Clock;
using std::chrono::seconds;

TEST(BlockSyncTest, OneBlockBehindWaitsForConsensusUntilItStalls) {
  BlockSync sync(0);
  Clock::time_point t0{};
  sync.on_tip(10, t0);
  sync.on_status(1, 11, t0);
  EXPECT_FALSE(sync.next_request(t0 + seconds(1)));
  auto request = sync.next_request(t0 + seconds(4));
  ASSERT_TRUE(request);
  EXPECT_EQ(request->peer, 1u);
  EXPECT_EQ(request->from, 11u);
  EXPECT_EQ(request->count, 1u);
}

TEST(BlockSyncTest, FarBehindAsksTheMostAdvancedPeerForABatch) {
  BlockSync sync(0);
  Clock::time_point t0{};
  sync.on_tip(5, t0);
  sync.on_status(1, 50, t0);
  sync.on_status(2, 500, t0);
  auto request = sync.next_request(t0);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->peer, 2u);
  EXPECT_EQ(request->from, 6u);
  EXPECT_EQ(request->count, 64u);
  EXPECT_TRUE(sync.syncing());
  EXPECT_FALSE(sync.next_request(t0)) << "one request in flight at a time";
  EXPECT_FALSE(sync.on_response(1)) << "an answer from another peer is not the answer";
  EXPECT_TRUE(sync.on_response(2));
  sync.on_tip(69, t0 + seconds(1));
  auto progress = sync.progress(t0 + seconds(1));
  EXPECT_EQ(progress.height, 69u);
  EXPECT_EQ(progress.target, 500u);
  EXPECT_GT(progress.blocks_per_second, 0.0);
  auto next = sync.next_request(t0 + seconds(1));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->from, 70u);
}

TEST(BlockSyncTest, ASilentPeerIsReportedAndAnotherIsAsked) {
  BlockSync sync(0);
  Clock::time_point t0{};
  sync.on_tip(0, t0);
  sync.on_status(1, 100, t0);
  sync.on_status(2, 90, t0);
  ASSERT_EQ(sync.next_request(t0)->peer, 1u);
  EXPECT_FALSE(sync.expired(t0 + seconds(5)));
  EXPECT_EQ(sync.expired(t0 + seconds(11)), std::optional<p2p::PeerId>(1));
  auto retry = sync.next_request(t0 + seconds(11));
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->peer, 2u) << "the slow peer is tried last";
}

TEST(BlockSyncTest, CaughtUpEndsSyncingAndAGonePeerIsForgotten) {
  BlockSync sync(0);
  Clock::time_point t0{};
  sync.on_status(1, 30, t0);
  ASSERT_TRUE(sync.next_request(t0));
  sync.on_peer_gone(1);
  EXPECT_EQ(sync.best_peer_height(), 0u);
  sync.on_tip(30, t0);
  EXPECT_FALSE(sync.syncing());
  EXPECT_FALSE(sync.next_request(t0 + seconds(60)));
}

// A restarted node starts from its own tip: it never asks for blocks it already has (it used to
// start at 0, ask for 1..64 again and again, apply none of them and never catch up).
TEST(BlockSyncTest, ARestartedNodeAsksForTheBlocksAfterItsOwnTip) {
  BlockSync sync(27);
  Clock::time_point t0{};
  sync.on_status(1, 131, t0);
  auto request = sync.next_request(t0);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->from, 28u);
  EXPECT_EQ(request->count, 64u);
}

TEST(BlockSyncTest, AUselessAnswerSendsTheNextRequestElsewhere) {
  BlockSync sync(10);
  Clock::time_point t0{};
  sync.on_status(1, 100, t0);
  sync.on_status(2, 90, t0);
  ASSERT_EQ(sync.next_request(t0)->peer, 1u);
  ASSERT_TRUE(sync.on_response(1));
  sync.on_useless(1);
  EXPECT_EQ(sync.best_peer_height(), 90u) << "a useless peer's claim is forgotten";
  auto next = sync.next_request(t0);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->peer, 2u);
  EXPECT_EQ(next->from, 11u);
}

}  // namespace
}  // namespace grid::node
