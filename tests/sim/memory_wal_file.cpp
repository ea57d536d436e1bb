#include "tests/sim/memory_wal_file.hpp"

namespace grid::sim {

using core::Status;

bool MemoryWalFile::fails_now() {
  if (failed_) return true;
  if (++writes_ == fail_at_) failed_ = true;
  return failed_;
}

core::Result<core::Bytes> MemoryWalFile::read_all() {
  return data_;
}

Status MemoryWalFile::append(core::ByteView data) {
  if (fails_now()) {
    std::size_t keep = data.size() / 2 + torn_hint_ % (data.size() / 2 + 1);
    if (keep > data.size()) keep = data.size();
    data_.insert(data_.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(keep));
    return Status::io("injected write failure");
  }
  data_.insert(data_.end(), data.begin(), data.end());
  return Status::ok();
}

Status MemoryWalFile::sync() {
  if (fails_now()) return Status::io("injected fsync failure");
  synced_ = data_.size();
  return Status::ok();
}

Status MemoryWalFile::truncate(std::uint64_t size) {
  if (fails_now()) return Status::io("injected ftruncate failure");
  if (size < data_.size()) data_.resize(size);
  synced_ = data_.size();
  return Status::ok();
}

void MemoryWalFile::crash(Prng& prng) {
  if (data_.size() > synced_) data_.resize(synced_ + prng.below(data_.size() - synced_ + 1));
  synced_ = data_.size();
  failed_ = false;
  torn_hint_ = prng.below(1000);
  clear_failure();
}

}  // namespace grid::sim
