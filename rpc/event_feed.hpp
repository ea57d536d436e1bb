// EventFeed: the Server-Sent Events stream GET /events (the pinned /events format, see
// rpc/event_filter.hpp for the query and rpc/event_render.hpp for the messages).
//
// Design: pull-based. Each stream keeps a cursor height and waits until the known tip reaches
// it (tip = the highest of notify_committed and api.status().height at each connect), then reads
// that block and its results from the NodeApi, writes the block's messages and moves on: nothing
// is queued per client (memory per stream is one block's messages), a client far behind is
// served from the block store one block at a time, and a slow client only slows itself (one
// that stops reading is dropped by the HTTP write timeout). A keep-alive comment is written
// when nothing was written for keepalive_interval.
//
// Contract:
// - attach(server) registers GET /events on `server` (before server.start()).
// - A request: a bad query -> 400 text/plain, one line naming the parameter; closed, or
//   max_clients streams already open -> 503 text/plain; the node failing status() -> 500.
//   Else 200 text/event-stream, Cache-Control: no-cache, streaming until the client leaves,
//   close(), or the server stops (checked at least every 250 ms). A block that the NodeApi fails
//   to give (an error, or absent at a height <= tip) ends the stream with a comment naming it.
// - notify_committed(height): from any thread, after the block, its results and the tip are
//   readable through the NodeApi; never blocks (a short lock, then a wake-up).
// - close(): every stream ends promptly (cleanly: the last chunk is written), later requests get
//   503; idempotent. The destructor closes, then waits until no stream is open: destroy the feed
//   after the server has stopped, or accept that wait (at most the HTTP write timeout).
// - `api` must outlive the feed; the feed must outlive every request the server runs on it.
// Thread safety: every method may be called from any thread; streams run on the HTTP pool.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>

#include "rpc/http_server.hpp"
#include "rpc/node_api.hpp"

namespace grid::rpc {

struct EventFeedOptions {
  std::size_t max_clients = 16;
  std::chrono::milliseconds keepalive_interval{15'000};
};

class EventFeed {
 public:
  explicit EventFeed(NodeApi& api, EventFeedOptions options = {});
  ~EventFeed();
  EventFeed(const EventFeed&) = delete;
  EventFeed& operator=(const EventFeed&) = delete;

  void attach(HttpServer& server);
  void notify_committed(std::uint64_t height);
  void close();
  std::size_t clients() const;

 private:
  class Slot;
  class Stream;

  void handle(const httplib::Request& req, httplib::Response& res);

  NodeApi& api_;
  const EventFeedOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;  // tip_, closed_ or clients_ changed
  std::uint64_t tip_ = 0;
  bool closed_ = false;
  std::size_t clients_ = 0;
};

}  // namespace grid::rpc
