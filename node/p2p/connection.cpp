#include "node/p2p/connection.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "node/p2p/peer_book.hpp"

namespace grid::node::p2p {
namespace {

namespace asio = boost::asio;

std::string describe(const boost::system::error_code& ec) {
  if (ec == asio::error::eof) return "the peer closed the connection";
  if (ec == asio::error::connection_reset) return "connection reset by the peer";
  return ec.message();
}

std::string millis(std::chrono::milliseconds ms) {
  return std::to_string(ms.count()) + " ms";
}

}  // namespace

Connection::Connection(asio::io_context& io, PeerId id, core::SessionRole role,
                       const ConnectionLimits& limits, std::shared_ptr<const LocalIdentity> me,
                       ConnectionOwner* owner)
    : io_(io),
      id_(id),
      role_(role),
      limits_(limits),
      owner_(owner),
      socket_(io),
      handshake_timer_(io),
      ping_timer_(io),
      idle_timer_(io) {
  handshake_.emplace(role, std::move(me));
}

void Connection::set_remote(const tcp::endpoint& remote) {
  ip_ = remote.address().to_string();
  address_ =
      (remote.address().is_v6() ? "[" + ip_ + "]" : ip_) + ":" + std::to_string(remote.port());
}

void Connection::start_accepted(tcp::socket socket) {
  socket_ = std::move(socket);
  boost::system::error_code ec;
  tcp::endpoint remote = socket_.remote_endpoint(ec);
  if (!ec) set_remote(remote);
  arm_handshake_timer();
  if (ec) return close("cannot read the peer's address: " + ec.message());
  begin_handshake();
}

void Connection::start_dial(const tcp::endpoint& remote) {
  set_remote(remote);
  arm_handshake_timer();
  socket_.async_connect(remote, [self = shared_from_this()](const boost::system::error_code& ec) {
    if (self->state_ == State::closed) return;
    if (ec) return self->close("connect failed: " + describe(ec));
    self->begin_handshake();
  });
}

// True when a read completed and the connection goes on; closes on an error.
bool Connection::proceed(const boost::system::error_code& ec, std::size_t bytes_read) {
  if (state_ == State::closed) return false;
  bytes_in_ += bytes_read;
  if (ec) {
    close(describe(ec));
    return false;
  }
  return true;
}

// ---- handshake -------------------------------------------------------------------------------

void Connection::begin_handshake() {
  state_ = State::handshaking;
  boost::system::error_code ignored;
  socket_.set_option(tcp::no_delay(true), ignored);
  enqueue(OutFrame{{}, false, handshake_->hello()});
  asio::async_read(socket_, asio::buffer(hello_in_),
                   [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                     if (self->proceed(ec, n)) self->on_peer_hello();
                   });
}

void Connection::on_peer_hello() {
  auto auth = handshake_->on_peer_hello(core::ByteView(hello_in_.data(), hello_in_.size()));
  if (!auth) return fail_handshake(auth.error());
  const auto length = static_cast<std::uint32_t>(auth->size());
  enqueue(OutFrame{encode_frame_header(length), true, std::move(auth).value()});
  asio::async_read(socket_, asio::buffer(header_in_),
                   [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                     if (self->proceed(ec, n)) self->read_auth_body();
                   });
}

void Connection::read_auth_body() {
  const std::uint32_t length = decode_frame_header(header_in_);
  if (length != kAuthFrameLength)
    return violation(kPenaltyProtocolViolation, "auth frame announces " + std::to_string(length) +
                                                    " bytes, expected " +
                                                    std::to_string(kAuthFrameLength));
  body_in_.assign(length, 0);
  asio::async_read(socket_, asio::buffer(body_in_),
                   [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                     if (self->proceed(ec, n)) self->on_peer_auth();
                   });
}

void Connection::on_peer_auth() {
  auto key = handshake_->on_peer_auth(std::move(body_in_));
  if (!key) return fail_handshake(key.error());
  key_ = *key;
  cipher_.emplace(handshake_->take_cipher());
  handshake_.reset();
  handshake_timer_.cancel();
  state_ = State::established;
  last_rx_ = Clock::now();
  if (!owner_) return;
  core::Status accepted = owner_->on_authenticated(*this);
  if (state_ == State::closed) return;
  if (!accepted) return close(accepted.message());
  arm_ping_timer();
  arm_idle_timer();
  read_header();
}

void Connection::fail_handshake(const core::Status& why) {
  const int penalty = handshake_ ? handshake_->failure_penalty() : 0;
  if (penalty > 0) return violation(penalty, "handshake: " + why.message());
  close("refused: " + why.message());
}

void Connection::violation(int points, std::string reason) {
  if (owner_) owner_->on_violation(*this, points, reason);
  close("protocol violation: " + reason);
}

// ---- established: reading ---------------------------------------------------------------------

void Connection::read_header() {
  asio::async_read(socket_, asio::buffer(header_in_),
                   [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                     if (!self->proceed(ec, n)) return;
                     const std::uint32_t length = decode_frame_header(self->header_in_);
                     if (!frame_length_ok(length, self->limits_.max_payload_bytes))
                       return self->violation(
                           kPenaltyProtocolViolation,
                           "frame length " + std::to_string(length) + " outside [" +
                               std::to_string(1 + core::kAeadTagBytes) + ", " +
                               std::to_string(max_frame_length(self->limits_.max_payload_bytes)) +
                               "]");
                     self->body_in_.clear();
                     self->body_expected_ = length;
                     self->read_body_chunk();
                   });
}

// The frame body grows only as its bytes arrive (kReadChunk at a time), so a peer that announces
// a large frame and trickles it holds no more memory than it actually sent. Every chunk that
// arrives counts as a sign of life (a large frame on a slow link may outlast idle_timeout).
void Connection::read_body_chunk() {
  const std::size_t have = body_in_.size();
  const std::size_t chunk = std::min(kReadChunk, body_expected_ - have);
  body_in_.resize(have + chunk);
  auto self = shared_from_this();
  auto progress = [self](const boost::system::error_code& ec, std::size_t n) -> std::size_t {
    if (n > 0) self->last_rx_ = Clock::now();
    return asio::transfer_all()(ec, n);
  };
  asio::async_read(socket_, asio::buffer(body_in_.data() + have, chunk), progress,
                   [self](const boost::system::error_code& ec, std::size_t n) {
                     if (!self->proceed(ec, n)) return;
                     if (self->body_in_.size() < self->body_expected_)
                       return self->read_body_chunk();
                     self->on_frame();
                   });
}

void Connection::on_frame() {
  last_rx_ = Clock::now();
  auto kind = open_frame(*cipher_, body_in_);
  if (!kind) return violation(kPenaltyProtocolViolation, kind.error().message());
  switch (*kind) {
    case FrameKind::data:
      if (owner_) owner_->on_message(*this, std::move(body_in_));
      break;
    case FrameKind::ping:
      push(FrameKind::pong, {});
      break;
    case FrameKind::pong:
      break;
  }
  body_in_ = core::Bytes();
  if (state_ != State::closed) read_header();
}

// ---- sending ----------------------------------------------------------------------------------

bool Connection::send(core::Bytes payload) {
  return push(FrameKind::data, std::move(payload));
}

bool Connection::push(FrameKind kind, core::Bytes payload) {
  if (state_ != State::established || closing_) return false;
  const std::size_t frame_bytes = kFrameHeaderBytes + max_frame_length(payload.size());
  if (payload.size() > limits_.max_payload_bytes) {
    ++dropped_;  // the peer would take it for a violation
    return false;
  }
  if (queued_bytes_ + frame_bytes > limits_.max_send_queue_bytes ||
      queue_.size() >= limits_.max_send_queue_messages) {
    ++dropped_;
    note_queue_full();
    return false;
  }
  core::Status sealed = seal_frame(*cipher_, kind, payload);
  if (!sealed) {
    close_soon(sealed.message());
    return false;
  }
  const auto length = static_cast<std::uint32_t>(payload.size());
  enqueue(OutFrame{encode_frame_header(length), true, std::move(payload)});
  return true;
}

void Connection::enqueue(OutFrame frame) {
  queued_bytes_ += frame.size();
  queue_.push_back(std::move(frame));
  if (!writing_) write_next();
}

void Connection::write_next() {
  if (queue_.empty() || state_ == State::closed) {
    writing_ = false;
    return;
  }
  writing_ = true;
  const OutFrame& frame = queue_.front();  // deque: stays put while others are pushed
  std::array<asio::const_buffer, 2> buffers = {
      asio::buffer(frame.header.data(), frame.has_header ? kFrameHeaderBytes : 0),
      asio::buffer(frame.body)};
  asio::async_write(
      socket_, buffers,
      [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
        if (self->state_ == State::closed) return;
        self->bytes_out_ += n;
        if (ec) return self->close("write failed: " + describe(ec));
        self->queued_bytes_ -= self->queue_.front().size();
        self->queue_.pop_front();
        if (self->full_since_ && self->queued_bytes_ <= self->limits_.max_send_queue_bytes / 2 &&
            self->queue_.size() <= self->limits_.max_send_queue_messages / 2)
          self->full_since_.reset();
        self->write_next();
      });
}

void Connection::note_queue_full() {
  if (!full_since_) full_since_ = Clock::now();
  if (send_stalled())
    close_soon("send queue full for " + millis(limits_.send_stall_timeout) +
               ": the peer does not read");
}

bool Connection::send_stalled() const {
  return full_since_ && Clock::now() - *full_since_ >= limits_.send_stall_timeout;
}

// ---- timers -----------------------------------------------------------------------------------

void Connection::arm_handshake_timer() {
  handshake_timer_.expires_after(limits_.handshake_timeout);
  handshake_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->state_ == State::closed || self->state_ == State::established) return;
    self->close("handshake timed out after " + millis(self->limits_.handshake_timeout));
  });
}

