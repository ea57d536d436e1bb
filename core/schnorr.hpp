// secp256k1 BIP-340 Schnorr keys (account scheme 0), through libsecp256k1.
//
// Contract:
// - SchnorrSecretKey holds 32 bytes that must be a valid secp256k1 scalar (0 < k < n); from_bytes
//   refuses anything else. generate() draws from the OS CSPRNG (libsodium randombytes).
// - public_key() is the 32-byte x-only key of BIP-340.
// - sign(msg32, aux32) is BIP-340 signing with the given auxiliary randomness (fixed aux gives
//   reproducible golden vectors); sign(msg32) draws aux from the CSPRNG.
// - schnorr_verify never throws or aborts on any input: a malformed key or signature is false.
// - The secp256k1 context is created once per process and is safe to share between threads for
//   signing and verifying.
#pragma once

#include <array>
#include <cstdint>

#include "core/bytes.hpp"
#include "core/status.hpp"

namespace grid::core {

using SchnorrPublicKey = std::array<std::uint8_t, 32>;
using SchnorrSignature = std::array<std::uint8_t, 64>;

class SchnorrSecretKey {
 public:
  static Result<SchnorrSecretKey> from_bytes(ByteView secret32);
  static SchnorrSecretKey generate();

  SchnorrSecretKey(const SchnorrSecretKey&) = default;
  SchnorrSecretKey(SchnorrSecretKey&&) = default;
  SchnorrSecretKey& operator=(const SchnorrSecretKey&) = default;
  SchnorrSecretKey& operator=(SchnorrSecretKey&&) = default;
  ~SchnorrSecretKey();  // wipes the secret (sodium_memzero)

  const std::array<std::uint8_t, 32>& bytes() const { return secret_; }
  SchnorrPublicKey public_key() const;
  SchnorrSignature sign(const std::array<std::uint8_t, 32>& msg32,
                        const std::array<std::uint8_t, 32>& aux32) const;
  SchnorrSignature sign(const std::array<std::uint8_t, 32>& msg32) const;

 private:
  SchnorrSecretKey() = default;
  std::array<std::uint8_t, 32> secret_{};
};

// BIP-340 verification of a 32-byte message. (BIP-340 allows other message lengths; Gridchain
// always signs 32-byte hashes.)
bool schnorr_verify(const SchnorrPublicKey& pubkey, ByteView msg, const SchnorrSignature& sig);

}  // namespace grid::core
