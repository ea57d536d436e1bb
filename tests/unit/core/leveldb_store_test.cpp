#include "core/leveldb_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>

#include "tests/unit/core/kv_store_contract.hpp"

namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("gridchain-kv-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(counter++) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // A path inside the directory where nothing exists yet.
  std::string sub(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

LevelDbOptions create_options() {
  LevelDbOptions options;
  options.create_if_missing = true;
  options.block_cache_bytes = 1 << 20;
  options.write_buffer_bytes = 1 << 20;
  return options;
}

std::unique_ptr<LevelDbStore> open_or_fail(const std::string& path, const LevelDbOptions& options) {
  auto opened = LevelDbStore::open(path, options);
  EXPECT_TRUE(opened.is_ok()) << opened.status().to_string();
  return opened.is_ok() ? std::move(opened).value() : nullptr;
}

struct LevelDbHarness {
  TempDir dir;
  std::unique_ptr<KvStore> open() { return open_or_fail(dir.sub("db"), create_options()); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(LevelDb, KvStoreContract, LevelDbHarness);

// Files of the store whose name matches the test.
std::vector<fs::path> files_where(const std::string& db, bool (*match)(const std::string&)) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(db))
    if (match(entry.path().filename().string())) out.push_back(entry.path());
  return out;
}

void overwrite(const fs::path& file, const std::string& content) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  ASSERT_TRUE(out.good());
}

Bytes key_of(int i) {
  return bytes({'k', i >> 16, (i >> 8) & 0xff, i & 0xff});
}
Bytes value_of(int i) {
  return Bytes(100, static_cast<std::uint8_t>(i * 7));
}

WriteBatch numbered_batch(int first, int count) {
  WriteBatch batch;
  for (int i = first; i < first + count; ++i) batch.put(key_of(i), value_of(i));
  return batch;
}

class LevelDbStoreTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string db_ = dir_.sub("db");
};

TEST_F(LevelDbStoreTest, BatchPersistsAcrossReopen) {
  {
    auto store = open_or_fail(db_, create_options());
    ASSERT_TRUE(store);
    ASSERT_TRUE(put(*store, bytes("gone"), bytes("x")).is_ok());
    WriteBatch batch = numbered_batch(0, 1000);
    batch.erase(bytes("gone"));
    ASSERT_TRUE(store->write(batch, false).is_ok());  // unsynced: a clean close keeps it
  }
  LevelDbOptions reopen;  // create_if_missing stays false: the store must be there
  auto store = open_or_fail(db_, reopen);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->path(), db_);
  Entries all = scan(*store, Bytes{});
  ASSERT_EQ(all.size(), 1000u);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(all[i].first, key_of(i));
    EXPECT_EQ(all[i].second, value_of(i));
  }
  EXPECT_EQ(get(*store, bytes("gone")), std::nullopt);
}

// A crash in the middle of writing a batch to the log loses the whole batch, never a part of it:
// cut the log inside the last batch, as a crash would, and reopen.
TEST_F(LevelDbStoreTest, TornBatchIsEntirelyAbsentAfterReopen) {
  {
    auto store = open_or_fail(db_, create_options());
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->write(numbered_batch(0, 100), true).is_ok());
    ASSERT_TRUE(store->write(numbered_batch(100, 1000), false).is_ok());  // ~100 KB log record
  }
  auto logs = files_where(db_, [](const std::string& name) { return name.ends_with(".log"); });
  ASSERT_EQ(logs.size(), 1u);
  fs::resize_file(logs[0], fs::file_size(logs[0]) - 5000);

  auto store = open_or_fail(db_, LevelDbOptions{});
  ASSERT_TRUE(store);
  EXPECT_EQ(scan(*store, Bytes{}).size(), 100u);
  EXPECT_EQ(get(*store, key_of(99)), value_of(99));
  EXPECT_EQ(get(*store, key_of(100)), std::nullopt);
  EXPECT_EQ(get(*store, key_of(1099)), std::nullopt);
}

TEST_F(LevelDbStoreTest, MissingStoreWithoutCreateIsNotFound) {
  auto opened = LevelDbStore::open(db_, LevelDbOptions{});
  ASSERT_FALSE(opened.is_ok());
  EXPECT_EQ(opened.error().code(), Code::not_found);
  EXPECT_NE(opened.error().message().find(db_), std::string::npos) << opened.error().message();
  EXPECT_NE(opened.error().message().find("create_if_missing"), std::string::npos);
  EXPECT_FALSE(fs::exists(db_));  // nothing created
}

TEST_F(LevelDbStoreTest, CreateMakesParentDirectories) {
  std::string nested = dir_.sub("a/b/c");
  auto store = open_or_fail(nested, create_options());
  ASSERT_TRUE(store);
  EXPECT_TRUE(put(*store, bytes("k"), bytes("v")).is_ok());
}

TEST_F(LevelDbStoreTest, ErrorIfExistsRefusesAnExistingStore) {
  ASSERT_TRUE(open_or_fail(db_, create_options()));
  LevelDbOptions options = create_options();
  options.error_if_exists = true;
  auto opened = LevelDbStore::open(db_, options);
  ASSERT_FALSE(opened.is_ok());
  EXPECT_EQ(opened.error().code(), Code::invalid) << opened.error().to_string();
}

