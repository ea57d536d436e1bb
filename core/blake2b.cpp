#include "core/blake2b.hpp"

#include <sodium.h>

#include <cstdlib>

#include "core/ed25519.hpp"

namespace grid::core {
namespace {

constexpr std::size_t kOutBytes = 32;

// A null pointer with a zero length is fine for libsodium, but an empty span's data() may be
// null; pass a valid address anyway so no path ever sees null.
const unsigned char* data_or_dummy(ByteView data) {
  static constexpr unsigned char kDummy = 0;
  return data.empty() ? &kDummy : data.data();
}

}  // namespace

Blake2b256::Blake2b256() {
  static_assert(sizeof(crypto_generichash_state) <= sizeof(state_),
                "Blake2b256::state_ is too small for crypto_generichash_state");
  static_assert(alignof(crypto_generichash_state) <= 64,
                "Blake2b256::state_ is under-aligned for crypto_generichash_state");
  ensure_sodium();  // selects the fastest BLAKE2b implementation; hashing works either way
  auto* st = reinterpret_cast<crypto_generichash_state*>(state_);
  if (crypto_generichash_init(st, nullptr, 0, kOutBytes) != 0) std::abort();
}

Blake2b256& Blake2b256::update(ByteView data) {
  auto* st = reinterpret_cast<crypto_generichash_state*>(state_);
  if (crypto_generichash_update(st, data_or_dummy(data), data.size()) != 0) std::abort();
  return *this;
}

Hash32 Blake2b256::finish() {
  auto* st = reinterpret_cast<crypto_generichash_state*>(state_);
  Hash32 out;
  // Fails only when called twice (libsodium refuses to finalise a finalised state).
  if (crypto_generichash_final(st, out.bytes.data(), out.bytes.size()) != 0) std::abort();
  return out;
}

Hash32 blake2b_256(ByteView data) {
  ensure_sodium();
  Hash32 out;
  if (crypto_generichash(out.bytes.data(), out.bytes.size(), data_or_dummy(data), data.size(),
                         nullptr, 0) != 0)
    std::abort();
  return out;
}

Hash32 blake2b_256(std::initializer_list<ByteView> parts) {
  Blake2b256 h;
  for (ByteView part : parts) h.update(part);
  return h.finish();
}

}  // namespace grid::core
