// HttpServer: a real server on 127.0.0.1, an ephemeral port, and httplib clients over keep-alive:
// single, batch and notification requests, content types, /health, /metrics, static files, an
// added GET route, the CORS headers and preflight, the oversized-body refusal, concurrent clients
// and a clean stop.
#include "rpc/http_server.hpp"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <rapidjson/document.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace grid::rpc {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kJson = "application/json";

std::string echo_request(const std::string& id, const std::string& value) {
  return R"({"jsonrpc":"2.0","method":"echo","params":[)" + value + R"(],"id":)" + id + "}";
}

// A client that writes HTTP by hand (httplib::Client always adds a Content-Type, and hides
// reconnections).
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawConnection() { close(fd_); }

  bool send_all(const std::string& data) {
    return connected_ && send(fd_, data.data(), data.size(), 0) == ssize_t(data.size());
  }

  // One response: the head up to the blank line, then Content-Length bytes; "" on EOF.
  std::string read_response() {
    std::size_t head_end;
    while ((head_end = pending_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return {};
    std::size_t at = pending_.find("Content-Length: ");
    std::size_t length = at < head_end ? std::stoul(pending_.substr(at + 16)) : 0;
    std::size_t total = head_end + 4 + length;
    while (pending_.size() < total)
      if (!fill()) return {};
    std::string response = pending_.substr(0, total);
    pending_.erase(0, total);
    return response;
  }

 private:
  bool fill() {
    char buffer[4096];
    ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    pending_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  int fd_;
  bool connected_ = false;
  std::string pending_;
};

std::string raw_exchange(int port, const std::string& request) {
  RawConnection connection(port);
  return connection.send_all(request) ? connection.read_response() : std::string();
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto st = registry_.add("echo", {"value"}, [](const Params& p) -> core::Result<JsonText> {
      GRID_ASSIGN(const JsonValue* value, p.raw("value"));
      if (value == nullptr) return invalid_params("value: missing");
      JsonBuilder b;
      value->Accept(b.w());
      return b.finish();
    });
    ASSERT_TRUE(st.is_ok());
    HttpServerOptions options;
    options.threads = 4;
    options.keep_alive_timeout = std::chrono::seconds(1);
    server_ = std::make_unique<HttpServer>(registry_, options);
    server_->set_liveness([this] { return live_.load(); });
    server_->set_metrics_source([] { return "grid_node_height 42"; });
    server_->add_get("/events", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("data: hello\n\n", "text/event-stream");
    });
  }

  void start() {
    ASSERT_TRUE(server_->start().is_ok());
    ASSERT_GT(server_->port(), 0);
  }

  std::unique_ptr<httplib::Client> client() const {
    auto cli = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    cli->set_keep_alive(true);
    cli->set_tcp_nodelay(true);
    cli->set_read_timeout(std::chrono::seconds(5));
    return cli;
  }

  MethodRegistry registry_;
  std::atomic<bool> live_{true};
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpServerTest, SingleBatchAndNotificationOverKeepAlive) {
  start();
  auto cli = client();
  for (int i = 0; i < 200; ++i) {  // far more than httplib's default of 5 per connection
    auto res = cli->Post("/rpc", echo_request(std::to_string(i), "\"v\""), kJson);
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body, R"({"jsonrpc":"2.0","result":"v","id":)" + std::to_string(i) + "}");
    EXPECT_NE(res->get_header_value("Connection"), "close") << "request " << i;
    EXPECT_EQ(res->get_header_value("Content-Type"), kJson);
  }
  auto batch =
      cli->Post("/rpc", "[" + echo_request("1", "1") + "," + echo_request("2", "[2]") + "]", kJson);
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->body, R"([{"jsonrpc":"2.0","result":1,"id":1},)"
                         R"({"jsonrpc":"2.0","result":[2],"id":2}])");
  auto note = cli->Post("/rpc", R"({"jsonrpc":"2.0","method":"echo","params":[1]})", kJson);
  ASSERT_TRUE(note);
  EXPECT_EQ(note->status, 204);
  EXPECT_EQ(note->body, "");
}

