// The KvStore contract of core/kv_store.hpp as one typed GoogleTest suite, run against every
// implementation. A test file instantiates it with a Harness type:
//
//   struct Harness {
//     std::unique_ptr<grid::core::KvStore> open();  // a fresh, empty store; called once per test
//   };
//   INSTANTIATE_TYPED_TEST_SUITE_P(Memory, KvStoreContract, Harness);
//
// The harness lives as long as the test (it may own a temporary directory) and outlives the store.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <initializer_list>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/kv_store.hpp"

namespace grid::core::kv_test {

inline Bytes bytes(std::initializer_list<int> values) {
  Bytes out;
  for (int v : values) out.push_back(static_cast<std::uint8_t>(v));
  return out;
}
inline Bytes bytes(std::string_view s) {
  return Bytes(s.begin(), s.end());
}

inline Status put(KvStore& store, ByteView key, ByteView value) {
  WriteBatch batch;
  batch.put(key, value);
  return store.write(batch, false);
}

inline Status erase(KvStore& store, ByteView key) {
  WriteBatch batch;
  batch.erase(key);
  return store.write(batch, false);
}

// The value under key; fails the test on an error; nullopt when absent.
inline std::optional<Bytes> get(const KvReader& reader, ByteView key) {
  auto result = reader.get(key);
  EXPECT_TRUE(result.is_ok()) << result.status().to_string();
  return result.is_ok() ? *result : std::nullopt;
}

using Entries = std::vector<std::pair<Bytes, Bytes>>;

inline Entries scan(const KvReader& reader, ByteView prefix) {
  Entries out;
  Status st = reader.scan_prefix(prefix, [&](ByteView k, ByteView v) {
    out.emplace_back(Bytes(k.begin(), k.end()), Bytes(v.begin(), v.end()));
    return true;
  });
  EXPECT_TRUE(st.is_ok()) << st.to_string();
  return out;
}

inline std::vector<Bytes> keys_of(const Entries& entries) {
  std::vector<Bytes> out;
  for (const auto& [k, v] : entries) out.push_back(k);
  return out;
}

}  // namespace grid::core::kv_test

template <class Harness>
class KvStoreContract : public ::testing::Test {
 protected:
  Harness harness_;
  std::unique_ptr<grid::core::KvStore> store_ = harness_.open();
};

TYPED_TEST_SUITE_P(KvStoreContract);

using namespace grid::core;           // NOLINT: test code
using namespace grid::core::kv_test;  // NOLINT: test code

TYPED_TEST_P(KvStoreContract, AbsentKeyIsNullopt) {
  KvStore& store = *this->store_;
  EXPECT_EQ(get(store, bytes("missing")), std::nullopt);
  EXPECT_EQ(get(store, Bytes{}), std::nullopt);
  ASSERT_TRUE(put(store, bytes("a"), bytes("1")).is_ok());
  EXPECT_EQ(get(store, bytes("b")), std::nullopt);
  EXPECT_EQ(get(store, bytes({'a', 0})), std::nullopt);  // an extension of a present key
}

TYPED_TEST_P(KvStoreContract, PutGetOverwriteErase) {
  KvStore& store = *this->store_;
  ASSERT_TRUE(put(store, bytes("key"), bytes("one")).is_ok());
  EXPECT_EQ(get(store, bytes("key")), bytes("one"));
  ASSERT_TRUE(put(store, bytes("key"), bytes("two")).is_ok());
  EXPECT_EQ(get(store, bytes("key")), bytes("two"));
  ASSERT_TRUE(erase(store, bytes("key")).is_ok());
  EXPECT_EQ(get(store, bytes("key")), std::nullopt);
  EXPECT_TRUE(erase(store, bytes("never-there")).is_ok());
}

TYPED_TEST_P(KvStoreContract, EmptyKeyAndEmptyValueAreStored) {
  KvStore& store = *this->store_;
  ASSERT_TRUE(put(store, Bytes{}, bytes("v")).is_ok());
  ASSERT_TRUE(put(store, bytes("k"), Bytes{}).is_ok());
  EXPECT_EQ(get(store, Bytes{}), bytes("v"));
  EXPECT_EQ(get(store, bytes("k")), Bytes{});  // present and empty, not absent
  EXPECT_EQ(keys_of(scan(store, Bytes{})), (std::vector<Bytes>{Bytes{}, bytes("k")}));
}

