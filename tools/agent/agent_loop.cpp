#include "tools/agent/agent_loop.hpp"

#include <algorithm>
#include <ctime>

#include "tools/agent/agent_log.hpp"

namespace grid::tools {
namespace {

constexpr std::chrono::seconds kMaxBackoff{30};

std::uint64_t unix_now() {
  return static_cast<std::uint64_t>(std::time(nullptr));
}

}  // namespace

AgentLoop::AgentLoop(LoopConfig config, ChainReader& chain, TxSender& sender,
                     DeploymentStore& store, Inbox& inbox)
    : config_(std::move(config)), chain_(chain), sender_(sender), store_(store), inbox_(inbox) {}

void AgentLoop::after_attempt(Task& task, const core::Status& status, std::string_view what) {
  const auto now = Clock::now();
  if (status) {
    task.due = now + task.interval;
    task.backoff = std::chrono::seconds(1);
    return;
  }
  if (status.code() != core::Code::invalid) {  // transient: the node is unreachable or slow
    auto wait = std::min(task.backoff, task.interval);
    agent_log(std::string(what) + " failed: " + status.message() + "; retrying in " +
              std::to_string(wait.count()) + " s");
    task.due = now + wait;
    task.backoff = std::min(task.backoff * 2, kMaxBackoff);
    return;
  }
  task.backoff = std::chrono::seconds(1);
  if (auto next = next_allowed_time(status.message())) {
    std::uint64_t wall = unix_now();
    std::uint64_t wait = *next > wall ? *next - wall + 1 : 1;
    agent_log(std::string(what) + " refused: " + status.message() + "; next attempt in " +
              std::to_string(wait) + " s");
    task.due = now + std::chrono::seconds(wait);
    return;
  }
  agent_log(std::string(what) + " refused: " + status.message());
  task.due = now + task.interval;
}

core::Status AgentLoop::report_uptime() {
  std::uint64_t now = unix_now();
  ledger::ReportUptime call{now - std::min(now, config_.started_at), now};
  GRID_ASSIGN(SendResult sent, submit_call(sender_, call));
  agent_log("reported uptime " + std::to_string(call.uptime) + " s (height " +
            std::to_string(sent.height.value_or(0)) + ")");
  return core::Status::ok();
}

core::Status AgentLoop::power_up() {
  GRID_TRY(submit_call(sender_, ledger::SetPowerState{true}).status());
  power_pending_ = false;
  agent_log("reported power up for node " + std::to_string(config_.node_id));
  return core::Status::ok();
}

core::Status AgentLoop::report_consumption() {
  std::uint64_t now = unix_now();
  ledger::ReportConsumption call;
  for (const auto& [id, d] : local_) {
    if (d.paused) continue;
    std::uint64_t start = std::max(last_window_end_[id], d.provisioned_at);
    if (now > start) call.reports.push_back({id, now - start, 0});
  }
  if (call.reports.empty()) return core::Status::ok();
  if (config_.interface.empty()) {
    for (auto& r : call.reports) r.public_bytes = r.window * kSimulatedBytesPerSecond;
  } else {
    auto counters = read_net_counters(config_.interface);
    if (!counters) return core::Status::invalid(counters.error().message());
    std::uint64_t delta = counters_ ? counter_delta(*counters_, *counters) : 0;
    for (auto& r : call.reports) r.public_bytes = delta / call.reports.size();
    counters_ = *counters;
  }
  GRID_ASSIGN(SendResult sent, submit_call(sender_, call));
  std::uint64_t end = unix_now();  // after the commit: never more than the chain's open window
  std::uint64_t bytes = 0;
  for (const auto& r : call.reports) {
    last_window_end_[r.contract_id] = end;
    bytes += r.public_bytes;
  }
  agent_log("reported consumption of " + std::to_string(call.reports.size()) + " contract" +
            (call.reports.size() == 1 ? "" : "s") + ": " + std::to_string(bytes) +
            " public bytes (height " + std::to_string(sent.height.value_or(0)) + ")");
  return core::Status::ok();
}

core::Status AgentLoop::full_reconcile() {
  GRID_ASSIGN(std::uint64_t height, chain_.height());
  GRID_ASSIGN(std::vector<ContractView> live, chain_.live_contracts(config_.node_id));
  apply(reconcile(local_, live, /*complete=*/true));
  resync_ = false;
  if (config_.use_events && !stream_) {
    stream_ = std::make_unique<EventStream>(
        config_.endpoint, config_.node_id, height + 1,
        EventStream::Sink{[this](FeedItem item) { inbox_.push_item(std::move(item)); },
                          [this](bool is_live, std::string why) {
                            inbox_.push_status({is_live, std::move(why)});
                          }});
    stream_->start();
  }
  return core::Status::ok();
}

core::Status AgentLoop::reconcile_touched() {
  std::vector<ContractView> views;
  core::Status failure;
  for (auto it = touched_.begin(); it != touched_.end();) {
    auto view = chain_.contract(*it);
    if (!view) {
      failure = view.error();
      ++it;
      continue;
    }
    views.push_back(std::move(*view));
    it = touched_.erase(it);
  }
  apply(reconcile(local_, views, /*complete=*/false));
  return failure;
}

void AgentLoop::handle(const InboxBatch& batch) {
  for (const StreamStatus& s : batch.statuses) {
    if (s.live && !stream_live_)
      agent_log("event stream live (node " + std::to_string(config_.node_id) + ")");
    if (!s.live && (stream_live_ || s.why != stream_why_))
      agent_log("event stream unavailable (" + s.why + "); polling contract_list every " +
                std::to_string(config_.poll_interval_s) + " s");
    stream_live_ = s.live;
    stream_why_ = s.why;
  }
  for (const FeedItem& item : batch.items) {
    if (item.kind == FeedItem::Kind::event) {
      if (auto id = contracts_touched(item.event, config_.node_id)) {
        agent_log("event " + item.event.kind + " for contract " + std::to_string(*id) +
                  " at height " + std::to_string(item.height));
        touched_.insert(*id);
      }
      continue;
    }
    if (touched_.empty()) continue;
    if (auto s = reconcile_touched(); !s) {
      agent_log("reading changed contracts failed: " + s.message() + "; polling instead");
      poll_.due = Clock::now();
      resync_ = true;
    }
  }
}

void AgentLoop::apply(const std::vector<Action>& actions) {
  for (const Action& a : actions) apply_one(a);
}

void AgentLoop::apply_one(const Action& a) {
  const std::string name = "contract " + std::to_string(a.contract_id);
  auto it = local_.find(a.contract_id);
  if (a.kind == ActionKind::remove) {
    if (auto s = store_.remove(a.contract_id); !s)
      return agent_log("cannot remove " + name + ": " + s.message());
    local_.erase(a.contract_id);
    last_window_end_.erase(a.contract_id);
    return agent_log("removed " + name +
                     (a.contract ? " (deleted on chain)" : " (no longer live on chain)"));
  }
  Deployment d;
  if (a.kind == ActionKind::provision) {
    d = Deployment{a.contract_id, a.contract->twin_id, false, a.contract->reservation, unix_now()};
  } else if (it == local_.end()) {
    return agent_log("internal: " + std::string(action_name(a.kind)) + " of unknown " + name);
  } else {
    d = it->second;
  }
  std::string what;
  switch (a.kind) {
    case ActionKind::provision:
      what = "provisioned " + name + " (" + describe(d.reservation) + ") for twin " +
             std::to_string(d.twin_id);
      break;
    case ActionKind::update:
      d.reservation = a.contract->reservation;
      what = "updated " + name + " (" + describe(d.reservation) + ")";
      break;
    case ActionKind::pause:
      d.paused = true;
      what = "paused " + name + " (grace period: workloads stopped)";
      break;
    case ActionKind::resume:
      d.paused = false;
      last_window_end_[a.contract_id] = unix_now();  // no traffic while paused
      what = "resumed " + name + " (grace period over)";
      break;
    case ActionKind::remove:
      break;
  }
  if (auto s = store_.write(d); !s) return agent_log("cannot record " + name + ": " + s.message());
  local_[a.contract_id] = d;
  agent_log(what + "; recorded in " + store_.file_of(a.contract_id).string());
}

int AgentLoop::power_down() {
  if (power_pending_) {
    agent_log("node " + std::to_string(config_.node_id) + " is already down on chain; exiting");
    return 0;
  }
  core::Status last;
  for (int attempt = 0; attempt < 3; ++attempt) {
    last = submit_call(sender_, ledger::SetPowerState{false}).status();
    if (last || last.code() == core::Code::invalid) break;
    std::this_thread::sleep_for(std::chrono::seconds(1 << attempt));
  }
  if (!last) {
    agent_log("power down report failed: " + last.message());
    return 1;
  }
  agent_log("reported power down for node " + std::to_string(config_.node_id) + "; exiting");
  return 0;
}

int AgentLoop::run() {
  LoadedDeployments loaded = store_.load_all();
  for (const std::string& p : loaded.problems) agent_log("skipping a deployment file: " + p);
  local_ = std::move(loaded.deployments);
  for (const auto& [id, d] : local_) last_window_end_[id] = config_.started_at;
  agent_log("node " + std::to_string(config_.node_id) + ": " + std::to_string(local_.size()) +
            " recorded deployment" + (local_.size() == 1 ? "" : "s"));
  if (!config_.interface.empty()) {
    auto c = read_net_counters(config_.interface);
    if (c)
      counters_ = *c;
    else
      agent_log("interface counters: " + c.error().message());
  }
  const auto now = Clock::now();
  auto secs = [](std::uint64_t s) { return std::chrono::seconds(s); };
  uptime_ = Task{now, secs(config_.uptime_interval_s)};
  consumption_ =
      Task{now + secs(config_.consumption_interval_s), secs(config_.consumption_interval_s)};
  poll_ = Task{now, secs(config_.poll_interval_s)};
  power_ = Task{now, secs(config_.uptime_interval_s)};
  power_pending_ = !config_.power_up;
  while (true) {
    if (power_pending_ && Clock::now() >= power_.due) after_attempt(power_, power_up(), "power up");
    if (Clock::now() >= uptime_.due) after_attempt(uptime_, report_uptime(), "uptime report");
    if ((!stream_live_ || resync_) && Clock::now() >= poll_.due)
      after_attempt(poll_, full_reconcile(), "contract poll");
    if (Clock::now() >= consumption_.due)
      after_attempt(consumption_, report_consumption(), "consumption report");
    auto deadline = std::min(uptime_.due, consumption_.due);
    if (!stream_live_ || resync_) deadline = std::min(deadline, poll_.due);
    if (power_pending_) deadline = std::min(deadline, power_.due);
    InboxBatch batch = inbox_.wait_until(deadline);
    if (batch.stop) break;
    handle(batch);
  }
  agent_log("stopping");
  stream_.reset();
  return power_down();
}

}  // namespace grid::tools
