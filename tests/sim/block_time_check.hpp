// BlockTimeCheck: the simulation's checks of block time ("BFT time", consensus/block_time.hpp)
// on every block an honest node applies.
//
// Contract (on_applied returns the first violation as a message with the height and the numbers,
// or an empty string):
// - Rule: height 1 has the time kSimGenesisTimeS + 1; a block of height h >= 2 has the time
//   block_time_seconds(time(h - 1), m) where m = commit_median_ms(set of h - 1, its commit of
//   h - 1), and that time is never before the previous block's (monotonic).
// - When the faulty power of the set of h - 1 (keys declared faulty: skewed clocks, byzantine) is
//   below 1/3 of its total:
//   (a) m lies within [min, max] of the timestamps of the non-faulty signers of that commit (the
//       commit has more than 2/3 of the power, the faulty less than half of it; the seconds value
//       follows from m by the rule, whose clamp to previous + 1 is allowed whatever m says);
//   (b) virtual-time window: with T(x) the virtual time at which an honest node first applied
//       height x (T(0) = 0) and E the largest clock error of a non-faulty honest node up to now,
//       T(h - 2) - E <= m - epoch <= T(h) + E. Why: a non-faulty signer of a precommit of h - 1
//       signed it at height h - 1, so after its own decision of h - 2 (>= T(h - 2)), and before
//       the block of h that carries it was proposed (<= T(h)); its clock read that time within E;
//       by (a) m lies between two such readings. So no minority clock moves block time by more
//       than the window of two heights plus E.
// - first_applied_ms(h) is T(h); max_lag_ms() is the largest |m - epoch - T(h)| over the checks.
// Single-threaded; heights must be fed in the order nodes apply them.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "tests/sim/kv_app.hpp"

namespace grid::sim {

class BlockTimeCheck {
 public:
  BlockTimeCheck(std::uint64_t epoch_ms, std::set<consensus::ValidatorKey> faulty)
      : epoch_ms_(epoch_ms), faulty_(std::move(faulty)) {}

  // Block `index` of app.applied() has just been applied at virtual time now_ms; clock_error_ms
  // is E at now_ms.
  std::string on_applied(const KvApp& app, std::size_t index, std::uint64_t now_ms,
                         std::uint64_t clock_error_ms);

  std::uint64_t first_applied_ms(consensus::Height h) const;  // 0 when not applied yet
  std::uint64_t bounded_checks() const { return bounded_checks_; }
  std::uint64_t max_lag_ms() const { return max_lag_ms_; }

 private:
  std::string check_rule(const KvApp& app, std::size_t index, std::uint64_t& median) const;
  bool faulty_below_third(const consensus::ValidatorSet& set) const;
  std::string check_signers(const consensus::Commit& commit, std::uint64_t median) const;
  std::string check_window(consensus::Height h, std::uint64_t median, std::uint64_t error);

  std::uint64_t epoch_ms_;
  std::set<consensus::ValidatorKey> faulty_;
  std::map<consensus::Height, std::uint64_t> first_applied_ms_;
  std::uint64_t bounded_checks_ = 0;
  std::uint64_t max_lag_ms_ = 0;
};

}  // namespace grid::sim
