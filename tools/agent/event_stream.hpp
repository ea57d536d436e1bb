// EventStream: a background reader of the node's GET /events feed (Server-Sent Events, filtered
// on one node), resumed from the last block it saw and reconnected with back-off.
//
// Contract:
// - parse_feed_message turns one SSE message of the feed into a FeedItem: "event" messages carry
//   {"height", "tx_index", "tx_id", "event": {...}}, "block" messages {"height", ...} (the
//   resume checkpoint); other message types are nullopt (ignored); malformed JSON is
//   Code::invalid.
// - events_path builds "/events?node=N&from=H".
// - EventStream::start() runs one thread that connects, asks for blocks from `from_height` on
//   (after a block message at height H, a reconnect asks from H + 1), and hands every item to
//   sink.item and every change of liveness to sink.status (true once HTTP 200 arrives; false
//   with the reason when the connection fails, the node answers non-200 - e.g. 404 when the
//   node does not serve /events yet, 503 when it has too many streams - or the stream ends).
//   Reconnects wait 1 s, doubling to 30 s, back to 1 s after a stream that delivered a block.
//   A stream silent for 45 s (three missed keep-alives) is treated as dead.
// - stop() (also run by the destructor) ends the thread promptly, even mid-read. The sink is
//   called from the stream's thread: it must be thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/status.hpp"
#include "tools/agent/sse_parser.hpp"
#include "tools/client/endpoint.hpp"
#include "tools/client/event_view.hpp"

namespace httplib {
class Client;
}

namespace grid::tools {

struct FeedItem {
  enum class Kind { event, block };
  Kind kind = Kind::block;
  std::uint64_t height = 0;
  EventView event;  // Kind::event only
};

core::Result<std::optional<FeedItem>> parse_feed_message(const SseMessage& message);
std::string events_path(std::uint32_t node, std::uint64_t from_height);

class EventStream {
 public:
  struct Sink {
    std::function<void(FeedItem)> item;
    std::function<void(bool live, std::string why)> status;
  };

  EventStream(RpcEndpoint endpoint, std::uint32_t node, std::uint64_t from_height, Sink sink);
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  void start();
  void stop();

 private:
  void run();
  // One connection; returns why it ended, and whether it delivered a block.
  std::string read_once(bool& delivered);

  RpcEndpoint endpoint_;
  std::uint32_t node_;
  std::uint64_t next_from_;
  Sink sink_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  httplib::Client* client_ = nullptr;  // the live connection, guarded by mu_
  std::thread thread_;
};

}  // namespace grid::tools
