#include "tools/client/rpc_client.hpp"

#include <httplib.h>
#include <rapidjson/error/en.h>

#include <charconv>
#include <cstdio>

namespace grid::tools {
namespace {

const rapidjson::Value* member(const rapidjson::Value& v, std::string_view name) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(rapidjson::StringRef(name.data(), name.size()));
  return it == v.MemberEnd() ? nullptr : &it->value;
}

RpcError read_error(const rapidjson::Value& e) {
  RpcError out;
  if (auto* code = member(e, "code"); code && code->IsInt()) out.code = code->GetInt();
  if (auto* msg = member(e, "message"); msg && msg->IsString()) out.message = msg->GetString();
  if (auto* data = member(e, "data"))
    if (auto* reason = member(*data, "reason"); reason && reason->IsString())
      out.reason = reason->GetString();
  return out;
}

// Files one response object under its id; false when it is not a response to calls [0, count).
bool file_response(const rapidjson::Value& r, std::size_t count,
                   std::vector<const rapidjson::Value*>& results, std::vector<RpcError>& errors,
                   std::vector<bool>& seen) {
  auto* id = member(r, "id");
  if (!id || !id->IsUint64() || id->GetUint64() >= count) return false;
  std::size_t i = id->GetUint64();
  seen[i] = true;
  if (auto* result = member(r, "result")) {
    results[i] = result;
    return true;
  }
  auto* error = member(r, "error");
  if (!error) return false;
  errors[i] = read_error(*error);
  return true;
}

}  // namespace

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string rpc_request_body(std::span<const RpcCall> calls) {
  std::string body;
  if (calls.size() != 1) body += '[';
  for (std::size_t i = 0; i < calls.size(); ++i) {
    if (i) body += ',';
    body += R"({"jsonrpc":"2.0","method":)" + json_quote(calls[i].method) + R"(,"params":)" +
            calls[i].params_json + R"(,"id":)" + std::to_string(i) + "}";
  }
  if (calls.size() != 1) body += ']';
  return body;
}

core::Result<RpcReply> parse_rpc_reply(std::string_view body, std::size_t count) {
  RpcReply reply;
  reply.doc_ = std::make_shared<rapidjson::Document>();
  rapidjson::Document& doc = *reply.doc_;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError())
    return core::Status::invalid(std::string("reply is not JSON: ") +
                                 rapidjson::GetParseError_En(doc.GetParseError()) + " at byte " +
                                 std::to_string(doc.GetErrorOffset()));
  reply.results_.assign(count, nullptr);
  reply.errors_.assign(count, RpcError{});
  std::vector<bool> seen(count, false);
  const rapidjson::Value* top_id = member(doc, "id");
  if (doc.IsObject() && !(top_id && top_id->IsUint64())) {
    // A request-level error (id null), e.g. a refused batch: it answers every call.
    auto* error = member(doc, "error");
    if (!error) return core::Status::invalid("reply has neither a usable id nor an error");
    for (auto& e : reply.errors_) e = read_error(*error);
    return reply;
  }
  bool filed = true;
  if (doc.IsArray()) {
    for (const auto& r : doc.GetArray())
      filed = file_response(r, count, reply.results_, reply.errors_, seen) && filed;
  } else {
    filed = file_response(doc, count, reply.results_, reply.errors_, seen);
  }
  if (!filed) return core::Status::invalid("reply holds a response that answers no call");
  for (std::size_t i = 0; i < count; ++i)
    if (!seen[i]) reply.errors_[i] = RpcError{-32603, "no reply for this call", "no_reply"};
  return reply;
}

core::Result<std::uint64_t> json_u64_member(const rapidjson::Value& v, std::string_view name) {
  auto* m = member(v, name);
  if (!m) return core::Status::invalid("result has no '" + std::string(name) + "'");
  if (m->IsUint64()) return m->GetUint64();
  if (m->IsString()) {
    std::string_view s(m->GetString(), m->GetStringLength());
    std::uint64_t out = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (!s.empty() && ec == std::errc() && end == s.data() + s.size()) return out;
  }
  return core::Status::invalid("'" + std::string(name) + "' is not an unsigned integer");
}

core::Result<std::string> json_string_member(const rapidjson::Value& v, std::string_view name) {
  auto* m = member(v, name);
  if (!m || !m->IsString())
    return core::Status::invalid("result has no string '" + std::string(name) + "'");
  return std::string(m->GetString(), m->GetStringLength());
}

RpcClient::RpcClient(std::vector<RpcEndpoint> endpoints, std::size_t first,
                     std::chrono::milliseconds timeout)
    : endpoints_(std::move(endpoints)), current_(first % endpoints_.size()), timeout_(timeout) {
  connect();
}

RpcClient::~RpcClient() = default;

void RpcClient::connect() {
  const RpcEndpoint& e = endpoints_[current_];
  http_ = std::make_unique<httplib::Client>(e.host, e.port);
  http_->set_tcp_nodelay(true);  // TOOLCHAIN.md trap 3
  http_->set_keep_alive(true);
  http_->set_connection_timeout(timeout_);
  http_->set_read_timeout(timeout_);
  http_->set_write_timeout(timeout_);
}

core::Result<RpcReply> RpcClient::send(std::span<const RpcCall> calls) {
  std::string body = rpc_request_body(calls);
  auto res = http_->Post("/rpc", body, "application/json");
  std::string failure;
  if (!res)
    failure = httplib::to_string(res.error());
  else if (res->status != 200)
    failure = "HTTP " + std::to_string(res->status) + ": " + res->body.substr(0, 200);
  if (!failure.empty()) {
    std::string where = endpoint().url();
    current_ = (current_ + 1) % endpoints_.size();
    connect();
    return core::Status::io(where + ": " + failure);
  }
  auto reply = parse_rpc_reply(res->body, calls.size());
  if (!reply) return core::Status::invalid(endpoint().url() + ": " + reply.error().message());
  return reply;
}

core::Result<RpcReply> RpcClient::call(std::string method, std::string params_json) {
  RpcCall one{std::move(method), std::move(params_json)};
  GRID_ASSIGN(RpcReply reply, send(std::span<const RpcCall>(&one, 1)));
  if (!reply.ok(0)) {
    const RpcError& e = reply.error(0);
    return core::Status::invalid(one.method + ": " + (e.reason.empty() ? "" : e.reason + ": ") +
                                 e.message + " (code " + std::to_string(e.code) + ")");
  }
  return reply;
}

}  // namespace grid::tools
