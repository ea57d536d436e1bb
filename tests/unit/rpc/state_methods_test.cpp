// account_getProof, state_getProof and tx_simulate over a FakeNodeApi (a real in-memory chain):
// proofs checked by the standalone verifier against committed headers, absence proofs, older
// heights, every error, and a simulation that commits nothing.
#include "rpc/state_methods.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/bytes.hpp"
#include "core/codec.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/state_proof.hpp"
#include "tests/support/fake_node_api.hpp"
#include "tests/support/rpc_fixture.hpp"

namespace grid::rpc {
namespace {

using rapidjson::Document;
using rapidjson::Value;

class StateMethodsTest : public testing::RpcFixture {
 protected:
  void SetUp() override { ASSERT_TRUE(add_state_methods(registry_, node_).is_ok()); }

  ledger::Transaction transfer(const std::string& from, const std::string& to,
                               std::uint64_t amount) {
    return node_.sign(node_.chain.key(from), ledger::Transfer{node_.chain.account(to), amount});
  }
  std::string address(const std::string& dev_name) {
    return node_.chain.account(dev_name).to_address();
  }
  static std::string hex_param(const ledger::Transaction& tx) {
    return R"({"tx":")" + core::hex_encode(core::encode(tx)) + "\"}";
  }
  // The standalone light-client check of a proof result against a root given independently.
  static bool verifies(const Value& result, const core::Hash32& root) {
    auto key = core::hex_decode(str(result, "key"));
    auto proof_bytes = core::hex_decode(str(result, "proof_bytes"));
    if (!key || !proof_bytes) return false;
    auto proof = core::decode<ledger::SmtProof>(*proof_bytes);
    if (!proof) return false;
    std::optional<core::Bytes> value;
    if (!is_null(result, "value")) {
      auto decoded = core::hex_decode(str(result, "value"));
      if (!decoded) return false;
      value = *decoded;
    }
    std::optional<core::ByteView> view;
    if (value) view = core::ByteView(*value);
    return ledger::verify_proof(root, *key, view, *proof);
  }
  core::Hash32 header_root(std::uint64_t height) {
    return node_.chain.blocks()[height - 1].header.state_root.hash;
  }
  std::string reason(const std::string& method, const std::string& params) {
    Document response = call(method, params);
    if (!response.HasMember("error") || !response["error"].HasMember("data")) return "<none>";
    return str(response["error"]["data"], "reason");
  }

  testing::FakeNodeApi node_;
};

TEST_F(StateMethodsTest, AccountProofVerifiesAgainstTheCommittedHeaderRoot) {
  node_.produce({transfer("alice", "bob", 123)});
  Document r = result("account_getProof", R"({"address":")" + address("bob") + R"(","height":1})");
  EXPECT_EQ(num(r, "height"), 1u);
  EXPECT_EQ(str(r, "address"), address("bob"));
  EXPECT_EQ(str(r, "state_root"), core::hex_encode(header_root(1).view()));
  EXPECT_EQ(str(r, "key"), core::hex_encode(ledger::keys::account(node_.chain.account("bob"))));
  ASSERT_TRUE(r["account"].IsObject());
  EXPECT_EQ(str(r["account"], "free"),
            std::to_string(node_.chain.balance(node_.chain.account("bob")).free));
  EXPECT_TRUE(verifies(r, header_root(1)));
  // The same proof does not verify against another root, nor with another value.
  node_.produce();
  EXPECT_FALSE(verifies(r, core::Hash32{}));
  r["value"].SetString("00", r.GetAllocator());
  EXPECT_FALSE(verifies(r, header_root(1)));
}

TEST_F(StateMethodsTest, DefaultsToTheLatestBlockAndReadsOlderHeights) {
  node_.produce({transfer("alice", "bob", 5)});
  node_.produce({transfer("alice", "bob", 7)});
  Document latest = result("account_getProof", R"({"address":")" + address("bob") + "\"}");
  Document older = result("account_getProof", R"([")" + address("bob") + R"(", 1])");
  EXPECT_EQ(num(latest, "height"), 2u);
  EXPECT_EQ(num(older, "height"), 1u);
  EXPECT_NE(str(latest, "value"), str(older, "value"));
  EXPECT_TRUE(verifies(latest, header_root(2)));
  EXPECT_TRUE(verifies(older, header_root(1)));
  EXPECT_FALSE(verifies(older, header_root(2)));
}

