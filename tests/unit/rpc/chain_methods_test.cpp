// The chain methods over a FakeNodeApi that answers from a TestChain (real blocks, transactions and
// receipts) and records submissions: success shapes, not found, bad params, refusals, batches.
#include "rpc/chain_methods.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/blake2b.hpp"
#include "core/codec.hpp"
#include "ledger/refusal.hpp"
#include "tests/support/fake_node_api.hpp"
#include "tests/support/rpc_fixture.hpp"

namespace grid::rpc {
namespace {

using rapidjson::Document;
using rapidjson::Value;
using ::testing::HasSubstr;

class ChainMethodsTest : public testing::RpcFixture {
 protected:
  void SetUp() override {
    ASSERT_TRUE(add_chain_methods(registry_, node_).is_ok());
    first_tx_ = node_.sign(node_.chain.alice(), ledger::Transfer{bob(), 5'000});
    node_.produce({first_tx_});                                                    // block 1
    node_.produce({node_.sign(node_.chain.bob(), ledger::Transfer{alice(), 1})});  // block 2
    node_.produce();                                                               // block 3
    ASSERT_EQ(node_.chain.height(), 3u);
    ASSERT_EQ(node_.chain.blocks()[0].transactions.size(), 1u);
  }

  core::AccountId alice() const { return node_.chain.account("alice"); }
  core::AccountId bob() const { return node_.chain.account("bob"); }
  std::string hex_of(const ledger::Transaction& tx) { return core::hex_encode(core::encode(tx)); }

  testing::FakeNodeApi node_;
  ledger::Transaction first_tx_;
};

constexpr int kInvalidParams = error_code::invalid_params;
constexpr int kNotFound = error_code::not_found;
constexpr const char* kSevens = "0707070707070707070707070707070707070707070707070707070707070707";

TEST_F(ChainMethodsTest, RegistersEveryMethodOnce) {
  for (const char* name : {"chain_status", "chain_getBlock", "chain_getBlockResults",
                           "chain_getHeaders", "chain_getCommit", "chain_getValidators",
                           "tx_submit", "tx_submitAndWait", "tx_get", "account_get"})
    EXPECT_TRUE(registry_.contains(name)) << name;
  EXPECT_EQ(registry_.method_names().size(), 10u);
  EXPECT_EQ(add_chain_methods(registry_, node_).code(), core::Code::invalid);
}

TEST_F(ChainMethodsTest, ChainStatus) {
  Document r = result("chain_status");
  EXPECT_EQ(str(r, "chain_id"), node_.chain.genesis().chain_id);
  EXPECT_EQ(str(r, "genesis_hash"), ledger::genesis_hash(node_.chain.genesis()).hex());
  EXPECT_EQ(num(r, "height"), 3u);
  EXPECT_EQ(str(r, "latest_block_hash"), ledger::block_hash(node_.chain.last_header()).hex());
  EXPECT_EQ(num(r, "latest_block_time"), node_.chain.now());
  EXPECT_EQ(str(r, "state_root"), node_.chain.roots().back().hex());
  EXPECT_TRUE(r["syncing"].IsBool() && !r["syncing"].GetBool());
  EXPECT_EQ(num(r, "peers"), 2u);
  EXPECT_EQ(num(r, "mempool_txs"), 0u);
  EXPECT_EQ(str(r, "node_version"), "test");
  EXPECT_EQ(str(r, "node_key"), std::string(64, '3'));
  EXPECT_EQ(str(r, "validator_key"), std::string(64, '3'));
  EXPECT_TRUE(r["clock_offset_ms"].IsNull());  // the fake node has measured nothing
  EXPECT_EQ(r.MemberCount(), 14u);
  // Params are refused: the method declares none.
  EXPECT_EQ(error_code("chain_status", "[1]"), kInvalidParams);
}

TEST_F(ChainMethodsTest, GetBlockByHeightOrHash) {
  Document r = result("chain_getBlock", R"({"height":1})");
  EXPECT_EQ(num(r["header"], "height"), 1u);
  ASSERT_TRUE(r["transactions"].IsArray() && r["transactions"].Size() == 1u);
  const Value& tx = r["transactions"][0];
  EXPECT_EQ(str(tx, "id"), ledger::tx_id(first_tx_).hex());
  EXPECT_EQ(str(tx, "raw"), hex_of(first_tx_));
  EXPECT_EQ(str(tx, "signer"), alice().to_address());
  EXPECT_EQ(str(tx["call"], "name"), "transfer");
  EXPECT_EQ(str(tx["call"], "amount"), "5000");
  ASSERT_TRUE(r["evidence"].IsArray());
  EXPECT_EQ(r["evidence"].Size(), 0u);
  ASSERT_TRUE(r["commit"].IsObject());
  EXPECT_EQ(num(r["commit"], "height"), 1u);
  EXPECT_EQ(str(r["commit"], "block_hash"), str(r["header"], "hash"));

  std::string hash = str(r["header"], "hash");
  Document by_hash = result("chain_getBlock", R"({"hash":")" + hash + "\"}");
  EXPECT_EQ(to_text(by_hash), to_text(r));
  Document positional = result("chain_getBlock", "[1]");
  EXPECT_EQ(to_text(positional), to_text(r));
  Document positional_hash = result("chain_getBlock", "[null,\"" + hash + "\"]");
  EXPECT_EQ(to_text(positional_hash), to_text(r));

  // The latest block's commit is not known yet: null, not an error.
  Document tip = result("chain_getBlock", R"({"height":3})");
  EXPECT_TRUE(is_null(tip, "commit"));
  EXPECT_EQ(tip["transactions"].Size(), 0u);
}

TEST_F(ChainMethodsTest, GetBlockNotFound) {
  Document response = call("chain_getBlock", R"({"height":4})");
  ASSERT_TRUE(response.HasMember("error"));
  EXPECT_TRUE(response["error"]["code"].IsInt() && response["error"]["code"].GetInt() == kNotFound);
  EXPECT_EQ(str(response["error"]["data"], "reason"), "not_found");
  EXPECT_THAT(str(response["error"], "message"), HasSubstr("height 4"));
  EXPECT_EQ(error_code("chain_getBlock", R"({"height":0})"), kNotFound);
  EXPECT_EQ(error_code("chain_getBlock", R"({"hash":")" + std::string(64, 'a') + "\"}"), kNotFound);
}

TEST_F(ChainMethodsTest, GetBlockBadParams) {
  std::string hash = ledger::block_hash(node_.chain.blocks()[0].header).hex();
  EXPECT_EQ(error_code("chain_getBlock"), kInvalidParams);        // neither
  EXPECT_EQ(error_code("chain_getBlock", "{}"), kInvalidParams);  // neither
  EXPECT_EQ(error_code("chain_getBlock", R"({"height":1,"hash":")" + hash + "\"}"),
            kInvalidParams);  // both
  EXPECT_EQ(error_code("chain_getBlock", R"({"height":"1"})"), kInvalidParams);
  EXPECT_EQ(error_code("chain_getBlock", R"({"height":-1})"), kInvalidParams);
  EXPECT_EQ(error_code("chain_getBlock", R"({"height":1.5})"), kInvalidParams);
  EXPECT_EQ(error_code("chain_getBlock", R"({"height":9007199254740992})"), kInvalidParams);
  EXPECT_EQ(error_code("chain_getBlock", R"({"hash":"abc"})"), kInvalidParams);
  std::string upper = hash;
  for (auto& c : upper) c = static_cast<char>(std::toupper(c));
  EXPECT_EQ(error_code("chain_getBlock", R"({"hash":")" + upper + "\"}"), kInvalidParams);
  EXPECT_EQ(error_code("chain_getBlock", R"({"hash":1})"), kInvalidParams);
  EXPECT_EQ(error_code("chain_getBlock", R"({"block":1})"), kInvalidParams);  // unknown name
  Document response = call("chain_getBlock", R"({"height":1,"hash":")" + hash + "\"}");
  EXPECT_THAT(str(response["error"], "message"), HasSubstr("exactly one of height, hash"));
}

