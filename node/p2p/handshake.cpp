#include "node/p2p/handshake.hpp"

#include <cstdlib>
#include <utility>

#include "core/codec.hpp"
#include "node/p2p/peer_book.hpp"

namespace grid::node::p2p {

Handshake::Handshake(core::SessionRole role, std::shared_ptr<const LocalIdentity> me)
    : role_(role),
      me_(std::move(me)),
      ephemeral_(core::KxKeyPair::generate()),
      hello_(core::encode_session_hello(ephemeral_.public_key())) {}

const core::KxPublicKey& Handshake::client_ephemeral() const {
  return role_ == core::SessionRole::client ? ephemeral_.public_key() : peer_ephemeral_;
}

const core::KxPublicKey& Handshake::server_ephemeral() const {
  return role_ == core::SessionRole::server ? ephemeral_.public_key() : peer_ephemeral_;
}

core::Result<core::Bytes> Handshake::on_peer_hello(core::ByteView peer_hello) {
  auto hello = core::decode_session_hello(peer_hello);
  if (!hello)
    return fail<core::Bytes>(
        hello.error(), core::hello_is_other_version(peer_hello) ? 0 : kPenaltyProtocolViolation);
  peer_ephemeral_ = hello->ephemeral;
  auto keys = core::derive_session_keys(role_, ephemeral_, peer_ephemeral_);
  if (!keys) return fail<core::Bytes>(keys.error(), kPenaltyProtocolViolation);
  cipher_.emplace(*keys);
  core::Bytes auth = core::encode(core::make_session_auth(
      me_->key, me_->genesis, client_ephemeral(), server_ephemeral(), role_));
  core::Status sealed = cipher_->seal_in_place(auth);
  if (!sealed) return fail<core::Bytes>(sealed, 0);
  return auth;
}

core::Result<NodeKey> Handshake::on_peer_auth(core::Bytes sealed_auth) {
  if (!cipher_) std::abort();  // called out of order: a bug in the caller
  core::Status opened = cipher_->open_in_place(sealed_auth);
  if (!opened) return fail<NodeKey>(opened, kPenaltyProtocolViolation);
  auto auth = core::decode<core::SessionAuth>(sealed_auth);
  if (!auth)
    return fail<NodeKey>(core::Status::invalid("malformed auth message: " + auth.error().message()),
                         kPenaltyProtocolViolation);
  const auto peer_role =
      role_ == core::SessionRole::client ? core::SessionRole::server : core::SessionRole::client;
  core::Status verified = core::verify_session_auth(*auth, me_->genesis, client_ephemeral(),
                                                    server_ephemeral(), peer_role);
  if (!verified)
    return fail<NodeKey>(verified,
                         verified.code() == core::Code::crypto ? kPenaltyProtocolViolation : 0);
  return auth->node_key;
}

core::SessionCipher Handshake::take_cipher() {
  if (!cipher_) std::abort();
  core::SessionCipher out = std::move(*cipher_);
  cipher_.reset();
  return out;
}

}  // namespace grid::node::p2p
