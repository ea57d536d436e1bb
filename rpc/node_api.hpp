// NodeApi: what the JSON-RPC methods need from a running node, declared here so that rpc/ never
// includes node/ (the node implements it). Plain views: rpc/ does not see consensus types.
//
// Contract:
// - Every method is thread-safe: the HTTP pool calls them concurrently. The node answers from
//   one consistent point (the latest committed block when the call runs).
// - Results: Code::not_found is never used for "absent": absent is an empty optional. A
//   core::Status error means the node failed (I/O, corruption); a refusal of the caller's input
//   is Code::invalid with a stable reason (ledger/refusal.hpp).
// - with_state runs `read` against the latest committed state and passes the height it is at;
//   the reader is valid only during the call. Keep reads short: block production waits on them.
// - submit decodes and checks a transaction and puts it in the mempool (and gossips it); the
//   refusal (bad_signature, bad_nonce, fee_too_low, insufficient_funds, mempool_full,
//   rate_limited, decode errors as invalid_transaction...) comes back as Code::invalid.
// - submit_and_wait: submit, then wait until the transaction is committed (its receipt and
//   location), or the timeout passes (outcome timed_out; the transaction may still commit).
// - search_txs: the committed transactions that concern an account, twin, farm, node or contract
//   (the node's transaction index), newest first, paged (page 0 = newest), filtered by call name
//   when `call` is not empty; `total` counts every match. A bad size or an unknown call name is
//   a refusal (Code::invalid, reason invalid_input).
// - prove: a raw state key's value after block `height` (heights from 1) with its Merkle
//   proof against that block's state root (ledger/state_proof.hpp verify_proof checks it). An
//   empty optional when `height` is above the tip; Code::invalid with reason `pruned` when the
//   node no longer keeps that version (it keeps the most recent ones, StateDbOptions).
// - simulate: the receipt the transaction would get in the next block, against the latest
//   committed state, nothing stored (ledger/simulate.hpp). Decode errors are the refusal
//   invalid_transaction; an envelope that could not be included comes back as its refusal.
// - modules(): the state machine's modules the node runs (for fee estimates); they live as long
//   as the node and are only read through const methods.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/account_id.hpp"
#include "core/hash.hpp"
#include "core/status.hpp"
#include "ledger/block.hpp"
#include "ledger/module.hpp"
#include "ledger/receipt.hpp"
#include "ledger/state_proof.hpp"
#include "ledger/state_view.hpp"

namespace grid::rpc {

struct ChainStatusView {
  std::string chain_id;
  core::GenesisHash genesis_hash;
  std::uint64_t height = 0;  // latest committed block; 0 = genesis only
  core::BlockHash latest_hash;
  std::uint64_t latest_time = 0;  // unix seconds
  core::StateRoot state_root;
  bool syncing = false;
  core::ValidatorSetHash validator_set_hash;  // of the set that decides height + 1
  std::uint32_t peers = 0;
  std::uint64_t mempool_txs = 0;
  std::string node_version;
  std::array<std::uint8_t, 32> node_key{};       // the node's p2p ed25519 key
  std::array<std::uint8_t, 32> validator_key{};  // its consensus signing key (register_validator's)
  std::optional<std::int64_t> clock_offset_ms;   // this clock minus the validators'; unknown: none
};

struct CommitSignatureView {
  std::array<std::uint8_t, 32> validator{};
  std::uint64_t timestamp_ms = 0;  // the validator's clock when it precommitted
  std::array<std::uint8_t, 64> signature{};
};

struct CommitView {
  std::uint64_t height = 0;
  std::uint32_t round = 0;
  core::BlockHash block_hash;
  std::vector<CommitSignatureView> signatures;
};

struct ValidatorView {
  std::array<std::uint8_t, 32> key{};  // ed25519 consensus key
  std::uint64_t power = 0;
  std::optional<core::AccountId> operator_account;  // when the state knows it
};

struct TxLocation {
  std::uint64_t height = 0;
  std::uint32_t index = 0;  // position in the block
};

enum class TxStatus { unknown, pending, committed };

struct TxLookup {
  TxStatus status = TxStatus::unknown;
  std::optional<ledger::Transaction> tx;
  std::optional<TxLocation> location;      // committed only
  std::optional<ledger::Receipt> receipt;  // committed only
};

struct WaitOutcome {
  enum class Kind { committed, timed_out };
  Kind kind = Kind::timed_out;
  core::TxId id;
  std::optional<TxLocation> location;
  std::optional<ledger::Receipt> receipt;
};

struct TxSearchQuery {
  enum class Kind : std::uint8_t { account = 1, twin = 2, farm = 3, node = 4, contract = 5 };
  Kind kind = Kind::account;
  core::AccountId account{};  // Kind::account
  std::uint64_t id = 0;       // the twin, farm or node id (u32) or the contract id
  std::string call;           // "" = every call, else a call name (ledger::Call::name())
  std::uint64_t page = 0;     // 0 = the newest
  std::uint32_t size = 0;     // 1..1000
};

struct TxSearchPage {
  std::vector<TxLocation> hits;  // newest first
  std::uint64_t total = 0;
};

struct StateProofView {
  std::uint64_t height = 0;
  core::StateRoot state_root;        // the root in block `height`'s header
  std::optional<core::Bytes> value;  // nullopt: the key is absent
  ledger::SmtProof proof;
};

class NodeApi {
 public:
  virtual ~NodeApi() = default;

  virtual core::Result<ChainStatusView> status() = 0;
  virtual core::Result<std::optional<ledger::Block>> block_at(std::uint64_t height) = 0;
  virtual core::Result<std::optional<std::uint64_t>> height_of(const core::BlockHash& hash) = 0;
  virtual core::Result<std::optional<ledger::BlockResults>> results_at(std::uint64_t height) = 0;
  virtual core::Result<std::optional<CommitView>> commit_at(std::uint64_t height) = 0;
  // The set that decided `height` (1 = the first block).
  virtual core::Result<std::optional<std::vector<ValidatorView>>> validators_at(
      std::uint64_t height) = 0;

  virtual core::Result<core::TxId> submit(core::ByteView tx) = 0;
  virtual core::Result<WaitOutcome> submit_and_wait(core::ByteView tx,
                                                    std::chrono::milliseconds timeout) = 0;
  virtual core::Result<TxLookup> tx(const core::TxId& id) = 0;

  using StateRead = std::function<core::Status(const ledger::StateReader&, std::uint64_t height)>;
  virtual core::Status with_state(const StateRead& read) = 0;

  virtual core::Result<TxSearchPage> search_txs(const TxSearchQuery& query) = 0;

  virtual core::Result<std::optional<StateProofView>> prove(std::uint64_t height,
                                                            core::ByteView key) = 0;
  virtual core::Result<ledger::Receipt> simulate(core::ByteView tx) = 0;

  virtual const ledger::Modules& modules() const = 0;
};

}  // namespace grid::rpc
