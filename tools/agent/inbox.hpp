// Inbox: what wakes the agent loop: items of the event stream, the stream's liveness changes, and
// a stop request (SIGTERM / SIGINT, from the signal thread).
//
// Contract: every method is thread-safe. wait_until blocks until the deadline, a stop request
// or at least one queued item/status, then hands over everything queued (in arrival order).
// stop_requested stays true once set.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "tools/agent/event_stream.hpp"

namespace grid::tools {

struct StreamStatus {
  bool live = false;
  std::string why;
};

struct InboxBatch {
  std::vector<FeedItem> items;
  std::vector<StreamStatus> statuses;
  bool stop = false;
};

class Inbox {
 public:
  void push_item(FeedItem item);
  void push_status(StreamStatus status);
  void request_stop();
  bool stop_requested();
  InboxBatch wait_until(std::chrono::steady_clock::time_point deadline);

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  InboxBatch pending_;
};

}  // namespace grid::tools