TYPED_TEST_P(KvStoreContract, BatchAppliesInOrderLastOperationWins) {
  KvStore& store = *this->store_;
  ASSERT_TRUE(put(store, bytes("c"), bytes("old")).is_ok());
  WriteBatch batch;
  batch.put(bytes("a"), bytes("1"));
  batch.put(bytes("a"), bytes("2"));
  batch.put(bytes("b"), bytes("x"));
  batch.erase(bytes("b"));
  batch.erase(bytes("c"));
  batch.erase(bytes("d"));
  batch.put(bytes("d"), bytes("4"));
  ASSERT_EQ(batch.size(), 7u);
  ASSERT_TRUE(store.write(batch, true).is_ok());
  EXPECT_EQ(get(store, bytes("a")), bytes("2"));
  EXPECT_EQ(get(store, bytes("b")), std::nullopt);
  EXPECT_EQ(get(store, bytes("c")), std::nullopt);
  EXPECT_EQ(get(store, bytes("d")), bytes("4"));
  EXPECT_EQ(scan(store, Bytes{}), (Entries{{bytes("a"), bytes("2")}, {bytes("d"), bytes("4")}}));
}

TYPED_TEST_P(KvStoreContract, LargeBatchRoundTrips) {
  KvStore& store = *this->store_;
  WriteBatch batch;
  std::vector<Bytes> keys;
  for (int i = 999; i >= 0; --i) {  // written in descending order, read back ascending
    Bytes key = bytes({'n', i >> 8, i & 0xff});
    batch.put(key, Bytes(100, static_cast<std::uint8_t>(i)));
    keys.insert(keys.begin(), key);
  }
  ASSERT_TRUE(store.write(batch, false).is_ok());
  Entries all = scan(store, bytes("n"));
  ASSERT_EQ(keys_of(all), keys);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(all[i].second, Bytes(100, static_cast<std::uint8_t>(i)));
  EXPECT_EQ(get(store, keys[500]), Bytes(100, 244));  // 500 & 0xff
}

TYPED_TEST_P(KvStoreContract, ScanPrefixIsBytewiseOrdered) {
  KvStore& store = *this->store_;
  // Unsigned comparison (0x80 after 0x7f), a prefix before its extensions, 0x00 and 0xff bytes.
  std::vector<Bytes> inside = {bytes({1}),       bytes({1, 0}),         bytes({1, 0, 0}),
                               bytes({1, 0, 1}), bytes({1, 0x7f}),      bytes({1, 0x80}),
                               bytes({1, 0xff}), bytes({1, 0xff, 0xff})};
  std::vector<Bytes> outside = {bytes({0}), bytes({0, 0xff}), bytes({0, 0xff, 0xff}),
                                bytes({2}), bytes({2, 0}),    Bytes{}};
  WriteBatch batch;
  for (auto it = inside.rbegin(); it != inside.rend(); ++it) batch.put(*it, *it);
  for (const Bytes& k : outside) batch.put(k, k);
  ASSERT_TRUE(store.write(batch, false).is_ok());

  Entries found = scan(store, bytes({1}));
  EXPECT_EQ(keys_of(found), inside);
  for (const auto& [k, v] : found) EXPECT_EQ(k, v);
  EXPECT_EQ(keys_of(scan(store, bytes({1, 0}))),
            (std::vector<Bytes>{bytes({1, 0}), bytes({1, 0, 0}), bytes({1, 0, 1})}));
  EXPECT_EQ(keys_of(scan(store, bytes({0, 0xff}))),
            (std::vector<Bytes>{bytes({0, 0xff}), bytes({0, 0xff, 0xff})}));
  EXPECT_TRUE(scan(store, bytes({3})).empty());
  EXPECT_EQ(scan(store, Bytes{}).size(), inside.size() + outside.size());
}

