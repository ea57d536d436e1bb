// Canonical codec: encode + strict decode of a ~200-byte struct (a node-record-like shape).
#include <benchmark/benchmark.h>

#include "core/codec.hpp"

namespace {

using grid::core::Bytes;

struct Record {
  std::uint32_t id = 7;
  std::uint64_t a = 1, b = 2, c = 3, d = 4;
  std::array<std::uint8_t, 32> key{};
  std::string name = "a-farm-name-of-some-length";
  std::vector<std::string> ips{"185.69.166.1/24", "185.69.166.2/24", "185.69.166.3/24"};
  std::optional<std::string> serial = std::string("SN-0001-XYZ");
  Bytes blob = Bytes(40, 0xab);
  static void fields(auto& self, auto& v) {
    v(self.id);
    v(self.a);
    v(self.b);
    v(self.c);
    v(self.d);
    v(self.key);
    v(self.name);
    v(self.ips);
    v(self.serial);
    v(self.blob);
  }
};

void BM_CodecRoundTrip200B(benchmark::State& state) {
  Record r;
  std::size_t size = grid::core::encode(r).size();
  for (auto _ : state) {
    Bytes encoded = grid::core::encode(r);
    auto decoded = grid::core::decode<Record>(encoded);
    benchmark::DoNotOptimize(decoded);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
  state.counters["bytes"] = static_cast<double>(size);
}
BENCHMARK(BM_CodecRoundTrip200B);

}  // namespace

BENCHMARK_MAIN();