TEST_F(LevelDbStoreTest, PathThatIsAFileIsAnIoError) {
  overwrite(db_, "not a directory");
  auto opened = LevelDbStore::open(db_, create_options());
  ASSERT_FALSE(opened.is_ok());
  EXPECT_EQ(opened.error().code(), Code::io) << opened.error().to_string();
  EXPECT_NE(opened.error().message().find(db_), std::string::npos) << opened.error().message();
}

// One process, one open per path: the second open fails on LevelDB's lock, also while a
// snapshot keeps the first open alive after its store is gone.
TEST_F(LevelDbStoreTest, SnapshotKeepsTheDatabaseOpenAndLocked) {
  auto store = open_or_fail(db_, create_options());
  ASSERT_TRUE(store);
  ASSERT_TRUE(put(*store, bytes("k"), bytes("v")).is_ok());
  auto second = LevelDbStore::open(db_, create_options());
  ASSERT_FALSE(second.is_ok());
  EXPECT_EQ(second.error().code(), Code::io) << second.error().to_string();

  std::shared_ptr<const KvReader> snap = store->snapshot();
  store.reset();
  EXPECT_FALSE(LevelDbStore::open(db_, create_options()).is_ok());
  EXPECT_EQ(get(*snap, bytes("k")), bytes("v"));
  snap.reset();
  auto reopened = open_or_fail(db_, LevelDbOptions{});
  ASSERT_TRUE(reopened);
  EXPECT_EQ(get(*reopened, bytes("k")), bytes("v"));
}

class DamagedStoreTest : public LevelDbStoreTest {
 protected:
  void SetUp() override {
    auto store = open_or_fail(db_, create_options());
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->write(numbered_batch(0, 2000), true).is_ok());
  }
  // Opening must fail as damaged, naming the store.
  void expect_open_reports_damage(const LevelDbOptions& options) {
    auto opened = LevelDbStore::open(db_, options);
    ASSERT_FALSE(opened.is_ok()) << "a damaged store was opened";
    EXPECT_EQ(opened.error().code(), Code::corruption) << opened.error().to_string();
    EXPECT_NE(opened.error().message().find(db_), std::string::npos) << opened.error().message();
    EXPECT_NE(opened.error().message().find("damaged"), std::string::npos)
        << opened.error().message();
  }
};

TEST_F(DamagedStoreTest, GarbageCurrentFile) {
  overwrite(fs::path(db_) / "CURRENT", "garbage");
  expect_open_reports_damage(LevelDbOptions{});
}

TEST_F(DamagedStoreTest, CurrentNamingAMissingManifest) {
  overwrite(fs::path(db_) / "CURRENT", "MANIFEST-999999\n");
  expect_open_reports_damage(LevelDbOptions{});
}

TEST_F(DamagedStoreTest, GarbageManifest) {
  auto manifests =
      files_where(db_, [](const std::string& name) { return name.starts_with("MANIFEST-"); });
  ASSERT_EQ(manifests.size(), 1u);
  std::string garbage(fs::file_size(manifests[0]), '\x5a');
  overwrite(manifests[0], garbage);
  expect_open_reports_damage(LevelDbOptions{});
}

// Without CURRENT, LevelDB with create_if_missing would start an empty store over the data.
TEST_F(DamagedStoreTest, MissingCurrentIsNotMistakenForAnEmptyDirectory) {
  fs::remove(fs::path(db_) / "CURRENT");
  expect_open_reports_damage(create_options());
  EXPECT_FALSE(fs::exists(fs::path(db_) / "CURRENT"));  // nothing was written over the data
}

// Damage inside a table file is found when the block is read: the scan fails, it does not skip.
TEST_F(DamagedStoreTest, DamagedTableFailsTheRead) {
  ASSERT_TRUE(open_or_fail(db_, LevelDbOptions{}));  // reopening turns the log into a table
  auto tables = files_where(db_, [](const std::string& name) { return name.ends_with(".ldb"); });
  ASSERT_EQ(tables.size(), 1u);
  {
    std::fstream file(tables[0], std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(fs::file_size(tables[0]) / 3));
    file.write(std::string(32, '\x00').data(), 32);
    ASSERT_TRUE(file.good());
  }
  auto store = open_or_fail(db_, LevelDbOptions{});
  ASSERT_TRUE(store);
  Status st = store->scan_prefix(Bytes{}, [](ByteView, ByteView) { return true; });
  EXPECT_EQ(st.code(), Code::corruption) << st.to_string();
  EXPECT_NE(st.message().find(db_), std::string::npos) << st.message();

  int failed_gets = 0;
  for (int i = 0; i < 2000; ++i) {
    auto value = store->get(key_of(i));
    if (!value.is_ok()) {
      EXPECT_EQ(value.error().code(), Code::corruption) << value.error().to_string();
      ++failed_gets;
    } else {
      ASSERT_TRUE(value->has_value()) << "a damaged key read as absent: " << i;
    }
  }
  EXPECT_GT(failed_gets, 0);
}

}  // namespace
