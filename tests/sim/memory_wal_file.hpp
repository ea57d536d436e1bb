// MemoryWalFile: a WalFile in memory that survives a simulated crash, with fault injection.
//
// Contract: every append/sync/truncate is one numbered "write point". fail_at(n) makes write point
// n fail: an append writes a prefix of its bytes (a torn record) and returns io; a sync or
// truncate returns io. After a failure every call fails until crash(). crash() models losing the
// page cache: bytes after the last successful sync are kept only up to a prefix chosen by the
// caller's PRNG; then the file works again. Thread safety: single-threaded.
#pragma once

#include <limits>

#include "consensus/wal.hpp"
#include "tests/sim/prng.hpp"

namespace grid::sim {

class MemoryWalFile final : public consensus::WalFile {
 public:
  core::Result<core::Bytes> read_all() override;
  core::Status append(core::ByteView data) override;
  core::Status sync() override;
  core::Status truncate(std::uint64_t size) override;

  void fail_at(std::uint64_t write_point) { fail_at_ = write_point; }
  void clear_failure() { fail_at_ = std::numeric_limits<std::uint64_t>::max(); }
  std::uint64_t writes() const { return writes_; }
  bool failed() const { return failed_; }
  void crash(Prng& prng);
  const core::Bytes& data() const { return data_; }
  core::Bytes& mutable_data() { return data_; }

 private:
  bool fails_now();

  core::Bytes data_;
  std::size_t synced_ = 0;
  std::uint64_t writes_ = 0;
  std::uint64_t fail_at_ = std::numeric_limits<std::uint64_t>::max();
  bool failed_ = false;
  std::size_t torn_hint_ = 0;
};

}  // namespace grid::sim
