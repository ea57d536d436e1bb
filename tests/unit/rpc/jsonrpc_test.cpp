// JSON-RPC 2.0 core: every example of the specification's section 7, params by name and by
// position, ids of every type, our error mapping (data.reason), the limits and hostile input.
#include "rpc/jsonrpc.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <atomic>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "ledger/refusal.hpp"

namespace grid::rpc {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

core::Result<JsonText> int_result(std::int64_t value) {
  JsonBuilder b;
  b.w().Int64(value);
  return b.finish();
}

// Sums every number of a positional params array (the spec's variadic "sum").
core::Result<JsonText> sum(const Params& p) {
  if (p.all() == nullptr || !p.all()->IsArray()) return invalid_params("expected an array");
  std::int64_t total = 0;
  for (const auto& v : p.all()->GetArray()) {
    if (!v.IsInt64()) return invalid_params("expected integers");
    total += v.GetInt64();
  }
  return int_result(total);
}

class JsonRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ok = [](core::Status st) { ASSERT_TRUE(st.is_ok()) << st.to_string(); };
    ok(registry_.add("subtract", {"minuend", "subtrahend"},
                     [](const Params& p) -> core::Result<JsonText> {
                       GRID_ASSIGN(auto minuend, p.get_u32("minuend"));
                       GRID_ASSIGN(auto subtrahend, p.get_u32("subtrahend"));
                       return int_result(std::int64_t{minuend} - std::int64_t{subtrahend});
                     }));
    ok(registry_.add_raw("sum", sum));
    ok(registry_.add_raw("update", [this](const Params&) { return count_call(); }));
    ok(registry_.add("notify_hello", {"n"}, [this](const Params&) { return count_call(); }));
    ok(registry_.add("get_data", {}, [](const Params&) {
      JsonBuilder b;
      b.w().StartArray();
      write_string(b.w(), "hello");
      b.w().Int(5);
      b.w().EndArray();
      return b.finish();
    }));
    ok(registry_.add("block_get", {"height", "hash"},
                     [](const Params& p) -> core::Result<JsonText> {
                       JsonBuilder b;
                       b.w().StartObject();
                       if (p.has("hash")) {
                         GRID_ASSIGN(auto hash, p.get_hash("hash"));
                         write_key(b.w(), "hash");
                         write_hash(b.w(), hash);
                       } else {
                         GRID_ASSIGN(auto height, p.get_u64("height"));
                         write_key(b.w(), "height");
                         write_u64(b.w(), height);
                       }
                       b.w().EndObject();
                       return b.finish();
                     }));
    ok(registry_.add("fail", {"how"}, [](const Params& p) -> core::Result<JsonText> {
      GRID_ASSIGN(auto how, p.get_string("how"));
      if (how == "refuse") return ledger::refuse(ledger::reason::insufficient_funds, "need 5");
      if (how == "not_found") return core::Status::not_found("no twin 7");
      if (how == "io") return core::Status::io("disk /secret/path failed");
      if (how == "free_text") return core::Status::invalid("Bad Thing happened");
      if (how == "undeclared") return p.get_u64("nope").status();
      if (how == "incomplete") {
        JsonBuilder b;
        b.w().StartArray();
        return b.finish();
      }
      throw std::runtime_error("boom /secret");
    }));
  }

  core::Result<JsonText> count_call() {
    ++calls_;
    return JsonText{"null"};
  }

  std::string call(std::string_view body) const { return registry_.handle_request_body(body); }

  MethodRegistry registry_;
  std::atomic<int> calls_{0};
};

// Parses a response and returns error.code (0 for a result).
int error_code_of(const rapidjson::Value& response) {
  if (!response.HasMember("error")) return 0;
  return response["error"]["code"].GetInt();
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  EXPECT_FALSE(doc.HasParseError()) << text;
  return doc;
}

TEST_F(JsonRpcTest, SpecPositionalParams) {
  EXPECT_EQ(call(R"({"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1})"),
            R"({"jsonrpc":"2.0","result":19,"id":1})");
  EXPECT_EQ(call(R"({"jsonrpc": "2.0", "method": "subtract", "params": [23, 42], "id": 2})"),
            R"({"jsonrpc":"2.0","result":-19,"id":2})");
}

