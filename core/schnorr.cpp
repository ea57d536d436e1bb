#include "core/schnorr.hpp"

#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "core/ed25519.hpp"

namespace grid::core {
namespace {

// One context for the whole process, created on first use and never destroyed (so it outlives
// every static that might sign or verify during shutdown). After creation it is only used
// through const-context calls, which libsecp256k1 documents as safe to share between threads.
const secp256k1_context* context() {
  static const secp256k1_context* const ctx = [] {
    secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    if (c == nullptr) std::abort();
    if (!ensure_sodium()) std::abort();
    // Blinding against side channels when signing; verification is unaffected.
    unsigned char seed[32];
    randombytes_buf(seed, sizeof(seed));
    if (!secp256k1_context_randomize(c, seed)) std::abort();
    sodium_memzero(seed, sizeof(seed));
    return c;
  }();
  return ctx;
}

// Holds a secp256k1_keypair (which contains the secret) and wipes it on scope exit.
struct Keypair {
  secp256k1_keypair kp;
  explicit Keypair(const std::array<std::uint8_t, 32>& secret) {
    // The secret was checked by from_bytes/generate, so this cannot fail.
    if (!secp256k1_keypair_create(context(), &kp, secret.data())) std::abort();
  }
  ~Keypair() { sodium_memzero(&kp, sizeof(kp)); }
  Keypair(const Keypair&) = delete;
  Keypair& operator=(const Keypair&) = delete;
};

}  // namespace

SchnorrSecretKey::~SchnorrSecretKey() {
  sodium_memzero(secret_.data(), secret_.size());
}

Result<SchnorrSecretKey> SchnorrSecretKey::from_bytes(ByteView secret32) {
  if (secret32.size() != 32)
    return Status::invalid("secp256k1 secret key must be 32 bytes, got " +
                           std::to_string(secret32.size()));
  if (!secp256k1_ec_seckey_verify(context(), secret32.data()))
    return Status::invalid("secp256k1 secret key is zero or not below the curve order");
  SchnorrSecretKey key;
  std::copy(secret32.begin(), secret32.end(), key.secret_.begin());
  return key;
}

SchnorrSecretKey SchnorrSecretKey::generate() {
  if (!ensure_sodium()) std::abort();
  SchnorrSecretKey key;
  // Rejection happens with probability about 2^-128, so this loop runs once in practice.
  do {
    randombytes_buf(key.secret_.data(), key.secret_.size());
  } while (!secp256k1_ec_seckey_verify(context(), key.secret_.data()));
  return key;
}

SchnorrPublicKey SchnorrSecretKey::public_key() const {
  Keypair keypair(secret_);
  secp256k1_xonly_pubkey xonly;
  if (!secp256k1_keypair_xonly_pub(context(), &xonly, nullptr, &keypair.kp)) std::abort();
  SchnorrPublicKey out{};
  if (!secp256k1_xonly_pubkey_serialize(context(), out.data(), &xonly)) std::abort();
  return out;
}

SchnorrSignature SchnorrSecretKey::sign(const std::array<std::uint8_t, 32>& msg32,
                                        const std::array<std::uint8_t, 32>& aux32) const {
  Keypair keypair(secret_);
  SchnorrSignature sig{};
  if (!secp256k1_schnorrsig_sign32(context(), sig.data(), msg32.data(), &keypair.kp, aux32.data()))
    std::abort();  // fails only for an invalid keypair, which cannot happen here
  return sig;
}

SchnorrSignature SchnorrSecretKey::sign(const std::array<std::uint8_t, 32>& msg32) const {
  if (!ensure_sodium()) std::abort();
  std::array<std::uint8_t, 32> aux{};
  randombytes_buf(aux.data(), aux.size());
  return sign(msg32, aux);
}

bool schnorr_verify(const SchnorrPublicKey& pubkey, ByteView msg, const SchnorrSignature& sig) {
  // xonly_pubkey_parse returns 0 (no abort) for an x that is >= p or not on the curve.
  secp256k1_xonly_pubkey pk;
  if (!secp256k1_xonly_pubkey_parse(context(), &pk, pubkey.data())) return false;
  // libsecp256k1 accepts a null msg only with msglen 0; never hand it null to be safe.
  static constexpr unsigned char kDummy = 0;
  const unsigned char* m = msg.empty() ? &kDummy : msg.data();
  return secp256k1_schnorrsig_verify(context(), sig.data(), m, msg.size(), &pk) == 1;
}

}  // namespace grid::core
