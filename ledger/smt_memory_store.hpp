// An in-memory store for the state tree's nodes and stale records, for tests and the replay
// tool: std::map keyed by node key and by stale record key (see ledger/smt_node.hpp).
//
// Contract: write() applies a batch from smt_apply or smt_prune in full. Reads never fail.
// Thread safety: none; one owner. Complexity: O(log n) per node read or write.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "core/bytes.hpp"
#include "core/status.hpp"
#include "ledger/smt.hpp"
#include "ledger/smt_node.hpp"

namespace grid::ledger {

class SmtMemoryStore final : public SmtNodeReader, public SmtStaleReader {
 public:
  core::Result<std::optional<core::Bytes>> get_node(core::ByteView node_key) const override;
  core::Result<std::vector<SmtStaleRecord>> stale_up_to(std::uint64_t max_stale_since,
                                                        std::size_t limit) const override;

  void write(const SmtWrites& writes);
  void write(const SmtPruneWrites& prune);

  std::size_t node_count() const { return nodes_.size(); }
  std::size_t stale_count() const { return stale_.size(); }
  const std::map<core::Bytes, core::Bytes>& nodes() const { return nodes_; }

 private:
  std::map<core::Bytes, core::Bytes> nodes_;
  std::set<core::Bytes> stale_;  // smt_stale_key(record): ordered by stale_since, then node key
};

}  // namespace grid::ledger
