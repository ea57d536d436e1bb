#include "node/testnet.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "core/ed25519.hpp"
#include "node/commands.hpp"
#include "node/config.hpp"
#include "node/dev_params.hpp"
#include "node/flags.hpp"
#include "node/node_key.hpp"
#include "rpc/genesis_json.hpp"

extern char** environ;

namespace grid::node {
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kOperatorSpare = 1'000ull * 10'000'000;  // 1 000 TFT for fees

constexpr const char* kTestnetHelp = R"(gridnode testnet --validators N --dir DIR [flags]

Writes DIR/genesis.json and, for each validator i = 0..N-1, DIR/node<i>/ with node_key.json
and config.json (p2p on 127.0.0.1:BASE+2i, JSON-RPC on 127.0.0.1:BASE+2i+1, every other
validator as a persistent peer); then starts the N nodes as child processes, logging to
DIR/node<i>/node.log, until SIGINT or SIGTERM (which it passes on).
  --validators N      number of validators, 1..64 (required)
  --dir DIR           output directory (required; must not already hold a genesis.json)
  --base-port P       first port (default 26600)
  --block-time-ms MS  target block time (default 1000)
  --chain-id ID       chain id (default gridchain-testnet)
  --params LIST       chain parameters, name=value,... (names as in docs/genesis.md "params";
                      the defaults are the dev genesis's short periods), e.g. epoch_length=20
  --no-start          only write the files
)";

volatile sig_atomic_t g_stop_signal = 0;
void on_stop_signal(int sig) {
  g_stop_signal = sig;
}

int run_children(const std::vector<std::string>& configs, const std::vector<std::string>& logs) {
  std::string self = fs::read_symlink("/proc/self/exe").string();
  std::vector<pid_t> pids;
  for (std::size_t i = 0; i < configs.size(); ++i) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, logs[i].c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 1, logs[i].c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0644);
    std::vector<std::string> argv_s{self, "start", "--config", configs[i]};
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      std::fprintf(stderr, "gridnode: cannot start node %zu\n", i);
      for (pid_t p : pids) kill(p, SIGTERM);
      return 1;
    }
    pids.push_back(pid);
    std::printf("started node%zu (pid %d), log %s\n", i, pid, logs[i].c_str());
  }
  std::fflush(stdout);
  ::signal(SIGINT, on_stop_signal);
  ::signal(SIGTERM, on_stop_signal);
  std::size_t alive = pids.size();
  bool forwarded = false;
  int worst = 0;
  while (alive > 0) {
    if (g_stop_signal && !forwarded) {
      for (pid_t p : pids) kill(p, SIGTERM);
      forwarded = true;
    }
    int status = 0;
    pid_t done = waitpid(-1, &status, WNOHANG);
    if (done > 0) {
      --alive;
      int code = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
      if (code != 0) worst = code;
      std::printf("node pid %d exited with %d\n", done, code);
      continue;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return worst;
}

}  // namespace

ledger::Genesis make_testnet_genesis(const std::string& chain_id,
                                     const std::vector<std::array<std::uint8_t, 32>>& keys) {
  ledger::Genesis g = ledger::dev_genesis(keys.front(), unix_seconds());
  g.chain_id = chain_id;
  g.validators.clear();
  for (const auto& key : keys) {
    core::AccountId op = core::AccountId::ed25519(key);
    g.accounts.push_back({op, g.params.min_validator_bond + kOperatorSpare});
    g.validators.push_back({op, key, g.params.min_validator_bond, 10});
  }
  return g;
}

int run_testnet(const Args& args) {
  if (wants_help(args)) return std::fputs(kTestnetHelp, stdout), 0;
  auto flags =
      Flags::parse(args, {"validators", "dir", "base-port", "block-time-ms", "chain-id", "params"},
                   {"no-start"});
  auto usage = [](const core::Status& st) { return usage_error(st, kTestnetHelp); };
  if (!flags) return usage(flags.error());
  auto n = flags->get_u64("validators", 0);
  if (!n || *n == 0 || *n > 64) return usage(core::Status::invalid("--validators must be 1..64"));
  if (!flags->has("dir")) return usage(core::Status::invalid("--dir is required"));
  auto base = flags->get_u64("base-port", 26600);
  if (!base || *base < 1024 || *base + 2 * *n > 65535)
    return usage(core::Status::invalid("--base-port must leave room for 2 ports per node"));
  auto block_time = flags->get_u64("block-time-ms", 1000);
  if (!block_time || *block_time == 0) return usage(core::Status::invalid("bad --block-time-ms"));
  fs::path dir = fs::absolute(flags->get("dir")).lexically_normal();
  if (fs::exists(dir / "genesis.json")) {
    std::fprintf(stderr, "gridnode: %s already holds a testnet\n", dir.c_str());
    return 1;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "gridnode: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
    return 1;
  }
  std::vector<core::Ed25519SecretKey> keys;
  std::vector<std::array<std::uint8_t, 32>> publics;
  for (std::uint64_t i = 0; i < *n; ++i) {
    keys.push_back(core::Ed25519SecretKey::generate());
    publics.push_back(keys.back().public_key());
  }
  auto genesis =
      with_params(make_testnet_genesis(flags->get("chain-id", "gridchain-testnet"), publics),
                  flags->get("params", ""));
  if (!genesis) return usage(genesis.error());
  if (auto st = rpc::save_genesis_file((dir / "genesis.json").string(), *genesis); !st.is_ok()) {
    std::fprintf(stderr, "gridnode: %s\n", st.message().c_str());
    return 1;
  }
  auto p2p_addr = [&](std::uint64_t i) { return "127.0.0.1:" + std::to_string(*base + 2 * i); };
  auto rpc_addr = [&](std::uint64_t i) { return "127.0.0.1:" + std::to_string(*base + 2 * i + 1); };
  std::vector<std::string> configs, logs;
  std::printf("testnet %s: %llu validators in %s\n", genesis->chain_id.c_str(),
              static_cast<unsigned long long>(*n), dir.c_str());
  std::printf("  %-6s %-22s %-22s %s\n", "node", "p2p", "json-rpc", "node key");
  for (std::uint64_t i = 0; i < *n; ++i) {
    fs::path home = dir / ("node" + std::to_string(i));
    NodeConfig c;
    c.genesis_file = "../genesis.json";
    c.data_dir = "data";
    c.node_key_file = "node_key.json";
    c.p2p_listen = p2p_addr(i);
    c.rpc_listen = rpc_addr(i);
    c.block_time_ms = *block_time;
    for (std::uint64_t j = 0; j < *n; ++j)
      if (j != i) c.persistent_peers.push_back(core::hex_encode(publics[j]) + "@" + p2p_addr(j));
    core::Status st = save_node_key((home / "node_key.json").string(), keys[i]);
    if (st.is_ok()) st = write_text_file((home / "config.json").string(), config_to_json(c), false);
    if (!st.is_ok()) {
      std::fprintf(stderr, "gridnode: %s\n", st.message().c_str());
      return 1;
    }
    configs.push_back((home / "config.json").string());
    logs.push_back((home / "node.log").string());
    std::printf("  node%-2llu %-22s %-22s %s\n", static_cast<unsigned long long>(i),
                c.p2p_listen.c_str(), c.rpc_listen.c_str(), core::hex_encode(publics[i]).c_str());
  }
  std::fflush(stdout);
  if (flags->has("no-start")) return 0;
  return run_children(configs, logs);
}

}  // namespace grid::node
