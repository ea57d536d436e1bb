// NodeConfig: what one gridnode process runs with, read from a JSON file (gridnode start
// --config FILE) or built by the dev/testnet commands, and written back as JSON.
//
// File format (every member optional except genesis_file; unknown members are refused; paths
// are relative to the config file's directory):
//   {"genesis_file": "../genesis.json", "data_dir": "data", "node_key_file": "node_key.json",
//    "validator_key_file": "", "validator": true,
//    "p2p": {"listen": "127.0.0.1:26656", "persistent_peers": ["<key hex>@host:port"],
//            "seeds": ["host:port"]},
//    "rpc": {"listen": "127.0.0.1:26657", "explorer_dir": ""},
//    "consensus": {"block_time_ms": 1000, "propose_timeout_ms": 3000,
//                  "clock_offset_warn_ms": 2000},
//    "mempool": {"max_txs": 20000, "max_bytes": 67108864},
//    "log_level": "info"}
// Contract: load_config refuses (Code::invalid, naming the member) bad types, unknown members,
// a malformed host:port and an unknown log level; Code::io when the file cannot be read.
// Thread safety: values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "node/log.hpp"

namespace grid::node {

struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};
core::Result<HostPort> parse_host_port(std::string_view text);

struct NodeConfig {
  std::string genesis_file;  // absolute once loaded
  std::string data_dir;
  std::string node_key_file;
  // The consensus signing key, when it is not the node key (empty: the node key signs). Two
  // processes given the same validator key but their own node keys are two signers of one
  // validator: a double-signing setup that tests use and operators must never run.
  std::string validator_key_file;
  bool validator = true;  // sign votes when the validator key is in the validator set
  std::string p2p_listen = "127.0.0.1:26656";
  std::vector<std::string> persistent_peers;
  std::vector<std::string> seeds;
  std::string rpc_listen = "127.0.0.1:26657";
  std::string explorer_dir;  // served at / when set
  std::uint64_t block_time_ms = 1000;
  std::uint64_t propose_timeout_ms = 3000;
  std::uint64_t clock_offset_warn_ms = 2000;  // warn when the clock is this far from the others
  std::uint64_t mempool_max_txs = 20000;
  std::uint64_t mempool_max_bytes = 64u << 20;
  LogLevel log_level = LogLevel::info;
};

core::Result<NodeConfig> load_config(const std::string& path);
// Paths are written as given (make them relative to the file's directory first if you want a
// movable directory).
std::string config_to_json(const NodeConfig& config);
// Writes through core::write_file_durably (never torn, never through a planted symlink, fsynced)
// with mode 0600 for a private file (a key) from its creation, 0644 otherwise.
core::Status write_text_file(const std::string& path, std::string_view text, bool private_file);
core::Result<std::string> read_text_file(const std::string& path);

}  // namespace grid::node
