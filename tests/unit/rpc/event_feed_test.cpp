// The /events feed over HTTP: a real HttpServer on an ephemeral port, httplib clients that read
// the stream on their own thread. History replay from=1, live blocks after notify_committed (the
// default start after the tip, and a `from` above the tip), Last-Event-ID resume, filters, 400
// on a bad query, 503 beyond max_clients and after close(), close() and a server stop ending
// open streams, keep-alive comments, a missing block ending the stream, and a client that
// disconnects freeing its slot. Every wait is bounded (5 s); nothing is timed.
#include "rpc/event_feed.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "rpc/event_render.hpp"
#include "tests/support/fake_node_api.hpp"

namespace grid::rpc {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using namespace std::chrono_literals;

constexpr auto kWait = 5s;  // the bound of every wait

// One GET /events on its own thread: the response head, the text as it arrives, the end.
class StreamClient {
 public:
  StreamClient(int port, std::string target, httplib::Headers headers = {})
      : client_("127.0.0.1", port) {
    client_.set_read_timeout(std::chrono::seconds(30));  // longer than any wait: never the cause
    thread_ = std::thread([this, target = std::move(target), headers = std::move(headers)] {
      auto result = client_.Get(
          target, headers,
          [this](const httplib::Response& res) {
            update([&] { status_ = res.status; });
            return true;
          },
          [this](const char* data, std::size_t size) {
            update([&] { text_.append(data, size); });
            return !hang_up_;
          });
      update([&] {
        done_ = true;
        error_ = result.error();
      });
    });
  }
  ~StreamClient() {
    client_.stop();  // ends a request still running (thread-safe in httplib)
    thread_.join();
  }
  StreamClient(const StreamClient&) = delete;
  StreamClient& operator=(const StreamClient&) = delete;

  // Each waits (at most kWait) for its condition and tells whether it holds.
  bool wait_head() {
    return wait([&] { return status_ != 0; });
  }
  bool wait_done() {
    return wait([&] { return done_; });
  }
  bool wait_text(const std::string& part) {
    return wait([&] { return text_.find(part) != std::string::npos; });
  }
  // Until the block message of `height` has arrived whole.
  bool wait_block(std::uint64_t height) {
    return wait_text("id: " + std::to_string(height) + "\nevent: block\n") &&
           wait([&] { return text_.ends_with("}\n\n") || text_.ends_with(kKeepAlive); });
  }

  int status() {
    return read([&] { return status_; });
  }
  httplib::Error error() {
    return read([&] { return error_; });
  }
  // The text so far without keep-alive comments (they may come at any time).
  std::string text() {
    std::string text = read([&] { return text_; });
    for (std::size_t at; (at = text.find(kKeepAlive)) != std::string::npos;)
      text.erase(at, kKeepAlive.size());
    return text;
  }
  // The content receiver refuses the next chunk: the client drops the connection.
  void hang_up() { hang_up_ = true; }

 private:
  template <class F>
  void update(F f) {
    std::lock_guard lock(mutex_);
    f();
    changed_.notify_all();
  }
  template <class F>
  auto read(F f) -> decltype(f()) {
    std::lock_guard lock(mutex_);
    return f();
  }
  bool wait(const std::function<bool()>& condition) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kWait, condition);
  }

  httplib::Client client_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int status_ = 0;
  std::string text_;
  bool done_ = false;
  httplib::Error error_ = httplib::Error::Success;
  std::atomic<bool> hang_up_{false};
  std::thread thread_;
};

