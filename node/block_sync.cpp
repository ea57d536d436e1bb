#include "node/block_sync.hpp"

#include <algorithm>

namespace grid::node {

void BlockSync::on_status(p2p::PeerId peer, std::uint64_t height, Clock::time_point now) {
  peer_heights_[peer] = height;
  on_tip(tip_, now);
}

void BlockSync::on_peer_gone(p2p::PeerId peer) {
  peer_heights_.erase(peer);
  slow_.erase(peer);
  if (in_flight_ && in_flight_->peer == peer) in_flight_.reset();
}

std::uint64_t BlockSync::best_peer_height() const {
  std::uint64_t best = 0;
  for (const auto& [peer, height] : peer_heights_) best = std::max(best, height);
  return best;
}

void BlockSync::on_tip(std::uint64_t height, Clock::time_point now) {
  if (height != tip_) behind_since_ = now;  // progress resets the stall clock
  tip_ = height;
  bool ahead = best_peer_height() > tip_;
  if (ahead && !behind_) behind_since_ = now;
  behind_ = ahead;
  if (!ahead) syncing_ = false;
}

std::optional<SyncRequest> BlockSync::next_request(Clock::time_point now) {
  if (in_flight_ || !behind_) return std::nullopt;
  const std::uint64_t best = best_peer_height();
  bool far = best >= tip_ + kLagToSync;
  bool stalled = now - behind_since_ >= options_.stall_timeout;
  if (!far && !stalled) return std::nullopt;
  // The most advanced peer that was not slow lately (ties: the smallest id).
  std::optional<p2p::PeerId> chosen;
  int chosen_slow = 0;
  for (const auto& [peer, height] : peer_heights_) {
    if (height <= tip_) continue;
    int slow = slow_.contains(peer) ? slow_.at(peer) : 0;
    if (!chosen || slow < chosen_slow ||
        (slow == chosen_slow && height > peer_heights_.at(*chosen))) {
      chosen = peer;
      chosen_slow = slow;
    }
  }
  if (!chosen) return std::nullopt;
  if (!syncing_) {
    syncing_ = true;
    started_height_ = tip_;
    started_at_ = now;
  }
  std::uint64_t count = std::min<std::uint64_t>(options_.batch, peer_heights_.at(*chosen) - tip_);
  in_flight_ = SyncRequest{*chosen, tip_ + 1, static_cast<std::uint32_t>(count)};
  in_flight_since_ = now;
  return in_flight_;
}

bool BlockSync::on_response(p2p::PeerId peer) {
  if (!in_flight_ || in_flight_->peer != peer) return false;
  in_flight_.reset();
  slow_.erase(peer);
  return true;
}

void BlockSync::on_useless(p2p::PeerId peer) {
  ++slow_[peer];
  peer_heights_.erase(peer);
}

std::optional<p2p::PeerId> BlockSync::expired(Clock::time_point now) {
  if (!in_flight_ || now - in_flight_since_ < options_.request_timeout) return std::nullopt;
  p2p::PeerId peer = in_flight_->peer;
  ++slow_[peer];
  in_flight_.reset();
  return peer;
}

SyncProgress BlockSync::progress(Clock::time_point now) const {
  SyncProgress p;
  p.height = tip_;
  p.target = std::max(best_peer_height(), tip_);
  double seconds = std::chrono::duration<double>(now - started_at_).count();
  if (syncing_ && seconds > 0 && tip_ > started_height_) {
    p.blocks_per_second = static_cast<double>(tip_ - started_height_) / seconds;
    p.seconds_left = static_cast<double>(p.target - tip_) / p.blocks_per_second;
  }
  return p;
}

}  // namespace grid::node