TYPED_TEST_P(KvStoreContract, ScanPrefixOfAllFfBytes) {
  KvStore& store = *this->store_;
  WriteBatch batch;
  for (const Bytes& k :
       {bytes({0xfe}), bytes({0xfe, 0xff}), bytes({0xff}), bytes({0xff, 0xfe}), bytes({0xff, 0xff}),
        bytes({0xff, 0xff, 0}), bytes({0xff, 0xff, 0xff}), bytes({0xff, 0xff, 0xff, 0xff})})
    batch.put(k, bytes("v"));
  ASSERT_TRUE(store.write(batch, false).is_ok());
  EXPECT_EQ(keys_of(scan(store, bytes({0xff, 0xff}))),
            (std::vector<Bytes>{bytes({0xff, 0xff}), bytes({0xff, 0xff, 0}),
                                bytes({0xff, 0xff, 0xff}), bytes({0xff, 0xff, 0xff, 0xff})}));
  EXPECT_EQ(scan(store, bytes({0xff})).size(), 6u);
  EXPECT_EQ(keys_of(scan(store, bytes({0xfe}))),
            (std::vector<Bytes>{bytes({0xfe}), bytes({0xfe, 0xff})}));
}

TYPED_TEST_P(KvStoreContract, ScanRangeIsHalfOpen) {
  KvStore& store = *this->store_;
  WriteBatch batch;
  for (char c = 'a'; c <= 'e'; ++c) batch.put(bytes({c}), bytes({c}));
  ASSERT_TRUE(store.write(batch, false).is_ok());
  auto range = [&](ByteView from, ByteView to) {
    std::vector<Bytes> keys;
    Status st = store.scan_range(from, to, [&](ByteView k, ByteView) {
      keys.emplace_back(k.begin(), k.end());
      return true;
    });
    EXPECT_TRUE(st.is_ok()) << st.to_string();
    return keys;
  };
  EXPECT_EQ(range(bytes("b"), bytes("d")), (std::vector<Bytes>{bytes("b"), bytes("c")}));
  EXPECT_EQ(range(bytes("bb"), bytes("d0")), (std::vector<Bytes>{bytes("c"), bytes("d")}));
  EXPECT_EQ(range(bytes("d"), Bytes{}), (std::vector<Bytes>{bytes("d"), bytes("e")}));
  EXPECT_EQ(range(Bytes{}, Bytes{}).size(), 5u);
  EXPECT_TRUE(range(bytes("c"), bytes("c")).empty());
  EXPECT_TRUE(range(bytes("d"), bytes("b")).empty());
}

TYPED_TEST_P(KvStoreContract, ScanStopsWhenVisitorReturnsFalse) {
  KvStore& store = *this->store_;
  WriteBatch batch;
  for (int i = 0; i < 10; ++i) batch.put(bytes({'p', i}), bytes("v"));
  ASSERT_TRUE(store.write(batch, false).is_ok());
  std::vector<Bytes> seen;
  Status st = store.scan_prefix(bytes("p"), [&](ByteView k, ByteView) {
    seen.emplace_back(k.begin(), k.end());
    return seen.size() < 3;
  });
  EXPECT_TRUE(st.is_ok()) << st.to_string();
  EXPECT_EQ(seen, (std::vector<Bytes>{bytes({'p', 0}), bytes({'p', 1}), bytes({'p', 2})}));
}

TYPED_TEST_P(KvStoreContract, SnapshotDoesNotSeeLaterWrites) {
  KvStore& store = *this->store_;
  WriteBatch setup;
  setup.put(bytes("a"), bytes("1"));
  setup.put(bytes("c"), bytes("3"));
  ASSERT_TRUE(store.write(setup, false).is_ok());
  std::shared_ptr<const KvReader> snap = store.snapshot();

  WriteBatch later;
  later.put(bytes("a"), bytes("changed"));
  later.put(bytes("b"), bytes("2"));
  later.erase(bytes("c"));
  ASSERT_TRUE(store.write(later, true).is_ok());

  EXPECT_EQ(get(*snap, bytes("a")), bytes("1"));
  EXPECT_EQ(get(*snap, bytes("b")), std::nullopt);
  EXPECT_EQ(get(*snap, bytes("c")), bytes("3"));
  EXPECT_EQ(scan(*snap, Bytes{}), (Entries{{bytes("a"), bytes("1")}, {bytes("c"), bytes("3")}}));
  EXPECT_EQ(scan(store, Bytes{}),
            (Entries{{bytes("a"), bytes("changed")}, {bytes("b"), bytes("2")}}));
  // A second snapshot sees the new state; the first is unchanged.
  std::shared_ptr<const KvReader> snap2 = store.snapshot();
  EXPECT_EQ(get(*snap2, bytes("a")), bytes("changed"));
  EXPECT_EQ(get(*snap, bytes("a")), bytes("1"));
}

