#include "ledger/smt_memory_store.hpp"

namespace grid::ledger {

core::Result<std::optional<core::Bytes>> SmtMemoryStore::get_node(core::ByteView node_key) const {
  auto it = nodes_.find(core::Bytes(node_key.begin(), node_key.end()));
  if (it == nodes_.end()) return std::optional<core::Bytes>{};
  return std::optional<core::Bytes>(it->second);
}

core::Result<std::vector<SmtStaleRecord>> SmtMemoryStore::stale_up_to(std::uint64_t max_stale_since,
                                                                      std::size_t limit) const {
  std::vector<SmtStaleRecord> out;
  for (const core::Bytes& key : stale_) {
    if (out.size() >= limit) break;
    auto record = smt_parse_stale_key(key);
    if (!record) return record.error();
    if (record->stale_since > max_stale_since) break;
    out.push_back(std::move(record).value());
  }
  return out;
}

void SmtMemoryStore::write(const SmtWrites& writes) {
  for (const SmtNodeWrite& put : writes.puts) nodes_[put.key] = put.value;
  for (const SmtStaleRecord& record : writes.stale) stale_.insert(smt_stale_key(record));
}

void SmtMemoryStore::write(const SmtPruneWrites& prune) {
  for (const core::Bytes& key : prune.node_deletes) nodes_.erase(key);
  for (const core::Bytes& key : prune.stale_deletes) stale_.erase(key);
}

}  // namespace grid::ledger
