// ServeBudget: how many bytes of blocks this node serves each peer per window, so that repeated
// tiny GetBlocks requests cannot make it read and send megabytes without end.
//
// Contract: allows(peer, now) is false once the peer was served `bytes_per_window` bytes in the
// current window (a window starts with the first request after the previous one ended); the
// node then does not answer (the requester times out and asks another peer). spend() counts what
// was sent; forget() drops a disconnected peer. Time is passed in (steady clock), so tests drive
// it. Thread safety: the node thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>

#include "node/p2p/p2p.hpp"

namespace grid::node {

class ServeBudget {
 public:
  using Clock = std::chrono::steady_clock;
  ServeBudget(std::size_t bytes_per_window, Clock::duration window)
      : limit_(bytes_per_window), window_(window) {}

  bool allows(p2p::PeerId peer, Clock::time_point now);
  void spend(p2p::PeerId peer, std::size_t bytes) { windows_[peer].spent += bytes; }
  void forget(p2p::PeerId peer) { windows_.erase(peer); }

 private:
  struct Window {
    Clock::time_point start{};
    std::size_t spent = 0;
  };
  std::size_t limit_;
  Clock::duration window_;
  std::map<p2p::PeerId, Window> windows_;
};

}  // namespace grid::node
