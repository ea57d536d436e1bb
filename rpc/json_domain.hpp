// The JSON form of the domain types served by the JSON-RPC methods (docs/api.md).
//
// Contract:
// - Conventions of API.md: every 64-bit integer and every amount is a decimal JSON string of
//   base units; u32 ids, u8 values, rounds and heights are plain JSON numbers (heights stay far
//   below 2^53 at one block per second); hashes, keys, signatures and bytes are lowercase hex
//   without prefix; addresses are bech32m "tf1...". An absent optional value is JSON null.
// - Each writer appends exactly one complete JSON value (an object) to `w`; keys are written in
//   the order docs/api.md lists them. Field names are stable: tools are written against them.
// - A call is {"name", "tag", <its fields by name>}: the fields of the call struct, flattened
//   into the call object, in wire order (a field that would collide with "name" is renamed:
//   create_farm / update_farm "farm_name", create_name_contract "contract_name"). Every
//   alternative of ledger::CallBody has a writer: a call added without one does not compile.
// - The writers never fail: they only format values (RapidJSON never refuses valid UTF-8, and
//   the codec guarantees that every string of a decoded domain value is valid UTF-8).
// Thread safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>

#include "core/account_id.hpp"
#include "ledger/block.hpp"
#include "ledger/call.hpp"
#include "ledger/receipt.hpp"
#include "ledger/state_types.hpp"
#include "ledger/transaction.hpp"
#include "rpc/json_writer.hpp"
#include "rpc/node_api.hpp"

namespace grid::rpc {

// A height (or a time in unix seconds): a plain JSON number (see the contract).
inline void write_height(JsonWriter& w, std::uint64_t height) {
  w.Uint64(height);
}

// {"hash", "version", "chain_id", "height", "time", "previous", "proposer", "transactions_root",
//  "state_root", "validator_set_hash", "next_validator_set_hash", "last_commit_hash",
//  "evidence_hash"}
void write_header(JsonWriter& w, const ledger::BlockHeader& header);

// {"name", "tag", ...fields}
void write_call(JsonWriter& w, const ledger::Call& call);

// A governance action: {"kind": its name, then its fields} (as inside a call's "action").
void write_gov_action(JsonWriter& w, const ledger::GovAction& action);

// {"id", "raw", "version", "signer", "nonce", "fee", "chain_id", "call", "signature"}
void write_transaction(JsonWriter& w, const ledger::Transaction& tx);

// {"header", "transactions": [tx], "evidence": [hex], "commit": commit or null}
void write_block(JsonWriter& w, const ledger::Block& block,
                 const std::optional<CommitView>& commit);

// {"kind", "account", "twin", "farm", "node", "contract", "attributes": {key: value}}; a key that
// the event carries more than once appears once, its values joined by "," in order.
void write_event(JsonWriter& w, const ledger::Event& event);

// {"tx_id", "ok", "reason", "detail", "fee", "events": [event]}
void write_receipt(JsonWriter& w, const ledger::Receipt& receipt);

// {"height", "receipts": [receipt], "block_events": [event]}
void write_block_results(JsonWriter& w, std::uint64_t height, const ledger::BlockResults& results);

// {"height", "round", "block_hash", "signatures": [{"validator", "signature"}]}
void write_commit(JsonWriter& w, const CommitView& commit);

// {"key", "power", "operator" (address or null)}
void write_validator(JsonWriter& w, const ValidatorView& validator);

// {"address", "free", "reserved", "bonded", "unbonding", "nonce", "twin_id" (number or null)}
void write_account(JsonWriter& w, const core::AccountId& id, const ledger::Account& account);

// {"chain_id", "genesis_hash", "height", "latest_block_hash", "latest_block_time", "state_root",
//  "syncing", "validator_set_hash", "peers", "mempool_txs", "node_version", "node_key"}
void write_chain_status(JsonWriter& w, const ChainStatusView& status);

}  // namespace grid::rpc
