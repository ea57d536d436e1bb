// One side of the p2p session handshake (core/secure_channel.hpp describes the protocol), as a
// state machine without I/O, so that a Connection, a test or a fuzzer can drive it.
//
// Use: send hello(); give the peer's hello to on_peer_hello and send the sealed auth message it
// returns (as a frame: u32 length + bytes); give the peer's sealed auth message to on_peer_auth,
// which returns the peer's verified node key; then take_cipher() carries the session on.
//
// Contract: each step is called at most once, in order. On failure the step returns the reason
// and failure_penalty() says what it deserves: 0 for a refusal (another protocol version,
// another chain), kPenaltyProtocolViolation for garbage or a forgery (bad magic, bad MAC, bad
// encoding, bad signature, unusable ephemeral key).
// Thread safety: a value used by one thread.
#pragma once

#include <memory>
#include <optional>

#include "core/bytes.hpp"
#include "core/ed25519.hpp"
#include "core/hash.hpp"
#include "core/secure_channel.hpp"
#include "core/status.hpp"
#include "node/p2p/peer_address.hpp"

namespace grid::node::p2p {

// Who we are: our node key and the chain we are on. Shared by every connection.
struct LocalIdentity {
  core::Ed25519SecretKey key;
  core::Hash32 genesis;
};

// The length of the sealed auth message, the only length the auth frame may announce.
inline constexpr std::size_t kAuthFrameLength = core::kSessionAuthBytes + core::kAeadTagBytes;

class Handshake {
 public:
  Handshake(core::SessionRole role, std::shared_ptr<const LocalIdentity> me);

  const core::Bytes& hello() const { return hello_; }
  core::Result<core::Bytes> on_peer_hello(core::ByteView peer_hello);
  core::Result<NodeKey> on_peer_auth(core::Bytes sealed_auth);
  // Valid after on_peer_auth succeeded; the handshake is spent afterwards.
  core::SessionCipher take_cipher();

  int failure_penalty() const { return penalty_; }

 private:
  template <class T>
  core::Result<T> fail(core::Status status, int penalty) {
    penalty_ = penalty;
    return status;
  }
  const core::KxPublicKey& client_ephemeral() const;
  const core::KxPublicKey& server_ephemeral() const;

  core::SessionRole role_;
  std::shared_ptr<const LocalIdentity> me_;
  core::KxKeyPair ephemeral_;
  core::Bytes hello_;
  core::KxPublicKey peer_ephemeral_{};
  std::optional<core::SessionCipher> cipher_;
  int penalty_ = 0;
};

}  // namespace grid::node::p2p
