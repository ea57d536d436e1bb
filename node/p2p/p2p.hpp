// P2p: gridnode's authenticated, encrypted peer-to-peer transport. Upper layers (consensus,
// transaction gossip, block sync) see opaque payloads, connection ids and node keys; the wire
// format is docs/wire.md "## p2p sessions".
//
// What it does:
// - listens on listen_host:listen_port (0 picks a free port; see listen_port()) and dials the
//   persistent peers and seeds of the config ("<node key hex>@host:port" or "host:port");
// - authenticates every connection by the peer's ed25519 node key and the chain's genesis hash
//   and encrypts it (core/secure_channel.hpp); refuses another chain, a key other than the one
//   a peer address names, a banned key or IP, and a connection to ourselves;
// - keeps one connection per node key: when two nodes dialed each other, both keep the one
//   dialed by the smaller node key (compared bytewise) and close the other without penalty;
// - re-dials persistent peers after a failure or a drop with exponential backoff
//   (redial_backoff_min doubling to redial_backoff_max, reset by a successful handshake); seeds
//   are re-dialed the same way while we have no peer at all;
// - scores misbehaviour (penalize; a protocol violation is 100 points at once) and bans a
//   peer's key and IP for ban_time at 100 points: banned peers are refused and not dialed;
// - bounds everything: frame size (max_frame_bytes of payload), per-connection send queue
//   (bytes and messages; excess messages are dropped and counted, a peer whose queue stays full
//   for send_stall_timeout is disconnected), connection counts (max_inbound, max_outbound),
//   handshake time, silence (ping every ping_interval, close after idle_timeout).
//
// Ownership and threads: everything runs on the one io_context given to the constructor, which
// the owner drives from ONE thread. Every public method must be called from that thread, and
// every handler is called on it, never re-entrantly from inside a public method (a connection
// that a method closes reports on_disconnected from a later handler); config.log may be called
// from inside a public method. Handlers may call any public method, stop() included, but must
// not destroy the P2p. After stop() returns no handler is called; the destructor stops. A PeerId
// names one connection and is never reused within the process. on_connected(id, key) is
// followed by exactly one on_disconnected(id, key) unless stop() comes first; a key has at most
// one connected PeerId at a time (when a duplicate wins, the old id's on_disconnected comes
// before the new id's on_connected).
#pragma once

// Asio needs <utility> before any of its headers (TOOLCHAIN.md, trap 4).
#include <utility>
// (asio from here on)
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "core/ed25519.hpp"
#include "core/hash.hpp"
#include "core/status.hpp"
#include "node/p2p/peer_address.hpp"

namespace grid::node::p2p {

using PeerId = std::uint64_t;  // a connection id, unique per process

// Log levels of P2pConfig::log.
inline constexpr int kLogError = 0, kLogWarn = 1, kLogInfo = 2, kLogDebug = 3;
using LogFn = std::function<void(int level, std::string_view message)>;

struct P2pConfig {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 0;  // 0: an ephemeral port (tests)
  std::vector<std::string> persistent_peers, seeds;
  std::size_t max_inbound = 40, max_outbound = 10;
  // Inbound connections from one address (where addresses are not shared: ban_peer_ips).
  std::size_t max_inbound_per_ip = 8;
  std::size_t max_frame_bytes = (8u << 20) + 1024;  // largest payload
  std::size_t max_send_queue_bytes = 32u << 20;
  std::size_t max_send_queue_messages = 65536;
  std::chrono::milliseconds handshake_timeout{5000}, ping_interval{10000}, idle_timeout{30000};
  std::chrono::milliseconds send_stall_timeout{10000};
  std::chrono::milliseconds redial_backoff_min{500}, redial_backoff_max{30000};
  std::chrono::seconds ban_time{600};
  int score_decay_per_minute = 10;
  // A ban covers the peer's IP as well as its node key. Turn off where honest nodes share an IP
  // (a loopback testnet, NAT): then only keys are banned, and a peer that misbehaves before the
  // handshake told us its key is disconnected, never banned by address.
  bool ban_peer_ips = true;
  LogFn log;  // optional: connects, disconnects, refusals, bans
};

struct PeerInfo {
  PeerId id = 0;
  NodeKey key{};
  std::string address;  // the peer's "ip:port"
  bool inbound = false;
  std::uint64_t bytes_in = 0, bytes_out = 0;  // on the wire, headers and tags included
  std::uint64_t messages_dropped = 0;         // sends that did not fit the queue
};

struct P2pHandlers {
  std::function<void(PeerId, const NodeKey&)> on_connected;
  std::function<void(PeerId, const NodeKey&)> on_disconnected;
  std::function<void(PeerId, core::Bytes payload)> on_message;
};

class P2p {
 public:
  P2p(boost::asio::io_context& io, P2pConfig config, core::Ed25519SecretKey node_key,
      core::Hash32 genesis_hash, P2pHandlers handlers);
  ~P2p();
  P2p(const P2p&) = delete;
  P2p& operator=(const P2p&) = delete;

  // Binds (Code::io with the reason when it cannot), starts accepting and dials the configured
  // peers (Code::invalid naming a malformed peer address, before binding). Again after stop():
  // starts afresh.
  core::Status start();
  // Closes the listener and every connection, cancels re-dials. No handler runs afterwards.
  void stop();
  std::uint16_t listen_port() const;  // the bound port once started
  const NodeKey& node_key() const;

  // Best effort, never blocks: an unknown or closing peer, a payload over max_frame_bytes or a
  // full send queue drop the message (counted in PeerInfo::messages_dropped where there is a
  // connection).
  void send(PeerId peer, core::Bytes payload);
  void send_to_key(const NodeKey& key, core::Bytes payload);
  void broadcast(core::Bytes payload, std::optional<PeerId> except = std::nullopt);
  // Adds misbehaviour points to the peer (its node key); at 100 its key and IP are banned and
  // its connections closed. Unknown peers are ignored.
  void penalize(PeerId peer, int points, std::string_view reason);
  bool is_banned(const NodeKey& key) const;
  bool is_ip_banned(const std::string& ip) const;

  std::vector<PeerInfo> peers() const;  // connected (authenticated) peers, by id
  // Dials a peer and keeps re-dialing it like a persistent peer. Code::invalid for a malformed
  // address; ignored (ok) when that address is already known.
  core::Status add_peer(const std::string& address);

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace grid::node::p2p
