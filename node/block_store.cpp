#include "node/block_store.hpp"

#include "ledger/state_keys.hpp"

namespace grid::node {

namespace store_keys {

namespace {
core::Bytes with_hash(std::uint8_t prefix, const core::Hash32& hash) {
  core::Bytes out{prefix};
  out.insert(out.end(), hash.bytes.begin(), hash.bytes.end());
  return out;
}
}  // namespace

core::Bytes at_height(std::uint8_t prefix, std::uint64_t height) {
  core::Bytes out{prefix};
  ledger::keys::append_u64(out, height);
  return out;
}
core::Bytes block_hash(const core::BlockHash& hash) {
  return with_hash(kHashToHeight, hash.hash);
}
core::Bytes tx(const core::TxId& id) {
  return with_hash(kTxLocation, id.hash);
}
core::Bytes tip() {
  return core::Bytes{kTip};
}
core::Bytes genesis() {
  return core::Bytes{kGenesis};
}

}  // namespace store_keys

void BlockStore::stage_genesis(const core::GenesisHash& genesis_hash, std::string_view chain_id,
                               const consensus::ValidatorSet& first_set, const Tip& genesis_tip,
                               core::WriteBatch& batch) {
  batch.put(store_keys::genesis(),
            core::encode(GenesisRecord{genesis_hash, std::string(chain_id)}));
  batch.put(store_keys::at_height(store_keys::kValidators, genesis_tip.height + 1),
            core::encode(first_set));
  batch.put(store_keys::tip(), core::encode(genesis_tip));
}

void BlockStore::stage_block(const ledger::Block& block, core::ByteView block_bytes,
                             const consensus::Commit& commit, const ledger::BlockResults& results,
                             const consensus::ValidatorSet& next_set,
                             const core::StateRoot& state_root, core::WriteBatch& batch) {
  const std::uint64_t height = block.header.height;
  const core::BlockHash hash = ledger::block_hash(block.header);
  batch.put(store_keys::at_height(store_keys::kBlock, height), block_bytes);
  batch.put(store_keys::block_hash(hash), core::encode(height));
  batch.put(store_keys::at_height(store_keys::kCommit, height), core::encode(commit));
  batch.put(store_keys::at_height(store_keys::kResults, height), core::encode(results));
  batch.put(store_keys::at_height(store_keys::kValidators, height + 1), core::encode(next_set));
  for (std::size_t i = 0; i < block.transactions.size(); ++i) {
    batch.put(store_keys::tx(ledger::tx_id(block.transactions[i])),
              core::encode(TxLocationRecord{height, static_cast<std::uint32_t>(i)}));
  }
  stage_tx_index(block, results, batch);
  batch.put(store_keys::tip(), core::encode(Tip{height, hash, block.header.time, state_root}));
}

template <class T>
core::Result<std::optional<T>> BlockStore::read(const core::Bytes& key,
                                                std::string_view what) const {
  GRID_ASSIGN(auto raw, store_.get(key));
  if (!raw) return std::optional<T>();
  auto decoded = core::decode<T>(*raw);
  if (!decoded)
    return core::Status::corruption(std::string(what) + " record " + core::hex_encode(key) +
                                    " does not decode: " + decoded.error().message());
  return std::optional<T>(std::move(decoded).value());
}

core::Result<std::optional<Tip>> BlockStore::tip() const {
  return read<Tip>(store_keys::tip(), "tip");
}

core::Result<std::optional<GenesisRecord>> BlockStore::genesis() const {
  return read<GenesisRecord>(store_keys::genesis(), "genesis");
}

core::Result<std::optional<core::Bytes>> BlockStore::block_bytes(std::uint64_t height) const {
  return store_.get(store_keys::at_height(store_keys::kBlock, height));
}

core::Result<std::optional<ledger::Block>> BlockStore::block(std::uint64_t height) const {
  return read<ledger::Block>(store_keys::at_height(store_keys::kBlock, height), "block");
}

core::Result<std::optional<std::uint64_t>> BlockStore::height_of(
    const core::BlockHash& hash) const {
  return read<std::uint64_t>(store_keys::block_hash(hash), "block hash");
}

core::Result<std::optional<consensus::Commit>> BlockStore::commit(std::uint64_t height) const {
  return read<consensus::Commit>(store_keys::at_height(store_keys::kCommit, height), "commit");
}

core::Result<std::optional<ledger::BlockResults>> BlockStore::results(std::uint64_t height) const {
  return read<ledger::BlockResults>(store_keys::at_height(store_keys::kResults, height),
                                    "block results");
}

core::Result<std::optional<consensus::ValidatorSet>> BlockStore::validators(
    std::uint64_t height) const {
  return read<consensus::ValidatorSet>(store_keys::at_height(store_keys::kValidators, height),
                                       "validator set");
}

core::Result<std::optional<TxLocation>> BlockStore::tx_location(const core::TxId& id) const {
  GRID_ASSIGN(auto record, read<TxLocationRecord>(store_keys::tx(id), "transaction location"));
  if (!record) return std::optional<TxLocation>();
  return std::optional<TxLocation>(TxLocation{record->height, record->index});
}

core::Result<TxPage> BlockStore::search(const IndexKey& key, std::uint64_t page,
                                        std::uint32_t size) const {
  return search_tx_index(store_, key, {}, page, size);
}

core::Result<TxPage> BlockStore::search(const IndexKey& key, std::string_view call,
                                        std::uint64_t page, std::uint32_t size) const {
  return search_tx_index(store_, key, call, page, size);
}

}  // namespace grid::node
