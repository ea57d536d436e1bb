// BlockSync: decides when this node is behind its peers and which blocks to ask for, and
// reports progress. It does not touch the network or the chain itself: the node sends the
// requests it returns and applies the blocks that arrive (ConsensusApp::apply_synced verifies
// each commit against the validator set of its height).
//
// Contract:
// - Peers announce their tip (PeerStatus). The node is behind when a peer is at least
//   kLagToSync heights ahead, or has been ahead at all for longer than stall_timeout (the
//   engine's own catch-up did not bring it along).
// - It starts at the chain's tip (the constructor's `tip`, not 0: a restarted node asks for the
//   blocks after its own tip) and follows every move of the tip (on_tip).
// - One request in flight at a time, to the most advanced peer that was not slow lately; a
//   request not answered within request_timeout is abandoned (the peer is reported slow) and the
//   next tick asks another; so is an answer that brought no new block (on_useless).
// - progress() gives height, target, blocks per second and the estimated time left; the node
//   logs it at most every few seconds while syncing.
// Thread safety: the node thread only. Time is passed in (steady clock), so tests drive it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "node/p2p/p2p.hpp"

namespace grid::node {

inline constexpr std::uint64_t kLagToSync = 2;

struct SyncRequest {
  p2p::PeerId peer = 0;
  std::uint64_t from = 0;
  std::uint32_t count = 0;
};

struct SyncProgress {
  std::uint64_t height = 0;
  std::uint64_t target = 0;
  double blocks_per_second = 0;
  double seconds_left = 0;
};

class BlockSync {
 public:
  using Clock = std::chrono::steady_clock;
  struct Options {
    std::uint32_t batch = 64;
    Clock::duration stall_timeout = std::chrono::seconds(3);
    Clock::duration request_timeout = std::chrono::seconds(10);
  };
  explicit BlockSync(std::uint64_t tip) : BlockSync(tip, Options{}) {}
  BlockSync(std::uint64_t tip, Options options) : options_(options), tip_(tip) {}

  void on_status(p2p::PeerId peer, std::uint64_t height, Clock::time_point now);
  void on_peer_gone(p2p::PeerId peer);
  // The tip moved (by consensus or by sync).
  void on_tip(std::uint64_t height, Clock::time_point now);
  // A request to send now, if the node is behind and nothing is in flight.
  std::optional<SyncRequest> next_request(Clock::time_point now);
  // A response arrived from `peer`: true when it answers the request in flight.
  bool on_response(p2p::PeerId peer);
  // The answer of `peer` brought no block after the tip: its claimed height is forgotten until
  // it announces one again, and it is asked last next time.
  void on_useless(p2p::PeerId peer);
  // A request timed out: the peer to penalize, if any.
  std::optional<p2p::PeerId> expired(Clock::time_point now);

  bool syncing() const { return syncing_; }
  std::uint64_t best_peer_height() const;
  SyncProgress progress(Clock::time_point now) const;

 private:
  Options options_;
  std::map<p2p::PeerId, std::uint64_t> peer_heights_;
  std::uint64_t tip_;
  Clock::time_point behind_since_{};
  bool behind_ = false;
  bool syncing_ = false;
  std::optional<SyncRequest> in_flight_;
  Clock::time_point in_flight_since_{};
  std::uint64_t started_height_ = 0;
  Clock::time_point started_at_{};
  std::map<p2p::PeerId, int> slow_;
};

}  // namespace grid::node
