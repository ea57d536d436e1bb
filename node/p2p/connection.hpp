// Connection: one TCP connection to a peer: connect (when dialing), the session handshake,
// then framed, encrypted messages both ways with keepalive and a bounded send queue.
//
// Life: created by P2p, owned through shared_ptr (every pending asynchronous operation holds
// one, so a Connection lives until its last handler ran). It reports to its ConnectionOwner:
// on_authenticated once the peer proved its node key (the owner accepts or refuses), then
// on_message per data frame, on_violation when the peer broke the protocol, and on_closed
// exactly once. detach() cuts the owner off: no call reaches it afterwards.
//
// Protocol guards: the handshake (and the TCP connect before it) must finish within
// handshake_timeout; a frame length over the limit, a frame that fails authentication or an
// unknown frame kind is a violation (the connection closes); a ping is sent every
// ping_interval and the connection closes after idle_timeout without any byte from the peer.
// Send queue: at most max_send_queue_bytes (frames as sent) and max_send_queue_messages; a
// message that does not fit is dropped and counted; when the queue has stayed full (messages
// dropped, never drained below half) for send_stall_timeout, the connection closes.
//
// Thread safety: none. Every method, and every callback to the owner, runs on the io_context's
// one thread. Callbacks may call back into the connection (send, close_soon).
#pragma once

// Asio needs <utility> before any of its headers (TOOLCHAIN.md, trap 4).
#include <utility>
// (asio from here on)
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/secure_channel.hpp"
#include "core/status.hpp"
#include "node/p2p/frame.hpp"
#include "node/p2p/handshake.hpp"
#include "node/p2p/peer_address.hpp"

namespace grid::node::p2p {

using PeerId = std::uint64_t;

struct ConnectionLimits {
  std::size_t max_payload_bytes = (8u << 20) + 1024;
  std::size_t max_send_queue_bytes = 32u << 20;
  std::size_t max_send_queue_messages = 65536;
  std::chrono::milliseconds handshake_timeout{5000};
  std::chrono::milliseconds ping_interval{10000};
  std::chrono::milliseconds idle_timeout{30000};
  std::chrono::milliseconds send_stall_timeout{10000};
};

class Connection;

class ConnectionOwner {
 public:
  virtual ~ConnectionOwner() = default;
  // The peer proved its node key. Ok accepts; an error refuses (the connection closes with the
  // error's message as reason, without penalty). The connection is already able to send.
  virtual core::Status on_authenticated(Connection& connection) = 0;
  virtual void on_message(Connection& connection, core::Bytes payload) = 0;
  // The peer broke the protocol; the connection closes right after this returns.
  virtual void on_violation(Connection& connection, int points, std::string_view reason) = 0;
  virtual void on_closed(Connection& connection, std::string_view reason) = 0;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using tcp = boost::asio::ip::tcp;
  using Clock = std::chrono::steady_clock;

  Connection(boost::asio::io_context& io, PeerId id, core::SessionRole role,
             const ConnectionLimits& limits, std::shared_ptr<const LocalIdentity> me,
             ConnectionOwner* owner);

  // Inbound: `socket` is connected; starts the handshake.
  void start_accepted(tcp::socket socket);
  // Outbound: connects to `remote`, then starts the handshake.
  void start_dial(const tcp::endpoint& remote);

  // Queues a data payload. False when it was dropped: not established, over max_payload_bytes,
  // or the send queue is full.
  bool send(core::Bytes payload);
  // Closes now; on_closed runs before this returns.
  void close(std::string reason);
  // Closes from a fresh io_context handler (for calls from outside this connection's own
  // handlers, so that the caller never sees on_closed re-entrantly). Sends fail from now on.
  void close_soon(std::string reason);
  // Closes without telling the owner; the owner is going away.
  void detach();

  PeerId id() const { return id_; }
  bool inbound() const { return role_ == core::SessionRole::server; }
  bool established() const { return state_ == State::established; }
  bool closing() const { return closing_ || state_ == State::closed; }
  const std::string& ip() const { return ip_; }
  const std::string& address() const { return address_; }     // "ip:port" of the peer
  const std::optional<NodeKey>& key() const { return key_; }  // once authenticated
  std::uint64_t bytes_in() const { return bytes_in_; }
  std::uint64_t bytes_out() const { return bytes_out_; }
  std::uint64_t messages_dropped() const { return dropped_; }

 private:
  enum class State { connecting, handshaking, established, closed };
  struct OutFrame {
    FrameHeader header{};
    bool has_header = false;
    core::Bytes body;
    std::size_t size() const { return (has_header ? kFrameHeaderBytes : 0) + body.size(); }
  };

  void set_remote(const tcp::endpoint& remote);
  bool proceed(const boost::system::error_code& ec, std::size_t bytes_read);
  void begin_handshake();
  void on_peer_hello();
  void read_auth_body();
  void on_peer_auth();
  void fail_handshake(const core::Status& why);
  void violation(int points, std::string reason);

  void read_header();
  void read_body_chunk();
  void on_frame();
  bool push(FrameKind kind, core::Bytes payload);
  void enqueue(OutFrame frame);
  void write_next();
  void note_queue_full();
  bool send_stalled() const;

  void arm_handshake_timer();
  void arm_ping_timer();
  void arm_idle_timer();

  boost::asio::io_context& io_;
  const PeerId id_;
  const core::SessionRole role_;
  const ConnectionLimits limits_;
  ConnectionOwner* owner_;
  tcp::socket socket_;
  boost::asio::steady_timer handshake_timer_, ping_timer_, idle_timer_;

  State state_ = State::connecting;
  bool closing_ = false;
  std::string ip_, address_;
  std::optional<NodeKey> key_;
  std::optional<Handshake> handshake_;
  std::optional<core::SessionCipher> cipher_;

  std::array<std::uint8_t, core::kSessionHelloBytes> hello_in_{};
  FrameHeader header_in_{};
  core::Bytes body_in_;
  std::size_t body_expected_ = 0;
  static constexpr std::size_t kReadChunk = 64u << 10;
  Clock::time_point last_rx_;

  std::deque<OutFrame> queue_;  // the front is being written while writing_
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  std::optional<Clock::time_point> full_since_;

  std::uint64_t bytes_in_ = 0, bytes_out_ = 0, dropped_ = 0;
};

}  // namespace grid::node::p2p