TEST_F(JsonRpcTest, SpecNamedParams) {
  EXPECT_EQ(call(R"({"jsonrpc": "2.0", "method": "subtract",
                     "params": {"subtrahend": 23, "minuend": 42}, "id": 3})"),
            R"({"jsonrpc":"2.0","result":19,"id":3})");
  EXPECT_EQ(call(R"({"jsonrpc": "2.0", "method": "subtract",
                     "params": {"minuend": 42, "subtrahend": 23}, "id": 4})"),
            R"({"jsonrpc":"2.0","result":19,"id":4})");
}

TEST_F(JsonRpcTest, SpecNotificationsRunButGetNoResponse) {
  EXPECT_EQ(call(R"({"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]})"), "");
  EXPECT_EQ(calls_, 1);
  EXPECT_EQ(call(R"({"jsonrpc": "2.0", "method": "foobar"})"), "");
  // Even a failing notification is silent.
  EXPECT_EQ(call(R"({"jsonrpc": "2.0", "method": "subtract", "params": ["x"]})"), "");
}

TEST_F(JsonRpcTest, SpecMethodNotFound) {
  EXPECT_EQ(call(R"({"jsonrpc": "2.0", "method": "foobar", "id": "1"})"),
            R"({"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":"1"})");
}

TEST_F(JsonRpcTest, SpecInvalidJson) {
  auto doc = parse(call(R"({"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz])"));
  EXPECT_EQ(error_code_of(doc), -32700);
  EXPECT_THAT(doc["error"]["message"].GetString(), StartsWith("Parse error"));
  EXPECT_TRUE(doc["id"].IsNull());
}

TEST_F(JsonRpcTest, SpecInvalidRequestObject) {
  auto doc = parse(call(R"({"jsonrpc": "2.0", "method": 1, "params": "bar"})"));
  EXPECT_EQ(error_code_of(doc), -32600);
  EXPECT_TRUE(doc["id"].IsNull());
}

TEST_F(JsonRpcTest, SpecBatchInvalidJson) {
  auto doc = parse(call(R"([
    {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
    {"jsonrpc": "2.0", "method"
  ])"));
  ASSERT_TRUE(doc.IsObject());
  EXPECT_EQ(error_code_of(doc), -32700);
}

TEST_F(JsonRpcTest, SpecEmptyArrayIsOneError) {
  auto doc = parse(call("[]"));
  ASSERT_TRUE(doc.IsObject());
  EXPECT_EQ(error_code_of(doc), -32600);
  EXPECT_TRUE(doc["id"].IsNull());
}

TEST_F(JsonRpcTest, SpecInvalidBatches) {
  auto one = parse(call("[1]"));
  ASSERT_TRUE(one.IsArray());
  ASSERT_EQ(one.Size(), 1u);
  EXPECT_EQ(error_code_of(one[0]), -32600);
  auto three = parse(call("[1,2,3]"));
  ASSERT_TRUE(three.IsArray());
  ASSERT_EQ(three.Size(), 3u);
  for (const auto& r : three.GetArray()) {
    EXPECT_EQ(error_code_of(r), -32600);
    EXPECT_TRUE(r["id"].IsNull());
  }
}

TEST_F(JsonRpcTest, SpecMixedBatch) {
  std::string out = call(R"([
    {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
    {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},
    {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},
    {"foo": "boo"},
    {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
    {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
  ])");
  EXPECT_EQ(
      out,
      R"([{"jsonrpc":"2.0","result":7,"id":"1"},)"
      R"({"jsonrpc":"2.0","result":19,"id":"2"},)"
      R"({"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid Request: \"jsonrpc\" must be \"2.0\""},"id":null},)"
      R"({"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":"5"},)"
      R"({"jsonrpc":"2.0","result":["hello",5],"id":"9"}])");
  EXPECT_EQ(calls_, 1);
}

TEST_F(JsonRpcTest, SpecAllNotificationBatchHasNoResponse) {
  EXPECT_EQ(call(R"([{"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]},
                     {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}])"),
            "");
  EXPECT_EQ(calls_, 1);
}

