// ValidatorSet: the voting powers of one height, its hash, its 2/3 thresholds, and the weighted
// round-robin proposer priorities (CometBFT's algorithm, see docs/consensus.md).
//
// Contract:
// - Validators are kept sorted by key; keys are unique; every power is > 0 and the total is at most
//   kMaxTotalPower, so that priorities (bounded by about 3 * total) fit an i64.
// - hash() = blake2b_256(encode(vector<Validator>)) over (key, power) only: priorities are
//   bookkeeping derived from history, not part of the set's identity.
// - Thresholds use u128 products: has_quorum(p) is 3p > 2 total, has_one_third(p) is 3p > total.
// - increment_proposer() performs one round of the proposer election and returns the winner:
//   rescale if the priority spread exceeds 2 * total, center on the average (truncating division),
//   add each power, the highest priority wins (ties: smaller key), the winner pays total.
// - carry_priorities_from(previous) starts a new membership from the previous set's priorities:
//   validators keep theirs; newcomers start at -(total + total / 8); then the set is re-centred.
// Thread safety: a value; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "consensus/types.hpp"
#include "core/codec.hpp"
#include "core/status.hpp"

namespace grid::consensus {

inline constexpr std::uint64_t kMaxTotalPower = std::uint64_t{1} << 60;
inline constexpr std::uint64_t kMaxValidators = 10000;

struct Validator {
  ValidatorKey key{};
  std::uint64_t power = 0;

  bool operator==(const Validator&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.key);
    v(self.power);
  }
};

class ValidatorSet {
 public:
  ValidatorSet() = default;
  // Sorts by key; refuses an empty set, duplicate keys, zero powers and totals over the cap.
  static core::Result<ValidatorSet> create(std::vector<Validator> validators);

  const std::vector<Validator>& validators() const { return validators_; }
  std::size_t size() const { return validators_.size(); }
  std::uint64_t total_power() const { return total_; }
  const Validator* find(const ValidatorKey& key) const;
  std::uint64_t power_of(const ValidatorKey& key) const;  // 0 for a non-member
  core::ValidatorSetHash hash() const;

  bool has_quorum(std::uint64_t power) const;     // more than 2/3 of the total
  bool has_one_third(std::uint64_t power) const;  // more than 1/3 of the total

  const std::vector<std::int64_t>& priorities() const { return priorities_; }
  ValidatorKey increment_proposer();
  ValidatorSet carry_priorities_from(const ValidatorSet& previous) const;
  bool same_members(const ValidatorSet& other) const { return validators_ == other.validators_; }

  // Canonical state encoding (members and priorities), for the application to persist.
  void encode_to(core::Writer& w) const;
  void decode_from(core::Reader& r);

 private:
  void rescale_and_center();

  std::vector<Validator> validators_;
  std::vector<std::int64_t> priorities_;
  std::uint64_t total_ = 0;
};

}  // namespace grid::consensus
