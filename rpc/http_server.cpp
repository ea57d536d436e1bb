#include "rpc/http_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <mutex>
#include <thread>
#include <utility>

namespace grid::rpc {
namespace {

using core::Status;

constexpr const char* kJsonType = "application/json";

// The paths a page of another origin may use (the explorer hosted elsewhere): every answer on
// them carries Access-Control-Allow-Origin: *, and OPTIONS /rpc answers the CORS preflight.
bool cross_origin_path(const std::string& path) {
  return path == "/rpc" || path == "/events";
}

void answer_preflight(httplib::Response& res) {
  res.status = 204;
  res.set_header("Access-Control-Allow-Methods", "POST, OPTIONS");
  res.set_header("Access-Control-Allow-Headers", "Content-Type");
  res.set_header("Access-Control-Max-Age", "86400");
}

// The media type of a Content-Type value, lowercased, without parameters or spaces.
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  type.erase(std::remove_if(type.begin(), type.end(),
                            [](unsigned char c) { return std::isspace(c) != 0; }),
             type.end());
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

// A -32600 response body for a request refused before it reached the registry.
std::string transport_refusal(std::string_view why) {
  return error_response_body(
      {error_code::invalid_request, "Invalid Request: " + std::string(why), {}});
}

// Reads a request body of at most `max` bytes into `body`. httplib 0.11.4 bounds a
// Content-Length body (413) but not a chunked one: bytes past the limit are read and dropped,
// which keeps the connection in sync while storing nothing more.
bool read_bounded(const httplib::ContentReader& reader, std::size_t max, std::string& body,
                  bool& too_large) {
  return reader([&](const char* data, std::size_t size) {
    if (!too_large && size <= max - body.size()) {
      body.append(data, size);
    } else {
      too_large = true;
      std::string().swap(body);
    }
    return true;
  });
}

}  // namespace

struct HttpServer::Impl {
  Impl(const MethodRegistry& r, HttpServerOptions o) : registry(r), options(std::move(o)) {}

  void handle_rpc(const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader);
  void handle_health(httplib::Response& res) const;
  void handle_metrics(httplib::Response& res) const;

  const MethodRegistry& registry;
  HttpServerOptions options;
  httplib::Server server;
  RpcMetrics metrics;
  std::function<bool()> is_live;
  std::function<std::string()> metrics_source;
  CallObserver user_observer;
  CallObserver observer;  // metrics, then user_observer
  std::mutex stop_mutex;  // serializes stop() callers around the join
  std::thread thread;
  std::atomic<bool> serving_done{false};
  bool started = false;
  int port = 0;
};

void HttpServer::Impl::handle_rpc(const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader) {
  auto begin = std::chrono::steady_clock::now();
  std::string body;
  bool too_large = false;
  bool read_ok = read_bounded(reader, options.max_body_bytes, body, too_large);
  too_large = too_large || res.status == 413;  // httplib's own check of Content-Length
  std::string type = media_type(req.get_header_value("Content-Type"));
  auto refuse = [&](int status, std::string_view why) {
    metrics.record_call("", error_code::invalid_request);
    res.status = status;
    res.set_content(transport_refusal(why), kJsonType);
  };
  if (too_large) {
    refuse(413, "body over " + std::to_string(options.max_body_bytes) + " bytes");
  } else if (!read_ok) {
    refuse(400, "the body could not be read");
  } else if (!type.empty() && type != kJsonType) {
    refuse(415, "Content-Type must be application/json");
  } else {
    body = registry.handle_request_body(body, &observer);
    res.status = body.empty() ? 204 : 200;
    if (!body.empty()) res.set_content(std::move(body), kJsonType);
  }
  metrics.record_request(std::chrono::steady_clock::now() - begin);
}

void HttpServer::Impl::handle_health(httplib::Response& res) const {
  bool live = !is_live || is_live();
  res.status = live ? 200 : 503;
  res.set_content(live ? "ok" : "not live", "text/plain");
}

void HttpServer::Impl::handle_metrics(httplib::Response& res) const {
  std::string text = metrics_source ? metrics_source() : std::string();
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += metrics.render();
  res.status = 200;
  res.set_content(std::move(text), "text/plain; version=0.0.4; charset=utf-8");
}

HttpServer::HttpServer(const MethodRegistry& registry, HttpServerOptions options)
    : impl_(std::make_unique<Impl>(registry, std::move(options))) {
  Impl& impl = *impl_;
  impl.observer = [&impl](const CallInfo& call) {
    impl.metrics.record_call(call.method, call.code);
    if (impl.user_observer) impl.user_observer(call);
  };
  impl.server.Post(
      "/rpc", [&impl](const httplib::Request& req, httplib::Response& res,
                      const httplib::ContentReader& reader) { impl.handle_rpc(req, res, reader); });
  impl.server.Options(
      "/rpc", [](const httplib::Request&, httplib::Response& res) { answer_preflight(res); });
  // Runs before the status line and headers are written, for routed and streamed answers alike.
  impl.server.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (cross_origin_path(req.path)) res.set_header("Access-Control-Allow-Origin", "*");
  });
  impl.server.Get("/health", [&impl](const httplib::Request&, httplib::Response& res) {
    impl.handle_health(res);
  });
  impl.server.Get("/metrics", [&impl](const httplib::Request&, httplib::Response& res) {
    impl.handle_metrics(res);
  });
  impl.server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content("internal error", "text/plain");
      });
}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::set_liveness(std::function<bool()> is_live) {
  impl_->is_live = std::move(is_live);
}

