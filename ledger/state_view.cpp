#include "ledger/state_view.hpp"

#include <algorithm>

namespace grid::ledger {
namespace {

bool has_prefix(ByteView key, ByteView prefix) {
  return key.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), key.begin());
}

bool less(ByteView a, ByteView b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace

Result<std::optional<Bytes>> Overlay::get(ByteView key) const {
  auto it = writes_.find(Bytes(key.begin(), key.end()));
  if (it != writes_.end()) return it->second;
  return parent_.get(key);
}

Status Overlay::scan_prefix(ByteView prefix, const ScanVisitor& visit) const {
  Bytes prefix_bytes(prefix.begin(), prefix.end());
  auto it = writes_.lower_bound(prefix_bytes);
  auto in_prefix = [&] { return it != writes_.end() && has_prefix(it->first, prefix); };
  bool stopped = false;
  // Emits our own writes that sort before `bound` (all of them when bound is empty).
  auto emit_writes_before = [&](const ByteView* bound) {
    while (!stopped && in_prefix() && (bound == nullptr || less(it->first, *bound))) {
      if (it->second && !visit(it->first, *it->second)) stopped = true;
      ++it;
    }
  };
  Status st = parent_.scan_prefix(prefix, [&](ByteView key, ByteView value) {
    emit_writes_before(&key);
    if (stopped) return false;
    if (in_prefix() && std::equal(key.begin(), key.end(), it->first.begin(), it->first.end())) {
      bool keep_going = !it->second || visit(it->first, *it->second);
      ++it;
      if (!keep_going) stopped = true;
      return keep_going;
    }
    if (!visit(key, value)) stopped = true;
    return !stopped;
  });
  if (!st.is_ok()) return st;
  emit_writes_before(nullptr);
  return Status::ok();
}

void Overlay::merge_into(Overlay& parent) {
  for (auto& [key, value] : writes_) parent.writes_[key] = std::move(value);
  writes_.clear();
}

Result<std::optional<Bytes>> MemoryState::get(ByteView key) const {
  auto it = entries_.find(Bytes(key.begin(), key.end()));
  if (it == entries_.end()) return std::optional<Bytes>();
  return std::optional<Bytes>(it->second);
}

Status MemoryState::scan_prefix(ByteView prefix, const ScanVisitor& visit) const {
  for (auto it = entries_.lower_bound(Bytes(prefix.begin(), prefix.end()));
       it != entries_.end() && has_prefix(it->first, prefix); ++it) {
    if (!visit(it->first, it->second)) break;
  }
  return Status::ok();
}

void MemoryState::apply(const StateDelta& delta) {
  for (const auto& [key, value] : delta) {
    if (value)
      entries_[key] = *value;
    else
      entries_.erase(key);
  }
}

}  // namespace grid::ledger