TYPED_TEST_P(KvStoreContract, SnapshotOutlivesStore) {
  ASSERT_TRUE(put(*this->store_, bytes("k"), bytes("v")).is_ok());
  std::shared_ptr<const KvReader> snap = this->store_->snapshot();
  this->store_.reset();
  EXPECT_EQ(get(*snap, bytes("k")), bytes("v"));
  EXPECT_EQ(scan(*snap, Bytes{}).size(), 1u);
}

TYPED_TEST_P(KvStoreContract, ScanDoesNotSeeWritesMadeByItsVisitor) {
  KvStore& store = *this->store_;
  WriteBatch batch;
  for (int i = 0; i < 4; ++i) batch.put(bytes({'k', 2 * i}), bytes("v"));
  ASSERT_TRUE(store.write(batch, false).is_ok());
  int visits = 0;
  Status st = store.scan_prefix(bytes("k"), [&](ByteView k, ByteView) {
    ++visits;
    // Insert a key right after the current one, and erase the last one: both unseen by this scan.
    Bytes next(k.begin(), k.end());
    next.back() += 1;
    EXPECT_TRUE(put(store, next, bytes("new")).is_ok());
    EXPECT_TRUE(erase(store, bytes({'k', 6})).is_ok());
    return true;
  });
  EXPECT_TRUE(st.is_ok()) << st.to_string();
  EXPECT_EQ(visits, 4);
  EXPECT_EQ(scan(store, bytes("k")).size(), 7u);  // k0..k5 and k7; k6 erased
}

TYPED_TEST_P(KvStoreContract, ConcurrentReadersSeeWholeBatchesOnly) {
  KvStore& store = *this->store_;
  constexpr int batches = 200;
  constexpr int per_batch = 10;
  std::atomic<bool> done{false};
  std::atomic<int> partial{0};
  std::atomic<int> errors{0};
  auto check = [&](const KvReader& reader) {
    std::size_t n = 0;
    Status st = reader.scan_prefix(bytes("t"), [&](ByteView, ByteView) { return ++n, true; });
    if (!st.is_ok()) ++errors;
    if (n % per_batch != 0) ++partial;
  };
  std::thread reader([&] {
    while (!done.load()) {
      check(store);
      check(*store.snapshot());
    }
  });
  for (int b = 0; b < batches; ++b) {
    WriteBatch batch;
    for (int i = 0; i < per_batch; ++i) batch.put(bytes({'t', b >> 8, b & 0xff, i}), bytes("v"));
    Status st = store.write(batch, false);
    if (!st.is_ok()) {
      ADD_FAILURE() << st.to_string();
      break;
    }
  }
  done = true;
  reader.join();
  EXPECT_EQ(partial.load(), 0);
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(scan(store, bytes("t")).size(), std::size_t{batches * per_batch});
}

REGISTER_TYPED_TEST_SUITE_P(KvStoreContract, AbsentKeyIsNullopt, PutGetOverwriteErase,
                            EmptyKeyAndEmptyValueAreStored, BatchAppliesInOrderLastOperationWins,
                            LargeBatchRoundTrips, ScanPrefixIsBytewiseOrdered,
                            ScanPrefixOfAllFfBytes, ScanRangeIsHalfOpen,
                            ScanStopsWhenVisitorReturnsFalse, SnapshotDoesNotSeeLaterWrites,
                            SnapshotOutlivesStore, ScanDoesNotSeeWritesMadeByItsVisitor,
                            ConcurrentReadersSeeWholeBatchesOnly);
