#include "tools/load/load_options.hpp"

#include <functional>
#include <map>

#include "tools/client/cli_args.hpp"

namespace grid::tools {
namespace {

constexpr std::string_view kUsage =
    R"(usage: gridload [OPTIONS]

Measures end-to-end transaction throughput and commit latency of a Gridchain network over
JSON-RPC. It funds fresh accounts, pre-signs transfers, submits them as fast as the nodes
accept them, watches the blocks for them and reports.

Phases
  1. setup (not timed): reads the chain id (chain_status) unless --chain-id is given; derives
     --accounts keys deterministically from --seed; tops each one up from the --funder dev
     account (transfers, funder nonce from account_get) so that it can pay for its share of
     --txs; waits until every account holds enough (account_get).
  2. pre-signing (not timed): --txs transfers of 1 base unit, account k sending to account
     k+1, in nonce order from each account's current nonce; every signature is verified.
  3. load (timed): --connections threads, each with one keep-alive HTTP connection, submit the
     transactions as JSON-RPC batches of up to --batch tx_submit calls. An account's
     transactions always go in nonce order on the same connection. Refusals "mempool_full",
     "too_many_pending" and "rate_limited" back that account off (exponentially, up to 1 s)
     and resubmit the refused transaction and the account's later ones; "already_known"
     counts as accepted; "bad_nonce" and "nonce_gap" resend the account's uncommitted
     transactions from the first one after a back-off (a node lost or never got the earlier
     ones, or they committed and the watcher has not seen it yet); any other refusal
     abandons the account (and the run fails). A connection that fails moves to the
     next --rpc URL. An accepted transaction not committed after --resubmit-after-s is
     submitted again (its node may have died before gossiping it).
     A watcher polls chain_status and reads every new block (chain_getBlock); a transaction's
     latency is the time its block was seen minus the time it was submitted.
  4. report (stdout; progress goes to stderr): committed tx/s = committed / (last commit
     seen - first submit), p50 and p99 submit-to-commit latency in ms, refusal counts by
     reason (refusals that follow an earlier one of the same account in the same batch are
     counted apart, as "cascaded").

Options
  --rpc URL[,URL...]     JSON-RPC endpoints, http://HOST:PORT (default http://127.0.0.1:26657);
                         connection i starts on URL i mod count; the watcher uses the first
  --txs N                transactions to submit (default 10000)
  --accounts M           sending accounts (default 100; at most --txs are used)
  --connections C        submitting connections and threads (default 8)
  --chain-id ID          chain id to sign for (default: chain_status's chain_id)
  --funder NAME          dev account that funds the senders: alice, bob, charlie, dave, eve,
                         ferdie (default alice). Concurrent runs need distinct funders and seeds
  --seed TEXT            key derivation seed: key i = hash("gridload/" + seed + "/" + i)
                         (default "gridload"); reruns with one seed reuse the accounts
  --fee UNITS            fee of every transfer in base units (default: 2 x (base_fee +
                         byte_fee x size) under the default chain parameters of
                         ledger/params.hpp, i.e. surely enough unless governance raised them)
  --batch B              tx_submit calls per HTTP request (default 100)
  --rate R               at most R tx_submit calls per second over all connections, to keep a
                         steady load over a longer time (default: as fast as accepted)
  --resubmit-after-s S   resubmit an accepted transaction not committed after S s (default 10)
  --timeout-s S          limit for the setup and again for the load phase (default 120)
  --ids-out FILE         write the id of every committed transaction (funding and load), one
                         lowercase hex id per line
  --json                 print the summary as one JSON object on stdout
  --quiet                no progress lines on stderr
  --self-test            offline checks (key derivation, pre-signing and signature
                         verification, option parsing, JSON-RPC reply parsing), then exit
  -h, --help             this text

Exit status: 0 when every transaction committed within the timeout, 1 when not (or on an
error during setup), 2 on a bad command line.
)";

core::Result<std::vector<RpcEndpoint>> parse_url_list(std::string_view text) {
  std::vector<RpcEndpoint> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    auto url = parse_rpc_url(text.substr(start, comma - start));
    if (!url) return core::Status::invalid("--rpc: " + url.error().message());
    out.push_back(*url);
    start = comma + 1;
  }
  return out;
}

using Setter = std::function<core::Status(LoadOptions&, std::string_view)>;

template <class T>
Setter number(T LoadOptions::*field, std::string_view name, std::uint64_t max) {
  return [=](LoadOptions& o, std::string_view v) -> core::Status {
    GRID_ASSIGN(std::uint64_t n, parse_u64_arg(name, v, 1, max));
    o.*field = static_cast<T>(n);
    return core::Status::ok();
  };
}

const std::map<std::string, Setter, std::less<>>& setters() {
  static const std::map<std::string, Setter, std::less<>> table = {
      {"--rpc",
       [](LoadOptions& o, std::string_view v) -> core::Status {
         GRID_ASSIGN(o.rpc, parse_url_list(v));
         return core::Status::ok();
       }},
      {"--txs", number(&LoadOptions::txs, "--txs", 100'000'000)},
      {"--accounts", number(&LoadOptions::accounts, "--accounts", 1'000'000)},
      {"--connections", number(&LoadOptions::connections, "--connections", 1024)},
      {"--batch", number(&LoadOptions::batch, "--batch", 1000)},
      {"--rate", number(&LoadOptions::rate, "--rate", 10'000'000)},
      {"--timeout-s", number(&LoadOptions::timeout_s, "--timeout-s", 86'400)},
      {"--resubmit-after-s", number(&LoadOptions::resubmit_after_s, "--resubmit-after-s", 86'400)},
      {"--chain-id",
       [](LoadOptions& o, std::string_view v) -> core::Status {
         if (v.empty()) return core::Status::invalid("--chain-id: empty");
         o.chain_id = std::string(v);
         return core::Status::ok();
       }},
      {"--funder",
       [](LoadOptions& o, std::string_view v) {
         o.funder = std::string(v);
         return core::Status::ok();
       }},
      {"--seed",
       [](LoadOptions& o, std::string_view v) {
         o.seed = std::string(v);
         return core::Status::ok();
       }},
      {"--ids-out",
       [](LoadOptions& o, std::string_view v) -> core::Status {
         if (v.empty()) return core::Status::invalid("--ids-out: empty file name");
         o.ids_out = std::string(v);
         return core::Status::ok();
       }},
      {"--fee",
       [](LoadOptions& o, std::string_view v) -> core::Status {
         GRID_ASSIGN(o.fee, parse_u64_arg("--fee", v, 0, UINT64_MAX / 4));
         return core::Status::ok();
       }},
  };
  return table;
}

}  // namespace

std::string_view load_usage() {
  return kUsage;
}

core::Result<LoadOptions> parse_load_options(std::span<const std::string_view> args) {
  LoadOptions o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "-h" || arg == "--help") {
      o.help = true;
      continue;
    }
    if (arg == "--json" || arg == "--quiet" || arg == "--self-test") {
      (arg == "--json" ? o.json : arg == "--quiet" ? o.quiet : o.self_test) = true;
      continue;
    }
    std::string_view name = arg;
    std::optional<std::string_view> value;
    if (auto eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    auto setter = setters().find(name);
    if (setter == setters().end())
      return core::Status::invalid("unknown option '" + std::string(arg) + "' (see --help)");
    if (!value) {
      if (i + 1 >= args.size()) return core::Status::invalid(std::string(name) + ": missing value");
      value = args[++i];
    }
    GRID_TRY(setter->second(o, *value));
  }
  if (o.rpc.empty()) o.rpc.push_back(RpcEndpoint{"127.0.0.1", 26657});
  return o;
}

}  // namespace grid::tools