void HttpServer::set_metrics_source(std::function<std::string()> prometheus_text) {
  impl_->metrics_source = std::move(prometheus_text);
}

void HttpServer::set_call_observer(CallObserver observer) {
  impl_->user_observer = std::move(observer);
}

bool HttpServer::serve_directory(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return false;
  return impl_->server.set_mount_point("/", dir);
}

void HttpServer::add_get(const std::string& pattern, GetHandler handler) {
  impl_->server.Get(pattern, std::move(handler));
}

Status HttpServer::start() {
  Impl& impl = *impl_;
  if (impl.started) return Status::internal("HttpServer started twice");
  const HttpServerOptions& o = impl.options;
  std::size_t threads = std::max<std::size_t>(1, o.threads);
  impl.server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl.server.set_tcp_nodelay(true);
  impl.server.set_keep_alive_max_count(o.keep_alive_max_count);
  impl.server.set_keep_alive_timeout(o.keep_alive_timeout.count());
  impl.server.set_read_timeout(o.read_timeout);
  impl.server.set_write_timeout(o.write_timeout);
  impl.server.set_payload_max_length(o.max_body_bytes);
  // httplib's default sets SO_REUSEPORT, which would let a second server share our port.
  impl.server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });

  int bound = o.port == 0 ? impl.server.bind_to_any_port(o.host)
                          : (impl.server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (bound < 0)
    return Status::io("cannot bind " + o.host + ":" + std::to_string(o.port) +
                      " for the HTTP server");
  impl.started = true;
  impl.port = bound;
  impl.thread = std::thread([&impl] {
    impl.server.listen_after_bind();
    impl.serving_done = true;
  });
  // stop() only acts on a running server: wait until the accept loop runs.
  while (!impl.server.is_running() && !impl.serving_done)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return Status::ok();
}

void HttpServer::stop() {
  Impl& impl = *impl_;
  std::lock_guard lock(impl.stop_mutex);
  if (!impl.started) return;
  impl.server.stop();
  if (impl.thread.joinable() && impl.thread.get_id() != std::this_thread::get_id())
    impl.thread.join();
}

int HttpServer::port() const {
  return impl_->started ? impl_->port : 0;
}

const RpcMetrics& HttpServer::metrics() const {
  return impl_->metrics;
}

}  // namespace grid::rpc
