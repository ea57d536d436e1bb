// EventStream against a fake /events server (httplib on 127.0.0.1, an ephemeral port) that
// speaks the pinned format: delivery of events and block checkpoints, resume after a dropped
// stream (from = last block + 1, Last-Event-ID), a node without /events (404), prompt stop().
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "tools/agent/event_stream.hpp"
#include "tools/agent/inbox.hpp"

namespace grid::tools {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kFirstStream =
    "event: event\n"
    "data: {\"height\":5,\"tx_index\":0,\"tx_id\":\"ab\",\"event\":{\"kind\":\"contract_created\","
    "\"account\":null,\"twin\":3,\"farm\":1,\"node\":2,\"contract\":\"7\",\"attributes\":{}}}\n"
    "\n"
    ": keep-alive\n"
    "\n"
    "id: 5\n"
    "event: block\n"
    "data: {\"height\":5,\"hash\":\"cd\",\"time\":1700000005,\"txs\":1}\n"
    "\n";

constexpr std::string_view kSecondStream =
    "id: 6\nevent: block\ndata: {\"height\":6,\"hash\":\"ef\",\"time\":1700000006,\"txs\":0}\n\n";

struct Request {
  std::string node, from, last_event_id;
};

class FakeFeed {
 public:
  explicit FakeFeed(int status) : status_(status) {
    server_.Get("/events", [this](const httplib::Request& req, httplib::Response& res) {
      std::size_t n = 0;
      {
        std::lock_guard lock(mu_);
        requests_.push_back({req.get_param_value("node"), req.get_param_value("from"),
                             req.get_header_value("Last-Event-ID")});
        n = requests_.size();
      }
      if (status_ != 200) {
        res.status = status_;
        res.set_content("not served\n", "text/plain");
        return;
      }
      // The first stream ends after block 5; the second stays open after block 6.
      res.set_chunked_content_provider("text/event-stream",
                                       [this, n](std::size_t, httplib::DataSink& sink) {
                                         if (n == 1) {
                                           sink.write(kFirstStream.data(), kFirstStream.size());
                                           sink.done();
                                           return true;
                                         }
                                         if (!sent_second_.exchange(true))
                                           sink.write(kSecondStream.data(), kSecondStream.size());
                                         std::this_thread::sleep_for(20ms);
                                         return !closing_.load() && sink.is_writable();
                                       });
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // bind_to_any_port already listens: connections queue until the accept loop runs.
  }
  ~FakeFeed() {
    closing_ = true;
    server_.stop();
    thread_.join();
  }
  RpcEndpoint endpoint() const { return {"127.0.0.1", port_}; }
  std::vector<Request> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  int status_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<Request> requests_;
  std::atomic<bool> sent_second_{false}, closing_{false};
};

EventStream::Sink sink_into(Inbox& inbox) {
  return {[&inbox](FeedItem item) { inbox.push_item(std::move(item)); },
          [&inbox](bool live, std::string why) {
            inbox.push_status({live, std::move(why)});
          }};
}

// Collects from the inbox until `done` holds or 8 s pass.
template <class Done>
InboxBatch collect(Inbox& inbox, Done done) {
  InboxBatch all;
  auto end = std::chrono::steady_clock::now() + 8s;
  while (!done(all) && std::chrono::steady_clock::now() < end) {
    InboxBatch b = inbox.wait_until(std::min(end, std::chrono::steady_clock::now() + 100ms));
    all.items.insert(all.items.end(), b.items.begin(), b.items.end());
    all.statuses.insert(all.statuses.end(), b.statuses.begin(), b.statuses.end());
  }
  return all;
}

TEST(EventStream, DeliversAndResumesAfterTheLastBlock) {
  FakeFeed feed(200);
  Inbox inbox;
  EventStream stream(feed.endpoint(), 2, 4, sink_into(inbox));
  stream.start();
  InboxBatch got = collect(inbox, [](const InboxBatch& b) { return b.items.size() >= 3; });
  stream.stop();
  ASSERT_EQ(got.items.size(), 3u);
  EXPECT_EQ(got.items[0].kind, FeedItem::Kind::event);
  EXPECT_EQ(got.items[0].event.kind, "contract_created");
  EXPECT_EQ(got.items[0].event.contract, 7u);
  EXPECT_EQ(got.items[1].kind, FeedItem::Kind::block);
  EXPECT_EQ(got.items[1].height, 5u);
  EXPECT_EQ(got.items[2].kind, FeedItem::Kind::block);
  EXPECT_EQ(got.items[2].height, 6u);

  auto requests = feed.requests();
  ASSERT_GE(requests.size(), 2u);
  EXPECT_EQ(requests[0].node, "2");
  EXPECT_EQ(requests[0].from, "4");
  EXPECT_EQ(requests[0].last_event_id, "3");
  EXPECT_EQ(requests[1].from, "6");  // after block 5
  EXPECT_EQ(requests[1].last_event_id, "5");

  // live, then the end of the first stream, then live again.
  ASSERT_GE(got.statuses.size(), 3u);
  EXPECT_TRUE(got.statuses[0].live);
  EXPECT_FALSE(got.statuses[1].live);
  EXPECT_EQ(got.statuses[1].why, "the stream ended");
  EXPECT_TRUE(got.statuses[2].live);
}

TEST(EventStream, ANodeWithoutTheFeedIsReportedNotLive) {
  FakeFeed feed(404);
  Inbox inbox;
  EventStream stream(feed.endpoint(), 2, 1, sink_into(inbox));
  stream.start();
  InboxBatch got = collect(inbox, [](const InboxBatch& b) { return !b.statuses.empty(); });
  stream.stop();
  ASSERT_FALSE(got.statuses.empty());
  EXPECT_FALSE(got.statuses[0].live);
  EXPECT_EQ(got.statuses[0].why, "HTTP 404");
  EXPECT_TRUE(got.items.empty());
  EXPECT_EQ(feed.requests().at(0).last_event_id, "");  // from 1: nothing seen before
}

TEST(EventStream, NoServerMeansConnectionFailures) {
  Inbox inbox;
  // A port that was free a moment ago and is closed now.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  ::close(fd);
  int port = ntohs(addr.sin_port);
  EventStream stream({"127.0.0.1", port}, 2, 1, sink_into(inbox));
  stream.start();
  InboxBatch got = collect(inbox, [](const InboxBatch& b) { return !b.statuses.empty(); });
  stream.stop();
  ASSERT_FALSE(got.statuses.empty());
  EXPECT_FALSE(got.statuses[0].live);
  EXPECT_NE(got.statuses[0].why.find("connection failed"), std::string::npos)
      << got.statuses[0].why;
}

}  // namespace
}  // namespace grid::tools
