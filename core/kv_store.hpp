// The key-value store interface: byte keys, byte values, atomic batches, ordered scans, snapshots.
//
// Contract:
// - Keys and values are arbitrary byte strings (0x00 and 0xff included; the empty key is a key).
//   Order is bytewise: unsigned bytes compared in turn, a proper prefix before its extensions
//   (LevelDB's BytewiseComparator, std::map<Bytes, Bytes>'s order).
// - get: std::nullopt when the key is absent; Code::io or Code::corruption when the store failed.
// - scan_range / scan_prefix visit entries in ascending key order and stop early when the visitor
//   returns false (still Status ok). A scan reads one consistent point-in-time view: writes made
//   while it runs, even by the visitor itself, are not seen by it. The ByteViews given to the
//   visitor are valid only during that call: copy what you keep.
// - write applies a WriteBatch atomically: after it returns, and after a crash, either every
//   operation of the batch is visible or none is. Operations apply in order, so the last one on
//   a key wins. sync = true returns only once the batch is durable (fsync); sync = false may lose
//   the most recent batches on an OS crash or power loss (never a part of one). On an error
//   nothing of the batch is visible; a store that reported Code::io or Code::corruption on
//   write may refuse every later write until it is reopened.
// - snapshot returns a read view frozen at the moment of the call: later writes are not seen
//   through it. A snapshot stays valid after the store object that made it is destroyed (it
//   shares ownership of the underlying data), so it must be released to free resources.
// Ownership: callers own stores (std::unique_ptr) and share snapshots (std::shared_ptr).
// Thread safety: every const member function of a KvReader, and KvStore::write, may be called
//   from several threads at once. WriteBatch is a plain value: one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <vector>

#include "core/bytes.hpp"
#include "core/status.hpp"

namespace grid::core {

// An ordered list of put and erase operations, applied atomically by KvStore::write. Keys and
// values are copied into one contiguous buffer, so building a batch of N operations allocates
// O(log N) times. A key or value must be under 4 GiB (a larger one aborts: LevelDB cannot store
// it either).
class WriteBatch {
 public:
  enum class OpKind : std::uint8_t { put, erase };
  struct Op {
    OpKind kind;
    ByteView key;
    ByteView value;  // empty for erase
  };

  void put(ByteView key, ByteView value);
  void erase(ByteView key);

  std::size_t size() const { return entries_.size(); }  // number of operations
  bool empty() const { return entries_.empty(); }
  // Key and value bytes plus 4 bytes per operation: the order of what the batch costs to store.
  std::size_t approximate_bytes() const { return data_.size() + 4 * entries_.size(); }
  // Removes every operation; keeps the allocated capacity for reuse.
  void clear();
  void reserve(std::size_t operations, std::size_t payload_bytes);

  // The i-th operation (i < size()); its views are valid until the batch is next modified.
  Op operator[](std::size_t i) const;

  class Iterator {
   public:
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::input_iterator_tag;  // yields Op by value
    using value_type = Op;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Op;
    Iterator() = default;
    Op operator*() const { return (*batch_)[index_]; }
    Iterator& operator++() { return ++index_, *this; }
    Iterator operator++(int) {
      Iterator old = *this;
      ++index_;
      return old;
    }
    bool operator==(const Iterator& other) const { return index_ == other.index_; }

   private:
    friend class WriteBatch;
    Iterator(const WriteBatch* batch, std::size_t index) : batch_(batch), index_(index) {}
    const WriteBatch* batch_ = nullptr;
    std::size_t index_ = 0;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, entries_.size()); }

 private:
  struct Entry {
    std::size_t offset;  // of the key in data_; the value follows it
    std::uint32_t key_size;
    std::uint32_t value_size;
    OpKind kind;
  };
  void add(OpKind kind, ByteView key, ByteView value);

  Bytes data_;
  std::vector<Entry> entries_;
};

// Read access: the live store, or a snapshot of it.
class KvReader {
 public:
  // Returns false to stop the scan.
  using Visitor = std::function<bool(ByteView key, ByteView value)>;

  virtual ~KvReader() = default;

  // The value stored under key, or std::nullopt when there is none.
  virtual Result<std::optional<Bytes>> get(ByteView key) const = 0;

  // Visits the entries with from <= key < to in ascending key order. An empty `to` means no
  // upper bound (as a bound it would select nothing, so it is free to mean "to the end").
  virtual Status scan_range(ByteView from, ByteView to, const Visitor& visit) const = 0;

  // Visits the entries whose key starts with prefix, in ascending key order. An empty prefix
  // visits everything.
  Status scan_prefix(ByteView prefix, const Visitor& visit) const;
};

class KvStore : public KvReader {
 public:
  KvStore() = default;
  KvStore(const KvStore&) = delete;
  KvStore& operator=(const KvStore&) = delete;

  // Applies every operation of batch, or none (see the contract above).
  virtual Status write(const WriteBatch& batch, bool sync) = 0;

  // A consistent read view of the store as of now.
  virtual std::shared_ptr<const KvReader> snapshot() const = 0;
};

// The smallest key greater than every key that starts with prefix, or empty when there is none
// (prefix empty or all 0xff). Usable as the `to` of scan_range.
Bytes prefix_successor(ByteView prefix);

}  // namespace grid::core
