// Internal: the state behind P2p (p2p.cpp: lifecycle, accepting, connection events and the
// public operations; p2p_dial.cpp: dial targets and re-dialing). Not for use outside node/p2p.
//
// Contract: as P2p's (p2p.hpp). Asynchronous handlers hold a weak_ptr to the Impl and the epoch
// they were started in; after stop() (which bumps the epoch) or destruction they do nothing.
// Thread safety: the io_context's one thread only.
#pragma once

// Asio needs <utility> before any of its headers (TOOLCHAIN.md, trap 4).
#include <utility>
// (asio from here on)
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "node/p2p/connection.hpp"
#include "node/p2p/handshake.hpp"
#include "node/p2p/p2p.hpp"
#include "node/p2p/peer_address.hpp"
#include "node/p2p/peer_book.hpp"

namespace grid::node::p2p {

class P2p::Impl : public ConnectionOwner, public std::enable_shared_from_this<P2p::Impl> {
 public:
  using tcp = boost::asio::ip::tcp;
  using Clock = std::chrono::steady_clock;

  Impl(boost::asio::io_context& io, P2pConfig config, core::Ed25519SecretKey node_key,
       core::Hash32 genesis_hash, P2pHandlers handlers);
  ~Impl() override;

  core::Status start();
  void stop();
  std::uint16_t listen_port() const { return port_; }
  const NodeKey& node_key() const { return me_->key.public_key(); }
  void send(PeerId peer, core::Bytes payload);
  void send_to_key(const NodeKey& key, core::Bytes payload);
  void broadcast(core::Bytes payload, std::optional<PeerId> except);
  void penalize(PeerId peer, int points, std::string_view reason);
  bool is_banned(const NodeKey& key) const { return book_.is_banned(key, Clock::now()); }
  bool is_ip_banned(const std::string& ip) const { return book_.is_banned_ip(ip, Clock::now()); }
  std::vector<PeerInfo> peers() const;
  core::Status add_peer(const std::string& address);

  // ConnectionOwner
  core::Status on_authenticated(Connection& connection) override;
  void on_message(Connection& connection, core::Bytes payload) override;
  void on_violation(Connection& connection, int points, std::string_view reason) override;
  void on_closed(Connection& connection, std::string_view reason) override;

 private:
  struct DialTarget {
    PeerAddress address;
    bool persistent = true;          // false: a seed, re-dialed only while we have no peer
    std::optional<NodeKey> learned;  // the key met at this address when the address names none
    Backoff backoff;
    std::unique_ptr<boost::asio::steady_timer> timer;
    bool scheduled = false;            // the timer is armed
    bool resolving = false;            // a name lookup is under way
    std::optional<PeerId> connection;  // dialing or connected
    bool gave_up = false;              // the address is ourselves

    std::optional<NodeKey> key() const { return address.key ? address.key : learned; }
  };

  // p2p.cpp
  core::Status listen();
  void accept_next();
  void on_accept(const boost::system::error_code& ec, tcp::socket socket);
  std::shared_ptr<Connection> make_connection(core::SessionRole role);
  std::shared_ptr<Connection> find(PeerId id) const;
  void apply_penalty(Connection& connection, int points, std::string_view reason);
  bool keep_new(const Connection& existing, const Connection& fresh) const;
  std::size_t count(bool inbound) const;
  std::size_t inbound_from(const std::string& ip) const;
  void log(int level, const std::string& message) const;

  // p2p_dial.cpp
  core::Status add_target(const std::string& text, bool persistent);
  void schedule_dial(std::size_t index, std::chrono::milliseconds delay);
  void dial(std::size_t index);
  void connect(std::size_t index, const tcp::endpoint& remote);
  void retry_later(std::size_t index, const std::string& why);
  bool wants_dial(const DialTarget& target) const;
  DialTarget* target_of(PeerId id);
  void on_target_closed(PeerId id);
  void rearm_idle_targets();

  boost::asio::io_context& io_;
  P2pConfig config_;
  std::shared_ptr<const LocalIdentity> me_;
  P2pHandlers handlers_;
  PeerBook book_;
  tcp::acceptor acceptor_;
  tcp::resolver resolver_;
  boost::asio::steady_timer accept_retry_;
  std::uint16_t port_ = 0;
  bool running_ = false;
  std::uint64_t epoch_ = 0;  // bumped by start() and stop()

  std::map<PeerId, std::shared_ptr<Connection>> conns_;  // every open connection
  std::set<PeerId> connected_;                           // reported by on_connected
  std::map<NodeKey, PeerId> by_key_;                     // the one connection per node key
  std::vector<std::unique_ptr<DialTarget>> targets_;
  std::map<PeerId, std::size_t> dialed_by_;  // outbound connection -> its target
  std::size_t resolving_ = 0;
};

std::string short_key(const NodeKey& key);

}  // namespace grid::node::p2p
