#include "rpc/jsonrpc.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include "ledger/refusal.hpp"

namespace grid::rpc {
namespace {

using core::Status;

std::string_view string_of(const JsonValue& value) {
  return {value.GetString(), value.GetStringLength()};
}

bool is_valid_id(const JsonValue& id) {
  return id.IsString() || id.IsNumber() || id.IsNull();
}

// A stable reason is a non-empty snake_case word; anything else is reported as invalid_input.
bool is_reason_word(std::string_view reason) {
  return !reason.empty() && std::all_of(reason.begin(), reason.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

void write_envelope_start(JsonWriter& w) {
  w.StartObject();
  write_key(w, "jsonrpc");
  write_string(w, "2.0");
}

void write_envelope_end(JsonWriter& w, const JsonValue* id) {
  write_key(w, "id");
  if (id != nullptr) {
    id->Accept(w);
  } else {
    w.Null();
  }
  w.EndObject();
}

void write_error(JsonWriter& w, const RpcError& error, const JsonValue* id) {
  write_envelope_start(w);
  write_key(w, "error");
  w.StartObject();
  write_key(w, "code");
  w.Int(error.code);
  write_key(w, "message");
  write_string(w, error.message);
  if (!error.reason.empty()) {
    write_key(w, "data");
    w.StartObject();
    write_key(w, "reason");
    write_string(w, error.reason);
    w.EndObject();
  }
  w.EndObject();
  write_envelope_end(w, id);
}

void write_result(JsonWriter& w, const JsonText& result, const JsonValue* id) {
  write_envelope_start(w);
  write_key(w, "result");
  if (result.text.empty()) {
    w.Null();
  } else {
    w.RawValue(result.text.data(), result.text.size(), rapidjson::kObjectType);
  }
  write_envelope_end(w, id);
}

RpcError invalid_request(std::string_view why) {
  return {error_code::invalid_request, "Invalid Request: " + std::string(why), {}};
}

}  // namespace

std::string error_response_body(const RpcError& error) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  write_error(w, error, nullptr);
  return {buffer.GetString(), buffer.GetSize()};
}

RpcError error_from_status(const Status& status) {
  switch (status.code()) {
    case core::Code::invalid: {
      std::string_view reason = ledger::refusal_reason(status);
      if (reason == kInvalidParamsReason)
        return {error_code::invalid_params,
                "Invalid params: " + std::string(ledger::refusal_detail(status)),
                {}};
      std::string stable(is_reason_word(reason) ? reason : ledger::reason::invalid_input);
      return {error_code::refused, status.message(), std::move(stable)};
    }
    case core::Code::not_found:
      return {error_code::not_found, status.message(), std::string(ledger::reason::not_found)};
    default:
      return {error_code::internal_error, "Internal error", {}};
  }
}

// One request body's worth of work: checks and runs each request, writes the responses and
// tells the observer about every call.
class MethodRegistry::Dispatch {
 public:
  Dispatch(const MethodRegistry& registry, const CallObserver* observer)
      : registry_(registry), observer_(observer) {}

  void observe(std::string_view method, int code, const Status* failure = nullptr) const {
    if (observer_ != nullptr && *observer_) (*observer_)(CallInfo{method, code, failure});
  }

  std::string refuse(const RpcError& error) const {
    observe("", error.code);
    return error_response_body(error);
  }

  // A request of a batch whose answers already passed max_response_bytes: not run.
  bool too_large(const JsonValue& request, JsonWriter& w) const {
    const JsonValue* id = request.IsObject() ? find_member(request, "id") : nullptr;
    observe("", error_code::refused);
    if (request.IsObject() && id == nullptr) return false;  // a notification: no answer
    if (id != nullptr && !is_valid_id(*id)) id = nullptr;
    write_error(w,
                {error_code::refused,
                 "response_too_large: the batch's answers passed " +
                     std::to_string(registry_.limits_.max_response_bytes) +
                     " bytes; send the rest in a smaller batch",
                 std::string(kResponseTooLarge)},
                id);
    return true;
  }

