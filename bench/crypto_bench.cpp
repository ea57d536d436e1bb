// Costs of the crypto primitives on the block-validation path: BIP-340 and ed25519 signature
// verification, and BLAKE2b-256 of a small object (64 B) and of a large one (1 MiB).
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>

#include "core/blake2b.hpp"
#include "core/bytes.hpp"
#include "core/ed25519.hpp"
#include "core/schnorr.hpp"

namespace grid::core {
namespace {

std::array<std::uint8_t, 32> fixed_msg32() {
  std::array<std::uint8_t, 32> msg{};
  for (std::size_t i = 0; i < msg.size(); ++i) msg[i] = static_cast<std::uint8_t>(i);
  return msg;
}

// BIP-340 verification of one signature under one fixed key. schnorr_verify takes the 32-byte
// x-only key and parses (lifts) it on every call, as block validation does.
void BM_Bip340Verify(benchmark::State& state) {
  // BIP-340 test vector 1's secret key: a fixed key, so runs are comparable.
  auto key = SchnorrSecretKey::from_bytes(
      hex_decode("B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF").value());
  if (!key) {
    state.SkipWithError("bad key");
    return;
  }
  const auto msg = fixed_msg32();
  const SchnorrPublicKey pk = key->public_key();
  const SchnorrSignature sig = key->sign(msg, std::array<std::uint8_t, 32>{});
  for (auto _ : state) {
    benchmark::DoNotOptimize(schnorr_verify(pk, msg, sig));
  }
}
BENCHMARK(BM_Bip340Verify);

void BM_Bip340Sign(benchmark::State& state) {
  auto key = SchnorrSecretKey::from_bytes(
      hex_decode("B7E151628AED2A6ABF7158809CF4F3C762E7160F38B4DA56A784D9045190CFEF").value());
  if (!key) {
    state.SkipWithError("bad key");
    return;
  }
  const auto msg = fixed_msg32();
  const std::array<std::uint8_t, 32> aux{};
  for (auto _ : state) {
    benchmark::DoNotOptimize(key->sign(msg, aux));
  }
}
BENCHMARK(BM_Bip340Sign);

void BM_Ed25519Verify(benchmark::State& state) {
  // RFC 8032 TEST 1's seed.
  auto key = Ed25519SecretKey::from_seed(
      hex_decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").value());
  if (!key) {
    state.SkipWithError("bad seed");
    return;
  }
  const auto msg = fixed_msg32();
  const Ed25519Signature sig = key->sign(msg);
  for (auto _ : state) {
    benchmark::DoNotOptimize(ed25519_verify(key->public_key(), msg, sig));
  }
}
BENCHMARK(BM_Ed25519Verify);

void BM_Blake2b256(benchmark::State& state) {
  Bytes data(static_cast<std::size_t>(state.range(0)));
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i);
  for (auto _ : state) {
    benchmark::DoNotOptimize(blake2b_256(data));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_Blake2b256)->Arg(64)->Arg(1 << 20);

}  // namespace
}  // namespace grid::core

BENCHMARK_MAIN();
