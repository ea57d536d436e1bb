// gridagent: the node daemon of a 3Node (`gridagent --help`; tools/agent/agent_loop.hpp).
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/dev_accounts.hpp"
#include "core/keystore.hpp"
#include "tools/agent/agent_log.hpp"
#include "tools/agent/agent_loop.hpp"
#include "tools/agent/agent_options.hpp"
#include "tools/agent/machine_probe.hpp"
#include "tools/agent/node_setup.hpp"

namespace grid::tools {
namespace {

core::Result<core::AccountKey> load_key(const AgentOptions& o) {
  if (!o.dev_account.empty()) return core::dev_account_key(o.dev_account);
  std::string passphrase;
  if (!o.passphrase_file.empty()) {
    std::ifstream in(o.passphrase_file);
    if (!in) return core::Status::io("cannot read " + o.passphrase_file);
    std::getline(in, passphrase);
    if (!passphrase.empty() && passphrase.back() == '\r') passphrase.pop_back();
  } else if (const char* env = std::getenv("GRIDAGENT_PASSPHRASE")) {
    passphrase = env;
  } else {
    return core::Status::invalid("--key needs --passphrase-file or GRIDAGENT_PASSPHRASE");
  }
  return core::read_key_file(o.key_file, passphrase);
}

// SIGTERM and SIGINT are blocked in every thread and taken by one thread with sigwait.
void start_signal_thread(Inbox& inbox) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set, &inbox] {
    int sig = 0;
    if (sigwait(&set, &sig) == 0) {
      agent_log(std::string("received ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT"));
      inbox.request_stop();
    }
  }).detach();
}

// Runs setup until it succeeds, is refused, or a stop is requested; transient failures retry.
core::Result<NodeIdentity> setup_with_retries(ChainReader& chain, TxSender& sender,
                                              const NodeWanted& wanted, Inbox& inbox) {
  std::chrono::seconds backoff(1);
  while (true) {
    auto id = setup_node(chain, sender, wanted);
    if (id || id.error().code() != core::Code::io) return id;
    agent_log("setup: " + id.error().message() + "; retrying in " +
              std::to_string(backoff.count()) + " s");
    if (inbox.wait_until(std::chrono::steady_clock::now() + backoff).stop)
      return core::Status::invalid("stopped before the node was set up");
    backoff = std::min(backoff * 2, std::chrono::seconds(30));
  }
}

int run(const AgentOptions& o) {
  Inbox inbox;
  start_signal_thread(inbox);
  std::uint64_t started_at = static_cast<std::uint64_t>(std::time(nullptr));
  auto key = load_key(o);
  if (!key) {
    agent_log("cannot load the key: " + key.error().message());
    return 1;
  }
  auto capacity = probe_capacity(CapacityRequest{o.cru, o.mru, o.sru, o.hru}, o.disk);
  if (!capacity) {
    agent_log("cannot measure the machine: " + capacity.error().message());
    return 1;
  }
  auto store = DeploymentStore::open(o.state_dir);
  if (!store) {
    agent_log(store.error().message());
    return 1;
  }
  RpcClient rpc({o.node}, 0, std::chrono::seconds(30));
  TxSender sender(rpc, std::move(*key));
  ChainReader chain(rpc);
  agent_log("account " + sender.account().to_address() + ", node " + o.node.url() + ", farm " +
            std::to_string(o.farm_id));
  NodeWanted wanted{o.farm_id, *capacity, {o.country, o.city, o.latitude, o.longitude}};
  auto identity = setup_with_retries(chain, sender, wanted, inbox);
  if (!identity) {
    agent_log("setup failed: " + identity.error().message());
    return 1;
  }
  LoopConfig config{o.node,
                    identity->node_id,
                    identity->power_up,
                    o.uptime_interval_s,
                    o.consumption_interval_s,
                    o.poll_interval_s,
                    !o.no_events,
                    o.interface,
                    started_at};
  AgentLoop loop(std::move(config), chain, sender, *store, inbox);
  return loop.run();
}

}  // namespace
}  // namespace grid::tools

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  auto options = grid::tools::parse_agent_options(args);
  if (!options) {
    std::fprintf(stderr, "gridagent: %s\n", options.error().message().c_str());
    return 2;
  }
  if (options->help) {
    std::fwrite(grid::tools::agent_usage().data(), 1, grid::tools::agent_usage().size(), stdout);
    return 0;
  }
  return grid::tools::run(*options);
}
