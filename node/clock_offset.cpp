#include "node/clock_offset.hpp"

#include <algorithm>
#include <vector>

namespace grid::node {

void ClockOffset::add_vote(const consensus::ValidatorKey& validator, std::uint64_t timestamp_ms,
                           std::uint64_t local_ms) {
  if (!samples_.contains(validator) && samples_.size() >= kMaxValidators) {
    auto oldest = std::min_element(samples_.begin(), samples_.end(), [](auto& a, auto& b) {
      return a.second.last_heard_ms < b.second.last_heard_ms;
    });
    samples_.erase(oldest);
  }
  Samples& s = samples_[validator];
  s.recent.push_back(static_cast<std::int64_t>(local_ms) - static_cast<std::int64_t>(timestamp_ms));
  if (s.recent.size() > kSamplesPerValidator) s.recent.pop_front();
  s.last_heard_ms = local_ms;
}

std::optional<std::int64_t> ClockOffset::offset_ms() const {
  std::vector<std::int64_t> minima;
  for (const auto& [key, s] : samples_)
    if (s.recent.size() >= kMinSamples)
      minima.push_back(*std::min_element(s.recent.begin(), s.recent.end()));
  if (minima.empty()) return std::nullopt;
  auto middle = minima.begin() + static_cast<std::ptrdiff_t>((minima.size() - 1) / 2);
  std::nth_element(minima.begin(), middle, minima.end());
  return *middle;
}

std::optional<std::string> ClockOffset::warning(std::uint64_t local_ms,
                                                std::uint64_t threshold_ms) {
  auto offset = offset_ms();
  if (!offset) return std::nullopt;
  const std::uint64_t size = static_cast<std::uint64_t>(*offset < 0 ? -*offset : *offset);
  const std::string magnitude =
      std::to_string(size / 1000) + "." + std::to_string((size % 1000) / 100) + " s";
  if (size <= threshold_ms) {
    if (!warned_) return std::nullopt;
    warned_ = false;
    return "the clock is back within " + std::to_string(threshold_ms) +
           " ms of the other validators' (offset " + (*offset < 0 ? "-" : "") + magnitude + ")";
  }
  if (warned_ && local_ms - last_warning_ms_ < kWarnEveryMs) return std::nullopt;
  warned_ = true;
  last_warning_ms_ = local_ms;
  return std::string("this machine's clock is ") + (*offset > 0 ? "ahead of" : "behind") +
         " the other validators' by about " + magnitude +
         ": block times do not depend on it, but this validator's vote timestamps do; "
         "synchronise the clock with NTP (docs/operations.md)";
}

}  // namespace grid::node
