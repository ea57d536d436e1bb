#include "node/commands.hpp"

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "node/dev_params.hpp"
#include "node/flags.hpp"
#include "node/log.hpp"
#include "node/node.hpp"
#include "node/node_key.hpp"
#include "node/testnet.hpp"
#include "rpc/genesis_json.hpp"

namespace grid::node {
namespace fs = std::filesystem;

namespace {

constexpr const char* kStartHelp = R"(gridnode start --config FILE [--log-level LEVEL]

Runs one node from a JSON config file (format: docs/operations.md). The node key file is
created on first start when missing. Stops cleanly on SIGINT or SIGTERM.
  --config FILE      the node's config.json (required)
  --log-level LEVEL  error, warn, info or debug (overrides the config)
)";

constexpr const char* kDevHelp = R"(gridnode dev [flags]

Runs a one-validator development chain: the dev genesis (alice..ferdie funded with
1 000 000 TFT each, alice on the council; docs/wire.md lists the dev keys), a block every
second, JSON-RPC on 127.0.0.1:26657. State survives restarts; --reset starts over.
  --home DIR          data, key and genesis (default ./.gridchain-dev)
  --rpc HOST:PORT     JSON-RPC listen address (default 127.0.0.1:26657)
  --p2p HOST:PORT     p2p listen address (default 127.0.0.1:26656)
  --block-time-ms MS  target block time (default 1000)
  --explorer DIR      serve the block explorer from DIR at /
  --params LIST       chain parameters of a new dev chain, name=value,... (names as in
                      docs/genesis.md), e.g. billing_period=10,grace_period_node=60 for a
                      chain that bills every 10 s; an existing chain keeps its own (--reset)
  --reset             delete the chain data (keeps the node key) and start a new chain
  --log-level LEVEL   error, warn, info or debug (default info)
)";

constexpr const char* kInitHelp = R"(gridnode init --home DIR [flags]

Creates a node home: DIR/node_key.json (ed25519, mode 0600), DIR/config.json and, unless
--genesis is given, DIR/genesis.json for a new chain whose only validator is this node.
  --home DIR          the directory to create (required; must not hold a config.json)
  --genesis FILE      join an existing chain: copy its genesis instead of making one
  --chain-id ID       the new chain's id (default gridchain-local)
  --p2p HOST:PORT     p2p listen address (default 127.0.0.1:26656)
  --rpc HOST:PORT     JSON-RPC listen address (default 127.0.0.1:26657)
  --peers LIST        comma-separated persistent peers, KEYHEX@HOST:PORT
)";

