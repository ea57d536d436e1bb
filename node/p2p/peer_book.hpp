// PeerBook: misbehaviour scores and bans of p2p peers; Backoff: the re-dial delays.
//
// A peer earns points for misbehaviour (a protocol violation is kBanThreshold at once; upper
// layers choose smaller amounts for e.g. an invalid transaction). Points decay linearly
// (decay_per_minute) so that rare mistakes are forgotten. Reaching the threshold bans the peer's
// node key and its IP address for ban_time, and its score restarts at zero. Before the
// handshake has told us a peer's key, its points are counted against its IP address.
//
// Contract: every method takes `now` (steady clock) instead of reading a clock, so tests drive
// time. Memory is bounded: at most max_tracked scores and max_tracked bans of each kind are kept
// (expired and decayed entries are dropped first, then the oldest).
// Thread safety: none; P2p uses it from its io_context thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "node/p2p/peer_address.hpp"

namespace grid::node::p2p {

inline constexpr int kBanThreshold = 100;
inline constexpr int kPenaltyProtocolViolation = kBanThreshold;

struct PeerBookConfig {
  std::chrono::seconds ban_time{600};
  int decay_per_minute = 10;
  std::size_t max_tracked = 4096;
};

class PeerBook {
 public:
  using Clock = std::chrono::steady_clock;

  explicit PeerBook(PeerBookConfig config = {}) : config_(config) {}

  struct Outcome {
    int score = 0;        // after adding the points (0 after a ban)
    bool banned = false;  // this penalty crossed the threshold
  };
  Outcome penalize(const std::optional<NodeKey>& key, const std::string& ip, int points,
                   Clock::time_point now);
  void ban(const std::optional<NodeKey>& key, const std::string& ip, Clock::time_point now);

  bool is_banned(const NodeKey& key, Clock::time_point now) const;
  bool is_banned_ip(const std::string& ip, Clock::time_point now) const;
  int score(const std::optional<NodeKey>& key, const std::string& ip, Clock::time_point now) const;

 private:
  struct Score {
    std::int64_t milli_points = 0;
    Clock::time_point updated;
  };
  std::int64_t decayed(const Score& s, Clock::time_point now) const;
  void prune(Clock::time_point now);

  PeerBookConfig config_;
  std::map<std::string, Score> scores_;  // "key:<hex>" or "ip:<address>"
  std::map<NodeKey, Clock::time_point> banned_keys_;
  std::map<std::string, Clock::time_point> banned_ips_;
};

// Exponential backoff: next() returns initial, then doubles on each call up to max; reset()
// starts again from initial (after a successful connection).
class Backoff {
 public:
  Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max)
      : initial_(initial), max_(max), next_(initial) {}
  std::chrono::milliseconds next();
  void reset() { next_ = initial_; }

 private:
  std::chrono::milliseconds initial_, max_, next_;
};

}  // namespace grid::node::p2p
