// BlockStore: the node's committed blocks, commits, receipts, validator sets, transaction
// locations and indexes, kept in the same core::KvStore as the authenticated state
// (ledger/state_db.hpp owns the prefixes 'S', 'N', 'X', 'M').
//
// Layout (one-byte prefixes; heights in keys are u64 big-endian so that keys sort by height;
// values are the canonical codec, core/codec.hpp, so integers in values are little-endian):
//   'B' + height          -> encode(ledger::Block)        the block bytes as committed
//   'H' + block hash      -> u64 height
//   'C' + height          -> encode(consensus::Commit)    the commit that decided the block
//   'R' + height          -> encode(ledger::BlockResults) receipts and end-of-block events
//   'V' + height          -> encode(consensus::ValidatorSet) the set that decides `height`
//                            (members and proposer priorities); 'V'+1 is written at genesis
//   'T' + tx id           -> TxLocationRecord { height u64, index u32 }
//   'I' + ...             -> the transaction index (node/tx_index.hpp)
//   'P'                   -> Tip { height u64, hash bytes32, time u64, state_root bytes32 }
//   'G'                   -> GenesisRecord { genesis_hash bytes32, chain_id string }
//
// Contract:
// - Writes never touch the store: stage_genesis / stage_block ADD every record to the caller's
//   WriteBatch, which the node writes together with the state delta, so a crash never leaves
//   half a block. stage_block does not check that the block follows the tip (the caller does)
//   and stores `block_bytes` as given: they must be encode(block).
// - Reads: std::nullopt when absent; a record that does not decode is Code::corruption naming
//   its key (never skipped); a store failure is passed on (io, corruption).
// Ownership: the BlockStore borrows the reader, which must outlive it. Give it a snapshot to
//   read several records from one point in time.
// Thread safety: const reads are as thread-safe as the reader (KvStore and snapshots are).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "consensus/messages.hpp"
#include "consensus/validator_set.hpp"
#include "core/kv_store.hpp"
#include "ledger/block.hpp"
#include "ledger/receipt.hpp"
#include "node/tx_index.hpp"
#include "rpc/node_api.hpp"

namespace grid::node {

using rpc::TxLocation;

struct Tip {
  std::uint64_t height = 0;
  core::BlockHash hash;
  std::uint64_t time = 0;
  core::StateRoot state_root;
  bool operator==(const Tip&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.height);
    v(self.hash);
    v(self.time);
    v(self.state_root);
  }
};

struct GenesisRecord {
  core::GenesisHash genesis_hash;
  std::string chain_id;
  bool operator==(const GenesisRecord&) const = default;
  static void fields(auto& self, auto& v) {
    v(self.genesis_hash);
    v(self.chain_id);
  }
};

// The stored form of rpc::TxLocation.
struct TxLocationRecord {
  std::uint64_t height = 0;
  std::uint32_t index = 0;
  static void fields(auto& self, auto& v) {
    v(self.height);
    v(self.index);
  }
};

namespace store_keys {
inline constexpr std::uint8_t kBlock = 'B', kHashToHeight = 'H', kCommit = 'C', kResults = 'R',
                              kValidators = 'V', kTxLocation = 'T', kTip = 'P', kGenesis = 'G';
core::Bytes at_height(std::uint8_t prefix, std::uint64_t height);
core::Bytes block_hash(const core::BlockHash& hash);
core::Bytes tx(const core::TxId& id);
core::Bytes tip();
core::Bytes genesis();
}  // namespace store_keys

class BlockStore {
 public:
  explicit BlockStore(const core::KvReader& store) : store_(store) {}

  // The genesis record, the set deciding height 1 and the genesis tip (height 0).
  static void stage_genesis(const core::GenesisHash& genesis_hash, std::string_view chain_id,
                            const consensus::ValidatorSet& first_set, const Tip& genesis_tip,
                            core::WriteBatch& batch);
  // Every record of one committed block: block, hash, commit, results, the set deciding
  // height + 1 (`next_set`), tx locations, index records and the new tip (time from the header,
  // `state_root` = the root after the block).
  static void stage_block(const ledger::Block& block, core::ByteView block_bytes,
                          const consensus::Commit& commit, const ledger::BlockResults& results,
                          const consensus::ValidatorSet& next_set,
                          const core::StateRoot& state_root, core::WriteBatch& batch);

  core::Result<std::optional<Tip>> tip() const;
  core::Result<std::optional<GenesisRecord>> genesis() const;
  core::Result<std::optional<core::Bytes>> block_bytes(std::uint64_t height) const;
  core::Result<std::optional<ledger::Block>> block(std::uint64_t height) const;
  core::Result<std::optional<std::uint64_t>> height_of(const core::BlockHash& hash) const;
  core::Result<std::optional<consensus::Commit>> commit(std::uint64_t height) const;
  core::Result<std::optional<ledger::BlockResults>> results(std::uint64_t height) const;
  core::Result<std::optional<consensus::ValidatorSet>> validators(std::uint64_t height) const;
  core::Result<std::optional<TxLocation>> tx_location(const core::TxId& id) const;

  // Newest first, paged (page 0 = newest, size 1..kMaxPageSize); total counts all matches.
  // `call` filters by call name ("" = every kind). See node/tx_index.hpp.
  core::Result<TxPage> search(const IndexKey& key, std::uint64_t page, std::uint32_t size) const;
  core::Result<TxPage> search(const IndexKey& key, std::string_view call, std::uint64_t page,
                              std::uint32_t size) const;

 private:
  template <class T>
  core::Result<std::optional<T>> read(const core::Bytes& key, std::string_view what) const;

  const core::KvReader& store_;
};

}  // namespace grid::node