int fail(const std::string& what, const core::Status& st, int code = 1) {
  std::fprintf(stderr, "gridnode: %s: %s\n", what.c_str(), st.message().c_str());
  return code;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    auto comma = text.find(',', start);
    std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

int run_node(const NodeConfig& config, const ledger::Genesis& genesis, core::Ed25519SecretKey key) {
  set_log_level(config.log_level);
  // SIGINT/SIGTERM are taken by one thread that asks the node to stop; every other thread
  // (created after this) inherits the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  auto node = Node::open(config, genesis, std::move(key));
  if (!node) {
    log_error("node", "cannot open: " + node.error().to_string());
    return 1;
  }
  Node* n = node->get();
  std::thread([signals, n]() mutable {
    int sig = 0;
    if (sigwait(&signals, &sig) == 0) {
      log_info("node", std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM"));
      n->request_stop();
    }
  }).detach();
  core::Status st = n->start();
  if (!st.is_ok()) {
    log_error("node", "cannot start: " + st.to_string());
    (void)n->wait();
    return 1;
  }
  return n->wait();
}

int run_start(const Args& args) {
  if (wants_help(args)) return std::fputs(kStartHelp, stdout), 0;
  auto flags = Flags::parse(args, {"config", "log-level"}, {});
  if (!flags) return usage_error(flags.error(), kStartHelp);
  if (!flags->has("config"))
    return usage_error(core::Status::invalid("--config is required"), kStartHelp);
  auto config = load_config(flags->get("config"));
  if (!config) return fail("config", config.error(), 2);
  if (flags->has("log-level")) {
    auto level = parse_log_level(flags->get("log-level"));
    if (!level) return usage_error(core::Status::invalid("bad --log-level"), kStartHelp);
    config->log_level = *level;
  }
  auto genesis = rpc::load_genesis_file(config->genesis_file);
  if (!genesis) return fail("genesis", genesis.error());
  auto key = load_or_create_node_key(config->node_key_file);
  if (!key) return fail("node key", key.error());
  return run_node(*config, *genesis, std::move(*key));
}

int run_dev(const Args& args) {
  if (wants_help(args)) return std::fputs(kDevHelp, stdout), 0;
  auto flags = Flags::parse(
      args, {"home", "rpc", "p2p", "block-time-ms", "explorer", "params", "log-level"}, {"reset"});
  if (!flags) return usage_error(flags.error(), kDevHelp);
  std::string home = fs::absolute(flags->get("home", ".gridchain-dev")).lexically_normal().string();
  NodeConfig config;
  config.data_dir = home + "/data";
  config.node_key_file = home + "/node_key.json";
  config.genesis_file = home + "/genesis.json";
  config.rpc_listen = flags->get("rpc", "127.0.0.1:26657");
  config.p2p_listen = flags->get("p2p", "127.0.0.1:26656");
  config.explorer_dir = flags->get("explorer", "");
  auto block_time = flags->get_u64("block-time-ms", 1000);
  if (!block_time || *block_time == 0)
    return usage_error(core::Status::invalid("bad --block-time-ms"), kDevHelp);
  config.block_time_ms = *block_time;
  if (auto level = parse_log_level(flags->get("log-level", "info")))
    config.log_level = *level;
  else
    return usage_error(core::Status::invalid("bad --log-level"), kDevHelp);
  for (const auto& listen : {config.rpc_listen, config.p2p_listen})
    if (auto hp = parse_host_port(listen); !hp) return usage_error(hp.error(), kDevHelp);

  std::error_code ec;
  if (flags->has("reset")) {
    fs::remove_all(config.data_dir, ec);
    fs::remove(config.genesis_file, ec);
  }
  fs::create_directories(home, ec);
  auto key = load_or_create_node_key(config.node_key_file);
  if (!key) return fail("node key", key.error());
  const std::string params = flags->get("params", "");
  if (!fs::exists(config.genesis_file)) {
    auto fresh = with_params(ledger::dev_genesis(key->public_key(), unix_seconds()), params);
    if (!fresh) return usage_error(fresh.error(), kDevHelp);
    auto st = rpc::save_genesis_file(config.genesis_file, *fresh);
    if (!st.is_ok()) return fail("genesis", st);
  }
  auto genesis = rpc::load_genesis_file(config.genesis_file);
  if (!genesis) return fail("genesis", genesis.error());
  if (auto wanted = with_params(*genesis, params); !wanted) {
    return usage_error(wanted.error(), kDevHelp);
  } else if (!(wanted->params == genesis->params)) {
    std::fprintf(stderr,
                 "gridnode: the dev chain in %s was created with other parameters than --params "
                 "asks; add --reset to start a new chain with them\n",
                 home.c_str());
    return 1;
  }
  std::printf(
      "gridnode dev: chain %s, home %s\n  JSON-RPC  http://%s/rpc\n  explorer  http://%s/\n"
      "  dev accounts alice, bob, charlie, dave, eve, ferdie (1 000 000 TFT each)\n",
      genesis->chain_id.c_str(), home.c_str(), config.rpc_listen.c_str(),
      config.rpc_listen.c_str());
  std::fflush(stdout);
  return run_node(config, *genesis, std::move(*key));
}

int run_init(const Args& args) {
  if (wants_help(args)) return std::fputs(kInitHelp, stdout), 0;
  auto flags = Flags::parse(args, {"home", "genesis", "chain-id", "p2p", "rpc", "peers"}, {});
  if (!flags) return usage_error(flags.error(), kInitHelp);
  if (!flags->has("home"))
    return usage_error(core::Status::invalid("--home is required"), kInitHelp);
  fs::path home = fs::absolute(flags->get("home")).lexically_normal();
  if (fs::exists(home / "config.json")) {
    std::fprintf(stderr, "gridnode: %s already holds a config.json; not overwriting it\n",
                 home.c_str());
    return 1;
  }
  NodeConfig config;
  config.genesis_file = "genesis.json";
  config.data_dir = "data";
  config.node_key_file = "node_key.json";
  config.p2p_listen = flags->get("p2p", "127.0.0.1:26656");
  config.rpc_listen = flags->get("rpc", "127.0.0.1:26657");
  config.persistent_peers = split_list(flags->get("peers"));
  for (const auto& listen : {config.rpc_listen, config.p2p_listen})
    if (auto hp = parse_host_port(listen); !hp) return usage_error(hp.error(), kInitHelp);
  std::error_code ec;
  fs::create_directories(home, ec);
  auto key = load_or_create_node_key((home / "node_key.json").string());
  if (!key) return fail("node key", key.error());
  ledger::Genesis genesis;
  if (flags->has("genesis")) {
    auto loaded = rpc::load_genesis_file(flags->get("genesis"));
    if (!loaded) return fail("genesis", loaded.error());
    genesis = *loaded;
  } else {
    genesis = make_testnet_genesis(flags->get("chain-id", "gridchain-local"), {key->public_key()});
  }
  if (auto st = rpc::save_genesis_file((home / "genesis.json").string(), genesis); !st.is_ok())
    return fail("genesis", st);
  if (auto st = write_text_file((home / "config.json").string(), config_to_json(config), false);
      !st.is_ok())
    return fail("config", st);
  std::printf(
      "initialized %s\n  node key   %s\n  chain      %s\n  start with gridnode start --config %s\n",
      home.c_str(), core::hex_encode(key->public_key()).c_str(), genesis.chain_id.c_str(),
      (home / "config.json").c_str());
  return 0;
}

}  // namespace grid::node
