#include "core/secure_channel.hpp"

#include <sodium.h>

#include <cstdlib>
#include <limits>
#include <string>
#include <utility>

#include "core/blake2b.hpp"
#include "core/codec.hpp"

namespace grid::core {
namespace {

static_assert(crypto_kx_PUBLICKEYBYTES == 32 && crypto_kx_SECRETKEYBYTES == 32);
static_assert(crypto_kx_SESSIONKEYBYTES == 32);
static_assert(crypto_aead_chacha20poly1305_ietf_KEYBYTES == 32);
static_assert(crypto_aead_chacha20poly1305_ietf_NPUBBYTES == 12);
static_assert(crypto_aead_chacha20poly1305_ietf_ABYTES == kAeadTagBytes);

using Nonce = std::array<unsigned char, crypto_aead_chacha20poly1305_ietf_NPUBBYTES>;

// The direction's counter as u64 little-endian, then four zero bytes.
Nonce counter_nonce(std::uint64_t counter) {
  Nonce nonce{};
  for (int i = 0; i < 8; ++i) nonce[i] = static_cast<unsigned char>(counter >> (8 * i));
  return nonce;
}

void require_sodium() {
  if (!ensure_sodium()) std::abort();  // no CSPRNG and no primitives: nothing is safe
}

}  // namespace

// ---- key exchange ----------------------------------------------------------------------------

KxKeyPair KxKeyPair::generate() {
  require_sodium();
  KxKeyPair pair;
  if (crypto_kx_keypair(pair.public_.data(), pair.secret_.data()) != 0) std::abort();
  return pair;
}

KxKeyPair::KxKeyPair(KxKeyPair&& other) noexcept : public_(other.public_), secret_(other.secret_) {
  sodium_memzero(other.secret_.data(), other.secret_.size());
}

KxKeyPair& KxKeyPair::operator=(KxKeyPair&& other) noexcept {
  if (this != &other) {
    public_ = other.public_;
    secret_ = other.secret_;
    sodium_memzero(other.secret_.data(), other.secret_.size());
  }
  return *this;
}

KxKeyPair::~KxKeyPair() {
  sodium_memzero(secret_.data(), secret_.size());
}

Result<SessionKeys> derive_session_keys(SessionRole role, const KxKeyPair& mine,
                                        const KxPublicKey& theirs) {
  require_sodium();
  SessionKeys keys;
  const int rc =
      role == SessionRole::client
          ? crypto_kx_client_session_keys(keys.rx.data(), keys.tx.data(), mine.public_key().data(),
                                          mine.secret_key().data(), theirs.data())
          : crypto_kx_server_session_keys(keys.rx.data(), keys.tx.data(), mine.public_key().data(),
                                          mine.secret_key().data(), theirs.data());
  if (rc != 0) return Status::error(Code::crypto, "the peer's ephemeral key is unusable");
  return keys;
}

// ---- hello -----------------------------------------------------------------------------------

Bytes encode_session_hello(const KxPublicKey& ephemeral) {
  SessionHello hello;
  hello.ephemeral = ephemeral;
  return encode(hello);
}

Result<SessionHello> decode_session_hello(ByteView bytes) {
  auto hello = decode<SessionHello>(bytes);
  if (!hello || hello->magic != kSessionMagic)
    return Status::invalid("not a Gridchain p2p hello (expected magic GRIDP2P1, " +
                           std::to_string(kSessionHelloBytes) + " bytes)");
  if (hello->version != kSessionVersion)
    return Status::invalid("peer speaks p2p protocol version " + std::to_string(hello->version) +
                           ", we speak " + std::to_string(kSessionVersion));
  return hello;
}

bool hello_is_other_version(ByteView bytes) {
  auto hello = decode<SessionHello>(bytes);
  return hello && hello->magic == kSessionMagic && hello->version != kSessionVersion;
}

// ---- authentication --------------------------------------------------------------------------

Hash32 session_auth_digest(const Hash32& genesis, const KxPublicKey& client_ephemeral,
                           const KxPublicKey& server_ephemeral, SessionRole signer) {
  Writer w;
  w.raw(as_bytes(kSessionAuthTag));
  write_value(w, genesis);
  write_value(w, client_ephemeral);
  write_value(w, server_ephemeral);
  write_value(w, signer);
  return blake2b_256(w.data());
}

SessionAuth make_session_auth(const Ed25519SecretKey& node_key, const Hash32& genesis,
                              const KxPublicKey& client_ephemeral,
                              const KxPublicKey& server_ephemeral, SessionRole my_role) {
  SessionAuth auth;
  auth.node_key = node_key.public_key();
  auth.genesis = genesis;
  auth.signature = node_key.sign(
      session_auth_digest(genesis, client_ephemeral, server_ephemeral, my_role).view());
  return auth;
}

Status verify_session_auth(const SessionAuth& auth, const Hash32& expected_genesis,
                           const KxPublicKey& client_ephemeral, const KxPublicKey& server_ephemeral,
                           SessionRole peer_role) {
  if (auth.genesis != expected_genesis)
    return Status::invalid("genesis hash mismatch: the peer is on chain " + auth.genesis.hex() +
                           ", we are on " + expected_genesis.hex());
  const Hash32 digest =
      session_auth_digest(expected_genesis, client_ephemeral, server_ephemeral, peer_role);
  if (!ed25519_verify(auth.node_key, digest.view(), auth.signature))
    return Status::error(Code::crypto, "the peer's auth signature does not verify for key " +
                                           hex_encode(auth.node_key));
  return Status::ok();
}

// ---- AEAD ------------------------------------------------------------------------------------

SessionCipher::SessionCipher(const SessionKeys& keys) : keys_(keys) {
  require_sodium();
}

SessionCipher::SessionCipher(SessionCipher&& other) noexcept
    : keys_(other.keys_), send_counter_(other.send_counter_), recv_counter_(other.recv_counter_) {
  sodium_memzero(&other.keys_, sizeof(other.keys_));
}

SessionCipher& SessionCipher::operator=(SessionCipher&& other) noexcept {
  if (this != &other) {
    keys_ = other.keys_;
    send_counter_ = other.send_counter_;
    recv_counter_ = other.recv_counter_;
    sodium_memzero(&other.keys_, sizeof(other.keys_));
  }
  return *this;
}

SessionCipher::~SessionCipher() {
  sodium_memzero(&keys_, sizeof(keys_));
}

Status SessionCipher::seal_in_place(Bytes& message) {
  if (send_counter_ == std::numeric_limits<std::uint64_t>::max())
    return Status::error(Code::crypto, "send nonce exhausted: the session must end");
  const std::size_t n = message.size();
  message.resize(n + kAeadTagBytes);
  const Nonce nonce = counter_nonce(send_counter_);
  // In place: libsodium allows the ciphertext to alias the message.
  if (crypto_aead_chacha20poly1305_ietf_encrypt_detached(
          message.data(), message.data() + n, nullptr, message.data(), n, nullptr, 0, nullptr,
          nonce.data(), keys_.tx.data()) != 0)
    return Status::error(Code::crypto, "AEAD encryption failed");
  ++send_counter_;
  return Status::ok();
}

Result<Bytes> SessionCipher::seal(ByteView plaintext) {
  Bytes out(plaintext.begin(), plaintext.end());
  GRID_TRY(seal_in_place(out));
  return out;
}

Status SessionCipher::open_in_place(Bytes& message) {
  if (message.size() < kAeadTagBytes)
    return Status::error(Code::crypto, "sealed message shorter than its tag");
  const std::size_t n = message.size() - kAeadTagBytes;
  const Nonce nonce = counter_nonce(recv_counter_);
  if (crypto_aead_chacha20poly1305_ietf_decrypt_detached(message.data(), nullptr, message.data(), n,
                                                         message.data() + n, nullptr, 0,
                                                         nonce.data(), keys_.rx.data()) != 0)
    return Status::error(Code::crypto,
                         "message authentication failed (tampered, replayed or out of order)");
  message.resize(n);
  ++recv_counter_;
  return Status::ok();
}

Result<Bytes> SessionCipher::open(ByteView ciphertext) {
  Bytes out(ciphertext.begin(), ciphertext.end());
  GRID_TRY(open_in_place(out));
  return out;
}

}  // namespace grid::core
