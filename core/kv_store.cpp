#include "core/kv_store.hpp"

#include <cstdlib>
#include <iterator>
#include <limits>

namespace grid::core {

static_assert(std::forward_iterator<WriteBatch::Iterator>);

void WriteBatch::put(ByteView key, ByteView value) {
  add(OpKind::put, key, value);
}

void WriteBatch::erase(ByteView key) {
  add(OpKind::erase, key, {});
}

void WriteBatch::add(OpKind kind, ByteView key, ByteView value) {
  constexpr std::size_t max_size = std::numeric_limits<std::uint32_t>::max();
  if (key.size() > max_size || value.size() > max_size) std::abort();  // documented limit
  entries_.push_back(Entry{data_.size(), static_cast<std::uint32_t>(key.size()),
                           static_cast<std::uint32_t>(value.size()), kind});
  data_.insert(data_.end(), key.begin(), key.end());
  data_.insert(data_.end(), value.begin(), value.end());
}

void WriteBatch::clear() {
  data_.clear();
  entries_.clear();
}

void WriteBatch::reserve(std::size_t operations, std::size_t payload_bytes) {
  entries_.reserve(operations);
  data_.reserve(payload_bytes);
}

WriteBatch::Op WriteBatch::operator[](std::size_t i) const {
  if (i >= entries_.size()) std::abort();
  const Entry& e = entries_[i];
  const std::uint8_t* key = data_.data() + e.offset;
  return Op{e.kind, ByteView(key, e.key_size), ByteView(key + e.key_size, e.value_size)};
}

Status KvReader::scan_prefix(ByteView prefix, const Visitor& visit) const {
  Bytes to = prefix_successor(prefix);
  return scan_range(prefix, to, visit);
}

Bytes prefix_successor(ByteView prefix) {
  Bytes out(prefix.begin(), prefix.end());
  while (!out.empty() && out.back() == 0xff) out.pop_back();
  if (!out.empty()) ++out.back();
  return out;
}

}  // namespace grid::core