TEST_F(JsonRpcTest, IdsOfEveryTypeEchoed) {
  for (std::string id : {R"("abc")", R"("")", R"("\u00e9\n")", "0", "7", "-3", "1.5",
                         "18446744073709551615", "-9223372036854775808", "null"}) {
    std::string out = call(R"({"jsonrpc":"2.0","method":"get_data","id":)" + id + "}");
    auto doc = parse(out);
    EXPECT_EQ(error_code_of(doc), 0) << out;
    std::string tail = R"(,"id":)" + id + "}";
    if (id == R"("\u00e9\n")") tail = ",\"id\":\"\xc3\xa9\\n\"}";  // re-escaped by the writer
    EXPECT_THAT(out, ::testing::EndsWith(tail)) << id;
  }
  // An id of the wrong type makes the request invalid, answered with id null.
  for (std::string id : {"true", "{}", "[1]"}) {
    auto doc = parse(call(R"({"jsonrpc":"2.0","method":"get_data","id":)" + id + "}"));
    EXPECT_EQ(error_code_of(doc), -32600) << id;
    EXPECT_TRUE(doc["id"].IsNull());
  }
}

TEST_F(JsonRpcTest, InvalidRequestsKeepAWellTypedId) {
  struct Case {
    const char* body;
    const char* why;
  };
  for (const Case& c : {
           Case{R"({"method":"get_data","id":4})", "jsonrpc"},
           Case{R"({"jsonrpc":"1.0","method":"get_data","id":4})", "jsonrpc"},
           Case{R"({"jsonrpc":2.0,"method":"get_data","id":4})", "jsonrpc"},
           Case{R"({"jsonrpc":"2.0","id":4})", "method"},
           Case{R"({"jsonrpc":"2.0","method":null,"id":4})", "method"},
           Case{R"({"jsonrpc":"2.0","method":"get_data","params":null,"id":4})", "params"},
           Case{R"({"jsonrpc":"2.0","method":"get_data","params":"x","id":4})", "params"},
           Case{R"({"jsonrpc":"2.0","method":"get_data","params":3,"id":4})", "params"},
       }) {
    auto doc = parse(call(c.body));
    EXPECT_EQ(error_code_of(doc), -32600) << c.body;
    EXPECT_THAT(doc["error"]["message"].GetString(), HasSubstr(c.why));
    EXPECT_EQ(doc["id"].GetInt(), 4);
  }
  for (const char* body : {"1", "\"x\"", "null", "true"}) {
    auto doc = parse(call(body));
    EXPECT_EQ(error_code_of(doc), -32600) << body;
  }
}

TEST_F(JsonRpcTest, ParamsByNameOrPosition) {
  const std::string hash(64, 'a');
  for (std::string params : {R"(["42"])", R"({"height":"42"})", R"(["42", null])"}) {
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","method":"block_get","id":1,"params":)" + params + "}"),
              R"({"jsonrpc":"2.0","result":{"height":"42"},"id":1})");
  }
  for (std::string params : {"[null, \"" + hash + "\"]", R"({"hash":")" + hash + "\"}"}) {
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","method":"block_get","id":1,"params":)" + params + "}"),
              R"({"jsonrpc":"2.0","result":{"hash":")" + hash + R"("},"id":1})");
  }
}

TEST_F(JsonRpcTest, InvalidParamsAreMinus32602WithAClearMessage) {
  struct Case {
    const char* params;
    const char* message;
  };
  for (const Case& c : {
           Case{"[]", "Invalid params: height: missing"},
           Case{"{}", "Invalid params: height: missing"},
           Case{R"({"height":null})", "Invalid params: height: missing"},
           Case{R"([42])", "Invalid params: height: expected a decimal string (u64), got number"},
           Case{R"({"height":"042"})", "Invalid params: height: \"042\" has a leading zero"},
           Case{R"({"height":"18446744073709551616"})", "does not fit in u64"},
           Case{R"({"hash":"AB"})", "Invalid params: hash: expected 64 lowercase hex"},
           Case{R"(["1","2","3"])", "expected at most 2 positional params, got 3"},
           Case{R"({"height":"1","color":"red"})", "Invalid params: color: unknown key"},
           Case{R"({"height":"1","height":"2"})", "Invalid params: height: duplicate key"},
       }) {
    auto doc = parse(call(std::string(R"({"jsonrpc":"2.0","method":"block_get","id":1,"params":)") +
                          c.params + "}"));
    EXPECT_EQ(error_code_of(doc), -32602) << c.params;
    EXPECT_THAT(doc["error"]["message"].GetString(), HasSubstr(c.message)) << c.params;
    EXPECT_FALSE(doc["error"].HasMember("data"));
  }
}

// Runs `fail` with `how` and returns the error object.
std::string fail_with(const MethodRegistry& registry, const std::string& how) {
  return registry.handle_request_body(R"({"jsonrpc":"2.0","method":"fail","id":1,"params":[")" +
                                      how + "\"]}");
}

