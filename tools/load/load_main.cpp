// gridload: end-to-end load generator for Gridchain nodes over JSON-RPC. See `gridload --help`
// (tools/load/load_options.cpp) for the phases, the options and the exit status.
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/dev_accounts.hpp"
#include "tools/client/rpc_client.hpp"
#include "tools/load/commit_watcher.hpp"
#include "tools/load/load_options.hpp"
#include "tools/load/load_plan.hpp"
#include "tools/load/load_report.hpp"
#include "tools/load/load_self_test.hpp"
#include "tools/load/load_setup.hpp"
#include "tools/load/submitter.hpp"

namespace grid::tools {
namespace {

constexpr auto kProgressEvery = std::chrono::seconds(1);
constexpr auto kProgressPoll = std::chrono::milliseconds(20);

class Logger {
 public:
  explicit Logger(bool quiet) : quiet_(quiet) {}
  void operator()(const std::string& line) const {
    if (quiet_) return;
    std::lock_guard lock(mutex_);
    std::fprintf(stderr, "gridload: %s\n", line.c_str());
  }
  Submitter::LogLine fn() const {
    return [this](const std::string& line) { (*this)(line); };
  }

 private:
  bool quiet_;
  mutable std::mutex mutex_;
};

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::vector<core::TxId> ids_of(const std::vector<std::vector<SignedTx>>& queues) {
  std::vector<core::TxId> ids;
  for (const auto& q : queues)
    for (const auto& tx : q) ids.push_back(tx.id);
  return ids;
}

core::Status write_ids(const std::string& path, const std::vector<core::TxId>& ids,
                       const CommitLog& log) {
  std::ofstream out(path, std::ios::trunc);
  for (const auto& id : ids)
    if (log.find(id)) out << id.hex() << '\n';
  out.flush();
  if (!out) return core::Status::io("cannot write " + path);
  return core::Status::ok();
}

struct Run {
  LoadSummary summary;
  std::vector<core::TxId> all_ids;  // funding then load
};

// The load phase: submit the queues until all are committed or the deadline passes.
LoadSummary load_phase(const LoadOptions& o, const std::vector<std::vector<SignedTx>>& queues,
                       const CommitLog& log, const Logger& logger) {
  std::vector<core::TxId> ids = ids_of(queues);
  SubmitOptions options{.connections = o.connections,
                        .batch = o.batch,
                        .rate = o.rate,
                        .resubmit_after = std::chrono::seconds(o.resubmit_after_s),
                        .deadline = Clock::now() + std::chrono::seconds(o.timeout_s)};
  Submitter submitter(o.rpc, options, log, logger.fn());
  Clock::time_point started = Clock::now();
  Clock::time_point next_progress = started + kProgressEvery;
  submitter.start(queues);
  for (;;) {
    std::size_t committed = log.count_committed(ids);
    if (committed == ids.size() || !submitter.running()) break;
    if (Clock::now() >= next_progress) {
      next_progress += kProgressEvery;
      logger("t=" + std::to_string(static_cast<int>(seconds_since(started))) + "s committed " +
             std::to_string(committed) + "/" + std::to_string(ids.size()));
    }
    std::this_thread::sleep_for(kProgressPoll);
  }
  submitter.stop();
  submitter.wait();
  return summarize(queues, submitter.timings(), log, submitter.stats());
}

core::Result<Run> run_load(const LoadOptions& o, const Logger& logger) {
  RpcClient client(o.rpc, 0);
  GRID_ASSIGN(RpcReply status, client.call("chain_status", "{}"));
  GRID_ASSIGN(std::uint64_t height, json_u64_member(status.result(0), "height"));
  std::string chain_id = o.chain_id.value_or("");
  if (chain_id.empty()) {
    GRID_ASSIGN(chain_id, json_string_member(status.result(0), "chain_id"));
  }
  logger("chain " + chain_id + " at height " + std::to_string(height) + " (" +
         client.endpoint().url() + ")");

  auto funder_secret = core::dev_secret_key(o.funder);
  if (!funder_secret)
    return core::Status::invalid("--funder " + o.funder + ": " + funder_secret.error().message());
  const auto m = static_cast<std::uint32_t>(std::min<std::uint64_t>(o.accounts, o.txs));
  const std::uint64_t fee = o.fee.value_or(default_transfer_fee());
  std::vector<LoadKey> keys = derive_load_keys(o.seed, m);

  CommitLog log;
  CommitWatcher watcher(o.rpc, log, logger.fn());
  watcher.start(height);

  // Setup: fund the senders (not timed).
  Clock::time_point setup_start = Clock::now();
  FundingJob job{.endpoints = o.rpc,
                 .chain_id = chain_id,
                 .funder = load_key_from_secret(*funder_secret),
                 .fee = fee,
                 .deadline = setup_start + std::chrono::seconds(o.timeout_s)};
  for (std::uint32_t k = 0; k < m; ++k) {
    job.accounts.push_back(keys[k].account);
    job.needed.push_back(funding_needed(transfers_of_account(o.txs, m, k), fee));
  }
  GRID_ASSIGN(std::vector<SignedTx> funding, fund_accounts(job, log, logger.fn()));
  logger(std::to_string(m) + " accounts funded (" + std::to_string(funding.size()) +
         " funding transfers) in " + std::to_string(seconds_since(setup_start)) + " s");

  // Pre-signing (not timed).
  GRID_ASSIGN(std::vector<AccountState> states, fetch_accounts(client, job.accounts));
  TransferPlan plan{.chain_id = chain_id, .fee = fee, .txs = o.txs, .keys = keys};
  for (const auto& s : states) plan.start_nonces.push_back(s.nonce);
  plan.sink = job.funder.account;
  Clock::time_point sign_start = Clock::now();
  GRID_ASSIGN(auto queues, plan_transfers(plan));
  logger("pre-signed and verified " + std::to_string(o.txs) + " transfers (fee " +
         std::to_string(fee) + ") in " + std::to_string(seconds_since(sign_start)) + " s");

  Run run;
  run.summary = load_phase(o, queues, log, logger);
  watcher.stop();
  for (const auto& tx : funding) run.all_ids.push_back(tx.id);
  for (const auto& id : ids_of(queues)) run.all_ids.push_back(id);
  if (!o.ids_out.empty()) GRID_TRY(write_ids(o.ids_out, run.all_ids, log));
  return run;
}

}  // namespace
}  // namespace grid::tools

int main(int argc, char** argv) {
  using namespace grid::tools;
  std::vector<std::string_view> args(argv + 1, argv + argc);
  auto options = parse_load_options(args);
  if (!options) {
    std::fprintf(stderr, "gridload: %s\n", options.error().message().c_str());
    return 2;
  }
  if (options->help) {
    std::fwrite(load_usage().data(), 1, load_usage().size(), stdout);
    return 0;
  }
  if (options->self_test) return run_load_self_test(stdout) == 0 ? 0 : 1;
  Logger logger(options->quiet);
  auto run = run_load(*options, logger);
  if (!run) {
    std::fprintf(stderr, "gridload: %s\n", run.error().to_string().c_str());
    return 1;
  }
  const LoadSummary& s = run->summary;
  std::string out = options->json ? summary_json(s) + "\n" : summary_text(s);
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (!s.complete()) {
    std::fprintf(stderr, "gridload: only %llu of %llu transactions committed within %u s\n",
                 static_cast<unsigned long long>(s.committed),
                 static_cast<unsigned long long>(s.txs), options->timeout_s);
    return 1;
  }
  return 0;
}
