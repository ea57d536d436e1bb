// LevelDbStore: the KvStore on disk, one LevelDB database per directory. Same contract as
// kv_store.hpp; this header names no LevelDB type, so only core/ sees LevelDB's headers.
//
// Contract:
// - open() never silently uses a damaged store: LevelDB runs with paranoid_checks (a damaged
//   file makes open, or the write that meets it, fail) and reads verify block checksums by
//   default. A directory holding LevelDB files but no CURRENT file is reported as damaged,
//   even with create_if_missing (LevelDB would otherwise start an empty store over it).
// - Errors: Code::corruption for damaged data ("LevelDB store at '<path>' is damaged: ..."),
//   Code::io when the OS failed (including the store being locked by another open), Code::
//   not_found when there is no store at the path and create_if_missing is false, Code::invalid
//   when LevelDB refuses the options (error_if_exists on an existing store). A read that meets
//   damage returns Code::corruption; after a failed write LevelDB refuses writes until reopened.
// - Atomicity comes from LevelDB: a batch is one checksummed log record, so a crash during a
//   write leaves the whole batch or none of it.
// - Lifetime: the database (files, lock, cache) stays open while the store or any snapshot made
//   from it lives; the path can be opened again only after all of them are released.
// Thread safety: every member function may be called from several threads at once (LevelDB
//   serializes writers and batches them into one log write).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "core/kv_store.hpp"

namespace grid::core {

struct LevelDbOptions {
  bool create_if_missing = false;  // create the directory (and its parents) and an empty store
  bool error_if_exists = false;
  std::size_t block_cache_bytes = 32 << 20;   // uncompressed blocks kept in memory
  int bloom_bits_per_key = 10;                // 0 disables the Bloom filter (~1% false hits at 10)
  std::size_t write_buffer_bytes = 16 << 20;  // memtable size before a flush to a table file
  int max_open_files = 1000;
  std::size_t max_file_bytes = 32 << 20;  // table file size (Bitcoin Core's choice; LevelDB: 2 MiB)
  // Check each block read from the file (a software CRC32C in Debian's LevelDB); cache hits are
  // not re-checked. Off, a flipped byte in an uncompressed block can be read as data.
  bool verify_checksums = true;
};

class LevelDbStore final : public KvStore {
 public:
  static Result<std::unique_ptr<LevelDbStore>> open(const std::string& path,
                                                    const LevelDbOptions& options);
  ~LevelDbStore() override;

  Result<std::optional<Bytes>> get(ByteView key) const override;
  Status scan_range(ByteView from, ByteView to, const Visitor& visit) const override;
  Status write(const WriteBatch& batch, bool sync) override;
  std::shared_ptr<const KvReader> snapshot() const override;

  // Flushes the memtable and compacts every level: reclaims space after many erases. Slow;
  // blocks the caller (not other readers or writers). A failure shows on the next write.
  void compact();

  const std::string& path() const;

  struct Db;  // the LevelDB handle with its cache and filter, shared with snapshots

 private:
  explicit LevelDbStore(std::shared_ptr<Db> db);
  std::shared_ptr<Db> db_;
};

}  // namespace grid::core