TEST_F(ChainMethodsTest, GetBlockResults) {
  Document r = result("chain_getBlockResults", R"({"height":1})");
  EXPECT_EQ(num(r, "height"), 1u);
  ASSERT_TRUE(r["receipts"].IsArray() && r["receipts"].Size() == 1u);
  const Value& receipt = r["receipts"][0];
  EXPECT_EQ(str(receipt, "tx_id"), ledger::tx_id(first_tx_).hex());
  EXPECT_TRUE(receipt["ok"].IsBool() && receipt["ok"].GetBool());
  EXPECT_EQ(str(receipt, "fee"), std::to_string(node_.results[0].receipts[0].fee));
  ASSERT_TRUE(receipt["events"].IsArray());
  EXPECT_EQ(receipt["events"].Size(), node_.results[0].receipts[0].events.size());
  EXPECT_TRUE(r["block_events"].IsArray());
  EXPECT_EQ(error_code("chain_getBlockResults", R"({"height":4})"), kNotFound);
  EXPECT_EQ(error_code("chain_getBlockResults"), kInvalidParams);
  EXPECT_EQ(error_code("chain_getBlockResults", R"({"height":"1"})"), kInvalidParams);
}

TEST_F(ChainMethodsTest, GetHeaders) {
  Document r = result("chain_getHeaders", R"({"from":1,"to":2})");
  ASSERT_TRUE(r["headers"].IsArray() && r["headers"].Size() == 2u);
  EXPECT_EQ(num(r["headers"][0], "height"), 1u);
  EXPECT_EQ(num(r["headers"][1], "height"), 2u);
  EXPECT_EQ(str(r["headers"][1], "previous"), str(r["headers"][0], "hash"));

  Document clipped = result("chain_getHeaders", R"({"from":2,"to":1001})");  // 1000 heights
  ASSERT_TRUE(clipped["headers"].IsArray());
  EXPECT_EQ(clipped["headers"].Size(), 2u);  // 2 and 3
  Document one = result("chain_getHeaders", "[3,3]");
  EXPECT_EQ(one["headers"].Size(), 1u);
  Document past = result("chain_getHeaders", R"({"from":4,"to":10})");
  ASSERT_TRUE(past["headers"].IsArray());
  EXPECT_EQ(past["headers"].Size(), 0u);

  EXPECT_EQ(error_code("chain_getHeaders", R"({"from":2,"to":1})"), kInvalidParams);
  EXPECT_EQ(error_code("chain_getHeaders", R"({"from":1,"to":1001})"), kInvalidParams);
  EXPECT_EQ(error_code("chain_getHeaders", R"({"from":0,"to":5})"), kInvalidParams);
  EXPECT_EQ(error_code("chain_getHeaders", R"({"from":1})"), kInvalidParams);
  EXPECT_EQ(error_code("chain_getHeaders", R"({"from":"1","to":"2"})"), kInvalidParams);
}

