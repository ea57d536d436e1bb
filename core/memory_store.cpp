#include "core/memory_store.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>

namespace grid::core {
namespace {

Status scan_map(const MemoryStore::Map& map, ByteView from, ByteView to,
                const KvReader::Visitor& visit) {
  MemoryStore::Less less;
  for (auto it = map.lower_bound(from); it != map.end(); ++it) {
    if (!to.empty() && !less(it->first, to)) break;
    if (!visit(it->first, it->second)) break;
  }
  return Status::ok();
}

Result<std::optional<Bytes>> find_in(const MemoryStore::Map& map, ByteView key) {
  auto it = map.find(key);
  if (it == map.end()) return std::optional<Bytes>();
  return std::optional<Bytes>(it->second);
}

// A frozen map: nobody writes to a map once a snapshot holds it.
class MemorySnapshot final : public KvReader {
 public:
  explicit MemorySnapshot(std::shared_ptr<const MemoryStore::Map> data) : data_(std::move(data)) {}

  Result<std::optional<Bytes>> get(ByteView key) const override { return find_in(*data_, key); }
  Status scan_range(ByteView from, ByteView to, const Visitor& visit) const override {
    return scan_map(*data_, from, to, visit);
  }

 private:
  std::shared_ptr<const MemoryStore::Map> data_;
};

}  // namespace

bool MemoryStore::Less::operator()(ByteView a, ByteView b) const {
  std::size_t n = std::min(a.size(), b.size());
  int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  return c < 0 || (c == 0 && a.size() < b.size());
}

MemoryStore::MemoryStore() : data_(std::make_shared<Map>()) {}

Result<std::optional<Bytes>> MemoryStore::get(ByteView key) const {
  std::lock_guard lock(mutex_);
  return find_in(*data_, key);
}

std::shared_ptr<const MemoryStore::Map> MemoryStore::share() const {
  std::lock_guard lock(mutex_);
  return data_;
}

Status MemoryStore::scan_range(ByteView from, ByteView to, const Visitor& visit) const {
  // Holding a reference freezes the map for the duration of the scan, without the lock.
  std::shared_ptr<const Map> data = share();
  return scan_map(*data, from, to, visit);
}

std::shared_ptr<const KvReader> MemoryStore::snapshot() const {
  return std::make_shared<MemorySnapshot>(share());
}

Status MemoryStore::write(const WriteBatch& batch, bool /*sync*/) {
  std::lock_guard lock(mutex_);
  if (writes_before_failure_) {
    if (*writes_before_failure_ == 0) return Status::io("memory store: injected write failure");
    --*writes_before_failure_;
  }
  // Other references are taken only under mutex_, so a count of 1 cannot grow while we hold
  // it. The acquire fence orders our updates after the reads of the last reader to let go
  // (its reference drop is a release operation).
  if (data_.use_count() == 1) {
    std::atomic_thread_fence(std::memory_order_acquire);
  } else {
    data_ = std::make_shared<Map>(*data_);
  }
  for (WriteBatch::Op op : batch) {
    if (op.kind == WriteBatch::OpKind::put) {
      auto it = data_->lower_bound(op.key);
      if (it != data_->end() && !Less()(op.key, it->first)) {
        it->second.assign(op.value.begin(), op.value.end());
      } else {
        data_->emplace_hint(it, Bytes(op.key.begin(), op.key.end()),
                            Bytes(op.value.begin(), op.value.end()));
      }
    } else {
      auto it = data_->find(op.key);
      if (it != data_->end()) data_->erase(it);
    }
  }
  ++write_count_;
  return Status::ok();
}

void MemoryStore::fail_writes_after(std::size_t successful_writes) {
  std::lock_guard lock(mutex_);
  writes_before_failure_ = successful_writes;
}

void MemoryStore::clear_write_failure() {
  std::lock_guard lock(mutex_);
  writes_before_failure_.reset();
}

std::size_t MemoryStore::write_count() const {
  std::lock_guard lock(mutex_);
  return write_count_;
}

std::size_t MemoryStore::size() const {
  std::lock_guard lock(mutex_);
  return data_->size();
}

}  // namespace grid::core
