#include "core/ed25519.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace grid::core {
namespace {

static_assert(crypto_sign_SEEDBYTES == 32);
static_assert(crypto_sign_PUBLICKEYBYTES == 32);
static_assert(crypto_sign_SECRETKEYBYTES == 64);
static_assert(crypto_sign_BYTES == 64);

const unsigned char* data_or_dummy(ByteView data) {
  static constexpr unsigned char kDummy = 0;
  return data.empty() ? &kDummy : data.data();
}

}  // namespace

bool ensure_sodium() {
  // C++11 guarantees one thread runs the initialiser while the others wait; sodium_init itself
  // is also idempotent (returns 1 when already initialised).
  static const bool ok = sodium_init() >= 0;
  return ok;
}

Ed25519SecretKey::~Ed25519SecretKey() {
  sodium_memzero(seed_.data(), seed_.size());
  sodium_memzero(expanded_.data(), expanded_.size());
}

Result<Ed25519SecretKey> Ed25519SecretKey::from_seed(ByteView seed32) {
  if (seed32.size() != crypto_sign_SEEDBYTES)
    return Status::invalid("ed25519 seed must be 32 bytes, got " + std::to_string(seed32.size()));
  if (!ensure_sodium()) return Status::error(Code::crypto, "libsodium failed to initialise");
  Ed25519SecretKey key;
  std::copy(seed32.begin(), seed32.end(), key.seed_.begin());
  if (crypto_sign_seed_keypair(key.public_.data(), key.expanded_.data(), key.seed_.data()) != 0)
    return Status::error(Code::crypto, "crypto_sign_seed_keypair failed");
  return key;
}

Ed25519SecretKey Ed25519SecretKey::generate() {
  if (!ensure_sodium()) std::abort();  // no CSPRNG: nothing else is safe either
  std::array<std::uint8_t, 32> seed{};
  randombytes_buf(seed.data(), seed.size());
  auto key = from_seed(ByteView(seed.data(), seed.size()));
  sodium_memzero(seed.data(), seed.size());
  if (!key) std::abort();
  return std::move(key).value();
}

Ed25519Signature Ed25519SecretKey::sign(ByteView message) const {
  Ed25519Signature sig{};
  if (crypto_sign_detached(sig.data(), nullptr, data_or_dummy(message), message.size(),
                           expanded_.data()) != 0)
    std::abort();  // libsodium documents no failure for a valid secret key
  return sig;
}

bool ed25519_verify(const Ed25519PublicKey& pubkey, ByteView message, const Ed25519Signature& sig) {
  if (!ensure_sodium()) return false;
  return crypto_sign_verify_detached(sig.data(), data_or_dummy(message), message.size(),
                                     pubkey.data()) == 0;
}

}  // namespace grid::core