TEST_F(ChainMethodsTest, GetCommit) {
  Document r = result("chain_getCommit", R"({"height":2})");
  EXPECT_EQ(num(r["header"], "height"), 2u);
  EXPECT_EQ(num(r["commit"], "height"), 2u);
  EXPECT_EQ(num(r["commit"], "round"), 1u);
  EXPECT_EQ(str(r["commit"], "block_hash"), str(r["header"], "hash"));
  ASSERT_TRUE(r["commit"]["signatures"].IsArray() && r["commit"]["signatures"].Size() == 1u);
  EXPECT_EQ(str(r["commit"]["signatures"][0], "validator"), kSevens);
  EXPECT_EQ(str(r["commit"]["signatures"][0], "signature").size(), 128u);
  EXPECT_EQ(error_code("chain_getCommit", R"({"height":3})"), kNotFound);  // not known yet
  EXPECT_EQ(error_code("chain_getCommit", R"({"height":9})"), kNotFound);
  EXPECT_EQ(error_code("chain_getCommit", R"({"height":true})"), kInvalidParams);
}

TEST_F(ChainMethodsTest, GetValidators) {
  Document next = result("chain_getValidators");
  EXPECT_EQ(num(next, "height"), 4u);  // the next height by default
  ASSERT_TRUE(next["validators"].IsArray() && next["validators"].Size() == 1u);
  const Value& v = next["validators"][0];
  EXPECT_EQ(str(v, "key"), kSevens);
  EXPECT_EQ(str(v, "power"), "10");
  EXPECT_EQ(str(v, "operator"), alice().to_address());
  Document first = result("chain_getValidators", R"({"height":1})");
  EXPECT_EQ(num(first, "height"), 1u);
  EXPECT_EQ(error_code("chain_getValidators", R"({"height":5})"), kNotFound);
  EXPECT_EQ(error_code("chain_getValidators", R"({"height":"x"})"), kInvalidParams);
}

