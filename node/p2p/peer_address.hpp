// Peer addresses of the config and of P2p::add_peer: "<node key hex>@host:port" or "host:port".
// host is a name, an IPv4 address, or an IPv6 address in brackets ("[::1]:26656"); the key is
// the peer's ed25519 node key, 64 hex characters; when given, a peer presenting another key is
// refused.
//
// Contract: parse_peer_address refuses (Code::invalid, quoting the text) an empty host, a port
// that is not 1..65535, a key that is not 64 hex characters. to_string() gives the canonical
// form back (key lowercase). Thread safety: values and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace grid::node::p2p {

using NodeKey = std::array<std::uint8_t, 32>;

struct PeerAddress {
  std::optional<NodeKey> key;
  std::string host;  // without brackets
  std::uint16_t port = 0;

  std::string host_port() const;  // "host:port", IPv6 in brackets
  std::string to_string() const;  // "[key@]host:port"
};

core::Result<PeerAddress> parse_peer_address(std::string_view text);

}  // namespace grid::node::p2p
