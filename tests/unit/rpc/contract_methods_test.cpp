// The contract and transaction methods over a FakeNodeApi whose TestChain runs the contracts
// modules with hour-long billing: real contracts, bills and fees. Success shapes, filters,
// paging, not found, bad params, and the cost estimate against what billing charges.
#include "rpc/contract_methods.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

#include "core/codec.hpp"
#include "ledger/executor.hpp"
#include "tests/support/billing_fixture.hpp"
#include "tests/support/fake_node_api.hpp"
#include "tests/support/rpc_fixture.hpp"

namespace grid::rpc {
namespace {

using rapidjson::Document;
using rapidjson::Value;
using testing::Bill;
using testing::Contract;

constexpr int kInvalidParams = error_code::invalid_params;
constexpr int kNotFound = error_code::not_found;

class ContractMethodsTest : public testing::RpcFixture {
 protected:
  ContractMethodsTest()
      : node_(testing::billing_genesis(),
              [](ledger::Modules& m) {
                for (auto& module : contracts::contract_modules()) m.push_back(std::move(module));
              }),
        farmer_(chain().new_funded_key(1000 * testing::kTft)),
        farm_id_(testing::BillingWorld::make_twin_and_farm(chain(), farmer_, 2)),
        grid_node_(testing::make_node(chain(), farmer_, farm_id_)),
        user_(chain().new_funded_key(100 * testing::kTft)),
        user_twin_(testing::make_twin(chain(), user_)) {}

  void SetUp() override { ASSERT_TRUE(add_contract_methods(registry_, node_).is_ok()); }

  testing::TestChain& chain() { return node_.chain; }

  std::uint64_t create(const core::AccountKey& who, ledger::Call call) {
    return testing::BillingWorld::created_id(chain().run(who, std::move(call)));
  }
  std::uint64_t create_node_contract(const core::AccountKey& who, std::uint32_t ips = 0) {
    ledger::CreateNodeContract call;
    call.node_id = grid_node_.id;
    call.resources = testing::worked_resources();
    call.public_ips = ips;
    return create(who, call);
  }
  // A block `seconds` later in which the node reports its uptime (so that all of it is billed).
  void step(std::uint64_t seconds) {
    chain().submit(chain().sign(
        grid_node_.key, ledger::ReportUptime{chain().now() + seconds, chain().now() + seconds}));
    chain().produce_block(seconds);
  }

  // The "id"s of a list result's "contracts" (or "seq"s of "bills"), in order.
  static std::vector<std::string> ids(const Value& r, const char* list, const char* key) {
    std::vector<std::string> out;
    if (!r.IsObject() || !r.HasMember(list) || !r[list].IsArray()) return {"<no list>"};
    for (const auto& item : r[list].GetArray()) out.push_back(str(item, key));
    return out;
  }
  std::string user_address() const { return user_.account().to_address(); }
  std::string estimate_params(const std::string& extra) const {
    return R"({"node_id":)" + std::to_string(grid_node_.id) +
           R"(,"resources":{"cru":"2","mru":"4294967296","sru":"53687091200"})" + extra + "}";
  }

