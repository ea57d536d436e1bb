#include "core/leveldb_store.hpp"

#include <leveldb/cache.h>
#include <leveldb/db.h>
#include <leveldb/filter_policy.h>
#include <leveldb/iterator.h>
#include <leveldb/options.h>
#include <leveldb/slice.h>
#include <leveldb/status.h>
#include <leveldb/write_batch.h>

#include <cctype>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <utility>

namespace grid::core {

struct LevelDbStore::Db {
  std::string path;
  bool verify_checksums = true;
  std::unique_ptr<const leveldb::FilterPolicy> filter;
  std::unique_ptr<leveldb::Cache> cache;
  std::unique_ptr<leveldb::DB> db;  // declared last: closed before the cache and filter go
};

namespace {

using Db = LevelDbStore::Db;

leveldb::Slice to_slice(ByteView v) {
  return leveldb::Slice(reinterpret_cast<const char*>(v.data()), v.size());
}

ByteView to_view(const leveldb::Slice& s) {
  return ByteView(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

// LevelDB says NotFound both for an absent key (with no message) and for a missing file (with
// its name); only the first means "absent".
bool is_absent_key(const leveldb::Status& s) {
  return s.IsNotFound() && s.ToString() == "NotFound: ";
}

Status to_status(const leveldb::Status& s, const std::string& path, std::string_view action) {
  std::string where = "LevelDB store at '" + path + "'";
  // A file the store refers to that is missing is damage too.
  if (s.IsCorruption() || s.IsNotFound())
    return Status::corruption(where + " is damaged (" + std::string(action) + "): " + s.ToString());
  std::string message = where + ": " + std::string(action) + " failed: " + s.ToString();
  if (s.IsIOError()) return Status::io(std::move(message));
  if (s.IsInvalidArgument()) return Status::invalid(std::move(message));
  return Status::internal(std::move(message));
}

// A table, log or manifest file name, as LevelDB writes them.
bool is_leveldb_data_file(const std::string& name) {
  if (name.starts_with("MANIFEST-")) return true;
  std::size_t dot = name.find('.');
  if (dot == 0 || dot == std::string::npos) return false;
  for (std::size_t i = 0; i < dot; ++i)
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return false;
  std::string_view ext = std::string_view(name).substr(dot);
  return ext == ".log" || ext == ".ldb" || ext == ".sst";
}

// Checks what is at path before LevelDB sees it; creates the directory when asked.
Status prepare_directory(const std::string& path, const LevelDbOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir(path);
  bool has_current = fs::exists(dir / "CURRENT", ec);
  if (ec) return Status::io("cannot inspect LevelDB store at '" + path + "': " + ec.message());
  if (has_current) return Status::ok();

  // is_directory reports a missing path through ec; exists does not.
  if (fs::exists(dir, ec) && fs::is_directory(dir, ec)) {
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (is_leveldb_data_file(it->path().filename().string()))
        return Status::corruption("LevelDB store at '" + path +
                                  "' is damaged: it holds LevelDB files but no CURRENT file");
    }
  }
  if (ec) return Status::io("cannot inspect LevelDB store at '" + path + "': " + ec.message());
  if (!options.create_if_missing)
    return Status::not_found("no LevelDB store at '" + path + "' (create_if_missing is false)");
  fs::create_directories(dir, ec);
  if (ec)
    return Status::io("cannot create LevelDB store directory '" + path + "': " + ec.message());
  return Status::ok();
}

leveldb::ReadOptions read_options(const Db& db, const leveldb::Snapshot* snapshot) {
  leveldb::ReadOptions ro;
  ro.verify_checksums = db.verify_checksums;
  ro.snapshot = snapshot;
  return ro;
}

Result<std::optional<Bytes>> get_value(const Db& db, const leveldb::Snapshot* snapshot,
                                       ByteView key) {
  // Reused between calls: LevelDB assigns into it, keeping its capacity.
  thread_local std::string scratch;
  leveldb::Status s = db.db->Get(read_options(db, snapshot), to_slice(key), &scratch);
  if (s.ok()) {
    std::optional<Bytes> value(std::in_place, scratch.begin(), scratch.end());
    if (scratch.capacity() > (1u << 20)) std::string().swap(scratch);
    return value;
  }
  if (is_absent_key(s)) return std::optional<Bytes>();
  return to_status(s, db.path, "get");
}

Status scan_values(const Db& db, const leveldb::Snapshot* snapshot, ByteView from, ByteView to,
                   const KvReader::Visitor& visit) {
  // Without an explicit snapshot the iterator still reads one point in time.
  std::unique_ptr<leveldb::Iterator> it(db.db->NewIterator(read_options(db, snapshot)));
  const leveldb::Slice end = to_slice(to);
  for (it->Seek(to_slice(from)); it->Valid(); it->Next()) {
    leveldb::Slice key = it->key();
    if (!to.empty() && key.compare(end) >= 0) break;
    if (!visit(to_view(key), to_view(it->value()))) break;
  }
  leveldb::Status s = it->status();
  if (!s.ok()) return to_status(s, db.path, "scan");
  return Status::ok();
}

class LevelDbSnapshot final : public KvReader {
 public:
  explicit LevelDbSnapshot(std::shared_ptr<const Db> db)
      : db_(std::move(db)), snapshot_(db_->db->GetSnapshot()) {}
  ~LevelDbSnapshot() override { db_->db->ReleaseSnapshot(snapshot_); }
  LevelDbSnapshot(const LevelDbSnapshot&) = delete;
  LevelDbSnapshot& operator=(const LevelDbSnapshot&) = delete;

  Result<std::optional<Bytes>> get(ByteView key) const override {
    return get_value(*db_, snapshot_, key);
  }
  Status scan_range(ByteView from, ByteView to, const Visitor& visit) const override {
    return scan_values(*db_, snapshot_, from, to, visit);
  }

 private:
  std::shared_ptr<const Db> db_;  // keeps the database open while the snapshot lives
  const leveldb::Snapshot* snapshot_;
};

}  // namespace

Result<std::unique_ptr<LevelDbStore>> LevelDbStore::open(const std::string& path,
                                                         const LevelDbOptions& options) {
  GRID_TRY(prepare_directory(path, options));

  auto db = std::make_shared<Db>();
  db->path = path;
  db->verify_checksums = options.verify_checksums;
  db->cache.reset(leveldb::NewLRUCache(options.block_cache_bytes));
  if (options.bloom_bits_per_key > 0)
    db->filter.reset(leveldb::NewBloomFilterPolicy(options.bloom_bits_per_key));

  leveldb::Options lo;
  lo.create_if_missing = options.create_if_missing;
  lo.error_if_exists = options.error_if_exists;
  lo.paranoid_checks = true;
  lo.write_buffer_size = options.write_buffer_bytes;
  lo.max_open_files = options.max_open_files;
  lo.max_file_size = options.max_file_bytes;
  lo.block_cache = db->cache.get();
  lo.filter_policy = db->filter.get();

  leveldb::DB* raw = nullptr;
  leveldb::Status s = leveldb::DB::Open(lo, path, &raw);
  if (!s.ok()) {
    delete raw;  // null on failure; kept for safety
    return to_status(s, path, "open");
  }
  db->db.reset(raw);
  return std::unique_ptr<LevelDbStore>(new LevelDbStore(std::move(db)));
}

LevelDbStore::LevelDbStore(std::shared_ptr<Db> db) : db_(std::move(db)) {}

LevelDbStore::~LevelDbStore() = default;

Result<std::optional<Bytes>> LevelDbStore::get(ByteView key) const {
  return get_value(*db_, nullptr, key);
}

Status LevelDbStore::scan_range(ByteView from, ByteView to, const Visitor& visit) const {
  return scan_values(*db_, nullptr, from, to, visit);
}

Status LevelDbStore::write(const WriteBatch& batch, bool sync) {
  leveldb::WriteBatch wb;
  for (WriteBatch::Op op : batch) {
    if (op.kind == WriteBatch::OpKind::put) {
      wb.Put(to_slice(op.key), to_slice(op.value));
    } else {
      wb.Delete(to_slice(op.key));
    }
  }
  leveldb::WriteOptions wo;
  wo.sync = sync;
  leveldb::Status s = db_->db->Write(wo, &wb);
  if (!s.ok()) return to_status(s, db_->path, "write");
  return Status::ok();
}

std::shared_ptr<const KvReader> LevelDbStore::snapshot() const {
  return std::make_shared<LevelDbSnapshot>(db_);
}

void LevelDbStore::compact() {
  db_->db->CompactRange(nullptr, nullptr);
}

const std::string& LevelDbStore::path() const {
  return db_->path;
}

}  // namespace grid::core
