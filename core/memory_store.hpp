// MemoryStore: the in-memory KvStore, for tests and tools. Same contract as kv_store.hpp.
//
// Contract:
// - Nothing is persisted; `sync` is ignored.
// - Copy-on-write: the data is one immutable-once-shared std::map. snapshot() and every scan
//   share it in O(1); the next write after that copies the map once (O(n)), and writes with no
//   reader holding the map update it in place. get copies only the value.
// - Fault injection: fail_writes_after(n) lets the next n writes succeed, then every write
//   fails with Code::io and applies nothing, until clear_write_failure().
// Ownership: snapshots own the data they see and may outlive the store.
// Thread safety: all member functions may be called from several threads at once. Scans do not
//   hold the lock while calling the visitor, so a visitor may use the store.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "core/kv_store.hpp"

namespace grid::core {

class MemoryStore final : public KvStore {
 public:
  MemoryStore();

  Result<std::optional<Bytes>> get(ByteView key) const override;
  Status scan_range(ByteView from, ByteView to, const Visitor& visit) const override;
  Status write(const WriteBatch& batch, bool sync) override;
  std::shared_ptr<const KvReader> snapshot() const override;

  void fail_writes_after(std::size_t successful_writes);
  void clear_write_failure();
  // Writes applied so far (failed ones not counted).
  std::size_t write_count() const;
  // Number of entries.
  std::size_t size() const;

  // Bytewise order, comparing Bytes and ByteViews without copying.
  struct Less {
    using is_transparent = void;
    bool operator()(ByteView a, ByteView b) const;
  };
  using Map = std::map<Bytes, Bytes, Less>;

 private:
  std::shared_ptr<const Map> share() const;

  mutable std::mutex mutex_;
  // Shared with snapshots and running scans while they hold it; updated in place only when
  // this is the sole reference (see write()).
  std::shared_ptr<Map> data_;
  std::optional<std::size_t> writes_before_failure_;
  std::size_t write_count_ = 0;
};

}  // namespace grid::core
