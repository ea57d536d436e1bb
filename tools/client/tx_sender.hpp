// TxSender: signs calls with one account key and sends them to a node over JSON-RPC, the way an
// outside wallet does (docs/wire.md): chain id from chain_status, nonce from account_get, fee from
// tx_estimateFee, then tx_submitAndWait.
//
// Contract:
// - send() builds, signs and submits one transaction and waits for its commit (or submits only,
//   when options.wait is zero). The nonce is read from the node the first time and then counted
//   locally, so consecutive sends from one sender do not wait for each other's reads; a refusal
//   of bad_nonce makes the next send read it again.
// - A refusal before the chain (mempool or decode: bad_nonce, fee_too_low, insufficient_funds,
//   ...) is Code::invalid with the message "reason: words" and reason() of the SendError. A
//   transaction that committed but failed is not an error: SendResult.ok is false and reason /
//   detail say why (the fee was still paid).
// - A transport failure is Code::io (the node is down or unreachable).
// Thread safety: none; one sender per thread (it uses the caller's RpcClient).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/account_id.hpp"
#include "core/status.hpp"
#include "ledger/call.hpp"
#include "ledger/transaction.hpp"
#include "tools/client/event_view.hpp"
#include "tools/client/rpc_client.hpp"

namespace grid::tools {

struct SendOptions {
  std::optional<std::uint64_t> fee;        // default: tx_estimateFee's answer
  std::chrono::milliseconds wait{15'000};  // 0: submit only, do not wait for the commit
};

struct SendResult {
  std::string id;                       // tx id, hex
  bool committed = false;               // false: submitted only, or timed out waiting
  std::optional<std::uint64_t> height;  // committed only
  bool ok = false;                      // committed and the call succeeded
  std::string reason;                   // stable refusal name when committed && !ok
  std::string detail;
  std::uint64_t fee = 0;
  std::vector<EventView> events;

  // The first event of `kind`, if any (e.g. "contract_created" to learn the new contract id).
  const EventView* find_event(std::string_view kind) const;
};

class TxSender {
 public:
  TxSender(RpcClient& rpc, core::AccountKey key);

  const core::AccountId& account() const { return key_.account(); }
  core::Result<SendResult> send(const ledger::Call& call, const SendOptions& options = {});
  // Builds and signs without sending (for offline signing and tests); fee as given.
  core::Result<ledger::Transaction> sign(const ledger::Call& call, std::uint64_t nonce,
                                         std::uint64_t fee);
  core::Result<std::string> chain_id();

 private:
  core::Result<std::uint64_t> next_nonce();
  core::Result<std::uint64_t> estimate_fee(const ledger::Call& call, std::uint64_t nonce);

  RpcClient& rpc_;
  core::AccountKey key_;
  std::optional<std::string> chain_id_;
  std::optional<std::uint64_t> nonce_;
};

// Reads the receipt object of tx_get / tx_submitAndWait into `out` (ok, reason, detail, fee,
// events).
core::Status read_receipt(const rapidjson::Value& receipt, SendResult& out);

}  // namespace grid::tools
