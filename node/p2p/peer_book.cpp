#include "node/p2p/peer_book.hpp"

#include <algorithm>

#include "core/bytes.hpp"

namespace grid::node::p2p {
namespace {

std::string score_id(const std::optional<NodeKey>& key, const std::string& ip) {
  return key ? "key:" + core::hex_encode(*key) : "ip:" + ip;
}

// Keeps a map under `limit` entries: drops the entries that `dead` says are over, then the
// entries that expire first.
template <class Map, class Dead>
void bound(Map& map, std::size_t limit, Dead dead) {
  std::erase_if(map, [&](const auto& entry) { return dead(entry.second); });
  while (map.size() > limit) {
    auto oldest = std::min_element(
        map.begin(), map.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    map.erase(oldest);
  }
}

}  // namespace

std::int64_t PeerBook::decayed(const Score& s, Clock::time_point now) const {
  const auto elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now - s.updated).count();
  // decay_per_minute points per 60 000 ms = decay_per_minute milli-points per 60 ms.
  const std::int64_t decay = std::max<std::int64_t>(0, elapsed_ms) * config_.decay_per_minute / 60;
  return std::max<std::int64_t>(0, s.milli_points - decay);
}

PeerBook::Outcome PeerBook::penalize(const std::optional<NodeKey>& key, const std::string& ip,
                                     int points, Clock::time_point now) {
  Score& s = scores_[score_id(key, ip)];
  s.milli_points = std::max<std::int64_t>(0, decayed(s, now) + std::int64_t{points} * 1000);
  s.updated = now;
  Outcome out{static_cast<int>(s.milli_points / 1000), false};
  if (out.score >= kBanThreshold) {
    scores_.erase(score_id(key, ip));
    ban(key, ip, now);
    out = Outcome{0, true};
  }
  if (scores_.size() > config_.max_tracked) prune(now);
  return out;
}

void PeerBook::ban(const std::optional<NodeKey>& key, const std::string& ip,
                   Clock::time_point now) {
  const auto until = now + config_.ban_time;
  if (key) banned_keys_[*key] = until;
  if (!ip.empty()) banned_ips_[ip] = until;
  if (banned_keys_.size() > config_.max_tracked || banned_ips_.size() > config_.max_tracked)
    prune(now);
}

bool PeerBook::is_banned(const NodeKey& key, Clock::time_point now) const {
  auto it = banned_keys_.find(key);
  return it != banned_keys_.end() && now < it->second;
}

bool PeerBook::is_banned_ip(const std::string& ip, Clock::time_point now) const {
  auto it = banned_ips_.find(ip);
  return it != banned_ips_.end() && now < it->second;
}

int PeerBook::score(const std::optional<NodeKey>& key, const std::string& ip,
                    Clock::time_point now) const {
  auto it = scores_.find(score_id(key, ip));
  return it == scores_.end() ? 0 : static_cast<int>(decayed(it->second, now) / 1000);
}

void PeerBook::prune(Clock::time_point now) {
  auto expired = [now](Clock::time_point until) { return until <= now; };
  bound(banned_keys_, config_.max_tracked, expired);
  bound(banned_ips_, config_.max_tracked, expired);
  std::erase_if(scores_, [&](const auto& entry) { return decayed(entry.second, now) == 0; });
  while (scores_.size() > config_.max_tracked) {
    auto stalest = std::min_element(
        scores_.begin(), scores_.end(),
        [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
    scores_.erase(stalest);
  }
}

std::chrono::milliseconds Backoff::next() {
  const auto delay = next_;
  next_ = std::min(max_, next_ * 2);
  return delay;
}

}  // namespace grid::node::p2p
