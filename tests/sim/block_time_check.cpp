#include "tests/sim/block_time_check.hpp"

#include <algorithm>

#include "consensus/block_time.hpp"

namespace grid::sim {

using namespace grid::consensus;

namespace {

std::string num(std::uint64_t v) {
  return std::to_string(v);
}

std::uint64_t distance(std::uint64_t a, std::uint64_t b) {
  return a > b ? a - b : b - a;
}

}  // namespace

std::string BlockTimeCheck::check_rule(const KvApp& app, std::size_t index,
                                       std::uint64_t& median) const {
  const AppliedBlock& b = app.applied()[index];
  std::string at = "height " + num(b.height) + ": ";
  if (b.height == 1)
    return b.time_s == kSimGenesisTimeS + 1
               ? ""
               : at + "time " + num(b.time_s) +
                     ", expected genesis + 1 = " + num(kSimGenesisTimeS + 1);
  if (index == 0) return at + "applied without the previous height";
  const AppliedBlock& previous = app.applied()[index - 1];
  if (b.time_s < previous.time_s)
    return at + "time " + num(b.time_s) + " before the previous block's " + num(previous.time_s);
  const ValidatorSet* set = app.set_of(b.height - 1);
  if (!set || !b.last_commit) return at + "no set or no commit of the previous height";
  auto m = commit_median_ms(*set, *b.last_commit);
  if (!m) return at + "the carried commit has no median";
  median = *m;
  std::uint64_t expected = block_time_seconds(previous.time_s, median);
  if (b.time_s != expected)
    return at + "time " + num(b.time_s) + ", the rule gives " + num(expected) + " (previous " +
           num(previous.time_s) + ", median " + num(median) + " ms)";
  return "";
}

bool BlockTimeCheck::faulty_below_third(const ValidatorSet& set) const {
  unsigned __int128 faulty = 0;
  for (const auto& key : faulty_) faulty += set.power_of(key);
  return 3 * faulty < set.total_power();
}

std::string BlockTimeCheck::check_signers(const Commit& commit, std::uint64_t median) const {
  std::uint64_t lo = UINT64_MAX, hi = 0;
  for (const CommitSig& sig : commit.signatures) {
    if (faulty_.count(sig.validator)) continue;
    lo = std::min(lo, sig.timestamp_ms);
    hi = std::max(hi, sig.timestamp_ms);
  }
  if (lo > hi) return "no non-faulty signer in the commit of height " + num(commit.height);
  if (median < lo || median > hi)
    return "median " + num(median) + " ms of the commit of height " + num(commit.height) +
           " outside the non-faulty signers' [" + num(lo) + ", " + num(hi) + "] ms";
  return "";
}

std::uint64_t BlockTimeCheck::first_applied_ms(Height h) const {
  auto it = first_applied_ms_.find(h);
  return it == first_applied_ms_.end() ? 0 : it->second;
}

std::string BlockTimeCheck::check_window(Height h, std::uint64_t median, std::uint64_t error) {
  std::uint64_t before = h >= 3 ? first_applied_ms(h - 2) : 0;
  std::uint64_t decided = first_applied_ms(h);
  std::uint64_t lo = epoch_ms_ + before - std::min(error, epoch_ms_ + before);
  std::uint64_t hi = epoch_ms_ + decided + error;
  max_lag_ms_ = std::max(max_lag_ms_, distance(median, epoch_ms_ + decided));
  if (median < lo || median > hi)
    return "height " + num(h) + ": median " + num(median) + " ms is " +
           (median < lo ? num(lo - median) + " ms before" : num(median - hi) + " ms after") +
           " the window [T(h-2) - E, T(h) + E] = [" + num(lo) + ", " + num(hi) +
           "] (epoch + virtual time, T(h-2) = " + num(before) + ", T(h) = " + num(decided) +
           ", E = " + num(error) + ")";
  return "";
}

std::string BlockTimeCheck::on_applied(const KvApp& app, std::size_t index, std::uint64_t now_ms,
                                       std::uint64_t clock_error_ms) {
  const AppliedBlock& b = app.applied()[index];
  first_applied_ms_.emplace(b.height, now_ms);
  std::uint64_t median = 0;
  if (auto why = check_rule(app, index, median); !why.empty()) return why;
  if (b.height == 1 || !faulty_below_third(*app.set_of(b.height - 1))) return "";
  ++bounded_checks_;
  if (auto why = check_signers(*b.last_commit, median); !why.empty())
    return "height " + num(b.height) + ": " + why;
  return check_window(b.height, median, clock_error_ms);
}

}  // namespace grid::sim
