#include "node/p2p/p2p.hpp"

#include <atomic>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>

#include "core/bytes.hpp"
#include "node/p2p/p2p_impl.hpp"

namespace grid::node::p2p {
namespace {

namespace asio = boost::asio;

std::atomic<PeerId> g_next_peer_id{1};  // unique across every P2p of the process

}  // namespace

std::string short_key(const NodeKey& key) {
  return core::hex_encode(core::ByteView(key.data(), 8));
}

// ---- lifecycle --------------------------------------------------------------------------------

P2p::Impl::Impl(asio::io_context& io, P2pConfig config, core::Ed25519SecretKey node_key,
                core::Hash32 genesis_hash, P2pHandlers handlers)
    : io_(io),
      config_(std::move(config)),
      me_(std::make_shared<const LocalIdentity>(LocalIdentity{std::move(node_key), genesis_hash})),
      handlers_(std::move(handlers)),
      book_(PeerBookConfig{config_.ban_time, config_.score_decay_per_minute}),
      acceptor_(io),
      resolver_(io),
      accept_retry_(io) {}

P2p::Impl::~Impl() {
  stop();
}

core::Status P2p::Impl::start() {
  if (running_) return core::Status::invalid("p2p is already running");
  ++epoch_;
  targets_.clear();
  for (const auto& address : config_.persistent_peers) GRID_TRY(add_target(address, true));
  for (const auto& address : config_.seeds) GRID_TRY(add_target(address, false));
  core::Status listening = listen();
  if (!listening) {
    targets_.clear();
    return listening;
  }
  running_ = true;
  log(kLogInfo, "p2p listening on " + config_.listen_host + ":" + std::to_string(port_) +
                    " as node " + core::hex_encode(node_key()));
  accept_next();
  for (std::size_t i = 0; i < targets_.size(); ++i) schedule_dial(i, std::chrono::milliseconds(0));
  return core::Status::ok();
}

core::Status P2p::Impl::listen() {
  const std::string where = config_.listen_host + ":" + std::to_string(config_.listen_port);
  boost::system::error_code ec;
  tcp::endpoint endpoint;
  const auto address = asio::ip::make_address(config_.listen_host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, config_.listen_port);
  } else {
    auto results = resolver_.resolve(config_.listen_host, std::to_string(config_.listen_port), ec);
    if (ec || results.empty())
      return core::Status::io("p2p cannot resolve listen address " + where + ": " + ec.message());
    endpoint = *results.begin();
  }
  auto fail = [&](std::string_view step) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return core::Status::io("p2p cannot " + std::string(step) + " " + where + ": " + ec.message());
  };
  if (acceptor_.open(endpoint.protocol(), ec)) return fail("open a socket for");
  if (acceptor_.set_option(tcp::acceptor::reuse_address(true), ec)) return fail("configure");
  if (acceptor_.bind(endpoint, ec)) return fail("bind");
  if (acceptor_.listen(tcp::socket::max_listen_connections, ec)) return fail("listen on");
  port_ = acceptor_.local_endpoint(ec).port();
  if (ec) return fail("read the port of");
  return core::Status::ok();
}

void P2p::Impl::stop() {
  if (!running_) return;
  running_ = false;
  ++epoch_;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  accept_retry_.cancel();
  resolver_.cancel();
  auto conns = std::move(conns_);
  conns_.clear();
  connected_.clear();
  by_key_.clear();
  dialed_by_.clear();
  targets_.clear();  // destroying a timer cancels its wait
  resolving_ = 0;
  for (auto& [id, connection] : conns) connection->detach();
  log(kLogInfo, "p2p stopped");
}

// ---- accepting --------------------------------------------------------------------------------

void P2p::Impl::accept_next() {
  acceptor_.async_accept([weak = weak_from_this(), epoch = epoch_](
                             const boost::system::error_code& ec, tcp::socket socket) {
    auto self = weak.lock();
    if (!self || self->epoch_ != epoch) return;
    self->on_accept(ec, std::move(socket));
  });
}

void P2p::Impl::on_accept(const boost::system::error_code& ec, tcp::socket socket) {
  if (ec) {
    if (ec == asio::error::operation_aborted) return;
    log(kLogWarn, "accept failed: " + ec.message());
    // Out of file descriptors and the like: try again shortly rather than spin.
    accept_retry_.expires_after(std::chrono::milliseconds(100));
    accept_retry_.async_wait([weak = weak_from_this(), epoch = epoch_](auto wait_ec) {
      auto self = weak.lock();
      if (self && !wait_ec && self->epoch_ == epoch) self->accept_next();
    });
    return;
  }
  boost::system::error_code endpoint_ec;
  const auto remote = socket.remote_endpoint(endpoint_ec);
  const std::string ip = endpoint_ec ? std::string() : remote.address().to_string();
  if (!ip.empty() && book_.is_banned_ip(ip, Clock::now())) {
    log(kLogInfo, "refused inbound connection from " + ip + ": banned");
  } else if (count(true) >= config_.max_inbound) {
    log(kLogInfo, "refused inbound connection from " + ip + ": " +
                      std::to_string(config_.max_inbound) + " inbound connections already");
  } else if (config_.ban_peer_ips && inbound_from(ip) >= config_.max_inbound_per_ip) {
    log(kLogInfo, "refused inbound connection from " + ip + ": " +
                      std::to_string(config_.max_inbound_per_ip) +
                      " inbound connections from that address already");
  } else {
    auto connection = make_connection(core::SessionRole::server);
    connection->start_accepted(std::move(socket));
  }
  boost::system::error_code ignored;
  socket.close(ignored);  // still open only when refused
  accept_next();
}