// Polls `condition` (a state of the server side) until it holds, at most kWait.
bool eventually(const std::function<bool()>& condition) {
  auto deadline = std::chrono::steady_clock::now() + kWait;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

// A chain of two blocks before the server starts; tests add blocks with commit_transfer.
class EventFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Block 1: alice -> bob; block 2: bob -> alice and charlie -> alice.
    produce({node_.sign(node_.chain.alice(), ledger::Transfer{account("bob"), 5'000})});
    produce({node_.sign(node_.chain.bob(), ledger::Transfer{account("alice"), 7}),
             node_.sign(node_.chain.key("charlie"), ledger::Transfer{account("alice"), 9})});
  }
  void TearDown() override {
    if (feed_) feed_->close();
    if (server_) server_->stop();
  }

  void start(EventFeedOptions options = {.max_clients = 4, .keepalive_interval = 30s}) {
    feed_ = std::make_unique<EventFeed>(node_, options);
    HttpServerOptions http;
    http.threads = 8;
    http.keep_alive_timeout = 1s;
    server_ = std::make_unique<HttpServer>(registry_, http);
    feed_->attach(*server_);
    ASSERT_TRUE(server_->start().is_ok());
  }

  core::AccountId account(std::string_view name) const { return node_.chain.account(name); }
  void produce(std::vector<ledger::Transaction> txs) { node_.produce(std::move(txs)); }
  // A block with one transfer, committed: the feed is told. Call it only while no stream can
  // read the node (see the fixture's note).
  void commit_transfer(std::uint64_t amount) {
    produce({node_.sign(node_.chain.alice(), ledger::Transfer{account("dave"), amount})});
    feed_->notify_committed(node_.chain.height());
  }
  // What the feed must write for block `height`.
  std::string messages(std::uint64_t height, const EventFilter& filter = {}) const {
    return render_block_messages(node_.chain.blocks().at(height - 1), node_.results.at(height - 1),
                                 filter);
  }
  std::unique_ptr<StreamClient> stream(std::string target, httplib::Headers headers = {}) {
    return std::make_unique<StreamClient>(server_->port(), std::move(target), std::move(headers));
  }
  httplib::Result get(const std::string& target) {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(kWait);
    return client.Get(target);
  }

  // Not thread-safe, and streams read it on pool threads: a test changes it (produces a block)
  // only when no stream can be reading it: a stream reads the node in its handler (before the
  // response head is sent) and for a block at or below the notified tip, so the test produces
  // after the head (or the last block it waited for) arrived and before notify_committed.
  testing::FakeNodeApi node_;
  MethodRegistry registry_;
  std::unique_ptr<EventFeed> feed_;  // declared before the server: destroyed after it
  std::unique_ptr<HttpServer> server_;
};

TEST_F(EventFeedTest, FromOneReplaysHistory) {
  start();
  auto s = stream("/events?from=1");
  ASSERT_TRUE(s->wait_block(2)) << s->text();
  EXPECT_EQ(s->status(), 200);
  EXPECT_EQ(s->text(), messages(1) + messages(2));
  EXPECT_THAT(s->text(), HasSubstr("\"kind\":\"transfer_received\""));
}

TEST_F(EventFeedTest, ResponseHeaders) {
  start();
  httplib::Client client("127.0.0.1", server_->port());
  std::string type, cache;
  client.Get(
      "/events?from=1",
      [&](const httplib::Response& res) {
        type = res.get_header_value("Content-Type");
        cache = res.get_header_value("Cache-Control");
        return false;  // the head is all this test reads
      },
      [](const char*, std::size_t) { return false; });
  EXPECT_EQ(type, "text/event-stream");
  EXPECT_EQ(cache, "no-cache");
}

TEST_F(EventFeedTest, DefaultStartsAfterTheTipAndLiveBlocksFollowNotifications) {
  start();
  // As a browser asks: compression would hold the messages back (httplib compresses no
  // text/event-stream).
  auto s = stream("/events", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(s->wait_head());  // the cursor is set before the head is sent
  commit_transfer(11);          // block 3
  ASSERT_TRUE(s->wait_block(3)) << s->text();
  commit_transfer(12);  // block 4
  ASSERT_TRUE(s->wait_block(4)) << s->text();
  EXPECT_EQ(s->text(), messages(3) + messages(4));
}

TEST_F(EventFeedTest, FromAboveTheTipWaitsForIt) {
  start();
  auto s = stream("/events?from=4");
  ASSERT_TRUE(s->wait_head());
  commit_transfer(11);  // block 3: before the start
  commit_transfer(12);  // block 4
  ASSERT_TRUE(s->wait_block(4)) << s->text();
  EXPECT_EQ(s->text(), messages(4));
}

TEST_F(EventFeedTest, LastEventIdResumesAfterIt) {
  start();
  auto s = stream("/events", {{"Last-Event-ID", "1"}});
  ASSERT_TRUE(s->wait_block(2)) << s->text();
  EXPECT_EQ(s->text(), messages(2));
}

TEST_F(EventFeedTest, FiltersApply) {
  start();
  const std::string alice = account("alice").to_address();
  auto s = stream("/events?from=1&account=" + alice + "&kind=transfer_received");
  ASSERT_TRUE(s->wait_block(2)) << s->text();
  EventFilter filter{.account = account("alice"), .kinds = {"transfer_received"}};
  EXPECT_EQ(s->text(), messages(1, filter) + messages(2, filter));
  // Block 1 has none (alice sent), block 2 two (alice received twice).
  EXPECT_THAT(s->text(), StartsWith("id: 1\nevent: block\n"));
  std::string text = s->text();
  std::size_t events = 0;
  for (std::size_t at = 0; (at = text.find("event: event\n", at)) != std::string::npos; ++at)
    ++events;
  EXPECT_EQ(events, 2u);
  EXPECT_THAT(text, Not(HasSubstr("\"kind\":\"transfer\",")));
}

TEST_F(EventFeedTest, BadQueriesGet400NamingTheParameter) {
  start();
  for (const auto& [target, named] : std::vector<std::pair<std::string, std::string>>{
           {"/events?twin=x", "twin: "},
           {"/events?from=0", "from: "},
           {"/events?kind=a,,b", "kind: "},
           {"/events?colour=red", "unknown parameter \"colour\""}}) {
    auto res = get(target);
    ASSERT_TRUE(res) << target;
    EXPECT_EQ(res->status, 400) << target;
    EXPECT_THAT(res->get_header_value("Content-Type"), StartsWith("text/plain"));
    EXPECT_THAT(res->body, HasSubstr(named)) << target;
    EXPECT_THAT(res->body, Not(HasSubstr("\n")));
  }
  EXPECT_EQ(feed_->clients(), 0u);
}

TEST_F(EventFeedTest, BeyondMaxClientsGets503) {
  start({.max_clients = 2, .keepalive_interval = 30s});
  auto a = stream("/events");
  auto b = stream("/events");
  ASSERT_TRUE(a->wait_head());
  ASSERT_TRUE(b->wait_head());
  EXPECT_EQ(feed_->clients(), 2u);
  auto refused = get("/events");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_THAT(refused->body, HasSubstr("at most 2"));
  EXPECT_EQ(feed_->clients(), 2u);
}

TEST_F(EventFeedTest, CloseEndsOpenStreamsAndRefusesNewOnes) {
  start();
  auto a = stream("/events");
  auto b = stream("/events?from=1");
  ASSERT_TRUE(a->wait_head());
  ASSERT_TRUE(b->wait_block(2));
  feed_->close();
  ASSERT_TRUE(a->wait_done());
  ASSERT_TRUE(b->wait_done());
  EXPECT_EQ(a->error(), httplib::Error::Success);  // a clean end of the chunked body
  EXPECT_EQ(b->error(), httplib::Error::Success);
  EXPECT_TRUE(eventually([&] { return feed_->clients() == 0; }));
  auto refused = get("/events");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_THAT(refused->body, HasSubstr("closed"));
}

TEST_F(EventFeedTest, ServerStopEndsOpenStreams) {
  start();
  auto s = stream("/events");
  ASSERT_TRUE(s->wait_head());
  server_->stop();  // returns once the stream has given its pool thread back
  EXPECT_TRUE(s->wait_done());
  EXPECT_EQ(feed_->clients(), 0u);
}

TEST_F(EventFeedTest, KeepAliveCommentsWhileIdle) {
  start({.max_clients = 4, .keepalive_interval = 20ms});
  auto s = stream("/events");
  ASSERT_TRUE(s->wait_text(std::string(kKeepAlive)));
  EXPECT_EQ(s->text(), "");  // nothing but keep-alives
}

TEST_F(EventFeedTest, AMissingBlockEndsTheStreamWithAComment) {
  start();
  feed_->notify_committed(5);  // more than the node has: block 3 cannot be read
  auto s = stream("/events?from=3");
  ASSERT_TRUE(s->wait_done());
  EXPECT_EQ(s->text(), ": error: block 3 is not available\n\n");
  EXPECT_TRUE(eventually([&] { return feed_->clients() == 0; }));
}

TEST_F(EventFeedTest, AClientThatDisconnectsFreesItsSlot) {
  start({.max_clients = 1, .keepalive_interval = 20ms});
  {
    auto s = stream("/events");
    ASSERT_TRUE(s->wait_head());
    EXPECT_EQ(feed_->clients(), 1u);
    s->hang_up();  // refuses the next keep-alive
    ASSERT_TRUE(s->wait_done());
  }  // the client is gone: the next writes fail
  EXPECT_TRUE(eventually([&] { return feed_->clients() == 0; }));
  auto again = stream("/events?from=1");  // the one slot is free again
  ASSERT_TRUE(again->wait_block(2)) << again->text();
  EXPECT_EQ(again->status(), 200);
}

}  // namespace
}  // namespace grid::rpc
