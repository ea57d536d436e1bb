#include "core/memory_store.hpp"

#include <gtest/gtest.h>

#include "tests/unit/core/kv_store_contract.hpp"

namespace {

struct MemoryHarness {
  std::unique_ptr<grid::core::KvStore> open() {
    return std::make_unique<grid::core::MemoryStore>();
  }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Memory, KvStoreContract, MemoryHarness);

WriteBatch three_puts(std::string_view prefix) {
  WriteBatch batch;
  for (char c : {'1', '2', '3'}) {
    std::string key = std::string(prefix) + c;
    batch.put(as_bytes(key), bytes("v"));
  }
  return batch;
}

// An injected failure applies nothing of the batch, whether the map is updated in place (no
// reader holds it) or copied first (a snapshot holds it).
class MemoryStoreFailure : public ::testing::TestWithParam<bool> {};

TEST_P(MemoryStoreFailure, FailedBatchAppliesNothing) {
  const bool hold_snapshot = GetParam();
  MemoryStore store;
  ASSERT_TRUE(store.write(three_puts("a"), false).is_ok());
  std::shared_ptr<const KvReader> snap;
  if (hold_snapshot) snap = store.snapshot();

  store.fail_writes_after(1);
  ASSERT_TRUE(store.write(three_puts("b"), false).is_ok());
  WriteBatch doomed = three_puts("c");
  doomed.erase(bytes("a1"));
  doomed.put(bytes("b2"), bytes("overwritten"));
  Status st = store.write(doomed, true);
  EXPECT_EQ(st.code(), Code::io);
  EXPECT_NE(st.message().find("injected"), std::string::npos) << st.message();
  // Still failing: the failure is sticky until cleared.
  EXPECT_EQ(store.write(three_puts("d"), false).code(), Code::io);

  EXPECT_EQ(keys_of(scan(store, Bytes{})),
            (std::vector<Bytes>{bytes("a1"), bytes("a2"), bytes("a3"), bytes("b1"), bytes("b2"),
                                bytes("b3")}));
  EXPECT_EQ(get(store, bytes("b2")), bytes("v"));
  EXPECT_EQ(store.write_count(), 2u);
  if (snap) {
    EXPECT_EQ(scan(*snap, Bytes{}).size(), 3u);
  }

  store.clear_write_failure();
  ASSERT_TRUE(store.write(doomed, false).is_ok());
  EXPECT_EQ(get(store, bytes("a1")), std::nullopt);
  EXPECT_EQ(get(store, bytes("b2")), bytes("overwritten"));
  EXPECT_EQ(store.size(), 8u);  // a2 a3 b1 b2 b3 c1 c2 c3
  EXPECT_EQ(store.write_count(), 3u);
}

INSTANTIATE_TEST_SUITE_P(InPlaceAndCopy, MemoryStoreFailure, ::testing::Bool());

TEST(MemoryStore, FailWritesAfterZeroFailsTheNextWrite) {
  MemoryStore store;
  store.fail_writes_after(0);
  EXPECT_EQ(store.write(three_puts("x"), false).code(), Code::io);
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(store.write_count(), 0u);
}

TEST(MemoryStore, SnapshotsTakenBetweenWritesEachKeepTheirState) {
  MemoryStore store;
  std::vector<std::shared_ptr<const KvReader>> snaps;
  for (int i = 0; i < 5; ++i) {
    snaps.push_back(store.snapshot());
    ASSERT_TRUE(put(store, bytes({'k', i}), bytes("v")).is_ok());
  }
  for (int i = 0; i < 5; ++i) EXPECT_EQ(scan(*snaps[i], Bytes{}).size(), std::size_t(i));
  EXPECT_EQ(store.size(), 5u);
}

// WriteBatch and prefix_successor belong to kv_store.hpp; they are tested here, with no store.
TEST(WriteBatch, KeepsOperationsInOrderAndClears) {
  WriteBatch batch;
  EXPECT_TRUE(batch.empty());
  batch.reserve(4, 64);
  batch.put(bytes("key"), bytes("value"));
  batch.erase(bytes({0, 0xff}));
  batch.put(Bytes{}, Bytes{});
  ASSERT_EQ(batch.size(), 3u);
  EXPECT_EQ(batch.approximate_bytes(), 3 + 5 + 2 + 3 * 4u);
  std::vector<WriteBatch::OpKind> kinds;
  for (WriteBatch::Op op : batch) kinds.push_back(op.kind);
  EXPECT_EQ(kinds,
            (std::vector<WriteBatch::OpKind>{WriteBatch::OpKind::put, WriteBatch::OpKind::erase,
                                             WriteBatch::OpKind::put}));
  EXPECT_EQ(Bytes(batch[0].key.begin(), batch[0].key.end()), bytes("key"));
  EXPECT_EQ(Bytes(batch[0].value.begin(), batch[0].value.end()), bytes("value"));
  EXPECT_EQ(Bytes(batch[1].key.begin(), batch[1].key.end()), bytes({0, 0xff}));
  EXPECT_TRUE(batch[1].value.empty());
  EXPECT_TRUE(batch[2].key.empty());

  WriteBatch copy = batch;  // a value: the copy owns its bytes
  batch.clear();
  EXPECT_TRUE(batch.empty());
  EXPECT_EQ(batch.approximate_bytes(), 0u);
  ASSERT_EQ(copy.size(), 3u);
  EXPECT_EQ(Bytes(copy[0].value.begin(), copy[0].value.end()), bytes("value"));
}

TEST(PrefixSuccessor, IsTheFirstKeyAfterEveryExtension) {
  EXPECT_EQ(prefix_successor(bytes({1, 2})), bytes({1, 3}));
  EXPECT_EQ(prefix_successor(bytes({1, 0xff})), bytes({2}));
  EXPECT_EQ(prefix_successor(bytes({1, 0xff, 0xff})), bytes({2}));
  EXPECT_EQ(prefix_successor(bytes({0})), bytes({1}));
  EXPECT_EQ(prefix_successor(bytes({0xff, 0xff})), Bytes{});  // none: scan to the end
  EXPECT_EQ(prefix_successor(Bytes{}), Bytes{});
}

}  // namespace