void Connection::arm_ping_timer() {
  ping_timer_.expires_after(limits_.ping_interval);
  ping_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->state_ == State::closed) return;
    if (self->send_stalled())
      return self->close("send queue full for " + millis(self->limits_.send_stall_timeout) +
                         ": the peer does not read");
    self->push(FrameKind::ping, {});
    self->arm_ping_timer();
  });
}

void Connection::arm_idle_timer() {
  idle_timer_.expires_at(last_rx_ + limits_.idle_timeout);
  idle_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->state_ == State::closed) return;
    if (Clock::now() - self->last_rx_ >= self->limits_.idle_timeout)
      return self->close("nothing received for " + millis(self->limits_.idle_timeout));
    self->arm_idle_timer();
  });
}

// ---- closing ----------------------------------------------------------------------------------

void Connection::close(std::string reason) {
  if (state_ == State::closed) return;
  auto self = shared_from_this();  // the owner may drop its reference in on_closed
  state_ = State::closed;
  handshake_timer_.cancel();
  ping_timer_.cancel();
  idle_timer_.cancel();
  boost::system::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  // Free queued payloads, but keep the frame being written: the cancelled write still names it.
  if (writing_ && !queue_.empty()) {
    queue_.erase(queue_.begin() + 1, queue_.end());
  } else {
    queue_.clear();
  }
  handshake_.reset();
  if (ConnectionOwner* owner = std::exchange(owner_, nullptr)) owner->on_closed(*this, reason);
}

void Connection::close_soon(std::string reason) {
  if (closing()) return;
  closing_ = true;
  asio::post(io_, [self = shared_from_this(), reason = std::move(reason)]() mutable {
    self->close(std::move(reason));
  });
}

void Connection::detach() {
  owner_ = nullptr;
  close("detached");
}

}  // namespace grid::node::p2p
