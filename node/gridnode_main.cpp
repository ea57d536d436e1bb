// gridnode: the Gridchain node. See `gridnode --help` and docs/operations.md.
#include <cstdio>
#include <cstring>
#include <string>

#include "node/commands.hpp"

namespace {

constexpr const char* kUsage = R"(gridnode: a Gridchain ledger node (BFT validator or full node)

usage: gridnode <command> [flags]      (gridnode <command> --help for its flags)

commands:
  dev       run a one-validator development chain (dev accounts funded, 1 s blocks,
            JSON-RPC on 127.0.0.1:26657, data in ./.gridchain-dev)
  testnet   write genesis, keys and configs for N validators on loopback and start them
  init      create a node home: node key, config.json and (unless given) a genesis
  start     run a node from a config file (gridnode start --config FILE)
  version   print the version
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  std::string command = argv[1];
  grid::node::Args args(argv + 2, argv + argc);
  if (command == "dev") return grid::node::run_dev(args);
  if (command == "testnet") return grid::node::run_testnet(args);
  if (command == "init") return grid::node::run_init(args);
  if (command == "start") return grid::node::run_start(args);
  if (command == "version" || command == "--version") {
    std::puts("gridnode 0.1.0");
    return 0;
  }
  std::fprintf(stderr, "gridnode: unknown command '%s'\n\n%s", command.c_str(), kUsage);
  return 2;
}
