// HttpServer: the node's HTTP front door, over cpp-httplib (tuned per TOOLCHAIN.md traps 2-3).
//
// Routes:
// - POST /rpc: the body goes to MethodRegistry::handle_request_body. Content-Type must be
//   application/json (parameters such as charset allowed) or absent/empty, else 415 with a
//   -32600 body (note: httplib::Client sends text/plain unless told the type). 200 with the JSON
//   response, or 204 when there is nothing to answer (notifications). A body over
//   options.max_body_bytes (Content-Length or chunked) gets 413 and a -32600 body; the bytes
//   past the limit are read and dropped, never stored. An unreadable body gets 400.
// - GET /health: 200 "ok" when the liveness callback says live (or none is set), else 503.
// - GET /metrics: the metrics callback's Prometheus text followed by RpcMetrics::render().
// - Other origins: every answer on /rpc and /events carries Access-Control-Allow-Origin: *, and
//   OPTIONS /rpc answers the CORS preflight (204, POST, Content-Type), so the explorer or a wallet
//   page hosted elsewhere can use the node.
// - serve_directory(dir): static files under / (the explorer); add_get(pattern, handler): more
//   GET routes (the /events feed). Handlers that throw get a bare 500.
//
// Contract:
// - Configure (set_*, serve_directory, add_get) before start(); not while serving.
// - start() binds options.host:options.port (port 0: an ephemeral port, see port()) and serves
//   on a background thread with a pool of options.threads workers; it returns once the server
//   accepts connections, or Code::io when it cannot bind. Start at most once.
// - stop() may be called from any thread, more than once; it returns when the serving thread
//   has ended. Each open keep-alive connection holds one pool thread until it closes or has been
//   idle for keep_alive_timeout, so stop() can take up to that long while clients stay
//   connected. The destructor stops.
// - The registry, and whatever the callbacks use, must outlive the server.
// - Tuning (TOOLCHAIN.md trap 3): TCP_NODELAY on, keep-alive max count raised, SO_REUSEADDR
//   only (httplib's default SO_REUSEPORT would let a second server share the port).
// Thread safety: handlers run on pool threads concurrently; callbacks must be thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/status.hpp"
#include "rpc/http_metrics.hpp"
#include "rpc/jsonrpc.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace grid::rpc {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  std::size_t threads = 8;
  std::size_t keep_alive_max_count = 1'000'000;
  std::chrono::seconds keep_alive_timeout{5};
  std::chrono::seconds read_timeout{5};
  std::chrono::seconds write_timeout{5};
  std::size_t max_body_bytes = kMaxRequestBytes;
};

class HttpServer {
 public:
  using GetHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

  HttpServer(const MethodRegistry& registry, HttpServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  void set_liveness(std::function<bool()> is_live);
  void set_metrics_source(std::function<std::string()> prometheus_text);
  // Also told about every call (e.g. to log the hidden failure behind a -32603).
  void set_call_observer(CallObserver observer);
  // Serves the files of `dir` at /; false when `dir` is not a directory.
  bool serve_directory(const std::string& dir);
  void add_get(const std::string& pattern, GetHandler handler);

  core::Status start();
  void stop();
  int port() const;  // the bound port once started, else 0
  const RpcMetrics& metrics() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace grid::rpc