  testing::FakeNodeApi node_;
  core::AccountKey farmer_;
  std::uint32_t farm_id_;
  testing::NodeHandle grid_node_;
  core::AccountKey user_;
  std::uint32_t user_twin_;
};

TEST_F(ContractMethodsTest, RegistersEveryMethodOnce) {
  for (const char* name : {"contract_get", "contract_list", "contract_getBills",
                           "contract_estimateCost", "tx_estimateFee", "tx_search"})
    EXPECT_TRUE(registry_.contains(name)) << name;
  EXPECT_EQ(registry_.method_names().size(), 6u);
  EXPECT_EQ(add_contract_methods(registry_, node_).code(), core::Code::invalid);
}

TEST_F(ContractMethodsTest, ContractGetShowsStateReservationAndNextBill) {
  std::uint64_t id = create_node_contract(user_, 1);
  Contract stored = testing::record<Contract>(chain(), contracts::keys::contract(id));
  Document r = result("contract_get", R"({"id":")" + std::to_string(id) + "\"}");
  EXPECT_EQ(str(r, "id"), std::to_string(id));
  EXPECT_EQ(num(r, "twin_id"), user_twin_);
  EXPECT_EQ(str(r, "kind"), "node");
  EXPECT_EQ(str(r, "state"), "created");
  EXPECT_EQ(num(r, "node_id"), grid_node_.id);
  EXPECT_EQ(num(r, "created_at"), stored.created_at);
  EXPECT_TRUE(is_null(r, "deleted_at"));
  EXPECT_TRUE(is_null(r, "grace_since"));
  EXPECT_EQ(str(r, "delete_reason"), "none");
  EXPECT_EQ(num(r, "next_bill_time"), stored.last_billed + 3600);
  EXPECT_EQ(str(r, "debt"), "0");
  EXPECT_EQ(str(r, "bill_count"), "0");
  ASSERT_TRUE(r["reservation"].IsObject());
  EXPECT_EQ(str(r["reservation"]["resources"], "cru"), "2");
  EXPECT_EQ(str(r["reservation"]["resources"], "mru"), std::to_string(4 * testing::kGiB));
  EXPECT_EQ(num(r["reservation"], "public_ips"), 1u);
  ASSERT_EQ(r["reservation"]["ips"].Size(), 1u);
  EXPECT_EQ(std::string(r["reservation"]["ips"][0].GetString()), stored.node->ips[0]);
  EXPECT_TRUE(r["deployment"].IsObject());
  EXPECT_TRUE(is_null(r, "name"));
  EXPECT_TRUE(is_null(r, "rent_node_id"));
  EXPECT_TRUE(is_null(r, "service"));

  // Cancelled: kept with its state and reason, no longer billed.
  ASSERT_TRUE(chain().run(user_, ledger::CancelContract{id}).ok);
  r = result("contract_get", R"([")" + std::to_string(id) + "\"]");
  EXPECT_EQ(str(r, "state"), "deleted");
  EXPECT_EQ(str(r, "delete_reason"), "canceled_by_user");
  EXPECT_EQ(num(r, "deleted_at"), chain().now());
  EXPECT_TRUE(is_null(r, "next_bill_time"));
}

TEST_F(ContractMethodsTest, ContractGetErrors) {
  EXPECT_EQ(error_code("contract_get", R"({"id":"999"})"), kNotFound);
  EXPECT_EQ(error_code("contract_get", R"({"id":1})"), kInvalidParams);  // u64s are strings
  EXPECT_EQ(error_code("contract_get", R"({})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_get", R"({"id":"1","x":1})"), kInvalidParams);
  node_.failure = core::Status::io("disk gone");
  EXPECT_EQ(error_code("contract_get", R"({"id":"1"})"), error_code::internal_error);
}

