#include "tools/agent/agent_options.hpp"

#include <functional>
#include <map>

#include "tools/client/cli_args.hpp"

namespace grid::tools {
namespace {

constexpr std::string_view kUsage =
    R"(usage: gridagent --farm ID (--key FILE [--passphrase-file FILE] | --dev-account NAME) [OPTIONS]

The node daemon of a 3Node. At start it accepts the terms and creates the account's twin (when
the account has none), registers the node in the farm (or updates it when its capacity or
location changed) and powers it up on chain if it was down. Then it reports uptime on its
interval, follows the node's contracts (GET /events filtered on the node, resumed from the last
block seen; polling contract_list when the stream is unavailable), provisions them (one file
per contract in STATE_DIR/contracts/), pauses and resumes them on grace periods, removes deleted
ones, and reports their network consumption. SIGTERM or SIGINT: reports power down, then exits.
One line per action on stderr.

Options
  --node URL             the node's JSON-RPC server, http://HOST:PORT (default
                         http://127.0.0.1:26657)
  --key FILE             the node account's key store file (core/keystore.hpp)
  --passphrase-file FILE its passphrase (first line); default: $GRIDAGENT_PASSPHRASE
  --dev-account NAME     a dev chain account instead of a key file: alice, bob, charlie,
                         dave, eve, ferdie
  --farm ID              the farm to register in (required; the farm must be open or allow
                         the node's account)
Capacity (default: this machine)
  --cru N                virtual cores (default: the online CPU count)
  --mru SIZE             memory (default: MemTotal of /proc/meminfo)
  --sru SIZE             SSD storage (default: the size of the file system of --disk)
  --hru SIZE             HDD storage (default 0)
  --disk PATH            the file system measured for --sru (default /)
                         SIZE: bytes, or a number with K, M, G, T (x1000) or KiB, MiB, GiB,
                         TiB (x1024), e.g. 16GiB
Location
  --country NAME, --city NAME (default "Unknown"), --latitude X, --longitude X (default 0)
State and timing (seconds, each >= 1)
  --state-dir DIR        where deployments are recorded (default ./gridagent-state)
  --uptime-interval S    report_uptime every S s (default 2400, the chain's
                         uptime_report_interval; the chain refuses reports closer than half of
                         its interval and the agent then waits for the time the chain names)
  --consumption-interval S
                         report_consumption every S s (default 3600)
  --poll-interval S      contract_list polling while the event stream is unavailable
                         (default 30)
  --no-events            never open the event stream: poll only
  --interface NAME       consumption from NAME's /proc/net/dev counters (received +
                         transmitted bytes since the last report, shared equally by the running
                         contracts); default: simulated, 1000 bytes per second per running
                         contract
  -h, --help             this text

Exit status: 0 after a clean shutdown (power down reported), 1 when setup failed or the power
down was refused, 2 on a bad command line.
)";

using Setter = std::function<core::Status(AgentOptions&, std::string_view name, std::string_view)>;

Setter text(std::string AgentOptions::*field) {
  return [=](AgentOptions& o, std::string_view name, std::string_view v) -> core::Status {
    if (v.empty()) return core::Status::invalid(std::string(name) + ": empty");
    o.*field = std::string(v);
    return core::Status::ok();
  };
}

Setter seconds(std::uint64_t AgentOptions::*field) {
  return [=](AgentOptions& o, std::string_view name, std::string_view v) -> core::Status {
    GRID_ASSIGN(o.*field, parse_u64_arg(name, v, 1, 100ull * 365 * 86400));
    return core::Status::ok();
  };
}

Setter size(std::optional<std::uint64_t> AgentOptions::*field) {
  return [=](AgentOptions& o, std::string_view name, std::string_view v) -> core::Status {
    GRID_ASSIGN(o.*field, parse_size_arg(name, v));
    return core::Status::ok();
  };
}

const std::map<std::string, Setter, std::less<>>& setters() {
  static const std::map<std::string, Setter, std::less<>> table = {
      {"--node",
       [](AgentOptions& o, std::string_view name, std::string_view v) -> core::Status {
         auto url = parse_rpc_url(v);
         if (!url) return core::Status::invalid(std::string(name) + ": " + url.error().message());
         o.node = *url;
         return core::Status::ok();
       }},
      {"--key", text(&AgentOptions::key_file)},
      {"--passphrase-file", text(&AgentOptions::passphrase_file)},
      {"--dev-account", text(&AgentOptions::dev_account)},
      {"--farm",
       [](AgentOptions& o, std::string_view name, std::string_view v) -> core::Status {
         GRID_ASSIGN(std::uint64_t id, parse_u64_arg(name, v, 1, UINT32_MAX));
         o.farm_id = static_cast<std::uint32_t>(id);
         return core::Status::ok();
       }},
      {"--cru",
       [](AgentOptions& o, std::string_view name, std::string_view v) -> core::Status {
         GRID_ASSIGN(o.cru, parse_u64_arg(name, v, 1, 1'000'000));
         return core::Status::ok();
       }},
      {"--mru", size(&AgentOptions::mru)},
      {"--sru", size(&AgentOptions::sru)},
      {"--hru", size(&AgentOptions::hru)},
      {"--disk", text(&AgentOptions::disk)},
      {"--country", text(&AgentOptions::country)},
      {"--city", text(&AgentOptions::city)},
      {"--latitude", text(&AgentOptions::latitude)},
      {"--longitude", text(&AgentOptions::longitude)},
      {"--state-dir", text(&AgentOptions::state_dir)},
      {"--uptime-interval", seconds(&AgentOptions::uptime_interval_s)},
      {"--consumption-interval", seconds(&AgentOptions::consumption_interval_s)},
      {"--poll-interval", seconds(&AgentOptions::poll_interval_s)},
      {"--interface", text(&AgentOptions::interface)},
  };
  return table;
}

}  // namespace

std::string_view agent_usage() {
  return kUsage;
}

core::Result<AgentOptions> parse_agent_options(std::span<const std::string_view> args) {
  AgentOptions o;
  bool farm_given = false;
  ArgWalker walker(args);
  while (auto arg = walker.next()) {
    if (arg->name == "-h" || arg->name == "--help") {
      o.help = true;
      continue;
    }
    if (arg->name == "--no-events") {
      if (arg->value) return core::Status::invalid("--no-events takes no value");
      o.no_events = true;
      continue;
    }
    auto setter = setters().find(arg->name);
    if (setter == setters().end())
      return core::Status::invalid("unknown option '" + std::string(arg->name) + "' (see --help)");
    GRID_ASSIGN(std::string_view value, walker.take_value(*arg));
    GRID_TRY(setter->second(o, arg->name, value));
    farm_given = farm_given || arg->name == "--farm";
  }
  if (o.help) return o;
  if (!farm_given) return core::Status::invalid("--farm is required (see --help)");
  if (o.key_file.empty() == o.dev_account.empty())
    return core::Status::invalid("give exactly one of --key FILE and --dev-account NAME");
  if (!o.passphrase_file.empty() && o.key_file.empty())
    return core::Status::invalid("--passphrase-file needs --key");
  return o;
}

}  // namespace grid::tools
