// gridload's command line: the options, their defaults, the usage text and the parser.
//
// Contract: parse_load_options reads argv (without the program name) and returns the options or
// Code::invalid with a message naming the offending argument. Every option takes its value as the
// next argument ("--txs 100") or after '=' ("--txs=100"). Numbers are plain decimal; counts must
// be at least 1. URLs are http://HOST:PORT with an optional trailing "/" or "/rpc". Pure
// functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "tools/client/endpoint.hpp"

namespace grid::tools {

struct LoadOptions {
  std::vector<RpcEndpoint> rpc;  // default: http://127.0.0.1:26657
  std::uint64_t txs = 10'000;
  std::uint32_t accounts = 100;
  std::uint32_t connections = 8;
  std::optional<std::string> chain_id;  // default: chain_status's
  std::string funder = "alice";
  bool json = false;
  std::string ids_out;  // empty: do not write
  std::uint32_t timeout_s = 120;
  std::string seed = "gridload";
  std::optional<std::uint64_t> fee;  // default: kFeeMultiplier x the default-params fee
  std::uint32_t batch = 100;
  std::uint32_t rate = 0;  // tx_submit calls per second over all connections; 0 = unlimited
  std::uint32_t resubmit_after_s = 10;
  bool quiet = false;
  bool self_test = false;
  bool help = false;
};

std::string_view load_usage();

core::Result<LoadOptions> parse_load_options(std::span<const std::string_view> args);

}  // namespace grid::tools