TEST_F(ChainMethodsTest, SubmitThenGetPendingThenCommitted) {
  ledger::Transaction tx = node_.sign(node_.chain.alice(), ledger::Transfer{bob(), 7});
  std::string id = ledger::tx_id(tx).hex();
  Document r = result("tx_submit", R"({"tx":")" + hex_of(tx) + "\"}");
  EXPECT_EQ(str(r, "id"), id);
  EXPECT_EQ(r.MemberCount(), 1u);
  ASSERT_EQ(node_.submissions.size(), 1u);
  EXPECT_EQ(node_.submissions[0], core::encode(tx));

  Document pending = result("tx_get", R"({"id":")" + id + "\"}");
  EXPECT_EQ(str(pending, "id"), id);
  EXPECT_EQ(str(pending, "status"), "pending");
  EXPECT_TRUE(is_null(pending, "height"));
  EXPECT_TRUE(is_null(pending, "index"));
  EXPECT_TRUE(is_null(pending, "receipt"));
  EXPECT_EQ(str(pending["tx"], "id"), id);
  EXPECT_EQ(str(pending["tx"]["call"], "amount"), "7");

  node_.produce();
  Document committed = result("tx_get", "[\"" + id + "\"]");
  EXPECT_EQ(str(committed, "status"), "committed");
  EXPECT_EQ(num(committed, "height"), 4u);
  EXPECT_EQ(num(committed, "index"), 0u);
  EXPECT_EQ(str(committed["tx"], "raw"), hex_of(tx));
  EXPECT_EQ(str(committed["receipt"], "tx_id"), id);
  EXPECT_TRUE(committed["receipt"]["ok"].IsBool() && committed["receipt"]["ok"].GetBool());
}

TEST_F(ChainMethodsTest, TxGetUnknownAndBadId) {
  Document r = result("tx_get", R"({"id":")" + std::string(64, 'f') + "\"}");
  EXPECT_EQ(str(r, "status"), "unknown");
  for (const char* key : {"height", "index", "tx", "receipt"}) EXPECT_TRUE(is_null(r, key)) << key;
  EXPECT_EQ(error_code("tx_get", R"({"id":"ff"})"), kInvalidParams);
  EXPECT_EQ(error_code("tx_get"), kInvalidParams);
}