TEST_F(ContractMethodsTest, ContractListFiltersAndPages) {
  std::uint64_t a = create_node_contract(user_);
  std::uint64_t b = create_node_contract(user_);
  std::uint64_t n = create(user_, ledger::CreateNameContract{"my-name"});
  auto other = chain().new_funded_key(100 * testing::kTft);
  std::uint32_t other_twin = testing::make_twin(chain(), other);
  std::uint64_t c = create_node_contract(other);
  ASSERT_TRUE(chain().run(user_, ledger::CancelContract{b}).ok);
  auto s = [](std::uint64_t id) { return std::to_string(id); };

  Document r = result("contract_list", "{}");
  EXPECT_EQ(num(r, "total"), 4u);
  EXPECT_EQ(num(r, "page"), 1u);
  EXPECT_EQ(num(r, "size"), kDefaultContractPageSize);
  EXPECT_EQ(ids(r, "contracts", "id"), (std::vector{s(a), s(b), s(n), s(c)}));

  r = result("contract_list", R"({"twin_id":)" + std::to_string(user_twin_) + "}");
  EXPECT_EQ(ids(r, "contracts", "id"), (std::vector{s(a), s(b), s(n)}));
  r = result("contract_list", R"({"twin_id":)" + std::to_string(other_twin) + "}");
  EXPECT_EQ(ids(r, "contracts", "id"), (std::vector{s(c)}));
  r = result("contract_list", R"({"node_id":)" + std::to_string(grid_node_.id) + "}");
  EXPECT_EQ(ids(r, "contracts", "id"), (std::vector{s(a), s(b), s(c)}));
  r = result("contract_list", R"({"kind":"name"})");
  EXPECT_EQ(ids(r, "contracts", "id"), (std::vector{s(n)}));
  r = result("contract_list", R"({"state":"deleted"})");
  EXPECT_EQ(ids(r, "contracts", "id"), (std::vector{s(b)}));
  r = result("contract_list", R"({"twin_id":)" + std::to_string(user_twin_) +
                                  R"(,"kind":"node","state":"created"})");
  EXPECT_EQ(ids(r, "contracts", "id"), (std::vector{s(a)}));
  r = result("contract_list", R"({"twin_id":4000})");
  EXPECT_EQ(num(r, "total"), 0u);
  EXPECT_TRUE(r["contracts"].IsArray() && r["contracts"].Empty());

  // Paging: total is of every match; past the end is empty.
  r = result("contract_list", R"({"page":2,"size":3})");
  EXPECT_EQ(num(r, "total"), 4u);
  EXPECT_EQ(ids(r, "contracts", "id"), (std::vector{s(c)}));
  r = result("contract_list", R"({"page":3,"size":2})");
  EXPECT_TRUE(r["contracts"].Empty());

  EXPECT_EQ(error_code("contract_list", R"({"kind":"lease"})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_list", R"({"state":1})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_list", R"({"twin_id":"1"})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_list", R"({"size":0})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_list", R"({"size":1001})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_list", R"({"page":0})"), kInvalidParams);
}

TEST_F(ContractMethodsTest, BillsNewestFirstAsStored) {
  std::uint64_t id = create_node_contract(user_, 1);
  std::string sid = std::to_string(id);
  step(3600);
  step(3600);
  Bill first = testing::record<Bill>(chain(), contracts::keys::bill(id, 1));

  Document r = result("contract_getBills", R"({"id":")" + sid + "\"}");
  EXPECT_EQ(str(r, "contract_id"), sid);
  EXPECT_EQ(num(r, "total"), 2u);
  EXPECT_EQ(ids(r, "bills", "seq"), (std::vector<std::string>{"2", "1"}));

  r = result("contract_getBills", R"({"id":")" + sid + R"(","page":2,"size":1})");
  EXPECT_EQ(num(r, "total"), 2u);
  ASSERT_EQ(ids(r, "bills", "seq"), (std::vector<std::string>{"1"}));
  const Value& bill = r["bills"][0];
  EXPECT_EQ(num(bill, "period_start"), first.period_start);
  EXPECT_EQ(num(bill, "period_end"), first.period_end);
  EXPECT_EQ(str(bill, "billed_seconds"), "3600");
  EXPECT_EQ(str(bill, "usd_cost"), std::to_string(first.usd_cost));
  EXPECT_EQ(str(bill, "amount"), std::to_string(first.amount));
  EXPECT_EQ(str(bill, "paid"), std::to_string(first.paid));
  EXPECT_EQ(num(bill, "price_musd"), first.price_musd);
  EXPECT_EQ(str(bill, "discount"), contracts::discount_level_name(first.discount));
  ASSERT_EQ(bill["payouts"].Size(), first.payouts.size());
  for (std::size_t i = 0; i < first.payouts.size(); ++i) {
    EXPECT_EQ(str(bill["payouts"][i], "to"), first.payouts[i].to.to_address());
    EXPECT_EQ(str(bill["payouts"][i], "amount"), std::to_string(first.payouts[i].amount));
    EXPECT_EQ(str(bill["payouts"][i], "role"), first.payouts[i].role);
  }
  r = result("contract_getBills", R"({"id":")" + sid + R"(","page":3,"size":1})");
  EXPECT_TRUE(r["bills"].Empty());

  EXPECT_EQ(error_code("contract_getBills", R"({"id":"999"})"), kNotFound);
  EXPECT_EQ(error_code("contract_getBills", R"({"id":")" + sid + R"(","size":-1})"),
            kInvalidParams);
}

