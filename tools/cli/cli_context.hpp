// Context: what every gridcli command uses: the global options and environment, the output
// streams, the node connection, the key store and signer, and the exit-code conventions.
//
// Contract:
// - Exit codes: kExitOk 0, kExitFailure 1 (a refusal, a failed transaction, an unreachable node,
//   a missing key...), kExitUsage 2 (a bad command line or argument value). usage() and fail()
//   print "gridcli: ..." on err and return the code; fail() words an unreachable node (Code::io)
//   as "cannot reach the node at URL: ...".
// - call() makes one JSON-RPC call; a JSON-RPC error becomes Code::invalid "reason: message"
//   (the node's words, its stable reason first when it gave one).
// - resolve_account() takes an address, a key name of the key store or a dev account name.
//   signer() loads --from: a key file (asking the passphrase: --passphrase-file, else
//   $GRIDCLI_PASSPHRASE, else the terminal with echo off) or a dev account.
// - send() signs and sends one call with the signer (--fee, --no-wait apply; a bad_nonce refusal,
//   i.e. an earlier transaction of the account still pending, is retried after a pause, up to
//   5 attempts) and report_send()
//   prints its outcome: the chain's refusal "gridcli: WHAT refused: reason: words", a committed
//   failure "gridcli: WHAT failed: reason: detail", a wait that timed out, or on success the
//   receipt (or the JSON of send_result_json with --json) and then `on_ok` for extra lines.
// Thread safety: none; one per process.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/account_id.hpp"
#include "core/status.hpp"
#include "ledger/call.hpp"
#include "tools/cli/cli_parser.hpp"
#include "tools/client/rpc_client.hpp"
#include "tools/client/tx_sender.hpp"

namespace grid::tools {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

inline constexpr std::string_view kDefaultNode = "http://127.0.0.1:26657";

// What gridcli reads from the environment (GRIDCLI_NODE, GRIDCLI_KEYS, GRIDCLI_PASSPHRASE, HOME).
struct Environment {
  std::optional<std::string> node;
  std::optional<std::string> keys;
  std::optional<std::string> passphrase;
  std::optional<std::string> home;
  static Environment from_process();
};

class Context {
 public:
  Context(GlobalOptions global, Environment env, std::ostream& out, std::ostream& err);
  ~Context();

  const GlobalOptions& global() const { return global_; }
  bool json() const { return global_.json; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

  int usage(const Invocation& inv, std::string_view message);
  int usage(const Invocation& inv, const core::Status& status) {
    return usage(inv, status.message());
  }
  int fail(std::string_view what, const core::Status& status);

  // The node.
  std::string node_url() const;
  core::Result<RpcReply> call(std::string method, std::string params_json);

  // Keys.
  std::filesystem::path keys_dir() const;
  std::filesystem::path key_path(std::string_view name) const;
  core::Result<std::string> passphrase(bool confirm);
  core::Result<core::AccountId> resolve_account(std::string_view text) const;
  // The account of --from, without its secret (no passphrase asked).
  core::Result<core::AccountId> from_account() const;
  core::Result<core::AccountKey> signer_key();

  // Transactions.
  // wait: override --no-wait for this one call (e.g. a first call whose commit the next one
  // does not need to wait for).
  core::Result<SendResult> send(const ledger::Call& call, std::optional<bool> wait = {});
  bool waits() const { return !global_.no_wait; }
  int report_send(std::string_view what, const core::Result<SendResult>& result,
                  const std::function<void(const SendResult&)>& on_ok = {});
  int submit(std::string_view what, const ledger::Call& call,
             const std::function<void(const SendResult&)>& on_ok = {}) {
    return report_send(what, send(call), on_ok);
  }

 private:
  core::Result<RpcClient*> rpc();
  core::Result<TxSender*> sender();

  GlobalOptions global_;
  Environment env_;
  std::ostream& out_;
  std::ostream& err_;
  std::unique_ptr<RpcClient> rpc_;
  std::unique_ptr<TxSender> sender_;
};

// Key names: 1..64 of [A-Za-z0-9._-], not starting with '.'.
bool valid_key_name(std::string_view name);

}  // namespace grid::tools
