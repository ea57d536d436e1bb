// Test support for the p2p suites: a node under test that records what its handlers saw, a raw
// TCP peer that speaks (or abuses) the protocol by hand, and a bounded io_context driver.
// Everything runs on the test's thread: run_until drives the one io_context.
#pragma once

#include <utility>
// (asio from here on)
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/blake2b.hpp"
#include "core/bytes.hpp"
#include "node/p2p/frame.hpp"
#include "node/p2p/handshake.hpp"
#include "node/p2p/p2p.hpp"

namespace grid::node::p2p::testing {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using tcp = asio::ip::tcp;

// Drives io until done() or the timeout; false on timeout. Never blocks longer than ~10 ms
// past the deadline.
template <class Done>
bool run_until(asio::io_context& io, Done done, std::chrono::milliseconds timeout = 5000ms) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    if (io.stopped()) io.restart();
    io.run_one_for(10ms);
  }
  return true;
}

// Lets the io_context run for a while: an observation window, not a synchronisation.
inline void run_for(asio::io_context& io, std::chrono::milliseconds how_long) {
  (void)run_until(
      io, [] { return false; }, how_long);
}

inline core::Ed25519SecretKey key_from_seed(std::uint8_t fill) {
  std::array<std::uint8_t, 32> seed{};
  seed.fill(fill);
  return core::Ed25519SecretKey::from_seed(seed).value();
}

inline core::Hash32 chain_hash(std::string_view chain) {
  return core::blake2b_256(core::as_bytes(chain));
}

// Short timers so that the suites stay fast; tests override what they exercise.
inline P2pConfig fast_config() {
  P2pConfig c;
  c.handshake_timeout = 2000ms;
  c.redial_backoff_min = 100ms;
  c.redial_backoff_max = 400ms;
  return c;
}

// A P2p with recording handlers. Not movable: the handlers point at it.
class TestNode {
 public:
  TestNode(asio::io_context& io, std::uint8_t seed, P2pConfig config = fast_config(),
           std::string_view chain = "test-chain")
      : io_(io),
        key_(key_from_seed(seed)),
        config_(std::move(config)),
        genesis_(chain_hash(chain)) {
    config_.log = [this](int level, std::string_view message) {
      logs.emplace_back(std::to_string(level) + " " + std::string(message));
    };
    create();
  }
  TestNode(const TestNode&) = delete;
  TestNode& operator=(const TestNode&) = delete;

  P2p& p2p() { return *p2p_; }
  const NodeKey& key() const { return key_.public_key(); }
  std::uint16_t port() const { return p2p_->listen_port(); }
  std::string address() const {
    return core::hex_encode(key()) + "@127.0.0.1:" + std::to_string(port());
  }

  void start() {
    core::Status st = p2p_->start();
    ASSERT_TRUE(st) << st.to_string();
    last_port_ = p2p_->listen_port();
  }
  // Destroys the P2p; restart() builds a new one with the same key, on the same port.
  void destroy() { p2p_.reset(); }
  void restart() {
    config_.listen_port = last_port_;
    create();
    start();
  }

  std::size_t peer_count() const { return p2p_ ? p2p_->peers().size() : 0; }
  bool connected_to(const NodeKey& k) const {
    if (!p2p_) return false;
    auto ps = p2p_->peers();
    return std::any_of(ps.begin(), ps.end(), [&](const PeerInfo& p) { return p.key == k; });
  }
  std::optional<PeerId> peer_id(const NodeKey& k) const {
    for (const auto& p : p2p_->peers())
      if (p.key == k) return p.id;
    return std::nullopt;
  }
  std::size_t logs_with(std::string_view needle) const {
    return static_cast<std::size_t>(std::count_if(logs.begin(), logs.end(), [&](const auto& l) {
      return l.find(needle) != std::string::npos;
    }));
  }
  std::string all_logs() const {
    std::string out;
    for (const auto& l : logs) out += "  " + l + "\n";
    return out;
  }

  std::vector<std::pair<PeerId, NodeKey>> connected, disconnected;
  std::vector<std::pair<PeerId, core::Bytes>> messages;
  std::vector<std::string> logs;

