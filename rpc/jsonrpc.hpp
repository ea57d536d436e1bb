// The transport-independent JSON-RPC 2.0 core: a registry of methods and the request-body
// handler that implements the whole JSON-RPC 2.0 specification over it.
//
// Contract:
// - handle_request_body(body) returns the response body, or "" when there is nothing to send
//   (a notification, or a batch of only notifications: HTTP 204). It never throws or crashes on
//   any input. A body over limits.max_body_bytes is refused with -32600 before parsing; JSON
//   nested deeper than limits.max_depth or otherwise malformed gets -32700 (id null); a batch
//   with more than limits.max_batch entries gets one -32600; an empty batch gets one -32600.
// - Requests: "jsonrpc" must be "2.0", "method" a string, "params" (optional) an array or an
//   object, "id" (optional) a string, number or null. An id is echoed as written (numbers are
//   re-serialized by RapidJSON: 1.50 comes back as 1.5). A request without "id" is a
//   notification: it runs, but gets no response, even on error. An invalid request is answered
//   with its id when that id is well-typed, else null.
// - Errors (error_from_status): a handler's core::Status maps to
//     Code::invalid with reason "invalid_params" -> -32602 "Invalid params: <detail>"
//     Code::invalid (a ledger refusal)          -> -32000 "<message>", data.reason = reason
//     Code::not_found                           -> -32001 "<message>", data.reason "not_found"
//     any other code (a node failure)           -> -32603 "Internal error" (no details)
//   and a handler that throws is also -32603.
// - Response members are written in the order jsonrpc, result | error, id.
// Thread safety: add()/add_raw() only while building, before serving. Once built,
// handle_request_body is const and safe to call from many threads at once; handlers (and the
// observer) are then called concurrently and must be thread-safe themselves.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "rpc/json_writer.hpp"
#include "rpc/jsonrpc_params.hpp"

namespace grid::rpc {

inline constexpr std::size_t kMaxRequestBytes = std::size_t{1} << 20;  // API.md: 1 MiB

namespace error_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int refused = -32000;    // a refusal; data.reason says which
inline constexpr int not_found = -32001;  // data.reason "not_found"
}  // namespace error_code

inline constexpr std::string_view kResponseTooLarge = "response_too_large";

struct RpcError {
  int code = 0;
  std::string message;
  std::string reason;  // data.reason; empty for the standard -327xx/-326xx errors
};

// The error object for a failed handler (see the contract). `status` must be an error.
RpcError error_from_status(const core::Status& status);

// A whole response body for `error` with id null (e.g. a transport's refusal).
std::string error_response_body(const RpcError& error);

using Handler = std::function<core::Result<JsonText>(const Params&)>;

// Told once per call, including notifications and refused requests.
struct CallInfo {
  std::string_view method;  // the registered method called, or "" (unknown or unreadable)
  int code = 0;             // 0 on success, else the JSON-RPC error code
  const core::Status* failure = nullptr;  // the hidden node failure behind a -32603, if any
};
using CallObserver = std::function<void(const CallInfo&)>;

class MethodRegistry {
 public:
  struct Limits {
    std::size_t max_body_bytes = kMaxRequestBytes;
    unsigned max_depth = 64;
    std::size_t max_batch = 1000;
    // Once a batch's responses pass this size, its remaining requests are not run: each gets
    // -32000 with data.reason "response_too_large" (ask for them in smaller batches).
    std::size_t max_response_bytes = 16u << 20;
  };

  MethodRegistry() = default;
  explicit MethodRegistry(Limits limits) : limits_(limits) {}

  // Registers `name` with its parameter names (in positional order). Refuses (Code::invalid) an
  // empty name, a name starting with "rpc." (reserved by the spec), a name already registered,
  // or an empty or repeated parameter name.
  core::Status add(std::string name, std::vector<std::string> param_names, Handler handler);
  // A method whose params are not checked: the handler reads Params::all() itself.
  core::Status add_raw(std::string name, Handler handler);

  bool contains(std::string_view name) const { return methods_.find(name) != methods_.end(); }
  std::vector<std::string> method_names() const;
  const Limits& limits() const { return limits_; }

  std::string handle_request_body(std::string_view body,
                                  const CallObserver* observer = nullptr) const;

 private:
  struct Method {
    std::vector<std::string> param_names;
    bool raw = false;
    Handler handler;
  };
  class Dispatch;
  core::Status insert(std::string name, Method method);

  Limits limits_;
  std::map<std::string, Method, std::less<>> methods_;
};

}  // namespace grid::rpc
