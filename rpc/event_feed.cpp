// The /events streams (rpc/event_feed.hpp): admission, the wait for the tip, one block per step.
#include "rpc/event_feed.hpp"

#include <httplib.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "rpc/event_filter.hpp"
#include "rpc/event_render.hpp"

namespace grid::rpc {
namespace {

using Clock = std::chrono::steady_clock;

// The longest a waiting stream stays away from httplib, which ends it when the server stops.
constexpr std::chrono::milliseconds kShutdownCheck{250};

constexpr const char* kLastEventId = "Last-Event-ID";

void refuse(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  res.set_content(text, "text/plain");
}

}  // namespace

// One of the feed's max_clients places, held for the life of the object (RAII: a stream that
// ends in any way, a throw included, gives it back).
class EventFeed::Slot {
 public:
  explicit Slot(EventFeed& feed) : feed_(feed) {
    std::lock_guard lock(feed.mutex_);
    if (feed.closed_) {
      refusal_ = "the event feed is closed";
    } else if (feed.clients_ >= feed.options_.max_clients) {
      refusal_ = "too many /events streams (at most " + std::to_string(feed.options_.max_clients) +
                 "): try again later";
    } else {
      ++feed.clients_;
    }
  }
  ~Slot() {
    if (!held()) return;
    // Notified under the lock: once clients_ is 0 the feed's destructor may end at once.
    std::lock_guard lock(feed_.mutex_);
    --feed_.clients_;
    feed_.changed_.notify_all();
  }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

  bool held() const { return refusal_.empty(); }
  const std::string& refusal() const { return refusal_; }  // why no place was given

 private:
  EventFeed& feed_;
  std::string refusal_;
};

// One client's stream: a cursor over the committed heights, advanced one block per step.
class EventFeed::Stream {
 public:
  Stream(EventFeed& feed, EventFilter filter)
      : slot_(feed), feed_(feed), filter_(std::move(filter)) {}

  const Slot& slot() const { return slot_; }
  void start_at(std::uint64_t height) {
    cursor_ = height;
    last_write_ = Clock::now();
  }

  // Called by httplib again and again while it returns true and nothing ended the response:
  // waits (bounded) for the block at the cursor, then writes its messages, or a keep-alive when
  // due. False: a write failed (the client left), the response is abandoned.
  bool step(httplib::DataSink& sink) {
    const Clock::time_point keepalive_due = last_write_ + feed_.options_.keepalive_interval;
    bool closed = false;
    bool ready = false;
    {
      std::unique_lock lock(feed_.mutex_);
      feed_.changed_.wait_until(lock, std::min(keepalive_due, Clock::now() + kShutdownCheck),
                                [&] { return feed_.closed_ || feed_.tip_ >= cursor_; });
      closed = feed_.closed_;
      ready = feed_.tip_ >= cursor_;
    }
    if (closed) {
      sink.done();
      return true;
    }
    if (ready) return deliver(sink);
    if (Clock::now() >= keepalive_due) return write(sink, kKeepAlive);
    return true;  // nothing to write yet
  }

 private:
  bool deliver(httplib::DataSink& sink) {
    const std::string at = "block " + std::to_string(cursor_);
    auto block = feed_.api_.block_at(cursor_);
    if (!block) return end(sink, at + " could not be read: " + block.error().message());
    auto results = feed_.api_.results_at(cursor_);
    if (!results) return end(sink, at + " results could not be read: " + results.error().message());
    if (!*block || !*results) return end(sink, at + " is not available");
    if (!write(sink, render_block_messages(**block, **results, filter_))) return false;
    ++cursor_;
    return true;
  }

  // Ends the response cleanly after a comment saying why.
  bool end(httplib::DataSink& sink, std::string_view why) {
    if (!write(sink, render_comment("error: " + std::string(why)))) return false;
    sink.done();
    return true;
  }

  bool write(httplib::DataSink& sink, std::string_view text) {
    if (!sink.write(text.data(), text.size())) return false;
    last_write_ = Clock::now();
    return true;
  }

  Slot slot_;
  EventFeed& feed_;
  const EventFilter filter_;
  std::uint64_t cursor_ = 1;
  Clock::time_point last_write_;
};

EventFeed::EventFeed(NodeApi& api, EventFeedOptions options)
    : api_(api), options_(std::move(options)) {}

EventFeed::~EventFeed() {
  close();
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return clients_ == 0; });
}

void EventFeed::attach(HttpServer& server) {
  server.add_get("/events",
                 [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
}

void EventFeed::notify_committed(std::uint64_t height) {
  {
    std::lock_guard lock(mutex_);
    if (height <= tip_) return;
    tip_ = height;
  }
  changed_.notify_all();
}

void EventFeed::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

std::size_t EventFeed::clients() const {
  std::lock_guard lock(mutex_);
  return clients_;
}

void EventFeed::handle(const httplib::Request& req, httplib::Response& res) {
  std::optional<std::string> last_event_id;
  if (req.has_header(kLastEventId)) last_event_id = req.get_header_value(kLastEventId);
  auto query = parse_event_query(req.params, last_event_id);
  if (!query) return refuse(res, 400, query.error().message());

  auto stream = std::make_shared<Stream>(*this, std::move(query->filter));
  if (!stream->slot().held()) return refuse(res, 503, stream->slot().refusal());
  auto status = api_.status();
  if (!status) return refuse(res, 500, "the node's tip is unknown: " + status.error().message());
  notify_committed(status->height);
  std::uint64_t tip = 0;
  {
    std::lock_guard lock(mutex_);
    tip = tip_;
  }
  stream->start_at(query->from.value_or(tip + 1));

  res.status = 200;
  res.set_header("Cache-Control", "no-cache");
  res.set_chunked_content_provider(
      "text/event-stream", [stream](std::size_t /*offset*/, httplib::DataSink& sink) {
        try {
          return stream->step(sink);
        } catch (...) {  // the edge of the library: a throw ends this stream only
          return false;
        }
      });
}

}  // namespace grid::rpc
