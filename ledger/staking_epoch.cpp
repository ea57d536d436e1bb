#include "ledger/staking_epoch.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "ledger/staking_book.hpp"
#include "ledger/staking_keys.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

// Pays one validator its `share` of the pool; returns nothing, updates `s` and the records.
Status pay_validator(BlockContext& ctx, Validator& v, std::uint64_t share, StakingState& s) {
  const std::uint64_t commission = static_cast<std::uint64_t>(
      core::u128{share} * std::min<std::uint32_t>(v.commission_percent, 100) / 100);
  const std::uint64_t rest = share - commission;
  GRID_ASSIGN(Account op, load_account(ctx.state, v.operator_account));
  GRID_TRY(add_checked(op.free, commission, "operator balance"));
  store(ctx.state, keys::account(v.operator_account), op);
  v.reward_per_unit =
      U128Field::of(v.reward_per_unit.get() + core::u128{rest} * kRewardScale / v.total_bond);
  GRID_TRY(add_checked(s.outstanding_rewards, rest, "outstanding rewards"));
  store_validator(ctx.state, ctx.params, v);
  Event e{.kind = "staking_reward", .account = v.operator_account};
  e.with("share", std::to_string(share))
      .with("commission", std::to_string(commission))
      .with("delegators", std::to_string(rest));
  ctx.emit(std::move(e));
  return Status::ok();
}

// (a): returns the amount taken from the pool.
Result<std::uint64_t> distribute(BlockContext& ctx, StakingState& s) {
  GRID_ASSIGN(Counters counters,
              load_required<Counters>(ctx.state, keys::counters(), "chain counters"));
  GRID_ASSIGN(auto set, load<ValidatorSet>(ctx.state, keys::validators()));
  if (counters.staking_pool == 0 || !set) return std::uint64_t{0};
  std::vector<Validator> paid;
  core::u128 total = 0;
  for (const auto& entry : set->validators) {
    GRID_ASSIGN(auto v, find_validator(ctx.state, entry.operator_account));
    if (!v || v->jailed || v->total_bond == 0) continue;
    total += v->total_bond;
    paid.push_back(std::move(*v));
  }
  if (total == 0) return std::uint64_t{0};
  std::uint64_t distributed = 0;
  for (auto& v : paid) {
    auto share =
        static_cast<std::uint64_t>(core::u128{counters.staking_pool} * v.total_bond / total);
    GRID_TRY(pay_validator(ctx, v, share, s));
    distributed += share;
  }
  counters.staking_pool -= distributed;
  store(ctx.state, keys::counters(), counters);
  return distributed;
}

}  // namespace

Result<ValidatorSet> elect_validators(const StateReader& state, const ChainParams& params) {
  ValidatorSet next;
  const std::uint64_t budget = std::uint64_t{params.max_validators} + kElectionScanSlack;
  std::uint64_t seen = 0;
  Status failure;
  const core::Bytes prefix = keys::candidate_prefix();
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView) {
    if (next.validators.size() >= params.max_validators || seen >= budget) return false;
    ++seen;
    auto op = keys::account_at(key, prefix.size() + 8);
    if (!op) {
      failure = Status::corruption("bad candidate index key " + core::hex_encode(key));
      return false;
    }
    auto v = load_validator(state, *op);
    if (!v) {
      failure = v.error();
      return false;
    }
    if (is_electable(*v, params)) next.validators.push_back({*op, v->consensus_key, v->total_bond});
    return true;
  }));
  GRID_TRY(failure);
  std::sort(next.validators.begin(), next.validators.end(),
            [](const auto& a, const auto& b) { return a.operator_account < b.operator_account; });
  return next;
}

Status replace_active_set(BlockContext& ctx, ValidatorSet next, std::string_view why) {
  if (next.validators.empty()) {
    Event e{.kind = "validator_set_kept"};
    e.with("reason", std::string(why) + ": the new set would be empty");
    ctx.emit(std::move(e));
    return Status::ok();
  }
  GRID_ASSIGN(auto current, load<ValidatorSet>(ctx.state, keys::validators()));
  if (current && *current == next) return Status::ok();
  Event e{.kind = "validator_set_changed"};
  e.with("validators", std::to_string(next.validators.size())).with("reason", std::string(why));
  store(ctx.state, keys::validators(), next);
  ctx.emit(std::move(e));
  return Status::ok();
}

Status run_epoch(BlockContext& ctx) {
  GRID_ASSIGN(StakingState s, load_staking_state(ctx.state));
  GRID_ASSIGN(std::uint64_t epoch, epoch_at(ctx.state, ctx.params, ctx.now()));
  if (epoch <= s.epoch) return Status::ok();
  s.epoch = epoch;
  GRID_ASSIGN(std::uint64_t distributed, distribute(ctx, s));
  store(ctx.state, keys::staking_state(), s);
  Event e{.kind = "staking_epoch"};
  e.with("epoch", std::to_string(epoch)).with("distributed", std::to_string(distributed));
  ctx.emit(std::move(e));
  GRID_ASSIGN(ValidatorSet next, elect_validators(ctx.state, ctx.params));
  return replace_active_set(ctx, std::move(next), "epoch " + std::to_string(epoch));
}

}  // namespace grid::ledger