TEST_F(ContractMethodsTest, EstimateEqualsWhatBillingChargesForAnHour) {
  std::uint64_t id = create_node_contract(user_, 1);
  Document r = result("contract_estimateCost",
                      estimate_params(R"(,"ips":1,"address":")" + user_address() + "\""));
  step(3600);
  Bill bill = testing::record<Bill>(chain(), contracts::keys::bill(id, 1));
  ASSERT_EQ(bill.billed_seconds, 3600u);
  EXPECT_EQ(str(r, "kind"), "node");
  EXPECT_EQ(num(r, "node_id"), grid_node_.id);
  EXPECT_EQ(num(r, "public_ips"), 1u);
  EXPECT_EQ(num(r, "price_musd"), bill.price_musd);
  EXPECT_EQ(str(r, "discount"), contracts::discount_level_name(bill.discount));
  EXPECT_EQ(str(r["per_hour"], "usd"), std::to_string(bill.usd_cost));
  EXPECT_EQ(str(r["per_hour"], "tft"), std::to_string(bill.amount));
  // The worked example costs exactly 0.1525 USD an hour: 720 hours are 30 days.
  EXPECT_EQ(str(r["per_30_days"], "usd"), std::to_string(720 * bill.usd_cost));
  EXPECT_EQ(str(r["per_30_days"], "tft"), std::to_string(720 * bill.amount));
}

TEST_F(ContractMethodsTest, EstimateDiscountFromTheBalanceHeld) {
  auto rich = chain().new_funded_key(100'000 * testing::kTft);
  Document none = result("contract_estimateCost", estimate_params(""));
  Document gold = result("contract_estimateCost",
                         estimate_params(R"(,"address":")" + rich.account().to_address() + "\""));
  EXPECT_EQ(str(none, "discount"), "none");
  EXPECT_EQ(num(none, "pay_percent"), 100u);
  EXPECT_EQ(str(gold, "discount"), "gold");
  EXPECT_EQ(num(gold, "pay_percent"), 40u);
  EXPECT_EQ(str(gold["per_hour"], "tft"),
            std::to_string(std::stoull(str(none["per_hour"], "tft")) * 40 / 100));
}

TEST_F(ContractMethodsTest, EstimateRentAndNameContracts) {
  Document rent = result("contract_estimateCost",
                         R"({"kind":"rent","node_id":)" + std::to_string(grid_node_.id) + "}");
  EXPECT_EQ(str(rent, "kind"), "rent");
  EXPECT_EQ(num(rent, "node_id"), grid_node_.id);
  ledger::Node grid_node =
      testing::record<ledger::Node>(chain(), ledger::keys::node(grid_node_.id));
  EXPECT_EQ(str(rent["resources"], "cru"), std::to_string(grid_node.resources.cru));
  EXPECT_NE(str(rent["per_hour"], "usd"), "0");

  Document name =
      result("contract_estimateCost", R"({"kind":"name","address":")" + user_address() + "\"}");
  EXPECT_TRUE(is_null(name, "node_id"));
  EXPECT_NE(str(name["per_hour"], "usd"), "0");
  std::uint64_t id = create(user_, ledger::CreateNameContract{"priced-name"});
  step(3600);
  Bill bill = testing::record<Bill>(chain(), contracts::keys::bill(id, 1));
  EXPECT_EQ(str(name["per_hour"], "usd"), std::to_string(bill.usd_cost));
}

TEST_F(ContractMethodsTest, EstimateErrors) {
  EXPECT_EQ(error_code("contract_estimateCost", R"({"node_id":4000,"resources":{"cru":"1"}})"),
            kNotFound);
  EXPECT_EQ(error_code("contract_estimateCost", R"({"node_id":1})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_estimateCost", R"({"kind":"service"})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_estimateCost", R"({"kind":"rent"})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_estimateCost", R"({"resources":{"gpu":"1"}})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_estimateCost", R"({"resources":{"cru":2}})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_estimateCost", R"({"resources":[1]})"), kInvalidParams);
  EXPECT_EQ(error_code("contract_estimateCost", R"({"resources":{},"address":"tf1nope"})"),
            kInvalidParams);
}

