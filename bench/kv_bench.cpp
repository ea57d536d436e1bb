// LevelDbStore: one 1000-put WriteBatch per iteration (32-byte keys, 100-byte values), the shape
// of a block commit, and point reads. The timed part includes building the WriteBatch, as a block
// commit does. Each benchmark uses a fresh store in a temporary directory, removed afterwards.
// Run: bench_kv --benchmark_min_time=0.2
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/leveldb_store.hpp"

namespace {

using grid::core::Bytes;
using grid::core::LevelDbOptions;
using grid::core::LevelDbStore;
using grid::core::WriteBatch;

constexpr int batch_puts = 1000;
constexpr std::size_t value_size = 100;
using Key = std::array<std::uint8_t, 32>;

class BenchStore {
 public:
  BenchStore() {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("gridchain-kvbench-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    LevelDbOptions options;
    options.create_if_missing = true;
    auto opened = LevelDbStore::open(dir_.string(), options);
    if (!opened) {
      std::fprintf(stderr, "%s\n", opened.status().to_string().c_str());
      std::abort();
    }
    store_ = std::move(opened).value();
  }
  ~BenchStore() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  LevelDbStore& operator*() { return *store_; }
  LevelDbStore* operator->() { return store_.get(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<LevelDbStore> store_;
};

Key sequential_key(std::uint64_t n) {
  Key key{};
  for (int i = 0; i < 8; ++i) key[24 + i] = static_cast<std::uint8_t>(n >> (56 - 8 * i));
  return key;
}

Key random_key(std::mt19937_64& rng) {
  Key key;
  for (int i = 0; i < 32; i += 8) {
    std::uint64_t r = rng();
    for (int j = 0; j < 8; ++j) key[i + j] = static_cast<std::uint8_t>(r >> (8 * j));
  }
  return key;
}

// Incompressible, like hashes and signatures.
Bytes random_value(std::mt19937_64& rng) {
  Bytes value(value_size);
  for (auto& b : value) b = static_cast<std::uint8_t>(rng());
  return value;
}

void write_batches(benchmark::State& state, bool random_keys, bool sync) {
  BenchStore store;
  std::mt19937_64 rng(42);
  Bytes value = random_value(rng);
  std::uint64_t next = 0;
  WriteBatch batch;
  for (auto _ : state) {
    batch.clear();
    for (int i = 0; i < batch_puts; ++i) {
      Key key = random_keys ? random_key(rng) : sequential_key(next++);
      value[0] = static_cast<std::uint8_t>(i);  // values differ a little, as real ones do
      batch.put(key, value);
    }
    auto st = store->write(batch, sync);
    if (!st) {
      state.SkipWithError(st.to_string().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * batch_puts);
  state.SetBytesProcessed(state.iterations() * batch_puts * (32 + value_size));
}

void BM_leveldb_batch_sequential(benchmark::State& state) {
  write_batches(state, false, false);
}
void BM_leveldb_batch_random(benchmark::State& state) {
  write_batches(state, true, false);
}
void BM_leveldb_batch_synced(benchmark::State& state) {
  write_batches(state, true, true);
}

// Point reads on a store of 200 000 random keys, compacted into tables as on a node that has
// been running, with a warm block cache: hits, and misses (the Bloom filter's case). Built once,
// shared by both.
constexpr std::size_t read_keys_count = 200000;

struct ReadFixture {
  BenchStore store;
  std::vector<Key> keys;
  ReadFixture() {
    std::mt19937_64 rng(7);
    keys.reserve(read_keys_count);
    WriteBatch batch;
    for (std::size_t i = 0; i < read_keys_count; ++i) {
      keys.push_back(random_key(rng));
      batch.put(keys.back(), random_value(rng));
      if (batch.size() == 1000 || i + 1 == read_keys_count) {
        if (!store->write(batch, false)) std::abort();
        batch.clear();
      }
    }
    store->compact();
    // Warm the block cache (32 MiB holds all ~26 MB), so hits measure the hot path rather than
    // first reads of each block from the file (those also pay the block checksum).
    if (!store->scan_prefix({}, [](grid::core::ByteView, grid::core::ByteView) { return true; }))
      std::abort();
  }
};

void read_keys(benchmark::State& state, bool hit) {
  static ReadFixture fixture;
  std::mt19937_64 rng(11);
  std::size_t i = 0;
  std::int64_t found = 0;
  for (auto _ : state) {
    Key key = hit ? fixture.keys[i++ % fixture.keys.size()] : random_key(rng);
    auto value = fixture.store->get(key);
    if (!value) {
      state.SkipWithError(value.status().to_string().c_str());
      break;
    }
    found += value->has_value() ? 1 : 0;
  }
  if (found != (hit ? state.iterations() : 0)) state.SkipWithError("unexpected hit or miss");
  state.SetItemsProcessed(state.iterations());
}

void BM_leveldb_get_hit(benchmark::State& state) {
  read_keys(state, true);
}
void BM_leveldb_get_miss(benchmark::State& state) {
  read_keys(state, false);
}

}  // namespace

BENCHMARK(BM_leveldb_batch_sequential)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_leveldb_batch_random)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_leveldb_batch_synced)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_leveldb_get_hit)->UseRealTime();
BENCHMARK(BM_leveldb_get_miss)->UseRealTime();

BENCHMARK_MAIN();
