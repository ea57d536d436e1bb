// The session crypto of p2p connections: an X25519 key exchange, an ed25519 authentication bound
// to both ephemeral keys and to the chain, and ChaCha20-Poly1305 (IETF) per direction.
//
// Handshake (docs/wire.md, "## p2p sessions"), the same on both sides; the dialer is the client:
//   1. each side sends SessionHello { magic "GRIDP2P1" (8 B), version: u16 (= 1),
//      ephemeral: bytes32 } in plaintext (42 bytes, no length prefix) and reads the peer's.
//   2. each side derives (rx, tx) with crypto_kx_client_session_keys (client) or
//      crypto_kx_server_session_keys (server).
//   3. each side sends, as its first sealed message, SessionAuth { node_key: bytes32,
//      genesis: bytes32, signature: bytes64 }; the signature by node_key is over
//      blake2b_256("gridchain/p2p-auth/v1" || genesis || client_ephemeral || server_ephemeral ||
//                  role: u8), role = the signer's role (0 client, 1 server).
//   4. each side opens the peer's SessionAuth: the genesis must be its own and the signature must
//      verify over this session's transcript with the peer's role; else it refuses the peer.
// The signature binds both fresh ephemeral keys (a recorded auth is useless in another session:
// no replay), the role byte stops a reflected one, and the genesis hash binds the chain.
//
// SessionCipher: the nonce is the direction's message counter as u64 LE followed by 4 zero
// bytes, from 0; each seal/open uses the next counter, so a tampered, replayed, reordered or
// dropped message fails to open (Code::crypto). A nonce is never reused: sealing refuses
// (Code::crypto) once the counter would wrap, and the caller ends the session.
//
// Errors: Code::invalid for malformed input, another magic, version or genesis (the peer's
// fault, but not necessarily malice); Code::crypto for an unusable key, a signature or a MAC
// that does not verify. Secret material is wiped on destruction. Randomness: libsodium
// randombytes (ephemeral keys). Thread safety: values, used by one thread at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/bytes.hpp"
#include "core/ed25519.hpp"
#include "core/hash.hpp"
#include "core/status.hpp"

namespace grid::core {

using KxPublicKey = std::array<std::uint8_t, 32>;
using SessionKey = std::array<std::uint8_t, 32>;

inline constexpr std::size_t kAeadTagBytes = 16;
inline constexpr std::array<std::uint8_t, 8> kSessionMagic = {'G', 'R', 'I', 'D',
                                                              'P', '2', 'P', '1'};
inline constexpr std::uint16_t kSessionVersion = 1;
inline constexpr std::size_t kSessionHelloBytes = 8 + 2 + 32;
inline constexpr std::string_view kSessionAuthTag = "gridchain/p2p-auth/v1";
inline constexpr std::size_t kSessionAuthBytes = 32 + 32 + 64;

// The dialer is the client.
enum class SessionRole : std::uint8_t { client = 0, server = 1 };

// ---- key exchange ----------------------------------------------------------------------------

// An ephemeral X25519 key pair (crypto_kx_keypair); the secret is wiped when destroyed.
class KxKeyPair {
 public:
  static KxKeyPair generate();
  KxKeyPair(const KxKeyPair&) = delete;
  KxKeyPair& operator=(const KxKeyPair&) = delete;
  KxKeyPair(KxKeyPair&& other) noexcept;
  KxKeyPair& operator=(KxKeyPair&& other) noexcept;
  ~KxKeyPair();

  const KxPublicKey& public_key() const { return public_; }
  const std::array<std::uint8_t, 32>& secret_key() const { return secret_; }

 private:
  KxKeyPair() = default;
  KxPublicKey public_{};
  std::array<std::uint8_t, 32> secret_{};
};

struct SessionKeys {
  SessionKey rx{};  // opens what the peer sealed
  SessionKey tx{};  // seals what we send
};

// Session keys for `role`; Code::crypto when the peer's key is unusable (e.g. of low order).
Result<SessionKeys> derive_session_keys(SessionRole role, const KxKeyPair& mine,
                                        const KxPublicKey& theirs);

// ---- hello -----------------------------------------------------------------------------------

struct SessionHello {
  std::array<std::uint8_t, 8> magic = kSessionMagic;
  std::uint16_t version = kSessionVersion;
  KxPublicKey ephemeral{};

  static void fields(auto& self, auto& v) {
    v(self.magic);
    v(self.version);
    v(self.ephemeral);
  }
};

Bytes encode_session_hello(const KxPublicKey& ephemeral);
// Code::invalid for anything but a 42-byte hello with our magic and version.
Result<SessionHello> decode_session_hello(ByteView bytes);
// True for a well-formed hello of another protocol version (a refusal, not a violation).
bool hello_is_other_version(ByteView bytes);

// ---- authentication --------------------------------------------------------------------------

struct SessionAuth {
  Ed25519PublicKey node_key{};
  Hash32 genesis;
  Ed25519Signature signature{};

  static void fields(auto& self, auto& v) {
    v(self.node_key);
    v(self.genesis);
    v(self.signature);
  }
};

// blake2b_256(kSessionAuthTag || genesis || client_ephemeral || server_ephemeral || signer)
Hash32 session_auth_digest(const Hash32& genesis, const KxPublicKey& client_ephemeral,
                           const KxPublicKey& server_ephemeral, SessionRole signer);

SessionAuth make_session_auth(const Ed25519SecretKey& node_key, const Hash32& genesis,
                              const KxPublicKey& client_ephemeral,
                              const KxPublicKey& server_ephemeral, SessionRole my_role);

// Code::invalid when the genesis differs from ours (named in the message); Code::crypto when the
// signature does not verify over this session's transcript with the peer's role.
Status verify_session_auth(const SessionAuth& auth, const Hash32& expected_genesis,
                           const KxPublicKey& client_ephemeral, const KxPublicKey& server_ephemeral,
                           SessionRole peer_role);

// ---- AEAD ------------------------------------------------------------------------------------

class SessionCipher {
 public:
  explicit SessionCipher(const SessionKeys& keys);
  SessionCipher(const SessionCipher&) = delete;
  SessionCipher& operator=(const SessionCipher&) = delete;
  SessionCipher(SessionCipher&& other) noexcept;
  SessionCipher& operator=(SessionCipher&& other) noexcept;
  ~SessionCipher();

  std::uint64_t messages_sealed() const { return send_counter_; }
  std::uint64_t messages_opened() const { return recv_counter_; }

  // message becomes ciphertext || tag (16 bytes longer); Code::crypto when the nonce would wrap.
  Status seal_in_place(Bytes& message);
  Result<Bytes> seal(ByteView plaintext);
  // message (ciphertext || tag) becomes the plaintext; Code::crypto when it does not
  // authenticate under the next receive nonce (tampered, replayed, reordered, truncated).
  Status open_in_place(Bytes& message);
  Result<Bytes> open(ByteView ciphertext);

 private:
  SessionKeys keys_;
  std::uint64_t send_counter_ = 0;
  std::uint64_t recv_counter_ = 0;
};

}  // namespace grid::core
