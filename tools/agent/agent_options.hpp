// gridagent's command line: the options, their defaults, the usage text and the parser.
//
// Contract: parse_agent_options reads argv (without the program name) and returns the options or
// Code::invalid naming the offending argument. Values follow the option ("--cru 8") or an '='
// ("--cru=8"). Intervals are whole seconds >= 1; sizes take units (tools/client/cli_args.hpp).
// Exactly one key source: --key FILE (with --passphrase-file FILE or, when absent, the
// GRIDAGENT_PASSPHRASE environment variable, read by the caller) or --dev-account NAME.
// --farm is required (unless --help). Capacity left unset is probed from the machine by the
// caller (tools/agent/machine_probe.hpp). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "tools/client/endpoint.hpp"

namespace grid::tools {

struct AgentOptions {
  RpcEndpoint node{"127.0.0.1", 26657};
  std::string key_file;                             // --key
  std::string passphrase_file;                      // --passphrase-file
  std::string dev_account;                          // --dev-account
  std::uint32_t farm_id = 0;                        // --farm (required)
  std::optional<std::uint64_t> cru, mru, sru, hru;  // unset: probed from the machine
  std::string disk = "/";                           // --disk: what statvfs measures for sru
  std::string country = "Unknown";
  std::string city = "Unknown";
  std::string latitude = "0";
  std::string longitude = "0";
  std::string state_dir = "./gridagent-state";
  std::uint64_t uptime_interval_s = 2400;       // ChainParams::uptime_report_interval
  std::uint64_t consumption_interval_s = 3600;  // ChainParams::consumption_report_interval
  std::uint64_t poll_interval_s = 30;
  bool no_events = false;
  std::string interface;  // --interface: real counters; empty = simulated traffic
  bool help = false;
};

std::string_view agent_usage();

core::Result<AgentOptions> parse_agent_options(std::span<const std::string_view> args);

}  // namespace grid::tools
