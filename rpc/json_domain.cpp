// The JSON of blocks, transactions, receipts, events, commits, validators, accounts and the chain
// status (rpc/json_domain.hpp). Calls are in json_calls.cpp.
#include "rpc/json_domain.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>

#include "core/codec.hpp"

namespace grid::rpc {
namespace {

template <class T, class Write>
void write_optional(JsonWriter& w, const std::optional<T>& value, Write write) {
  if (value)
    write(w, *value);
  else
    w.Null();
}

template <class Range, class Write>
void write_array(JsonWriter& w, const Range& items, Write write) {
  w.StartArray();
  for (const auto& item : items) write(w, item);
  w.EndArray();
}

// {key: value}; a key written more than once (a contract's "ip" per public IP) appears once, at
// its first place, with its values joined by ",", so that the object has unique keys.
void write_attributes(JsonWriter& w, const std::vector<ledger::Attribute>& attributes) {
  w.StartObject();
  for (auto it = attributes.begin(); it != attributes.end(); ++it) {
    auto same_key = [&](const ledger::Attribute& other) { return other.key == it->key; };
    if (std::any_of(attributes.begin(), it, same_key)) continue;  // already written
    std::string value = it->value;
    for (auto later = std::next(it); later != attributes.end(); ++later)
      if (same_key(*later)) value += "," + later->value;
    write_key(w, it->key);
    write_string(w, value);
  }
  w.EndObject();
}

void write_event_list(JsonWriter& w, const std::vector<ledger::Event>& events) {
  write_array(w, events, write_event);
}

}  // namespace

void write_header(JsonWriter& w, const ledger::BlockHeader& header) {
  w.StartObject();
  write_key(w, "hash");
  write_hash(w, ledger::block_hash(header));
  write_key(w, "version");
  write_u32(w, header.version);
  write_key(w, "chain_id");
  write_string(w, header.chain_id);
  write_key(w, "height");
  write_height(w, header.height);
  write_key(w, "time");
  write_height(w, header.time);
  write_key(w, "previous");
  write_hash(w, header.previous);
  write_key(w, "proposer");
  write_address(w, header.proposer);
  write_key(w, "transactions_root");
  write_hash(w, header.transactions_root);
  write_key(w, "state_root");
  write_hash(w, header.state_root);
  write_key(w, "validator_set_hash");
  write_hash(w, header.validator_set_hash);
  write_key(w, "next_validator_set_hash");
  write_hash(w, header.next_validator_set_hash);
  write_key(w, "last_commit_hash");
  write_hash(w, header.last_commit_hash);
  write_key(w, "evidence_hash");
  write_hash(w, header.evidence_hash);
  w.EndObject();
}

void write_transaction(JsonWriter& w, const ledger::Transaction& tx) {
  core::Bytes raw = core::encode(tx);
  w.StartObject();
  write_key(w, "id");
  write_hash(w, ledger::tx_id(tx));
  write_key(w, "raw");
  write_hex(w, raw);
  write_key(w, "version");
  write_u32(w, tx.version);
  write_key(w, "signer");
  write_address(w, tx.signer);
  write_key(w, "nonce");
  write_u64(w, tx.nonce);
  write_key(w, "fee");
  write_u64(w, tx.fee);
  write_key(w, "chain_id");
  write_string(w, tx.chain_id);
  write_key(w, "call");
  write_call(w, tx.call);
  write_key(w, "signature");
  write_hex(w, tx.signature);
  w.EndObject();
}

void write_block(JsonWriter& w, const ledger::Block& block,
                 const std::optional<CommitView>& commit) {
  w.StartObject();
  write_key(w, "header");
  write_header(w, block.header);
  write_key(w, "transactions");
  write_array(w, block.transactions, write_transaction);
  write_key(w, "evidence");
  write_array(w, block.evidence,
              [](JsonWriter& out, const core::Bytes& item) { write_hex(out, item); });
  write_key(w, "commit");
  write_optional(w, commit, write_commit);
  w.EndObject();
}

void write_event(JsonWriter& w, const ledger::Event& event) {
  auto number = [](JsonWriter& out, std::uint32_t id) { write_u32(out, id); };
  w.StartObject();
  write_key(w, "kind");
  write_string(w, event.kind);
  write_key(w, "account");
  write_optional(w, event.account, write_address);
  write_key(w, "twin");
  write_optional(w, event.twin, number);
  write_key(w, "farm");
  write_optional(w, event.farm, number);
  write_key(w, "node");
  write_optional(w, event.node, number);
  write_key(w, "contract");
  write_optional(w, event.contract, write_u64);
  write_key(w, "attributes");
  write_attributes(w, event.attributes);
  w.EndObject();
}

void write_receipt(JsonWriter& w, const ledger::Receipt& receipt) {
  w.StartObject();
  write_key(w, "tx_id");
  write_hash(w, receipt.tx_id);
  write_key(w, "ok");
  w.Bool(receipt.ok);
  write_key(w, "reason");
  write_string(w, receipt.reason);
  write_key(w, "detail");
  write_string(w, receipt.detail);
  write_key(w, "fee");
  write_u64(w, receipt.fee);
  write_key(w, "events");
  write_event_list(w, receipt.events);
  w.EndObject();
}

void write_block_results(JsonWriter& w, std::uint64_t height, const ledger::BlockResults& results) {
  w.StartObject();
  write_key(w, "height");
  write_height(w, height);
  write_key(w, "receipts");
  write_array(w, results.receipts, write_receipt);
  write_key(w, "block_events");
  write_event_list(w, results.block_events);
  w.EndObject();
}

void write_commit(JsonWriter& w, const CommitView& commit) {
  w.StartObject();
  write_key(w, "height");
  write_height(w, commit.height);
  write_key(w, "round");
  write_u32(w, commit.round);
  write_key(w, "block_hash");
  write_hash(w, commit.block_hash);
  write_key(w, "signatures");
  write_array(w, commit.signatures, [](JsonWriter& out, const CommitSignatureView& sig) {
    out.StartObject();
    write_key(out, "validator");
    write_hex(out, sig.validator);
    write_key(out, "timestamp_ms");
    out.Uint64(sig.timestamp_ms);
    write_key(out, "signature");
    write_hex(out, sig.signature);
    out.EndObject();
  });
  w.EndObject();
}

void write_validator(JsonWriter& w, const ValidatorView& validator) {
  w.StartObject();
  write_key(w, "key");
  write_hex(w, validator.key);
  write_key(w, "power");
  write_u64(w, validator.power);
  write_key(w, "operator");
  write_optional(w, validator.operator_account, write_address);
  w.EndObject();
}

void write_account(JsonWriter& w, const core::AccountId& id, const ledger::Account& account) {
  w.StartObject();
  write_key(w, "address");
  write_address(w, id);
  write_key(w, "free");
  write_u64(w, account.free);
  write_key(w, "reserved");
  write_u64(w, account.reserved);
  write_key(w, "bonded");
  write_u64(w, account.bonded);
  write_key(w, "unbonding");
  write_u64(w, account.unbonding);
  write_key(w, "nonce");
  write_u64(w, account.nonce);
  write_key(w, "twin_id");
  if (account.twin_id == 0)
    w.Null();
  else
    write_u32(w, account.twin_id);
  w.EndObject();
}

void write_chain_status(JsonWriter& w, const ChainStatusView& status) {
  w.StartObject();
  write_key(w, "chain_id");
  write_string(w, status.chain_id);
  write_key(w, "genesis_hash");
  write_hash(w, status.genesis_hash);
  write_key(w, "height");
  write_height(w, status.height);
  write_key(w, "latest_block_hash");
  write_hash(w, status.latest_hash);
  write_key(w, "latest_block_time");
  write_height(w, status.latest_time);
  write_key(w, "state_root");
  write_hash(w, status.state_root);
  write_key(w, "syncing");
  w.Bool(status.syncing);
  write_key(w, "validator_set_hash");
  write_hash(w, status.validator_set_hash);
  write_key(w, "peers");
  write_u32(w, status.peers);
  write_key(w, "mempool_txs");
  w.Uint64(status.mempool_txs);
  write_key(w, "node_version");
  write_string(w, status.node_version);
  write_key(w, "node_key");
  write_hex(w, status.node_key);
  write_key(w, "validator_key");
  write_hex(w, status.validator_key);
  write_key(w, "clock_offset_ms");
  if (status.clock_offset_ms)
    w.Int64(*status.clock_offset_ms);
  else
    w.Null();
  w.EndObject();
}

}  // namespace grid::rpc