TEST_F(ChainMethodsTest, SubmitRefusalsAndBadHex) {
  node_.refusal = ledger::refuse(ledger::reason::bad_nonce, "expected nonce 3");
  ledger::Transaction tx = node_.sign(node_.chain.alice(), ledger::Transfer{bob(), 7});
  Document response = call("tx_submit", R"({"tx":")" + hex_of(tx) + "\"}");
  ASSERT_TRUE(response.HasMember("error"));
  EXPECT_TRUE(response["error"]["code"].IsInt() &&
              response["error"]["code"].GetInt() == error_code::refused);
  EXPECT_EQ(str(response["error"]["data"], "reason"), "bad_nonce");
  EXPECT_THAT(str(response["error"], "message"), HasSubstr("expected nonce 3"));
  node_.refusal.reset();

  // The node's decode refusal: -32000 with its reason.
  Document garbage = call("tx_submit", R"({"tx":"00"})");
  EXPECT_EQ(str(garbage["error"]["data"], "reason"), "invalid_transaction");
  EXPECT_TRUE(garbage["error"]["code"].IsInt() &&
              garbage["error"]["code"].GetInt() == error_code::refused);

  std::size_t before = node_.submissions.size();
  EXPECT_EQ(error_code("tx_submit", R"({"tx":"zz"})"), kInvalidParams);
  EXPECT_EQ(error_code("tx_submit", R"({"tx":"abc"})"), kInvalidParams);  // odd length
  EXPECT_EQ(error_code("tx_submit", R"({"tx":"AB"})"), kInvalidParams);   // uppercase
  EXPECT_EQ(error_code("tx_submit", R"({"tx":12})"), kInvalidParams);
  EXPECT_EQ(error_code("tx_submit"), kInvalidParams);
  EXPECT_EQ(node_.submissions.size(), before);  // bad params never reach the node
}

TEST_F(ChainMethodsTest, SubmitAndWaitCommitted) {
  ledger::Transaction tx = node_.sign(node_.chain.bob(), ledger::Transfer{alice(), 3});
  std::string id = ledger::tx_id(tx).hex();
  Document r = result("tx_submitAndWait", R"({"tx":")" + hex_of(tx) + "\"}");
  EXPECT_EQ(str(r, "id"), id);
  EXPECT_EQ(str(r, "status"), "committed");
  EXPECT_EQ(num(r, "height"), 4u);
  EXPECT_EQ(num(r, "index"), 0u);
  EXPECT_EQ(str(r["receipt"], "tx_id"), id);
  ASSERT_TRUE(node_.last_timeout.has_value());
  EXPECT_EQ(node_.last_timeout->count(), kDefaultWaitMs);
}

TEST_F(ChainMethodsTest, SubmitAndWaitTimedOutAndTimeoutBounds) {
  node_.wait_times_out = true;
  ledger::Transaction tx = node_.sign(node_.chain.bob(), ledger::Transfer{alice(), 3});
  Document r = result("tx_submitAndWait", "[\"" + hex_of(tx) + "\", 250]");
  EXPECT_EQ(str(r, "id"), ledger::tx_id(tx).hex());
  EXPECT_EQ(str(r, "status"), "timed_out");
  for (const char* key : {"height", "index", "receipt"}) EXPECT_TRUE(is_null(r, key)) << key;
  EXPECT_EQ(node_.last_timeout->count(), 250);

  std::string hex = hex_of(tx);
  EXPECT_EQ(error_code("tx_submitAndWait", R"({"tx":")" + hex + R"(","timeout_ms":60001})"),
            kInvalidParams);
  EXPECT_EQ(error_code("tx_submitAndWait", R"({"tx":")" + hex + R"(","timeout_ms":"100"})"),
            kInvalidParams);
  EXPECT_EQ(error_code("tx_submitAndWait", R"({"tx":")" + hex + R"(","timeout_ms":-1})"),
            kInvalidParams);
  Document longest = result("tx_submitAndWait", R"({"tx":")" + hex + R"(","timeout_ms":60000})");
  EXPECT_EQ(str(longest, "status"), "timed_out");
  EXPECT_EQ(node_.last_timeout->count(), kMaxWaitMs);
}

