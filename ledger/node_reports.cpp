#include "ledger/liveness.hpp"
#include "ledger/minting_module.hpp"
#include "ledger/node_calls.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"

namespace grid::ledger {
namespace {

Result<Node> reporting_node(const StateReader& state, const AccountId& signer) {
  GRID_ASSIGN(auto node_id, node_id_of(state, signer));
  if (!node_id) return refuse(reason::not_a_node, signer.to_address() + " is not a node");
  return load_node(state, *node_id);
}

// At most once per half uptime_report_interval since `since`.
Status check_rate(std::uint64_t now, std::uint64_t since, const ChainParams& params,
                  std::string_view what) {
  std::uint64_t half = params.uptime_report_interval / 2;
  std::uint64_t elapsed = now > since ? now - since : 0;
  if (elapsed < half)
    return refuse(reason::rate_limited, std::string(what) + " at most every " +
                                            std::to_string(half) + " s; next at " +
                                            std::to_string(since + half));
  return Status::ok();
}

// The first report after registration: nothing reported yet, and a later block than the
// registration (so that the exception cannot repeat within that block).
bool is_first_report(const Node& node, std::uint64_t now) {
  return node.last_uptime_report == node.created_at && node.last_uptime_value == 0 &&
         now > node.created_at;
}

Status check_uptime_report(const Node& node, const ChainParams& params, std::uint64_t now,
                           const ReportUptime& call) {
  if (!is_first_report(node, now))
    GRID_TRY(check_rate(now, node.last_uptime_report, params, "uptime reports"));
  std::uint64_t skew =
      call.timestamp_hint > now ? call.timestamp_hint - now : now - call.timestamp_hint;
  if (skew > params.timestamp_hint_tolerance)
    return refuse(reason::bad_timestamp, "timestamp hint " + std::to_string(call.timestamp_hint) +
                                             " is " + std::to_string(skew) +
                                             " s from the block time " + std::to_string(now));
  return Status::ok();
}

Status check_power_state(const Node& node, const ChainParams& params, std::uint64_t now,
                         const SetPowerState& call) {
  GRID_TRY(check_rate(now, node.power_state_since, params, "power state changes"));
  if (node.power_state == power_state_of(call.up))
    return refuse(reason::invalid_input,
                  "node is already " + std::string(power_state_name(node.power_state)));
  return Status::ok();
}

// The signing node, when its report may be made at `now`.
Result<Node> checked_report(const StateReader& state, const ChainParams& params, std::uint64_t now,
                            const AccountId& signer, const Call& call) {
  GRID_ASSIGN(Node node, reporting_node(state, signer));
  if (auto* c = call.as<ReportUptime>()) GRID_TRY(check_uptime_report(node, params, now, *c));
  if (auto* c = call.as<SetPowerState>()) GRID_TRY(check_power_state(node, params, now, *c));
  return node;
}

}  // namespace

bool is_node_report(const Call& call) {
  return call.as<ReportUptime>() || call.as<SetPowerState>();
}

Status check_node_report(const StateReader& state, const ChainParams& params, std::uint64_t now,
                         const AccountId& signer, const Call& call) {
  if (!is_node_report(call))
    return Status::internal("not a node report: " + std::string(call.name()));
  return checked_report(state, params, now, signer, call).status();
}

Status apply_report_uptime(TxContext& ctx, const ReportUptime& call) {
  GRID_ASSIGN(Node node,
              checked_report(ctx.state, ctx.params, ctx.now(), ctx.signer(), ctx.tx.call));
  GRID_TRY(close_minting_period(ctx.state, ctx.params, node, ctx.now()));
  record_uptime_report(node, ctx.now(), call.uptime, ctx.params);
  store_node(ctx.state, node);
  Event e = node_event("node_uptime_reported", node);
  e.with("uptime", std::to_string(call.uptime))
      .with("down_seconds_total", std::to_string(node.down_seconds_total));
  ctx.emit(std::move(e));
  return Status::ok();
}

Status apply_set_power_state(TxContext& ctx, const SetPowerState& call) {
  GRID_ASSIGN(Node node,
              checked_report(ctx.state, ctx.params, ctx.now(), ctx.signer(), ctx.tx.call));
  GRID_TRY(close_minting_period(ctx.state, ctx.params, node, ctx.now()));
  record_power_state(node, power_state_of(call.up), ctx.now());
  store_node(ctx.state, node);
  Event e = node_event("node_power_state", node);
  e.with("state", std::string(power_state_name(node.power_state)));
  ctx.emit(std::move(e));
  return Status::ok();
}

}  // namespace grid::ledger
