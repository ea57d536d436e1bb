// RpcFixture: a GoogleTest fixture for JSON-RPC method tests: a MethodRegistry the test fills,
// one-call helpers (the whole response, the result of a call that must succeed, the error code
// of a call that must fail) and tolerant field readers that turn a missing or mistyped field
// into a value the assertion then rejects.
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>

#include "rpc/jsonrpc.hpp"

namespace grid::testing {

class RpcFixture : public ::testing::Test {
 protected:
  using Document = rapidjson::Document;
  using Value = rapidjson::Value;

  // The whole response to one call with id 1 (params: a JSON text, or "" for none).
  Document call(const std::string& method, const std::string& params = "") {
    std::string body = R"({"jsonrpc":"2.0","id":1,"method":")" + method + "\"";
    if (!params.empty()) body += ",\"params\":" + params;
    body += "}";
    return parse(registry_.handle_request_body(body));
  }
  static Document parse(const std::string& text) {
    Document doc;
    doc.Parse(text.c_str());
    EXPECT_FALSE(doc.HasParseError()) << text;
    return doc;
  }
  // The result of a call that must succeed.
  Document result(const std::string& method, const std::string& params = "") {
    Document response = call(method, params);
    Document out;
    if (!response.IsObject() || !response.HasMember("result")) {
      ADD_FAILURE() << method << " " << params << " failed: " << to_text(response);
      return out;
    }
    out.CopyFrom(response["result"], out.GetAllocator());
    return out;
  }
  // The error code of a call that must fail (0 when it did not).
  int error_code(const std::string& method, const std::string& params = "") {
    Document response = call(method, params);
    if (!response.IsObject() || !response.HasMember("error")) {
      ADD_FAILURE() << method << " " << params << " did not fail: " << to_text(response);
      return 0;
    }
    const Value& code = response["error"]["code"];
    return code.IsInt() ? code.GetInt() : 0;
  }
  static std::string to_text(const Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return buffer.GetString();
  }
  static std::string str(const Value& v, const char* key) {
    if (!v.IsObject() || !v.HasMember(key) || !v[key].IsString()) return "<no string>";
    return v[key].GetString();
  }
  static std::uint64_t num(const Value& v, const char* key) {
    if (!v.IsObject() || !v.HasMember(key) || !v[key].IsUint64()) return 999'999;
    return v[key].GetUint64();
  }
  static bool is_null(const Value& v, const char* key) {
    return v.IsObject() && v.HasMember(key) && v[key].IsNull();
  }

  rpc::MethodRegistry registry_;
};

}  // namespace grid::testing
