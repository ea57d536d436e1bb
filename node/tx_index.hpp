// The transaction index: which committed transactions concern an account, twin, farm, node or
// contract, newest first, paged, optionally filtered by call name (tx_search).
//
// Records (inside the node's KvStore, next to the block store's, see node/block_store.hpp):
//   'I' + kind u8 + id + height u64 BE + index u32 BE  ->  call tag u8
// kind: account = 1 (id = the 33 AccountId bytes), twin = 2, farm = 3, node = 4 (id = u32 BE),
// contract = 5 (id = u64 BE). The id length is fixed per kind, so 'I' + kind + id is the exact
// prefix of one id's records and they sort oldest first by (height, index).
//
// A transaction is indexed under: its signer; every account, twin, farm, node and contract named
// by its receipt's events; and its call's own target where the call names one (Transfer.to,
// service/consumer/validator accounts, twin_id, farm_id, node_id, contract_id, a service
// contract's id). Keys are deduplicated within one transaction. A refused transaction (receipt
// not ok) is indexed too (signer and call target; it has no events). End-of-block events belong
// to no transaction and are not indexed.
//
// Search: no count is stored (stage_tx_index writes into a batch and reads nothing, so it cannot
// keep a counter); totals are counted during the scan: one pass counts the matches, a second
// collects the requested page's window and reverses it. Cost is O(records of that id) per call,
// pages hold at most kMaxPageSize items. Records are only ever appended at greater heights, so
// positions counted in the first pass stay valid in the second even on a live store.
// Errors: a record whose key or value has the wrong shape is Code::corruption naming the key; a
// bad page size or unknown call name is a refusal (Code::invalid, reason invalid_input).
// Thread safety: pure functions over the reader given (whose own rules apply).
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/account_id.hpp"
#include "core/kv_store.hpp"
#include "ledger/block.hpp"
#include "ledger/receipt.hpp"
#include "rpc/node_api.hpp"

namespace grid::node {

inline constexpr std::uint8_t kIndexPrefix = 'I';
inline constexpr std::uint32_t kMaxPageSize = 1000;

enum class IndexKind : std::uint8_t { account = 1, twin = 2, farm = 3, node = 4, contract = 5 };

// One index key: a kind and the id's bytes as they appear in the record key.
struct IndexKey {
  IndexKind kind = IndexKind::account;
  core::Bytes id;

  static IndexKey account(const core::AccountId& id);
  static IndexKey twin(std::uint32_t id);
  static IndexKey farm(std::uint32_t id);
  static IndexKey node(std::uint32_t id);
  static IndexKey contract(std::uint64_t id);
  auto operator<=>(const IndexKey&) const = default;
};

struct TxHit {
  rpc::TxLocation location;
  std::uint8_t call_tag = 0;  // ledger::call_name(call_tag) is the transaction's kind
};

struct TxPage {
  std::vector<TxHit> hits;  // newest first
  std::uint64_t total = 0;  // every match of the key (and the call filter), all pages
};

// The keys one transaction is indexed under (sorted, unique). `receipt` may be null.
std::vector<IndexKey> index_keys(const ledger::Transaction& tx, const ledger::Receipt* receipt);

// 'I' + kind + id, and the full record key.
core::Bytes index_prefix(const IndexKey& key);
core::Bytes index_record_key(const IndexKey& key, std::uint64_t height, std::uint32_t index);

// Adds the index records of every transaction of `block` (receipts matched by position; a
// missing receipt indexes signer and call target only).
void stage_tx_index(const ledger::Block& block, const ledger::BlockResults& results,
                    core::WriteBatch& batch);

// Page `page` (0 = the newest) of `size` (1..kMaxPageSize) hits for `key`; `call` = "" for every
// kind, else a call name (ledger::Call::name()).
core::Result<TxPage> search_tx_index(const core::KvReader& store, const IndexKey& key,
                                     std::string_view call, std::uint64_t page, std::uint32_t size);

}  // namespace grid::node