TEST_F(ContractMethodsTest, EstimateFeeOfAnUnsignedTransaction) {
  ledger::Transaction tx = chain().sign(user_, ledger::CancelContract{7});
  tx.signature.fill(0);
  std::string hex = core::hex_encode(core::encode(tx));
  Document r = result("tx_estimateFee", R"({"tx":")" + hex + "\"}");
  std::uint64_t expected = ledger::required_fee(chain().params(), chain().modules(), tx);
  EXPECT_GT(expected, 0u);
  EXPECT_EQ(str(r, "fee"), std::to_string(expected));
  EXPECT_EQ(num(r, "size"), hex.size() / 2);

  EXPECT_EQ(error_code("tx_estimateFee", R"({"tx":"zz"})"), kInvalidParams);
  EXPECT_EQ(error_code("tx_estimateFee", R"({"tx":"00"})"), kInvalidParams);
  EXPECT_EQ(error_code("tx_estimateFee", R"({})"), kInvalidParams);
}

// tx_search over a FakeNodeApi whose blocks all come from produce() (so that results_at
// answers every block's receipts); the fake finds transactions by signer.
TEST(TxSearch, NewestFirstPagedWithTxAndReceipt) {
  testing::FakeNodeApi node;
  MethodRegistry registry;
  ASSERT_TRUE(add_contract_methods(registry, node).is_ok());
  core::AccountId bob = node.chain.account("bob");
  node.produce({node.sign(node.chain.alice(), ledger::Transfer{bob, 1})});  // block 1
  node.produce({node.sign(node.chain.bob(), ledger::Transfer{bob, 1})});    // block 2
  node.produce({node.sign(node.chain.alice(), ledger::Transfer{bob, 2})});  // block 3
  auto run = [&](const std::string& params) {
    Document doc;
    doc.Parse(registry
                  .handle_request_body(R"({"jsonrpc":"2.0","id":1,"method":"tx_search","params":)" +
                                       params + "}")
                  .c_str());
    return doc;
  };
  std::string alice = R"("account":")" + node.chain.account("alice").to_address() + "\"";

  Document r = run("{" + alice + "}");
  ASSERT_TRUE(r.HasMember("result")) << r["error"]["message"].GetString();
  const Value& res = r["result"];
  EXPECT_EQ(res["total"].GetUint64(), 2u);
  ASSERT_EQ(res["txs"].Size(), 2u);
  EXPECT_EQ(res["txs"][0]["height"].GetUint64(), 3u);
  EXPECT_EQ(res["txs"][1]["height"].GetUint64(), 1u);
  const ledger::Transaction& newest = node.chain.blocks()[2].transactions[0];
  EXPECT_EQ(std::string(res["txs"][0]["id"].GetString()), ledger::tx_id(newest).hex());
  EXPECT_EQ(res["txs"][0]["index"].GetUint(), 0u);
  EXPECT_TRUE(res["txs"][0]["tx"].IsObject());
  EXPECT_TRUE(res["txs"][0]["receipt"]["ok"].GetBool());

  r = run("{" + alice + R"(,"page":2,"size":1})");
  ASSERT_TRUE(r.HasMember("result"));
  ASSERT_EQ(r["result"]["txs"].Size(), 1u);
  EXPECT_EQ(r["result"]["txs"][0]["height"].GetUint64(), 1u);
  EXPECT_EQ(r["result"]["total"].GetUint64(), 2u);
  r = run("{" + alice + R"(,"kind":"create_twin"})");
  ASSERT_TRUE(r.HasMember("result"));
  EXPECT_EQ(r["result"]["total"].GetUint64(), 0u);

  for (const char* bad : {R"({})", R"({"twin":1,"node":2})", R"({"twin":"1"})", R"({"contract":5})",
                          R"({"account":"tf1bad"})"}) {
    r = run(bad);
    ASSERT_TRUE(r.HasMember("error")) << bad;
    EXPECT_EQ(r["error"]["code"].GetInt(), kInvalidParams) << bad;
  }
}

}  // namespace
}  // namespace grid::rpc
