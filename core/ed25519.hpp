// ed25519 keys (account scheme 1, validator consensus keys, p2p node keys), through libsodium.
//
// Contract:
// - Ed25519SecretKey is built from a 32-byte seed (RFC 8032 secret key) or generated from the
//   OS CSPRNG. sign() is deterministic (RFC 8032). ed25519_verify is false on any malformed input
//   and never aborts.
// - libsodium is initialised once per process (sodium_init) by the first use; thread-safe.
#pragma once

#include <array>
#include <cstdint>

#include "core/bytes.hpp"
#include "core/status.hpp"

namespace grid::core {

using Ed25519PublicKey = std::array<std::uint8_t, 32>;
using Ed25519Signature = std::array<std::uint8_t, 64>;

class Ed25519SecretKey {
 public:
  static Result<Ed25519SecretKey> from_seed(ByteView seed32);
  static Ed25519SecretKey generate();

  Ed25519SecretKey(const Ed25519SecretKey&) = default;
  Ed25519SecretKey(Ed25519SecretKey&&) = default;
  Ed25519SecretKey& operator=(const Ed25519SecretKey&) = default;
  Ed25519SecretKey& operator=(Ed25519SecretKey&&) = default;
  ~Ed25519SecretKey();  // wipes the seed and the expanded key (sodium_memzero)

  const std::array<std::uint8_t, 32>& seed() const { return seed_; }
  const Ed25519PublicKey& public_key() const { return public_; }
  Ed25519Signature sign(ByteView message) const;

 private:
  Ed25519SecretKey() = default;
  std::array<std::uint8_t, 32> seed_{};
  Ed25519PublicKey public_{};
  std::array<std::uint8_t, 64> expanded_{};  // libsodium's secret key form (seed || public)
};

bool ed25519_verify(const Ed25519PublicKey& pubkey, ByteView message, const Ed25519Signature& sig);

// Calls sodium_init once; returns false if libsodium cannot initialise (then nothing is safe).
bool ensure_sodium();

}  // namespace grid::core