TEST_F(ChainMethodsTest, AccountGet) {
  ledger::Account stored = node_.chain.balance(alice());
  Document r = result("account_get", R"({"address":")" + alice().to_address() + "\"}");
  EXPECT_EQ(str(r, "address"), alice().to_address());
  EXPECT_EQ(str(r, "free"), std::to_string(stored.free));
  EXPECT_EQ(str(r, "reserved"), std::to_string(stored.reserved));
  EXPECT_EQ(str(r, "bonded"), std::to_string(stored.bonded));
  EXPECT_EQ(str(r, "unbonding"), std::to_string(stored.unbonding));
  EXPECT_EQ(str(r, "nonce"), "1");  // one committed transaction
  EXPECT_TRUE(is_null(r, "twin_id"));

  auto stranger = core::AccountId::ed25519(core::blake2b_256(core::as_bytes("nobody")).bytes);
  Document unseen = result("account_get", "[\"" + stranger.to_address() + "\"]");
  for (const char* key : {"free", "reserved", "bonded", "unbonding", "nonce"})
    EXPECT_EQ(str(unseen, key), "0") << key;
  EXPECT_TRUE(is_null(unseen, "twin_id"));

  std::string address = alice().to_address();
  std::string bad_checksum =
      address.substr(0, address.size() - 1) + (address.back() == 'q' ? "p" : "q");
  EXPECT_EQ(error_code("account_get", R"({"address":")" + bad_checksum + "\"}"), kInvalidParams);
  EXPECT_EQ(error_code("account_get", R"({"address":")" + core::hex_encode(alice().key) + "\"}"),
            kInvalidParams);
  EXPECT_EQ(error_code("account_get", R"({"address":7})"), kInvalidParams);
  EXPECT_EQ(error_code("account_get"), kInvalidParams);
}

TEST_F(ChainMethodsTest, NodeFailureIsAnInternalErrorWithoutDetails) {
  node_.failure = core::Status::io("disk on fire");
  Document response = call("chain_status");
  ASSERT_TRUE(response.HasMember("error"));
  EXPECT_TRUE(response["error"]["code"].IsInt() &&
              response["error"]["code"].GetInt() == error_code::internal_error);
  EXPECT_EQ(str(response["error"], "message"), "Internal error");
  EXPECT_EQ(error_code("account_get", "[\"" + alice().to_address() + "\"]"),
            error_code::internal_error);
  EXPECT_EQ(error_code("chain_getBlock", "[1]"), error_code::internal_error);
}

TEST_F(ChainMethodsTest, Batch) {
  std::string body = R"([
    {"jsonrpc":"2.0","id":1,"method":"chain_status"},
    {"jsonrpc":"2.0","id":"b","method":"account_get","params":[")" +
                     alice().to_address() + R"("]},
    {"jsonrpc":"2.0","id":3,"method":"chain_getBlock","params":{}},
    {"jsonrpc":"2.0","method":"tx_get","params":[")" +
                     std::string(64, '0') + R"("]},
    {"jsonrpc":"2.0","id":5,"method":"chain_getHeaders","params":{"from":1,"to":3}}
  ])";
  Document response = parse(registry_.handle_request_body(body));
  ASSERT_TRUE(response.IsArray());
  ASSERT_EQ(response.Size(), 4u);  // the notification gets no response
  EXPECT_TRUE(response[0]["id"].IsInt() && response[0]["id"].GetInt() == 1);
  EXPECT_EQ(num(response[0]["result"], "height"), 3u);
  EXPECT_EQ(str(response[1], "id"), "b");
  EXPECT_EQ(str(response[1]["result"], "address"), alice().to_address());
  EXPECT_TRUE(response[2]["id"].IsInt() && response[2]["id"].GetInt() == 3);
  EXPECT_TRUE(response[2]["error"]["code"].IsInt() &&
              response[2]["error"]["code"].GetInt() == kInvalidParams);
  EXPECT_EQ(response[3]["result"]["headers"].Size(), 3u);
}

}  // namespace
}  // namespace grid::rpc
