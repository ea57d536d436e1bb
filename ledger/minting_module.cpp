#include "ledger/minting_module.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <string>

#include "ledger/genesis.hpp"
#include "ledger/liveness.hpp"
#include "ledger/minting.hpp"
#include "ledger/minting_keys.hpp"
#include "ledger/state_keys.hpp"

namespace grid::ledger {
namespace {

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  std::uint64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? std::numeric_limits<std::uint64_t>::max() : sum;
}

std::uint64_t growth(std::uint64_t from, std::uint64_t to) {
  return to > from ? to - from : 0;
}

MintReading reading_at(const Node& node, std::uint64_t t, const ChainParams& params) {
  return MintReading{down_seconds_at(node, t, params), standby_seconds_at(node, t)};
}

// The readings at the period start of a node without a record for the period: zero for a node
// created in the period, else computed from its current account (a chain upgraded to minting).
MintReading fallback_start(const Node& node, std::uint64_t start, const ChainParams& params) {
  return node.created_at >= start ? MintReading{} : reading_at(node, start, params);
}

// The end of the period being closed (fixed by a run) or to be closed next.
std::uint64_t period_end(const MintingState& ms, const ChainParams& params) {
  return ms.running ? ms.period_end : saturating_add(ms.period_start, params.minting_period);
}

Result<std::optional<NodeMinting>> load_record(const StateReader& state, std::uint32_t node_id) {
  return load<NodeMinting>(state, keys::node_minting(node_id));
}

// The node's readings at the period's start and end for `period` (which the caller closes).
struct PeriodReadings {
  MintReading start;
  MintReading end;
};
PeriodReadings readings_for(const std::optional<NodeMinting>& rec, const Node& node,
                            const MintingState& ms, std::uint64_t end, const ChainParams& params) {
  bool current = rec && rec->next_period == ms.period;
  PeriodReadings r;
  r.start = current ? rec->start : fallback_start(node, ms.period_start, params);
  r.end = current && rec->end ? *rec->end : reading_at(node, end, params);
  return r;
}

Event node_minting_event(std::string kind, const Node& node, std::uint64_t period) {
  Event e{.kind = std::move(kind), .farm = node.farm_id, .node = node.id};
  e.with("period", std::to_string(period));
  return e;
}

// Farming policies looked up during one block: by id, and the default per certification.
class PolicyCache {
 public:
  explicit PolicyCache(const StateReader& state) : state_(state) {}

  Result<std::optional<FarmingPolicy>> for_node(const Farm& farm, const Node& node) {
    if (farm.farming_policy_id != 0) return by_id(farm.farming_policy_id);
    GRID_TRY(load_defaults());
    bool certified = node.certification == NodeCertification::certified;
    return defaults_[certified ? 1 : 0];
  }

 private:
  Result<std::optional<FarmingPolicy>> by_id(std::uint32_t id) {
    auto it = by_id_.find(id);
    if (it != by_id_.end()) return it->second;
    GRID_ASSIGN(auto policy, load<FarmingPolicy>(state_, keys::farming_policy(id)));
    by_id_.emplace(id, policy);
    return policy;
  }
  // One scan of the policy table: the lowest-id policy of each certification flag.
  Status load_defaults() {
    if (defaults_loaded_) return Status::ok();
    Status error;
    GRID_TRY(state_.scan_prefix(keys::table_key(keys::kFarmingPolicy), [&](ByteView key,
                                                                           ByteView v) {
      auto policy = core::decode<FarmingPolicy>(v);
      if (!policy) {
        error = Status::corruption("farming policy " + core::hex_encode(key) + " does not decode");
        return false;
      }
      auto& slot = defaults_[policy->certified ? 1 : 0];
      if (!slot) slot = *policy;
      return true;
    }));
    GRID_TRY(error);
    defaults_loaded_ = true;
    return Status::ok();
  }

  const StateReader& state_;
  std::map<std::uint32_t, std::optional<FarmingPolicy>> by_id_;
  std::optional<FarmingPolicy> defaults_[2];
  bool defaults_loaded_ = false;
};

// One block's share of a run.
class Run {
 public:
  Run(BlockContext& ctx, MintingState& ms) : ctx_(ctx), ms_(ms), policies_(ctx.state) {}

  Result<bool> capped() const {
    GRID_ASSIGN(Counters c, load_required<Counters>(ctx_.state, keys::counters(), "counters"));
    return c.total_supply >= ctx_.params.max_supply;
  }

