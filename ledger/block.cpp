#include "ledger/block.hpp"

#include "core/blake2b.hpp"

namespace grid::ledger {

core::BlockHash block_hash(const BlockHeader& header) {
  core::Writer w;
  w.raw(core::as_bytes("gridchain/block/v1"));
  core::write_value(w, header);
  return core::BlockHash{core::blake2b_256(w.data())};
}

core::Hash32 merkle_root(const std::vector<core::Hash32>& items) {
  if (items.empty()) return core::Hash32{};
  static constexpr std::uint8_t kLeaf = 0x00, kInner = 0x01;
  std::vector<core::Hash32> level;
  level.reserve(items.size());
  for (const auto& item : items)
    level.push_back(core::blake2b_256({core::ByteView(&kLeaf, 1), item.view()}));
  while (level.size() > 1) {
    std::vector<core::Hash32> next;
    next.reserve((level.size() + 1) / 2);
    for (std::size_t i = 0; i + 1 < level.size(); i += 2)
      next.push_back(
          core::blake2b_256({core::ByteView(&kInner, 1), level[i].view(), level[i + 1].view()}));
    if (level.size() % 2 == 1) next.push_back(level.back());
    level = std::move(next);
  }
  return level.front();
}

core::Hash32 transactions_root(const std::vector<Transaction>& txs) {
  std::vector<core::Hash32> ids;
  ids.reserve(txs.size());
  for (const auto& tx : txs) ids.push_back(tx_id(tx).hash);
  return merkle_root(ids);
}

core::Hash32 evidence_root(const std::vector<core::Bytes>& evidence) {
  std::vector<core::Hash32> hashes;
  hashes.reserve(evidence.size());
  for (const auto& e : evidence) hashes.push_back(core::blake2b_256(e));
  return merkle_root(hashes);
}

core::Hash32 last_commit_root(core::ByteView last_commit) {
  if (last_commit.empty()) return core::Hash32{};
  return core::blake2b_256(last_commit);
}

}  // namespace grid::ledger