  // Handles one request; writes its response to `w` and returns true unless it is a
  // notification.
  bool handle(const JsonValue& request, JsonWriter& w) const {
    if (!request.IsObject()) return invalid(w, nullptr, "not an object");
    const JsonValue* id = find_member(request, "id");
    if (id != nullptr && !is_valid_id(*id))
      return invalid(w, nullptr, "\"id\" must be a string, a number or null");
    const JsonValue* version = find_member(request, "jsonrpc");
    if (version == nullptr || !version->IsString() || string_of(*version) != "2.0")
      return invalid(w, id, "\"jsonrpc\" must be \"2.0\"");
    const JsonValue* method = find_member(request, "method");
    if (method == nullptr || !method->IsString())
      return invalid(w, id, "\"method\" must be a string");
    const JsonValue* params = find_member(request, "params");
    if (params != nullptr && !params->IsArray() && !params->IsObject())
      return invalid(w, id, "\"params\" must be an array or an object");

    auto found = registry_.methods_.find(string_of(*method));
    if (found == registry_.methods_.end()) {
      observe("", error_code::method_not_found);
      if (id == nullptr) return false;
      write_error(w, {error_code::method_not_found, "Method not found", {}}, id);
      return true;
    }
    const std::string& name = found->first;
    core::Result<JsonText> result = call(found->second, Params(params, found->second.param_names));
    if (result.is_ok()) {
      observe(name, 0);
      if (id == nullptr) return false;
      write_result(w, *result, id);
      return true;
    }
    RpcError error = error_from_status(result.error());
    bool hidden = error.code == error_code::internal_error;
    observe(name, error.code, hidden ? &result.error() : nullptr);
    if (id == nullptr) return false;
    write_error(w, error, id);
    return true;
  }

 private:
  bool invalid(JsonWriter& w, const JsonValue* id, std::string_view why) const {
    observe("", error_code::invalid_request);
    write_error(w, invalid_request(why), id);
    return true;
  }

  static core::Result<JsonText> call(const Method& method, const Params& params) {
    if (!method.raw) GRID_TRY(params.check_shape());
    try {
      return method.handler(params);
    } catch (const std::exception& e) {
      return Status::internal(std::string("handler threw: ") + e.what());
    } catch (...) {
      return Status::internal("handler threw");
    }
  }

  const MethodRegistry& registry_;
  const CallObserver* observer_;
};

Status MethodRegistry::insert(std::string name, Method method) {
  if (name.empty()) return Status::invalid("empty method name");
  if (name.rfind("rpc.", 0) == 0) return Status::invalid("method names \"rpc.*\" are reserved");
  if (methods_.count(name) != 0) return Status::invalid("method " + name + " already registered");
  if (!method.handler) return Status::invalid("method " + name + " has no handler");
  auto& names = method.param_names;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) return Status::invalid("method " + name + ": empty param name");
    if (std::find(names.begin(), names.begin() + i, names[i]) != names.begin() + i)
      return Status::invalid("method " + name + ": param " + names[i] + " given twice");
  }
  methods_.emplace(std::move(name), std::move(method));
  return Status::ok();
}

Status MethodRegistry::add(std::string name, std::vector<std::string> param_names,
                           Handler handler) {
  return insert(std::move(name), Method{std::move(param_names), false, std::move(handler)});
}

Status MethodRegistry::add_raw(std::string name, Handler handler) {
  return insert(std::move(name), Method{{}, true, std::move(handler)});
}

std::vector<std::string> MethodRegistry::method_names() const {
  std::vector<std::string> names;
  names.reserve(methods_.size());
  for (const auto& entry : methods_) names.push_back(entry.first);
  return names;
}

std::string MethodRegistry::handle_request_body(std::string_view body,
                                                const CallObserver* observer) const {
  Dispatch dispatch(*this, observer);
  try {
    if (body.size() > limits_.max_body_bytes)
      return dispatch.refuse(
          invalid_request("body over " + std::to_string(limits_.max_body_bytes) + " bytes"));
    auto doc = parse_json_strict(body, limits_.max_depth);
    if (!doc)
      return dispatch.refuse(
          {error_code::parse_error, "Parse error: " + doc.error().message(), {}});
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    bool any = false;
    if (!doc->IsArray()) {
      any = dispatch.handle(*doc, w);
    } else if (doc->Empty()) {
      return dispatch.refuse(invalid_request("empty batch"));
    } else if (doc->Size() > limits_.max_batch) {
      return dispatch.refuse(
          invalid_request("batch of more than " + std::to_string(limits_.max_batch) + " requests"));
    } else {
      w.StartArray();
      for (const auto& request : doc->GetArray()) {
        if (buffer.GetSize() > limits_.max_response_bytes)
          any = dispatch.too_large(request, w) || any;
        else
          any = dispatch.handle(request, w) || any;
      }
      w.EndArray();
    }
    if (!any) return {};
    return {buffer.GetString(), buffer.GetSize()};
  } catch (...) {  // e.g. std::bad_alloc: answer without allocating much more
    return R"({"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal error"},"id":null})";
  }
}

}  // namespace grid::rpc
