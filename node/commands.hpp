// The gridnode subcommands: init, dev, testnet, start. Each parses its own flags, prints a
// clear error (and exit code 2) on bad usage, and `--help` for each explains every flag.
//
// Contract: run_* return the process exit code. start/dev run a node until SIGINT or SIGTERM
// (exit 0) or until it halts on a failure (exit 1). testnet writes a genesis, keys and one
// config per validator, then (unless --no-start) runs them as child processes.
// Thread safety: called once from main.
#pragma once

#include <string>
#include <vector>

namespace grid::node {

using Args = std::vector<std::string>;

int run_init(const Args& args);
int run_dev(const Args& args);
int run_testnet(const Args& args);
int run_start(const Args& args);

}  // namespace grid::node