  Status visit(std::uint32_t node_id) {
    GRID_ASSIGN(auto node, load<Node>(ctx_.state, keys::node(node_id)));
    if (!node) return Status::ok();
    GRID_ASSIGN(auto rec, load_record(ctx_.state, node_id));
    if (rec && rec->next_period > ms_.period) return Status::ok();  // closed already
    const std::uint64_t end = ms_.period_end;
    const std::uint64_t registered = registered_seconds(node->created_at, ms_.period_start, end);
    if (registered == 0) return Status::ok();
    PeriodReadings r = readings_for(rec, *node, ms_, end, ctx_.params);
    store(ctx_.state, keys::node_minting(node_id), NodeMinting{ms_.period + 1, r.end, {}});
    std::uint64_t down = growth(r.start.down, r.end.down);
    std::uint64_t standby = growth(r.start.standby, r.end.standby);
    std::uint32_t uptime = uptime_permille(registered, down - std::min(down, standby));
    return reward(*node, registered, uptime);
  }

 private:
  Status skip(const Node& node, std::string_view why, std::uint32_t uptime) {
    Event e = node_minting_event("minting_skipped", node, ms_.period);
    e.with("reason", std::string(why)).with("uptime_permille", std::to_string(uptime));
    ctx_.emit(std::move(e));
    return Status::ok();
  }

  Status reward(const Node& node, std::uint64_t registered, std::uint32_t uptime) {
    GRID_ASSIGN(Farm farm, load_required<Farm>(ctx_.state, keys::farm(node.farm_id), "farm"));
    GRID_ASSIGN(auto policy, policies_.for_node(farm, node));
    if (!policy) return skip(node, reason::no_farming_policy, uptime);
    if (uptime < policy->minimal_uptime_permille)
      return skip(node, reason::uptime_below_minimum, uptime);
    RewardInput input{.resources = node.resources,
                      .certified = node.certification == NodeCertification::certified,
                      .registered_seconds = registered,
                      .ipv4_seconds = node.public_config ? registered : 0};
    auto amount = farming_reward(*policy, input, ctx_.params.certified_uplift_percent);
    if (!amount) return skip(node, reason::reward_overflow, uptime);
    if (amount->tft_units == 0) return Status::ok();
    GRID_ASSIGN(Twin owner, load_required<Twin>(ctx_.state, keys::twin(farm.twin_id), "twin"));
    return pay(node, owner.account, *amount, uptime);
  }

  Status pay(const Node& node, const AccountId& to, const Reward& amount, std::uint32_t uptime) {
    GRID_ASSIGN(Counters c, load_required<Counters>(ctx_.state, keys::counters(), "counters"));
    std::uint64_t room = growth(c.total_supply, ctx_.params.max_supply);
    std::uint64_t paid = std::min(amount.tft_units, room);
    GRID_ASSIGN(auto account, load<Account>(ctx_.state, keys::account(to)));
    Account a = account.value_or(Account{});
    a.free += paid;  // free <= total_supply <= max_supply: no overflow
    c.total_supply += paid;
    ms_.minted_total += paid;
    store(ctx_.state, keys::account(to), a);
    store(ctx_.state, keys::counters(), c);

    Event e = node_minting_event("farming_reward", node, ms_.period);
    e.account = to;
    e.with("amount", std::to_string(paid))
        .with("usd_units", std::to_string(amount.usd_units))
        .with("uptime_permille", std::to_string(uptime));
    ctx_.emit(std::move(e));
    if (c.total_supply >= ctx_.params.max_supply) {
      Event capped = node_minting_event("minting_capped", node, ms_.period);
      capped.with("amount", std::to_string(paid))
          .with("cut", std::to_string(amount.tft_units - paid))
          .with("max_supply", std::to_string(ctx_.params.max_supply));
      ctx_.emit(std::move(capped));
    }
    return Status::ok();
  }

  BlockContext& ctx_;
  MintingState& ms_;
  PolicyCache policies_;
};

Status check_record(const MintingState& ms, std::uint32_t node_id, const NodeMinting& rec) {
  bool ahead = rec.next_period > ms.period + 1 ||
               (rec.next_period == ms.period + 1 && (!ms.running || node_id >= ms.cursor));
  if (ahead || (rec.end && rec.next_period != ms.period))
    return Status::internal("minting record of node " + std::to_string(node_id) + " (period " +
                            std::to_string(rec.next_period) + ") does not fit the run of period " +
                            std::to_string(ms.period));
  return Status::ok();
}

}  // namespace