 private:
  void create() {
    P2pHandlers h;
    h.on_connected = [this](PeerId id, const NodeKey& k) { connected.emplace_back(id, k); };
    h.on_disconnected = [this](PeerId id, const NodeKey& k) { disconnected.emplace_back(id, k); };
    h.on_message = [this](PeerId id, core::Bytes b) { messages.emplace_back(id, std::move(b)); };
    p2p_ = std::make_unique<P2p>(io_, config_, key_, genesis_, std::move(h));
  }

  asio::io_context& io_;
  core::Ed25519SecretKey key_;
  P2pConfig config_;
  core::Hash32 genesis_;
  std::unique_ptr<P2p> p2p_;
  std::uint16_t last_port_ = 0;
};

// A hand-driven TCP client: synchronous connect and writes (loopback takes them at once),
// reads through the shared io_context so that the nodes under test keep running meanwhile.
class RawPeer {
 public:
  RawPeer(asio::io_context& io, std::uint16_t port) : io_(io), socket_(io) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  void write(core::ByteView bytes) {
    asio::write(socket_, asio::buffer(bytes.data(), bytes.size()));
  }
  void write_frame(core::ByteView body) {
    const FrameHeader h = encode_frame_header(static_cast<std::uint32_t>(body.size()));
    write(h);
    write(body);
  }

  // Exactly n bytes, or nullopt when the peer closed first or the timeout passed.
  std::optional<core::Bytes> read(std::size_t n, std::chrono::milliseconds timeout = 3000ms) {
    core::Bytes buf(n);
    bool done = false;
    boost::system::error_code result;
    asio::async_read(socket_, asio::buffer(buf), [&](boost::system::error_code ec, std::size_t) {
      result = ec;
      done = true;
    });
    if (!run_until(
            io_, [&] { return done; }, timeout)) {
      socket_.cancel();
      (void)run_until(
          io_, [&] { return done; }, 1000ms);
      return std::nullopt;
    }
    if (result) return std::nullopt;
    return buf;
  }

  // Reads until the peer closes; returns how many bytes came before, or nullopt on timeout.
  std::optional<std::size_t> read_until_closed(std::chrono::milliseconds timeout = 3000ms) {
    std::size_t total = 0;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      std::array<std::uint8_t, 4096> chunk{};
      bool done = false;
      boost::system::error_code result;
      std::size_t got = 0;
      socket_.async_read_some(asio::buffer(chunk),
                              [&](boost::system::error_code ec, std::size_t n) {
                                result = ec;
                                got = n;
                                done = true;
                              });
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (!run_until(
              io_, [&] { return done; }, std::max(left, 1ms))) {
        socket_.cancel();
        (void)run_until(
            io_, [&] { return done; }, 1000ms);
        return std::nullopt;
      }
      total += got;
      if (result) return total;  // eof or reset: closed
    }
    return std::nullopt;
  }

  // Runs the client side of the handshake with `me`; returns the session cipher, or nullopt
  // (with a gtest failure) when the node did not complete it.
  std::optional<core::SessionCipher> handshake(std::shared_ptr<const LocalIdentity> me) {
    Handshake hs(core::SessionRole::client, std::move(me));
    write(hs.hello());
    auto server_hello = read(core::kSessionHelloBytes);
    if (!server_hello) return fail("no hello from the node");
    auto auth = hs.on_peer_hello(*server_hello);
    if (!auth) return fail(auth.error().to_string());
    write_frame(*auth);
    auto header = read(kFrameHeaderBytes);
    if (!header) return fail("no auth frame from the node");
    FrameHeader h{};
    std::copy(header->begin(), header->end(), h.begin());
    auto body = read(decode_frame_header(h));
    if (!body) return fail("truncated auth frame");
    auto key = hs.on_peer_auth(std::move(*body));
    if (!key) return fail(key.error().to_string());
    return hs.take_cipher();
  }

  tcp::socket& socket() { return socket_; }

 private:
  std::optional<core::SessionCipher> fail(const std::string& why) {
    ADD_FAILURE() << "raw handshake: " << why;
    return std::nullopt;
  }

  asio::io_context& io_;
  tcp::socket socket_;
};

inline std::shared_ptr<const LocalIdentity> raw_identity(std::uint8_t seed,
                                                         std::string_view chain = "test-chain") {
  return std::make_shared<const LocalIdentity>(
      LocalIdentity{key_from_seed(seed), chain_hash(chain)});
}

}  // namespace grid::node::p2p::testing