std::shared_ptr<Connection> P2p::Impl::make_connection(core::SessionRole role) {
  ConnectionLimits limits;
  limits.max_payload_bytes = config_.max_frame_bytes;
  limits.max_send_queue_bytes = config_.max_send_queue_bytes;
  limits.max_send_queue_messages = config_.max_send_queue_messages;
  limits.handshake_timeout = config_.handshake_timeout;
  limits.ping_interval = config_.ping_interval;
  limits.idle_timeout = config_.idle_timeout;
  limits.send_stall_timeout = config_.send_stall_timeout;
  auto connection = std::make_shared<Connection>(io_, g_next_peer_id++, role, limits, me_, this);
  conns_[connection->id()] = connection;
  return connection;
}

// ---- connection events ------------------------------------------------------------------------

core::Status P2p::Impl::on_authenticated(Connection& connection) {
  const NodeKey key = *connection.key();
  const PeerId id = connection.id();
  DialTarget* target = target_of(id);
  if (target && !target->address.key) target->learned = key;
  if (key == node_key()) {
    if (target) target->gave_up = true;
    return core::Status::invalid("refused: the peer is ourselves");
  }
  if (target && target->address.key && *target->address.key != key)
    return core::Status::invalid(
        "refused: expected node key " + core::hex_encode(*target->address.key) + " at " +
        target->address.host_port() + ", the peer presented " + core::hex_encode(key));
  if (book_.is_banned(key, Clock::now()))
    return core::Status::invalid("refused: node key " + short_key(key) + " is banned");
  std::shared_ptr<Connection> existing;
  if (auto it = by_key_.find(key); it != by_key_.end()) existing = find(it->second);
  if (existing && !existing->closing() && !keep_new(*existing, connection))
    return core::Status::invalid("duplicate connection to node " + short_key(key) + ": keeping #" +
                                 std::to_string(existing->id()));
  by_key_[key] = id;
  if (target) target->backoff.reset();
  if (existing)  // reports its on_disconnected now, before our on_connected
    existing->close("replaced by the duplicate connection #" + std::to_string(id));
  if (!running_) return core::Status::invalid("p2p stopped");  // by on_disconnected
  connected_.insert(id);
  log(kLogInfo, "connected #" + std::to_string(id) + " node " + short_key(key) + " " +
                    (connection.inbound() ? "from " : "to ") + connection.address());
  if (handlers_.on_connected) handlers_.on_connected(id, key);
  return core::Status::ok();
}

// Both ends agree: keep the connection dialed by the smaller node key; when both were dialed by
// the same side, keep the older one.
bool P2p::Impl::keep_new(const Connection& existing, const Connection& fresh) const {
  auto dialer = [this](const Connection& c) -> const NodeKey& {
    return c.inbound() ? *c.key() : node_key();
  };
  return dialer(fresh) < dialer(existing);
}

void P2p::Impl::on_message(Connection& connection, core::Bytes payload) {
  if (connected_.count(connection.id()) && handlers_.on_message)
    handlers_.on_message(connection.id(), std::move(payload));
}

void P2p::Impl::on_violation(Connection& connection, int points, std::string_view reason) {
  apply_penalty(connection, points, reason);
}

void P2p::Impl::on_closed(Connection& connection, std::string_view reason) {
  const PeerId id = connection.id();
  auto it = conns_.find(id);
  if (it == conns_.end()) return;
  auto keep_alive = it->second;
  conns_.erase(it);
  const bool was_connected = connected_.erase(id) > 0;
  const auto& key = connection.key();
  if (key) {
    auto owner = by_key_.find(*key);
    if (owner != by_key_.end() && owner->second == id) by_key_.erase(owner);
  }
  if (was_connected)
    log(kLogInfo, "disconnected #" + std::to_string(id) + " node " + short_key(*key) + " (" +
                      connection.address() + "): " + std::string(reason));
  else
    log(kLogInfo, "connection #" + std::to_string(id) + " " +
                      (connection.inbound() ? "from " : "to ") + connection.address() +
                      " closed before it was established: " + std::string(reason));
  on_target_closed(id);
  if (was_connected) {
    rearm_idle_targets();
    if (handlers_.on_disconnected) handlers_.on_disconnected(id, *key);
  }
}

// ---- scores and bans --------------------------------------------------------------------------

