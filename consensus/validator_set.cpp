#include "consensus/validator_set.hpp"

#include <algorithm>

#include "core/blake2b.hpp"
#include "core/uint128.hpp"

namespace grid::consensus {

using core::Result;
using core::Status;
using core::u128;
__extension__ typedef __int128 i128;

std::string short_key(const ValidatorKey& key) {
  return core::hex_encode(core::ByteView(key.data(), 4));
}

Result<ValidatorSet> ValidatorSet::create(std::vector<Validator> validators) {
  if (validators.empty()) return Status::invalid("validator set is empty");
  if (validators.size() > kMaxValidators) return Status::invalid("too many validators");
  std::sort(validators.begin(), validators.end(),
            [](const Validator& a, const Validator& b) { return a.key < b.key; });
  u128 total = 0;
  for (std::size_t i = 0; i < validators.size(); ++i) {
    if (validators[i].power == 0)
      return Status::invalid("validator " + short_key(validators[i].key) + " has zero power");
    if (i > 0 && validators[i].key == validators[i - 1].key)
      return Status::invalid("duplicate validator " + short_key(validators[i].key));
    total += validators[i].power;
  }
  if (total > kMaxTotalPower) return Status::invalid("total voting power over the cap");
  ValidatorSet set;
  set.validators_ = std::move(validators);
  set.priorities_.assign(set.validators_.size(), 0);
  set.total_ = static_cast<std::uint64_t>(total);
  return set;
}

const Validator* ValidatorSet::find(const ValidatorKey& key) const {
  auto it = std::lower_bound(validators_.begin(), validators_.end(), key,
                             [](const Validator& v, const ValidatorKey& k) { return v.key < k; });
  return it != validators_.end() && it->key == key ? &*it : nullptr;
}

std::uint64_t ValidatorSet::power_of(const ValidatorKey& key) const {
  const Validator* v = find(key);
  return v ? v->power : 0;
}

core::ValidatorSetHash ValidatorSet::hash() const {
  return core::ValidatorSetHash{core::blake2b_256(core::encode(validators_))};
}

bool ValidatorSet::has_quorum(std::uint64_t power) const {
  return u128{power} * 3 > u128{total_} * 2;
}

bool ValidatorSet::has_one_third(std::uint64_t power) const {
  return u128{power} * 3 > u128{total_};
}

void ValidatorSet::rescale_and_center() {
  if (priorities_.empty()) return;
  auto [lo, hi] = std::minmax_element(priorities_.begin(), priorities_.end());
  i128 spread = i128{*hi} - i128{*lo};
  i128 limit = i128{static_cast<std::int64_t>(total_)} * 2;
  if (spread > limit) {
    i128 ratio = (spread + limit - 1) / limit;
    for (auto& p : priorities_) p = static_cast<std::int64_t>(i128{p} / ratio);
  }
  i128 sum = 0;
  for (auto p : priorities_) sum += p;
  i128 avg = sum / static_cast<i128>(priorities_.size());
  for (auto& p : priorities_) p = static_cast<std::int64_t>(i128{p} - avg);
}

ValidatorKey ValidatorSet::increment_proposer() {
  rescale_and_center();
  std::size_t best = 0;
  for (std::size_t i = 0; i < validators_.size(); ++i) {
    priorities_[i] += static_cast<std::int64_t>(validators_[i].power);
    if (priorities_[i] > priorities_[best]) best = i;  // ties keep the smaller key
  }
  priorities_[best] -= static_cast<std::int64_t>(total_);
  return validators_[best].key;
}

ValidatorSet ValidatorSet::carry_priorities_from(const ValidatorSet& previous) const {
  ValidatorSet next = *this;
  auto newcomer = -static_cast<std::int64_t>(total_ + total_ / 8);
  for (std::size_t i = 0; i < next.validators_.size(); ++i) {
    next.priorities_[i] = newcomer;
    const auto& prev = previous.validators_;
    auto it = std::lower_bound(prev.begin(), prev.end(), next.validators_[i].key,
                               [](const Validator& v, const ValidatorKey& k) { return v.key < k; });
    if (it != prev.end() && it->key == next.validators_[i].key)
      next.priorities_[i] = previous.priorities_[static_cast<std::size_t>(it - prev.begin())];
  }
  next.rescale_and_center();
  return next;
}

void ValidatorSet::encode_to(core::Writer& w) const {
  core::write_value(w, validators_);
  for (auto p : priorities_) w.u64(static_cast<std::uint64_t>(p));
}

void ValidatorSet::decode_from(core::Reader& r) {
  std::vector<Validator> members;
  core::read_value(r, members, kMaxValidators);
  std::vector<std::int64_t> priorities(members.size());
  for (auto& p : priorities) p = static_cast<std::int64_t>(r.u64());
  if (!r.ok()) return;
  auto set = create(members);
  if (!set || set->validators_ != members) {
    r.fail("validator set is not canonical (sorted, unique, non-zero, under the cap)");
    return;
  }
  *this = std::move(set).value();
  priorities_ = std::move(priorities);
}

}  // namespace grid::consensus
