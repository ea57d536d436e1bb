#include "consensus/block_time.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace grid::consensus {

std::optional<std::uint64_t> commit_median_ms(const ValidatorSet& set, const Commit& commit) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> stamps;  // (timestamp, power)
  stamps.reserve(commit.signatures.size());
  unsigned __int128 total = 0;
  for (const CommitSig& sig : commit.signatures) {
    std::uint64_t power = set.power_of(sig.validator);
    if (power == 0) return std::nullopt;
    stamps.emplace_back(sig.timestamp_ms, power);
    total += power;
  }
  if (stamps.empty()) return std::nullopt;
  std::sort(stamps.begin(), stamps.end());
  unsigned __int128 cumulative = 0;
  for (const auto& [timestamp, power] : stamps) {
    cumulative += power;
    if (2 * cumulative >= total) return timestamp;
  }
  return stamps.back().first;  // unreachable: the last step reaches the total
}

std::uint64_t block_time_seconds(std::uint64_t previous_seconds, std::uint64_t median_ms) {
  return std::max(median_ms / 1000, previous_seconds);
}

}  // namespace grid::consensus