void P2p::Impl::apply_penalty(Connection& connection, int points, std::string_view reason) {
  const auto& key = connection.key();
  const std::string ip = connection.ip();
  const std::string who =
      key ? "node " + short_key(*key) + " (" + connection.address() + ")" : connection.address();
  // Where honest nodes share an address (loopback, NAT) the address is never banned, not even for
  // garbage before the handshake: the connection is closed and the key, once known, is banned.
  const std::string ban_ip = config_.ban_peer_ips ? ip : std::string();
  const auto outcome = book_.penalize(key, ban_ip, points, Clock::now());
  log(outcome.banned ? kLogWarn : kLogDebug, "peer #" + std::to_string(connection.id()) + " " +
                                                 who + " penalized " + std::to_string(points) +
                                                 " points: " + std::string(reason));
  if (!outcome.banned) return;
  std::string banned = key ? "node key " + core::hex_encode(*key) : std::string();
  if (!ban_ip.empty()) banned += (banned.empty() ? "IP " : " and IP ") + ban_ip;
  log(kLogWarn, "banned " + banned + " for " + std::to_string(config_.ban_time.count()) +
                    " s: " + std::string(reason));
  for (auto& [id, other] : conns_)
    if ((!ban_ip.empty() && other->ip() == ban_ip) || (key && other->key() == key))
      other->close_soon("banned: " + std::string(reason));
}

void P2p::Impl::penalize(PeerId peer, int points, std::string_view reason) {
  if (auto connection = find(peer)) apply_penalty(*connection, points, reason);
}

// ---- sending ----------------------------------------------------------------------------------

std::shared_ptr<Connection> P2p::Impl::find(PeerId id) const {
  auto it = conns_.find(id);
  return it == conns_.end() ? nullptr : it->second;
}

void P2p::Impl::send(PeerId peer, core::Bytes payload) {
  auto connection = connected_.count(peer) ? find(peer) : nullptr;
  if (!connection) return log(kLogDebug, "send to unknown peer #" + std::to_string(peer));
  if (!connection->send(std::move(payload)))
    log(kLogDebug, "message to #" + std::to_string(peer) + " dropped");
}

void P2p::Impl::send_to_key(const NodeKey& key, core::Bytes payload) {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return log(kLogDebug, "send to unconnected node " + short_key(key));
  send(it->second, std::move(payload));
}

void P2p::Impl::broadcast(core::Bytes payload, std::optional<PeerId> except) {
  std::vector<PeerId> targets;
  for (PeerId id : connected_)
    if (id != except) targets.push_back(id);
  for (std::size_t i = 0; i < targets.size(); ++i)
    send(targets[i], i + 1 == targets.size() ? std::move(payload) : payload);
}

std::vector<PeerInfo> P2p::Impl::peers() const {
  std::vector<PeerInfo> out;
  for (PeerId id : connected_) {
    auto c = find(id);
    if (!c) continue;
    out.push_back(PeerInfo{id, *c->key(), c->address(), c->inbound(), c->bytes_in(), c->bytes_out(),
                           c->messages_dropped()});
  }
  return out;
}

std::size_t P2p::Impl::inbound_from(const std::string& ip) const {
  std::size_t n = 0;
  for (const auto& [id, c] : conns_) n += c->inbound() && c->ip() == ip;
  return n;
}

std::size_t P2p::Impl::count(bool inbound) const {
  std::size_t n = inbound ? 0 : resolving_;
  for (const auto& [id, c] : conns_)
    if (c->inbound() == inbound) ++n;
  return n;
}

void P2p::Impl::log(int level, const std::string& message) const {
  if (config_.log) config_.log(level, message);
}

// ---- P2p: forwards to Impl ----------------------------------------------------------------------

P2p::P2p(asio::io_context& io, P2pConfig config, core::Ed25519SecretKey node_key,
         core::Hash32 genesis_hash, P2pHandlers handlers)
    : impl_(std::make_shared<Impl>(io, std::move(config), std::move(node_key), genesis_hash,
                                   std::move(handlers))) {}
P2p::~P2p() {
  impl_->stop();
}
core::Status P2p::start() {
  return impl_->start();
}
void P2p::stop() {
  impl_->stop();
}
std::uint16_t P2p::listen_port() const {
  return impl_->listen_port();
}
const NodeKey& P2p::node_key() const {
  return impl_->node_key();
}
void P2p::send(PeerId peer, core::Bytes payload) {
  impl_->send(peer, std::move(payload));
}
void P2p::send_to_key(const NodeKey& key, core::Bytes payload) {
  impl_->send_to_key(key, std::move(payload));
}
void P2p::broadcast(core::Bytes payload, std::optional<PeerId> except) {
  impl_->broadcast(std::move(payload), except);
}
void P2p::penalize(PeerId peer, int points, std::string_view reason) {
  impl_->penalize(peer, points, reason);
}
bool P2p::is_banned(const NodeKey& key) const {
  return impl_->is_banned(key);
}
bool P2p::is_ip_banned(const std::string& ip) const {
  return impl_->is_ip_banned(ip);
}
std::vector<PeerInfo> P2p::peers() const {
  return impl_->peers();
}
core::Status P2p::add_peer(const std::string& address) {
  return impl_->add_peer(address);
}

}  // namespace grid::node::p2p
