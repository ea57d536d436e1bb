// MintingModule: farming rewards (ECONOMICS.md "Farming rewards"; docs/minting.md). No calls:
// all work is end-of-block. The formula is ledger/minting.hpp.
//
// Rules:
// - Period p covers [start_p, start_p + minting_period); start_0 = the genesis time and
//   start_{p+1} = end_p, so while minting_period is unchanged start_p = genesis_time +
//   p * minting_period. A governance change of minting_period applies from the next period
//   that starts. minting_period = 0 disables minting.
// - After a period ends (block time >= its end), a run walks node ids 1..Counters.last_node_id
//   (as at the run's start) with a cursor, visiting at most max(1, max_mints_per_block) ids per
//   block (starting a run counts as one visit); a missing id (deleted node) costs a visit. Each
//   node has a NodeMinting record holding the next period to pay, so nothing is paid twice.
// - For a visited node: registered = the part of the period after created_at (0: nothing, no
//   record); down and standby = the growth of down_seconds_at / standby_seconds_at
//   (ledger/liveness.hpp) between the period's start and end readings; standby counts as up
//   (TFChain's rule for farmers using the power manager): effective down = down - min(down,
//   standby). uptime_permille = (registered - effective down) * 1000 / registered.
// - Readings: the end readings of a period become the node's start readings of the next one
//   (a node created in the period starts at 0, 0). A report that would change the node's down or
//   standby account after its period ended but before the run visited it first calls
//   close_minting_period, which stores the end readings (from the account before the report).
//   A node with no record created before the period start (a chain upgraded to minting) uses
//   readings at the start computed from its current account.
// - Policy: the farm's farming_policy_id, or when 0 the lowest-id policy whose `certified` flag
//   equals the node's certification (one scan of the policy table per block that needs it).
//   Skipped, with "minting_skipped" {node, farm, reason, uptime_permille, period}: no policy
//   (no_farming_policy), uptime below the policy's minimum (uptime_below_minimum), a reward that
//   overflows or a connection price of 0 (reward_overflow).
// - Paid: the reward (ledger/minting.hpp, ipv4 seconds = registered seconds when the node has a
//   public config at the visit) goes to the free balance of the farm owner's account;
//   Counters.total_supply grows by it. A payout is cut to max_supply - total_supply; the payout
//   that reaches max_supply emits "minting_capped" and no run advances while total_supply >=
//   max_supply. Emits "farming_reward" {account, farm, node, amount, usd_units,
//   uptime_permille, period}. A reward of 0 pays and emits nothing.
// - A deleted node's record is erased: its unpaid period is forfeited.
// - Limit: when one block jumps over several period ends, a report in that block snapshots the
//   first ended period only; the later ones read the account after the report.
// Deterministic: integers only, block time only; bounded as above.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/codec.hpp"
#include "ledger/module.hpp"
#include "ledger/state_types.hpp"

namespace grid::ledger {

// down_seconds_at and standby_seconds_at of a node at one time.
struct MintReading {
  std::uint64_t down = 0;
  std::uint64_t standby = 0;
  bool operator==(const MintReading&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.down);
    v(self.standby);
  }
};

// keys::minting_state(): the period to close next and, while it is being closed, the run.
struct MintingState {
  std::uint64_t period = 0;
  std::uint64_t period_start = 0;
  bool running = false;            // the period ended; the cursor walks the nodes
  std::uint64_t period_end = 0;    // fixed when the run starts (0 when not running)
  std::uint32_t cursor = 0;        // next node id to visit (0 when not running)
  std::uint32_t last_node_id = 0;  // the run's last id (0 when not running)
  std::uint64_t minted_total = 0;  // every unit minted so far
  bool operator==(const MintingState&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.period);
    v(self.period_start);
    v(self.running);
    v(self.period_end);
    v(self.cursor);
    v(self.last_node_id);
    v(self.minted_total);
  }
};

// keys::node_minting(id): the node's next period to pay and its readings at that period's start
// (and, once a report came after the period's end, at its end).
struct NodeMinting {
  std::uint64_t next_period = 0;
  MintReading start;
  std::optional<MintReading> end;
  bool operator==(const NodeMinting&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.next_period);
    v(self.start);
    v(self.end);
  }
};

namespace reason {
inline constexpr std::string_view uptime_below_minimum = "uptime_below_minimum";
inline constexpr std::string_view no_farming_policy = "no_farming_policy";
inline constexpr std::string_view reward_overflow = "reward_overflow";
}  // namespace reason

// The stored state, or the initial one (period 0 starting at the genesis time).
Result<MintingState> load_minting_state(const StateReader& state);

// Called before a report changes `node`'s down or standby account at `now` (node_reports.cpp):
// when the node's current period has ended and is not yet paid, stores its end readings.
Status close_minting_period(Overlay& state, const ChainParams& params, const Node& node,
                            std::uint64_t now);

class MintingModule final : public Module {
 public:
  std::string_view name() const override { return "minting"; }
  bool handles(const Call&) const override { return false; }
  Status apply(TxContext&) override;
  Status end_block(BlockContext& ctx) override;
  Status on_node_deleted(BlockContext& ctx, std::uint32_t node_id) override;
  // The run's cursor fits its range; each NodeMinting record names a live node and a period
  // consistent with the cursor. Holds nothing outside accounts.
  Status check_invariants(const StateReader& state, std::uint64_t& held) const override;
};

}  // namespace grid::ledger