TEST_F(StateMethodsTest, AnAbsentEntryGetsAProofOfAbsence) {
  node_.produce();
  core::AccountId stranger = core::AccountKey::generate(core::KeyScheme::ed25519).account();
  Document r = result("account_getProof", R"({"address":")" + stranger.to_address() + "\"}");
  EXPECT_TRUE(is_null(r, "value"));
  EXPECT_TRUE(is_null(r, "account"));
  EXPECT_TRUE(verifies(r, header_root(1)));
  Document twin = result("state_getProof", R"({"kind":"twin","id":77})");
  EXPECT_TRUE(is_null(twin, "value"));
  EXPECT_EQ(str(twin, "kind"), "twin");
  EXPECT_EQ(str(twin, "key"), core::hex_encode(ledger::keys::twin(77)));
  EXPECT_TRUE(verifies(twin, header_root(1)));
}

TEST_F(StateMethodsTest, StateProofOfAnAccountMatchesAccountProof) {
  node_.produce({transfer("alice", "bob", 1)});
  Document a = result("state_getProof", R"({"kind":"account","id":")" + address("alice") + "\"}");
  Document b = result("account_getProof", R"({"address":")" + address("alice") + "\"}");
  EXPECT_EQ(str(a, "value"), str(b, "value"));
  EXPECT_EQ(str(a, "proof_bytes"), str(b, "proof_bytes"));
  EXPECT_FALSE(is_null(a, "value"));
  EXPECT_TRUE(verifies(a, header_root(1)));
}

TEST_F(StateMethodsTest, RefusesBadHeightsKindsAndIds) {
  EXPECT_EQ(error_code("account_getProof", R"({"address":")" + address("bob") + "\"}"),
            error_code::not_found);  // genesis only: no committed block yet
  node_.produce();
  const std::string bob = R"({"address":")" + address("bob");
  EXPECT_EQ(error_code("account_getProof", bob + R"(","height":0})"), error_code::invalid_params);
  EXPECT_EQ(error_code("account_getProof", bob + R"(","height":2})"), error_code::not_found);
  EXPECT_EQ(error_code("account_getProof", bob + R"(","height":"1"})"), error_code::invalid_params);
  EXPECT_EQ(error_code("account_getProof", R"({"address":"tf1nope"})"), error_code::invalid_params);
  EXPECT_EQ(error_code("account_getProof", "{}"), error_code::invalid_params);
  EXPECT_EQ(error_code("state_getProof", R"({"kind":"planet","id":1})"),
            error_code::invalid_params);
  EXPECT_EQ(error_code("state_getProof", R"({"kind":"twin","id":"x"})"),
            error_code::invalid_params);
  EXPECT_EQ(error_code("state_getProof", R"({"kind":"contract","id":5})"),
            error_code::invalid_params);  // contract ids are u64 strings
  EXPECT_EQ(error_code("state_getProof", R"({"kind":"twin"})"), error_code::invalid_params);
}

TEST_F(StateMethodsTest, SimulateGivesTheReceiptAndCommitsNothing) {
  node_.produce();
  auto before = node_.chain.balance(node_.chain.account("bob")).free;
  Document r = result("tx_simulate", hex_param(transfer("alice", "bob", 42)));
  EXPECT_TRUE(r["ok"].IsBool() && r["ok"].GetBool());
  ASSERT_TRUE(r["events"].IsArray());
  ASSERT_FALSE(r["events"].Empty());
  EXPECT_EQ(str(r["events"][0], "kind"), "transfer");
  EXPECT_NE(str(r, "fee"), "0");
  EXPECT_EQ(node_.chain.height(), 1u);
  EXPECT_TRUE(node_.submissions.empty());
  EXPECT_EQ(node_.chain.balance(node_.chain.account("bob")).free, before);
}

TEST_F(StateMethodsTest, SimulateReportsAFailingCallAndRefusesABadEnvelope) {
  node_.produce();
  Document r = result("tx_simulate", hex_param(transfer("bob", "alice", std::uint64_t{1} << 62)));
  EXPECT_TRUE(r["ok"].IsBool() && !r["ok"].GetBool());
  EXPECT_EQ(str(r, "reason"), "insufficient_funds");
  ledger::Transaction stale = transfer("alice", "bob", 1);
  stale.nonce += 5;
  ledger::sign_transaction(stale, *core::dev_secret_key("alice"));
  EXPECT_EQ(reason("tx_simulate", hex_param(stale)), "bad_nonce");
  EXPECT_EQ(reason("tx_simulate", R"({"tx":"00ff"})"), "invalid_transaction");
  EXPECT_EQ(error_code("tx_simulate", R"({"tx":"xyz"})"), error_code::invalid_params);
}

}  // namespace
}  // namespace grid::rpc
