#include "tools/agent/inbox.hpp"

namespace grid::tools {

void Inbox::push_item(FeedItem item) {
  {
    std::lock_guard lock(mu_);
    pending_.items.push_back(std::move(item));
  }
  cv_.notify_all();
}

void Inbox::push_status(StreamStatus status) {
  {
    std::lock_guard lock(mu_);
    pending_.statuses.push_back(std::move(status));
  }
  cv_.notify_all();
}

void Inbox::request_stop() {
  {
    std::lock_guard lock(mu_);
    pending_.stop = true;
  }
  cv_.notify_all();
}

bool Inbox::stop_requested() {
  std::lock_guard lock(mu_);
  return pending_.stop;
}

InboxBatch Inbox::wait_until(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mu_);
  cv_.wait_until(lock, deadline, [this] {
    return pending_.stop || !pending_.items.empty() || !pending_.statuses.empty();
  });
  InboxBatch out;
  out.items.swap(pending_.items);
  out.statuses.swap(pending_.statuses);
  out.stop = pending_.stop;
  return out;
}

}  // namespace grid::tools
