#include "tools/load/commit_watcher.hpp"

#include <cstring>

#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

constexpr std::uint64_t kBlocksPerRequest = 20;
constexpr auto kIdlePoll = std::chrono::milliseconds(10);
constexpr auto kFailurePause = std::chrono::milliseconds(100);

// The ids of one chain_getBlock result.
core::Result<std::vector<core::TxId>> block_tx_ids(const rapidjson::Value& block) {
  if (!block.IsObject() || !block.HasMember("transactions") || !block["transactions"].IsArray())
    return core::Status::invalid("chain_getBlock result has no 'transactions' array");
  std::vector<core::TxId> ids;
  for (const auto& tx : block["transactions"].GetArray()) {
    GRID_ASSIGN(std::string hex, json_string_member(tx, "id"));
    GRID_ASSIGN(core::TxId id, core::TxId::from_hex(hex));
    ids.push_back(id);
  }
  return ids;
}

}  // namespace

std::size_t CommitLog::Hasher::operator()(const core::TxId& id) const {
  std::size_t h = 0;
  std::memcpy(&h, id.hash.bytes.data(), sizeof h);
  return h;
}

void CommitLog::record(const std::vector<core::TxId>& ids, std::uint64_t height,
                       Clock::time_point at) {
  std::lock_guard lock(mutex_);
  for (const auto& id : ids) seen_.try_emplace(id, CommitSeen{at, height});
}

std::optional<CommitSeen> CommitLog::find(const core::TxId& id) const {
  std::lock_guard lock(mutex_);
  auto it = seen_.find(id);
  if (it == seen_.end()) return std::nullopt;
  return it->second;
}

std::size_t CommitLog::count_committed(const std::vector<core::TxId>& ids) const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& id : ids) n += seen_.count(id);
  return n;
}

std::size_t CommitLog::size() const {
  std::lock_guard lock(mutex_);
  return seen_.size();
}

CommitWatcher::CommitWatcher(std::vector<RpcEndpoint> endpoints, CommitLog& log, LogLine log_line)
    : endpoints_(std::move(endpoints)), log_(log), log_line_(std::move(log_line)) {}

CommitWatcher::~CommitWatcher() {
  stop();
}

void CommitWatcher::start(std::uint64_t from_height) {
  height_ = from_height;
  stop_ = false;
  thread_ = std::thread([this] { run(); });
}

void CommitWatcher::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void CommitWatcher::run() {
  RpcClient client(endpoints_, 0, std::chrono::seconds(5));
  bool failing = false;
  auto fail = [&](const std::string& what) {
    if (!failing) log_line_("watcher: " + what + " (retrying on " + client.endpoint().url() + ")");
    failing = true;
    std::this_thread::sleep_for(kFailurePause);
  };
  while (!stop_) {
    auto status = client.call("chain_status", "{}");
    if (!status) {
      fail(status.error().message());
      continue;
    }
    auto tip = json_u64_member(status->result(0), "height");
    if (!tip) {
      fail("chain_status: " + tip.error().message());
      continue;
    }
    std::uint64_t from = height_ + 1;
    if (*tip < from) {
      std::this_thread::sleep_for(kIdlePoll);
      continue;
    }
    std::vector<RpcCall> calls;
    for (std::uint64_t h = from; h <= *tip && h < from + kBlocksPerRequest; ++h)
      calls.push_back({"chain_getBlock", R"({"height":)" + std::to_string(h) + "}"});
    auto blocks = client.send(calls);
    if (!blocks) {
      fail(blocks.error().message());
      continue;
    }
    Clock::time_point now = Clock::now();
    bool complete = true;
    for (std::size_t i = 0; i < calls.size() && complete; ++i) {
      std::uint64_t h = from + i;
      auto ids = blocks->ok(i) ? block_tx_ids(blocks->result(i))
                               : core::Result<std::vector<core::TxId>>(core::Status::invalid(
                                     blocks->error(i).reason + " " + blocks->error(i).message));
      if (!ids) {
        fail("chain_getBlock " + std::to_string(h) + ": " + ids.error().message());
        complete = false;
        break;
      }
      log_.record(*ids, h, now);
      height_ = h;
    }
    if (complete) failing = false;
  }
}

}  // namespace grid::tools
