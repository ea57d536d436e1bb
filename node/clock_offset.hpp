// ClockOffset: how far this machine's clock is from the clocks of the other validators, measured
// from the timestamps of their votes (each vote is signed with its author's clock).
//
// Contract:
// - add_vote(validator, timestamp_ms, local_ms): a verified vote of another validator of the
//   current height, received at local_ms by this machine's clock. The sample local - timestamp
//   is this clock's offset plus the message's delay; per validator the smallest of its last
//   kSamplesPerValidator samples is kept (re-sent votes only add delay), at most kMaxValidators
//   validators are tracked (the least recently heard is dropped).
// - offset_ms(): the median over validators of those minima (positive: this clock is ahead),
//   counting a validator once kMinSamples of its votes arrived (a single vote re-sent long after
//   it was signed, as at start, would look like an offset); nullopt until then (a chain with one
//   validator has no other clock to compare with).
// - warning(local_ms, threshold_ms): a log line when |offset| passes the threshold, at most once
//   per kWarnEveryMs, and one line when it is back under it; nullopt otherwise.
// The consensus never reads this: block times come from votes (consensus/block_time.hpp), so a
// wrong clock only makes this validator's own timestamps wrong. It is for the operator.
// Thread safety: single-threaded (the node thread).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "consensus/types.hpp"

namespace grid::node {

class ClockOffset {
 public:
  static constexpr std::size_t kSamplesPerValidator = 8;
  static constexpr std::size_t kMinSamples = 3;
  static constexpr std::size_t kMaxValidators = 256;
  static constexpr std::uint64_t kWarnEveryMs = 60'000;

  void add_vote(const consensus::ValidatorKey& validator, std::uint64_t timestamp_ms,
                std::uint64_t local_ms);
  std::optional<std::int64_t> offset_ms() const;
  std::size_t validators_tracked() const { return samples_.size(); }
  std::optional<std::string> warning(std::uint64_t local_ms, std::uint64_t threshold_ms);

 private:
  struct Samples {
    std::deque<std::int64_t> recent;
    std::uint64_t last_heard_ms = 0;
  };
  std::map<consensus::ValidatorKey, Samples> samples_;
  bool warned_ = false;
  std::uint64_t last_warning_ms_ = 0;
};

}  // namespace grid::node