TEST_F(JsonRpcTest, OurErrorsCarryAStableReason) {
  EXPECT_EQ(fail_with(registry_, "refuse"),
            R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"insufficient_funds: need 5",)"
            R"("data":{"reason":"insufficient_funds"}},"id":1})");
  EXPECT_EQ(fail_with(registry_, "not_found"),
            R"({"jsonrpc":"2.0","error":{"code":-32001,"message":"no twin 7",)"
            R"("data":{"reason":"not_found"}},"id":1})");
  // A free-text refusal still gets a stable reason word.
  auto doc = parse(fail_with(registry_, "free_text"));
  EXPECT_EQ(error_code_of(doc), -32000);
  EXPECT_STREQ(doc["error"]["data"]["reason"].GetString(), "invalid_input");
}

TEST_F(JsonRpcTest, NodeFailuresAreInternalWithoutDetails) {
  const std::string internal =
      R"({"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal error"},"id":1})";
  for (const char* how : {"io", "throw", "undeclared", "incomplete"})
    EXPECT_EQ(fail_with(registry_, how), internal) << how;
  // The observer still sees the hidden failure, for the node's log.
  std::vector<std::string> seen;
  CallObserver observer = [&](const CallInfo& info) {
    seen.push_back(std::string(info.method) + " " + std::to_string(info.code) + " " +
                   (info.failure ? info.failure->to_string() : "-"));
  };
  (void)registry_.handle_request_body(
      R"([{"jsonrpc":"2.0","method":"fail","id":1,"params":["io"]},)"
      R"({"jsonrpc":"2.0","method":"get_data"},{"jsonrpc":"2.0","method":"nope","id":2},5])",
      &observer);
  EXPECT_THAT(seen, ::testing::ElementsAre("fail -32603 io: disk /secret/path failed",
                                           "get_data 0 -", " -32601 -", " -32600 -"));
}

TEST_F(JsonRpcTest, ErrorFromStatusMapping) {
  EXPECT_EQ(error_from_status(invalid_params("x: bad")).code, -32602);
  EXPECT_EQ(error_from_status(invalid_params("x: bad")).message, "Invalid params: x: bad");
  auto refused = error_from_status(ledger::refuse(ledger::reason::bad_nonce));
  EXPECT_EQ(refused.code, -32000);
  EXPECT_EQ(refused.reason, "bad_nonce");
  EXPECT_EQ(error_from_status(core::Status::not_found("x")).reason, "not_found");
  for (auto st : {core::Status::io("a"), core::Status::corruption("b"), core::Status::internal("c"),
                  core::Status::error(core::Code::crypto, "d")}) {
    auto e = error_from_status(st);
    EXPECT_EQ(e.code, -32603);
    EXPECT_EQ(e.message, "Internal error");
    EXPECT_TRUE(e.reason.empty());
  }
}

TEST_F(JsonRpcTest, RegistrationRules) {
  auto handler = [](const Params&) { return core::Result<JsonText>(JsonText{"1"}); };
  EXPECT_FALSE(registry_.add("subtract", {}, handler).is_ok());
  EXPECT_FALSE(registry_.add("", {}, handler).is_ok());
  EXPECT_FALSE(registry_.add("rpc.discover", {}, handler).is_ok());
  EXPECT_FALSE(registry_.add("x", {"a", "a"}, handler).is_ok());
  EXPECT_FALSE(registry_.add("y", {""}, handler).is_ok());
  EXPECT_FALSE(registry_.add("z", {}, nullptr).is_ok());
  EXPECT_TRUE(registry_.contains("subtract"));
  EXPECT_FALSE(registry_.contains("x"));
  EXPECT_EQ(registry_.method_names().size(), 7u);
}

TEST_F(JsonRpcTest, OversizedBodyRefusedBeforeParsing) {
  std::string body(kMaxRequestBytes + 1, '[');  // would be a parse error if it were parsed
  auto doc = parse(call(body));
  EXPECT_EQ(error_code_of(doc), -32600);
  EXPECT_THAT(doc["error"]["message"].GetString(), HasSubstr("1048576 bytes"));
  // Exactly 1 MiB is accepted: a request padded with spaces.
  std::string padded = R"({"jsonrpc":"2.0","method":"get_data","id":1})";
  padded.resize(kMaxRequestBytes, ' ');
  EXPECT_EQ(error_code_of(parse(call(padded))), 0);
}

