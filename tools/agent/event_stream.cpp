#include "tools/agent/event_stream.hpp"

#include <httplib.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>

#include "tools/client/rpc_client.hpp"

namespace grid::tools {
namespace {

constexpr auto kMinBackoff = std::chrono::seconds(1);
constexpr auto kMaxBackoff = std::chrono::seconds(30);
constexpr auto kSilenceLimit = std::chrono::seconds(45);

}  // namespace

core::Result<std::optional<FeedItem>> parse_feed_message(const SseMessage& message) {
  if (message.event != "event" && message.event != "block") return std::optional<FeedItem>();
  rapidjson::Document doc;
  doc.Parse(message.data.data(), message.data.size());
  if (doc.HasParseError() || !doc.IsObject())
    return core::Status::invalid("feed message '" + message.event + "': data is not a JSON object");
  FeedItem item;
  GRID_ASSIGN(item.height, json_u64_member(doc, "height"));
  if (message.event == "block") {
    item.kind = FeedItem::Kind::block;
    return std::optional<FeedItem>(std::move(item));
  }
  item.kind = FeedItem::Kind::event;
  auto event = doc.FindMember("event");
  if (event == doc.MemberEnd()) return core::Status::invalid("feed event without 'event'");
  GRID_ASSIGN(item.event, parse_event(event->value));
  return std::optional<FeedItem>(std::move(item));
}

std::string events_path(std::uint32_t node, std::uint64_t from_height) {
  return "/events?node=" + std::to_string(node) + "&from=" + std::to_string(from_height);
}

EventStream::EventStream(RpcEndpoint endpoint, std::uint32_t node, std::uint64_t from_height,
                         Sink sink)
    : endpoint_(std::move(endpoint)),
      node_(node),
      next_from_(std::max<std::uint64_t>(from_height, 1)),
      sink_(std::move(sink)) {}

EventStream::~EventStream() {
  stop();
}

void EventStream::start() {
  thread_ = std::thread([this] { run(); });
}

void EventStream::stop() {
  stopping_ = true;
  {
    std::lock_guard lock(mu_);
    if (client_) client_->stop();
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string EventStream::read_once(bool& delivered) {
  httplib::Client client(endpoint_.host, endpoint_.port);
  client.set_tcp_nodelay(true);
  client.set_keep_alive(false);
  client.set_connection_timeout(std::chrono::seconds(5));
  client.set_read_timeout(kSilenceLimit);
  {
    std::lock_guard lock(mu_);
    if (stopping_) return "stopping";
    client_ = &client;
  }
  SseParser parser;
  std::string failure;
  httplib::Headers headers = {{"Accept", "text/event-stream"}};
  if (next_from_ > 1) headers.emplace("Last-Event-ID", std::to_string(next_from_ - 1));
  auto on_response = [&](const httplib::Response& response) {
    if (response.status != 200) {
      failure = "HTTP " + std::to_string(response.status);
      return false;
    }
    sink_.status(true, "");
    return true;
  };
  auto on_data = [&](const char* data, std::size_t size) {
    for (const SseMessage& m : parser.feed(std::string_view(data, size))) {
      auto item = parse_feed_message(m);
      if (!item) {
        failure = item.error().message();
        return false;
      }
      if (!*item) continue;
      if ((*item)->kind == FeedItem::Kind::block) {
        next_from_ = (*item)->height + 1;
        delivered = true;
      }
      sink_.item(std::move(**item));
    }
    return !stopping_.load();
  };
  auto result = client.Get(events_path(node_, next_from_), headers, on_response, on_data);
  {
    std::lock_guard lock(mu_);
    client_ = nullptr;
  }
  if (!failure.empty()) return failure;
  if (!result) return "connection failed: " + httplib::to_string(result.error());
  return "the stream ended";
}

void EventStream::run() {
  auto backoff = std::chrono::duration_cast<std::chrono::milliseconds>(kMinBackoff);
  while (!stopping_) {
    bool delivered = false;
    std::string why = read_once(delivered);
    if (stopping_) break;
    sink_.status(false, why);
    if (delivered) backoff = kMinBackoff;
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, backoff, [this] { return stopping_.load(); });
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, kMaxBackoff);
  }
}

}  // namespace grid::tools
