// A small JSON-RPC 2.0 client for the command-line tools (gridload, gridcli, gridagent): request
// bodies, reply parsing, and one keep-alive HTTP connection (cpp-httplib, TCP_NODELAY on) that
// fails over between several nodes.
//
// Contract:
// - rpc_request_body writes one request object for one call, else a batch array; call i gets
//   id i. params_json must be one JSON object or array, already serialized (json_quote helps).
// - parse_rpc_reply reads the body answering `count` calls made by rpc_request_body and files
//   each reply under its id; an id missing from a batch reply is an error for that call
//   ("no reply"). A body that is not JSON-RPC at all is Code::invalid.
// - RpcClient owns its connection; it is NOT thread-safe: one client per thread. send() returns
//   Code::io on a transport failure (connection refused, reset, timeout, non-200 status) and
//   then moves to the next URL, so the caller just retries. Replies hold their own document.
#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "tools/client/endpoint.hpp"

namespace httplib {
class Client;
}

namespace grid::tools {

struct RpcCall {
  std::string method;
  std::string params_json;  // "{...}" or "[...]"
};

struct RpcError {
  int code = 0;
  std::string message;
  std::string reason;  // error.data.reason, or "" when absent
};

class RpcReply {
 public:
  std::size_t size() const { return results_.size(); }
  bool ok(std::size_t i) const { return results_[i] != nullptr; }
  // The result of call i; only when ok(i).
  const rapidjson::Value& result(std::size_t i) const { return *results_[i]; }
  // The error of call i; only when !ok(i).
  const RpcError& error(std::size_t i) const { return errors_[i]; }

 private:
  friend core::Result<RpcReply> parse_rpc_reply(std::string_view body, std::size_t count);
  std::shared_ptr<rapidjson::Document> doc_;
  std::vector<const rapidjson::Value*> results_;
  std::vector<RpcError> errors_;
};

std::string json_quote(std::string_view text);  // "text" with JSON escapes
std::string rpc_request_body(std::span<const RpcCall> calls);
core::Result<RpcReply> parse_rpc_reply(std::string_view body, std::size_t count);

// Typed readers of a result member, for the replies the tools read.
core::Result<std::uint64_t> json_u64_member(const rapidjson::Value& v, std::string_view name);
core::Result<std::string> json_string_member(const rapidjson::Value& v, std::string_view name);

class RpcClient {
 public:
  RpcClient(std::vector<RpcEndpoint> endpoints, std::size_t first,
            std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~RpcClient();
  RpcClient(const RpcClient&) = delete;
  RpcClient& operator=(const RpcClient&) = delete;

  core::Result<RpcReply> send(std::span<const RpcCall> calls);
  // One call; its JSON-RPC error becomes Code::invalid "method: reason: message".
  core::Result<RpcReply> call(std::string method, std::string params_json);
  const RpcEndpoint& endpoint() const { return endpoints_[current_]; }

 private:
  void connect();
  std::vector<RpcEndpoint> endpoints_;
  std::size_t current_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<httplib::Client> http_;
};

}  // namespace grid::tools