TEST_F(JsonRpcTest, DeepNestingIsRefusedWithoutCrash) {
  auto doc = parse(call(std::string(100000, '[')));
  EXPECT_EQ(error_code_of(doc), -32700);
  EXPECT_THAT(doc["error"]["message"].GetString(), HasSubstr("nested deeper than 64"));
  std::string deep_params = R"({"jsonrpc":"2.0","method":"sum","id":1,"params":)" +
                            std::string(80, '[') + std::string(80, ']') + "}";
  EXPECT_EQ(error_code_of(parse(call(deep_params))), -32700);
}

TEST_F(JsonRpcTest, BatchSizeLimit) {
  auto batch = [](std::size_t n) {
    std::string body = "[";
    for (std::size_t i = 0; i < n; ++i)
      body += std::string(i ? "," : "") + R"({"jsonrpc":"2.0","method":"sum","params":[1],"id":)" +
              std::to_string(i) + "}";
    return body + "]";
  };
  auto full = parse(call(batch(1000)));
  ASSERT_TRUE(full.IsArray());
  EXPECT_EQ(full.Size(), 1000u);
  auto over = parse(call(batch(1001)));
  ASSERT_TRUE(over.IsObject());
  EXPECT_EQ(error_code_of(over), -32600);
}

// A batch of cheap requests with large answers: past max_response_bytes the rest are not run.
TEST_F(JsonRpcTest, BatchAnswersAreBoundedInSize) {
  MethodRegistry::Limits limits;
  limits.max_response_bytes = 4096;
  MethodRegistry small(limits);
  int runs = 0;
  auto added = small.add("big", {}, [&](const Params&) -> core::Result<JsonText> {
    ++runs;
    JsonBuilder b;
    b.w().String(std::string(1000, 'x').c_str());
    return b.finish();
  });
  ASSERT_TRUE(added.is_ok());
  std::string body = "[";
  for (int i = 0; i < 20; ++i)
    body += std::string(i ? "," : "") + R"({"jsonrpc":"2.0","method":"big","id":)" +
            std::to_string(i) + "}";
  auto answers = parse(small.handle_request_body(body + "]"));
  ASSERT_TRUE(answers.IsArray());
  ASSERT_EQ(answers.Size(), 20u);
  EXPECT_EQ(runs, 4) << "four answers of 1036 bytes pass 4096 bytes";
  const auto& last = answers[19];
  EXPECT_EQ(error_code_of(last), -32000);
  EXPECT_EQ(std::string(last["error"]["data"]["reason"].GetString()), "response_too_large");
  EXPECT_EQ(last["id"].GetInt(), 19);
  EXPECT_TRUE(answers[0].HasMember("result"));
}

TEST_F(JsonRpcTest, HostileInputNeverCrashes) {
  const std::string seed =
      R"([{"jsonrpc":"2.0","method":"block_get","params":{"height":"12"},"id":"a"},)"
      R"({"jsonrpc":"2.0","method":"subtract","params":[5,3],"id":2}])";
  for (std::string body : {std::string(), std::string(" "), std::string("\0", 1),
                           std::string("{\"jsonrpc\":\"2.0\"}\0x", 18), std::string("\xff\xfe"),
                           std::string(R"({"jsonrpc":"2.0","method":"\ud800","id":1})"),
                           std::string("[[[[{}]]]]"), std::string("[{},{},[]]")}) {
    std::string out = call(body);
    EXPECT_FALSE(out.empty());
    parse(out);
  }
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    std::string body = seed;
    for (int k = 0; k < 3; ++k) {
      std::size_t at = rng() % body.size();
      switch (rng() % 3) {
        case 0:
          body[at] = static_cast<char>(rng());
          break;
        case 1:
          body.erase(at, 1);
          break;
        default:
          body.insert(at, 1, "[]{}\",:0-e\\"[rng() % 12]);
      }
    }
    std::string out = call(body);
    if (!out.empty()) parse(out);
  }
}

TEST_F(JsonRpcTest, ConcurrentCallsOnABuiltRegistry) {
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i)
        if (call(R"({"jsonrpc":"2.0","method":"subtract","params":[9,4],"id":1})") !=
            R"({"jsonrpc":"2.0","result":5,"id":1})")
          ++wrong;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong, 0);
}

}  // namespace
}  // namespace grid::rpc