TEST_F(HttpServerTest, ContentTypes) {
  start();
  auto cli = client();
  const std::string body = echo_request("1", "2");
  for (const char* type :
       {"application/json", "application/json; charset=utf-8", "Application/JSON"}) {
    auto res = cli->Post("/rpc", body, type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << type;
  }
  // httplib::Client always sends a Content-Type: write the request by hand.
  std::string reply =
      raw_exchange(server_->port(), "POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                        std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_THAT(reply, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(reply, EndsWith(R"({"jsonrpc":"2.0","result":2,"id":1})"));
  auto wrong = cli->Post("/rpc", body, "text/plain");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 415);
  EXPECT_THAT(wrong->body, HasSubstr("-32600"));
}

TEST_F(HttpServerTest, Health) {
  start();
  auto cli = client();
  auto up = cli->Get("/health");
  ASSERT_TRUE(up);
  EXPECT_EQ(up->status, 200);
  EXPECT_EQ(up->body, "ok");
  live_ = false;
  auto down = cli->Get("/health");
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 503);
}

TEST_F(HttpServerTest, MetricsShowCounters) {
  start();
  auto cli = client();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(cli->Post("/rpc", echo_request("1", "1"), kJson));
  ASSERT_TRUE(cli->Post("/rpc", R"({"jsonrpc":"2.0","method":"echo","id":1})", kJson));
  ASSERT_TRUE(cli->Post("/rpc", R"({"jsonrpc":"2.0","method":"nope","id":1})", kJson));
  ASSERT_TRUE(cli->Post("/rpc", "{", kJson));
  auto res = cli->Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Content-Type"), HasSubstr("text/plain"));
  const std::string& text = res->body;
  EXPECT_THAT(text, HasSubstr("grid_node_height 42\n"));
  EXPECT_THAT(text, HasSubstr("grid_rpc_calls_total{method=\"echo\",code=\"0\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("grid_rpc_calls_total{method=\"echo\",code=\"-32602\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("grid_rpc_calls_total{method=\"unknown\",code=\"-32601\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("grid_rpc_calls_total{method=\"unknown\",code=\"-32700\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE grid_rpc_request_duration_seconds histogram\n"));
  EXPECT_THAT(text, HasSubstr("grid_rpc_request_duration_seconds_bucket{le=\"+Inf\"} 6\n"));
  EXPECT_THAT(text, HasSubstr("grid_rpc_request_duration_seconds_count 6\n"));
}

TEST_F(HttpServerTest, OversizedBodyRefusedWithMinus32600) {
  start();
  auto cli = client();
  std::string body = echo_request("1", "\"" + std::string(kMaxRequestBytes, 'x') + "\"");
  auto res = cli->Post("/rpc", body, kJson);
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 413);
  rapidjson::Document doc;
  doc.Parse(res->body.c_str());
  ASSERT_TRUE(doc.IsObject()) << res->body;
  EXPECT_EQ(doc["error"]["code"].GetInt(), -32600);
  EXPECT_TRUE(doc["id"].IsNull());
  // The server keeps serving.
  auto next = cli->Post("/rpc", echo_request("2", "2"), kJson);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST_F(HttpServerTest, OversizedChunkedBodyRefusedAndTheConnectionStaysInSync) {
  start();
  std::string chunk(64 * 1024, ' ');
  std::string request =
      "POST /rpc HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) request += "10000\r\n" + chunk + "\r\n";  // 1.25 MiB
  request += "0\r\n\r\n";
  RawConnection connection(server_->port());
  ASSERT_TRUE(connection.send_all(request));
  std::string refused = connection.read_response();
  EXPECT_THAT(refused, StartsWith("HTTP/1.1 413"));
  EXPECT_THAT(refused, HasSubstr(R"("code":-32600)"));
  // The same connection serves the next request.
  const std::string next = echo_request("2", "2");
  ASSERT_TRUE(connection.send_all("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                  std::to_string(next.size()) + "\r\n\r\n" + next));
  EXPECT_THAT(connection.read_response(), EndsWith(R"({"jsonrpc":"2.0","result":2,"id":2})"));
}

TEST_F(HttpServerTest, EmptyBodyIsAParseError) {
  start();
  std::string reply =
      raw_exchange(server_->port(), "POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_THAT(reply, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(reply, HasSubstr(R"("code":-32700)"));
}

TEST_F(HttpServerTest, StaticFilesAndAddedRoutes) {
  auto dir = std::filesystem::temp_directory_path() / ("grid_http_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "index.html") << "<h1>explorer</h1>";
  EXPECT_FALSE(server_->serve_directory((dir / "missing").string()));
  ASSERT_TRUE(server_->serve_directory(dir.string()));
  start();
  auto cli = client();
  auto page = cli->Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body, "<h1>explorer</h1>");
  auto events = cli->Get("/events");
  ASSERT_TRUE(events);
  EXPECT_EQ(events->body, "data: hello\n\n");
  auto health = cli->Get("/health");  // the mount at / does not hide the routes
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto missing = cli->Get("/nothing-here");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  std::filesystem::remove_all(dir);
}

// The explorer may be hosted on another origin: /rpc and /events answer it (refusals too, so a
// page can read the error), OPTIONS /rpc answers the preflight, other paths stay same-origin.
TEST_F(HttpServerTest, CrossOriginHeadersOnRpcAndEvents) {
  start();
  auto cli = client();
  httplib::Headers origin{{"Origin", "http://explorer.example"}};
  auto call = cli->Post("/rpc", origin, echo_request("1", "1"), kJson);
  ASSERT_TRUE(call);
  EXPECT_EQ(call->status, 200);
  EXPECT_EQ(call->get_header_value("Access-Control-Allow-Origin"), "*");
  auto refused = cli->Post("/rpc", origin, echo_request("2", "2"), "text/plain");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 415);
  EXPECT_EQ(refused->get_header_value("Access-Control-Allow-Origin"), "*");
  auto events = cli->Get("/events", origin);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->get_header_value("Access-Control-Allow-Origin"), "*");
  auto health = cli->Get("/health", origin);
  ASSERT_TRUE(health);
  EXPECT_FALSE(health->has_header("Access-Control-Allow-Origin"));

  std::string preflight =
      raw_exchange(server_->port(),
                   "OPTIONS /rpc HTTP/1.1\r\nHost: x\r\nOrigin: http://explorer.example\r\n"
                   "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: "
                   "content-type\r\n\r\n");
  EXPECT_THAT(preflight, StartsWith("HTTP/1.1 204"));
  EXPECT_THAT(preflight, HasSubstr("Access-Control-Allow-Origin: *\r\n"));
  EXPECT_THAT(preflight, HasSubstr("Access-Control-Allow-Methods: POST, OPTIONS\r\n"));
  EXPECT_THAT(preflight, HasSubstr("Access-Control-Allow-Headers: Content-Type\r\n"));
}

// The real /events streams (a chunked content provider): its headers carry the CORS header too.
TEST(HttpServerCors, StreamedEventsAnswerCarriesTheHeader) {
  MethodRegistry registry;
  HttpServer server(registry, HttpServerOptions{});
  server.add_get("/events", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/event-stream", [](size_t, httplib::DataSink& sink) {
      const std::string line = "data: streamed\n\n";
      sink.write(line.data(), line.size());
      sink.done();
      return true;
    });
  });
  ASSERT_TRUE(server.start().is_ok());
  httplib::Client cli("127.0.0.1", server.port());
  auto res = cli.Get("/events", httplib::Headers{{"Origin", "http://explorer.example"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "data: streamed\n\n");
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "*");
  server.stop();
}

TEST_F(HttpServerTest, ConcurrentClients) {
  start();
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      auto cli = client();
      for (int i = 0; i < 100; ++i) {
        std::string id = std::to_string(t * 1000 + i);
        auto res = cli->Post("/rpc", echo_request(id, id), kJson);
        if (!res || res->body != R"({"jsonrpc":"2.0","result":)" + id + R"(,"id":)" + id + "}")
          ++bad;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(bad, 0);
}

TEST_F(HttpServerTest, StopFromAnotherThreadIsClean) {
  start();
  int port = server_->port();
  {
    auto cli = client();
    ASSERT_TRUE(cli->Post("/rpc", echo_request("1", "1"), kJson));
  }
  auto begin = std::chrono::steady_clock::now();
  std::thread stopper([this] { server_->stop(); });
  stopper.join();
  server_->stop();  // idempotent
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(3));
  httplib::Client late("127.0.0.1", port);
  late.set_connection_timeout(std::chrono::milliseconds(300));
  EXPECT_FALSE(late.Get("/health"));
}

TEST_F(HttpServerTest, BindFailureAndStopWithoutStart) {
  server_->stop();  // never started: a no-op
  start();
  HttpServerOptions taken;
  taken.port = server_->port();
  HttpServer second(registry_, taken);
  auto st = second.start();
  EXPECT_FALSE(st.is_ok());
  EXPECT_EQ(st.code(), core::Code::io);
  EXPECT_EQ(second.port(), 0);
}

}  // namespace
}  // namespace grid::rpc