Result<MintingState> load_minting_state(const StateReader& state) {
  GRID_ASSIGN(auto stored, load<MintingState>(state, keys::minting_state()));
  if (stored) return *stored;
  GRID_ASSIGN(ChainMeta meta, load_required<ChainMeta>(state, keys::chain_meta(), "chain meta"));
  return MintingState{.period_start = meta.genesis_time};
}

Status close_minting_period(Overlay& state, const ChainParams& params, const Node& node,
                            std::uint64_t now) {
  if (params.minting_period == 0) return Status::ok();
  GRID_ASSIGN(MintingState ms, load_minting_state(state));
  const std::uint64_t end = period_end(ms, params);
  if (now < end || registered_seconds(node.created_at, ms.period_start, end) == 0)
    return Status::ok();
  GRID_ASSIGN(auto rec, load_record(state, node.id));
  if (rec && (rec->next_period > ms.period || (rec->next_period == ms.period && rec->end)))
    return Status::ok();  // paid already, or its end readings are stored
  PeriodReadings r = readings_for(rec, node, ms, end, params);
  store(state, keys::node_minting(node.id), NodeMinting{ms.period, r.start, r.end});
  return Status::ok();
}

Status MintingModule::apply(TxContext&) {
  return Status::internal("the minting module handles no call");
}

Status MintingModule::end_block(BlockContext& ctx) {
  const ChainParams& params = ctx.params;
  if (params.minting_period == 0) return Status::ok();
  GRID_ASSIGN(MintingState ms, load_minting_state(ctx.state));
  const MintingState before = ms;
  Run run(ctx, ms);
  std::uint32_t budget = std::max<std::uint32_t>(1, params.max_mints_per_block);
  while (budget > 0) {
    if (ms.running && ms.cursor > ms.last_node_id) {  // the run is done: next period
      ms = MintingState{
          .period = ms.period + 1, .period_start = ms.period_end, .minted_total = ms.minted_total};
      continue;
    }
    GRID_ASSIGN(bool capped, run.capped());
    if (capped) break;
    if (!ms.running) {
      const std::uint64_t end = period_end(ms, params);
      if (ctx.now() < end) break;
      GRID_ASSIGN(Counters c, load_required<Counters>(ctx.state, keys::counters(), "counters"));
      ms.running = true;
      ms.period_end = end;
      ms.cursor = 1;
      ms.last_node_id = c.last_node_id;
    } else {
      GRID_TRY(run.visit(ms.cursor));
      ++ms.cursor;
    }
    --budget;
  }
  if (!(ms == before)) store(ctx.state, keys::minting_state(), ms);
  return Status::ok();
}

Status MintingModule::on_node_deleted(BlockContext& ctx, std::uint32_t node_id) {
  ctx.state.erase(keys::node_minting(node_id));
  return Status::ok();
}

Status MintingModule::check_invariants(const StateReader& state, std::uint64_t&) const {
  GRID_ASSIGN(MintingState ms, load_minting_state(state));
  bool shape_ok = ms.running ? (ms.cursor >= 1 && ms.cursor <= std::uint64_t{ms.last_node_id} + 1 &&
                                ms.period_end > ms.period_start)
                             : (ms.cursor == 0 && ms.last_node_id == 0 && ms.period_end == 0);
  if (!shape_ok) return Status::internal("minting state shape is inconsistent");
  Status bad;
  const core::Bytes prefix = keys::node_minting_prefix();
  GRID_TRY(state.scan_prefix(prefix, [&](ByteView key, ByteView value) {
    auto rec = core::decode<NodeMinting>(value);
    if (!rec || key.size() != prefix.size() + 4) {
      bad = Status::internal("minting record " + core::hex_encode(key) + " is malformed");
      return false;
    }
    std::uint32_t id = 0;
    for (std::size_t i = 1; i < 5; ++i) id = (id << 8) | key[i];
    auto node = state.get(keys::node(id));
    if (!node || !node->has_value()) {
      bad = node ? Status::internal("minting record of missing node " + std::to_string(id))
                 : node.error();
      return false;
    }
    bad = check_record(ms, id, *rec);
    return bad.is_ok();
  }));
  return bad;
}

}  // namespace grid::ledger
