// The registry methods over a FakeNodeApi whose TestChain runs the ledger and contracts modules:
// two farms and three nodes registered with real transactions, a node contract on node A, a rent
// contract on node B (powered down: standby) and node C silent (down). Success shapes, filters,
// paging and totals, not found, bad params and node failures.
#include "rpc/registry_methods.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

#include "contracts/pricing.hpp"
#include "tests/support/contracts_fixture.hpp"
#include "tests/support/fake_node_api.hpp"
#include "tests/support/rpc_fixture.hpp"

namespace grid::rpc {
namespace {

using rapidjson::Document;
using rapidjson::Value;
using namespace grid::testing;

constexpr int kInvalidParams = error_code::invalid_params;
constexpr int kNotFound = error_code::not_found;

class RegistryMethodsTest : public testing::RpcFixture {
 protected:
  void SetUp() override {
    ASSERT_TRUE(add_registry_methods(registry_, node_).is_ok());
    node_.chain = TestChain(contracts_genesis(), add_contract_modules);
    TestChain& c = node_.chain;
    make_twin(c, c.alice());
    farm_a_ = make_farm(c, c.alice(), "Alice-Farm", farm_ips(3));
    handles_.push_back(make_node(c, c.alice(), farm_a_));
    NodeSpec egypt = valid_node_spec();
    egypt.location = Location{"Egypt", "Cairo", "30.04", "31.23"};
    handles_.push_back(make_node(c, c.alice(), farm_a_, egypt));
    bob_twin_ = make_twin(c, c.bob());
    farm_b_ = make_farm(c, c.bob(), "bob-farm");
    handles_.push_back(make_node(c, c.bob(), farm_b_));
    node_a_ = handles_[0].id;
    node_b_ = handles_[1].id;
    node_c_ = handles_[2].id;
    user_.emplace(c.new_funded_key(1000 * kTft));
    user_twin_ = make_twin(c, *user_);
    Resources used{.cru = 2, .mru = 4 * kGiB, .sru = 50 * kGiB, .hru = 0};
    auto r = c.run(*user_, node_contract_call(node_a_, used, 1));
    ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
    CreateRentContract rent;
    rent.node_id = node_b_;
    r = c.run(*user_, rent);
    ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
    c.advance(c.params().offline_after + 50, 10);  // every node is past its offline mark
    r = c.run(handles_[0].key, ReportUptime{100, c.now()});
    ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
    r = c.run(handles_[1].key, SetPowerState{false});
    ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  }

  // The "id" of every item of result[list].
  static std::vector<std::uint64_t> ids(const Value& r, const char* list) {
    std::vector<std::uint64_t> out;
    if (!r.IsObject() || !r.HasMember(list) || !r[list].IsArray()) return {999'999};
    for (const auto& item : r[list].GetArray()) out.push_back(num(item, "id"));
    return out;
  }
  std::vector<std::uint64_t> list_ids(const char* method, const char* list,
                                      const std::string& params) {
    return ids(result(method, params), list);
  }
  std::vector<std::uint64_t> node_ids(const std::string& params) {
    return list_ids("node_list", "nodes", params);
  }
  std::vector<std::uint64_t> farm_ids(const std::string& params) {
    return list_ids("farm_list", "farms", params);
  }

  FakeNodeApi node_;
  std::uint32_t farm_a_ = 0, farm_b_ = 0, bob_twin_ = 0, user_twin_ = 0;
  std::vector<NodeHandle> handles_;  // nodes A, B, C
  std::uint32_t node_a_ = 0, node_b_ = 0, node_c_ = 0;
  std::optional<core::AccountKey> user_;
};

using Ids = std::vector<std::uint64_t>;

TEST_F(RegistryMethodsTest, RegistersEveryMethodOnce) {
  for (const char* name : {"twin_get", "farm_get", "farm_list", "node_get", "node_list",
                           "pricing_getPolicy", "farming_getPolicy", "price_get", "stats_get"})
    EXPECT_TRUE(registry_.contains(name)) << name;
  EXPECT_EQ(registry_.method_names().size(), 9u);
  EXPECT_EQ(add_registry_methods(registry_, node_).code(), core::Code::invalid);
}

TEST_F(RegistryMethodsTest, TwinGetByIdOrAddress) {
  Document r = result("twin_get", "{\"id\":" + std::to_string(user_twin_) + "}");
  EXPECT_EQ(num(r, "id"), user_twin_);
  EXPECT_EQ(str(r, "account"), user_->account().to_address());
  EXPECT_TRUE(is_null(r, "stash"));
  EXPECT_TRUE(r["created_at"].IsUint64());
  EXPECT_EQ(r.MemberCount(), 6u);
  Document by_address =
      result("twin_get", R"({"address":")" + user_->account().to_address() + "\"}");
  EXPECT_EQ(num(by_address, "id"), user_twin_);

  EXPECT_EQ(error_code("twin_get", R"({"id":9999})"), kNotFound);
  EXPECT_EQ(error_code("twin_get", R"({"address":")" + hook_marker_account().to_address() + "\"}"),
            kNotFound);
  EXPECT_EQ(error_code("twin_get"), kInvalidParams);
  EXPECT_EQ(
      error_code("twin_get", R"({"id":1,"address":")" + user_->account().to_address() + "\"}"),
      kInvalidParams);
  EXPECT_EQ(error_code("twin_get", R"({"id":"1"})"), kInvalidParams);
  EXPECT_EQ(error_code("twin_get", R"({"address":"tf1xyz"})"), kInvalidParams);
}

TEST_F(RegistryMethodsTest, FarmGet) {
  Document r = result("farm_get", "[" + std::to_string(farm_a_) + "]");
  EXPECT_EQ(num(r, "id"), farm_a_);
  EXPECT_EQ(str(r, "name"), "Alice-Farm");
  EXPECT_EQ(str(r, "certification"), "none");
  EXPECT_EQ(num(r, "node_count"), 2u);
  ASSERT_TRUE(r["public_ips"].IsArray());
  ASSERT_EQ(r["public_ips"].Size(), 3u);
  EXPECT_EQ(str(r["public_ips"][0], "ip"), "185.206.122.33/24");
  EXPECT_TRUE(r["public_ips"][0]["contract_id"].IsString());  // held by the node contract
  EXPECT_TRUE(is_null(r["public_ips"][1], "contract_id"));
  EXPECT_EQ(num(r, "free_ips"), 2u);
  EXPECT_EQ(r["allowed"].Size(), 2u);

  EXPECT_EQ(error_code("farm_get", R"({"id":77})"), kNotFound);
  EXPECT_EQ(error_code("farm_get"), kInvalidParams);
  EXPECT_EQ(error_code("farm_get", R"({"id":-1})"), kInvalidParams);
  EXPECT_EQ(error_code("farm_get", R"({"name":"x"})"), kInvalidParams);
}

TEST_F(RegistryMethodsTest, FarmListFiltersAndPaging) {
  Document all = result("farm_list");
  EXPECT_EQ(num(all, "total"), 2u);
  EXPECT_EQ(num(all, "page"), 1u);
  EXPECT_EQ(num(all, "size"), kDefaultRegistryPageSize);
  EXPECT_EQ(ids(all, "farms"), (Ids{farm_a_, farm_b_}));
  EXPECT_EQ(farm_ids(R"({"name_contains":"ALICE"})"), (Ids{farm_a_}));
  EXPECT_EQ(farm_ids(R"({"name_contains":"farm"})"), (Ids{farm_a_, farm_b_}));
  EXPECT_EQ(farm_ids("{\"twin_id\":" + std::to_string(bob_twin_) + "}"), (Ids{farm_b_}));
  EXPECT_EQ(farm_ids(R"({"free_ips_min":2})"), (Ids{farm_a_}));
  EXPECT_EQ(farm_ids(R"({"free_ips_min":3})"), Ids{});
  EXPECT_EQ(farm_ids(R"({"certified":true})"), Ids{});
  EXPECT_EQ(farm_ids(R"({"certified":false,"dedicated":false})"), (Ids{farm_a_, farm_b_}));
  EXPECT_EQ(farm_ids(R"({"dedicated":true})"), Ids{});

  Document second = result("farm_list", R"({"page":2,"size":1})");
  EXPECT_EQ(num(second, "total"), 2u);
  EXPECT_EQ(ids(second, "farms"), (Ids{farm_b_}));
  Document past = result("farm_list", R"({"page":3,"size":1})");
  EXPECT_EQ(num(past, "total"), 2u);
  EXPECT_EQ(ids(past, "farms"), Ids{});

  EXPECT_EQ(error_code("farm_list", R"({"size":0})"), kInvalidParams);
  EXPECT_EQ(error_code("farm_list", R"({"size":1001})"), kInvalidParams);
  EXPECT_EQ(error_code("farm_list", R"({"page":0})"), kInvalidParams);
  EXPECT_EQ(error_code("farm_list", R"({"certified":"yes"})"), kInvalidParams);
  EXPECT_EQ(error_code("farm_list", R"({"twin_id":"1"})"), kInvalidParams);
  EXPECT_EQ(error_code("farm_list", R"({"sort_by":"id"})"), kInvalidParams);
}

TEST_F(RegistryMethodsTest, NodeGetShapesAndFacts) {
  Document a = result("node_get", "{\"id\":" + std::to_string(node_a_) + "}");
  EXPECT_EQ(num(a, "id"), node_a_);
  EXPECT_EQ(num(a, "farm_id"), farm_a_);
  EXPECT_EQ(str(a, "account"), handles_[0].key.account().to_address());
  EXPECT_EQ(str(a, "status"), "up");
  EXPECT_EQ(str(a, "last_uptime_value"), "100");
  EXPECT_EQ(num(a, "last_uptime_report"), node_.chain.now() - 1);
  EXPECT_EQ(str(a["location"], "country"), "Belgium");
  const Value& capacity = a["capacity"];
  EXPECT_EQ(str(capacity["total"], "cru"), "8");
  EXPECT_EQ(str(capacity["reserved"], "cru"), "2");
  EXPECT_EQ(str(capacity["free"], "cru"), "6");
  EXPECT_EQ(str(capacity["free"], "mru"), std::to_string(28 * kGiB));
  EXPECT_EQ(str(capacity["free"], "hru"), std::to_string(4000 * kGiB));
  EXPECT_EQ(num(a, "contract_count"), 1u);
  EXPECT_TRUE(is_null(a, "rent_contract_id"));
  EXPECT_TRUE(is_null(a, "rented_by"));
  EXPECT_TRUE(a["rentable"].IsFalse());
  EXPECT_TRUE(is_null(a, "public_config"));
  EXPECT_EQ(a["interfaces"].Size(), 1u);

  Document b = result("node_get", "[" + std::to_string(node_b_) + "]");
  EXPECT_EQ(str(b, "status"), "standby");
  EXPECT_EQ(str(b, "power_state"), "down");
  EXPECT_TRUE(b["rent_contract_id"].IsString());
  EXPECT_EQ(num(b, "rented_by"), user_twin_);
  EXPECT_TRUE(b["rentable"].IsFalse());

  Document c = result("node_get", "[" + std::to_string(node_c_) + "]");
  EXPECT_EQ(str(c, "status"), "down");
  EXPECT_TRUE(c["rentable"].IsTrue());

  EXPECT_EQ(error_code("node_get", R"({"id":555})"), kNotFound);
  EXPECT_EQ(error_code("node_get"), kInvalidParams);
  EXPECT_EQ(error_code("node_get", R"({"id":1.5})"), kInvalidParams);
}

TEST_F(RegistryMethodsTest, NodeListFilters) {
  const std::uint64_t a = node_a_, b = node_b_, c = node_c_;
  EXPECT_EQ(node_ids("{}"), (Ids{a, b, c}));
  EXPECT_EQ(node_ids("{\"farm_id\":" + std::to_string(farm_a_) + "}"), (Ids{a, b}));
  EXPECT_EQ(node_ids(R"({"country":"egypt"})"), (Ids{b}));
  EXPECT_EQ(node_ids(R"({"city":"Ghent"})"), (Ids{a, c}));
  EXPECT_EQ(node_ids(R"({"status":"up"})"), (Ids{a}));
  EXPECT_EQ(node_ids(R"({"status":"down"})"), (Ids{c}));
  EXPECT_EQ(node_ids(R"({"status":"standby"})"), (Ids{b}));
  EXPECT_EQ(node_ids(R"({"free_cru":"7"})"), (Ids{b, c}));
  EXPECT_EQ(node_ids(R"({"free_cru":"6"})"), (Ids{a, b, c}));
  EXPECT_EQ(node_ids("{\"free_mru\":\"" + std::to_string(30 * kGiB) + "\"}"), (Ids{b, c}));
  EXPECT_EQ(node_ids("{\"free_sru\":\"" + std::to_string(1000 * kGiB) + "\"}"), (Ids{b, c}));
  EXPECT_EQ(node_ids(R"({"free_hru":"1"})"), (Ids{a, b, c}));
  EXPECT_EQ(node_ids(R"({"has_ipv4":true})"), Ids{});
  EXPECT_EQ(node_ids(R"({"has_ipv4":false,"certified":false})"), (Ids{a, b, c}));
  EXPECT_EQ(node_ids(R"({"certified":true})"), Ids{});
  EXPECT_EQ(node_ids(R"({"rentable":true})"), (Ids{c}));
  EXPECT_EQ(node_ids(R"({"rentable":false})"), (Ids{a, b}));
  EXPECT_EQ(node_ids("{\"rented_by\":" + std::to_string(user_twin_) + "}"), (Ids{b}));
  EXPECT_EQ(node_ids("{\"rented_by\":" + std::to_string(bob_twin_) + "}"), Ids{});
  EXPECT_EQ(node_ids(R"({"status":"up","country":"Egypt"})"), Ids{});
}

TEST_F(RegistryMethodsTest, NodeListPagingAndBadParams) {
  Document page = result("node_list", R"({"page":2,"size":2})");
  EXPECT_EQ(num(page, "total"), 3u);
  EXPECT_EQ(num(page, "page"), 2u);
  EXPECT_EQ(num(page, "size"), 2u);
  EXPECT_EQ(ids(page, "nodes"), (Ids{node_c_}));
  Document filtered = result("node_list", R"({"rentable":false,"size":1})");
  EXPECT_EQ(num(filtered, "total"), 2u);
  EXPECT_EQ(ids(filtered, "nodes"), (Ids{node_a_}));

  EXPECT_EQ(error_code("node_list", R"({"status":"sleeping"})"), kInvalidParams);
  EXPECT_EQ(error_code("node_list", R"({"free_cru":7})"), kInvalidParams);  // u64: a string
  EXPECT_EQ(error_code("node_list", R"({"free_mru":"-1"})"), kInvalidParams);
  EXPECT_EQ(error_code("node_list", R"({"rentable":1})"), kInvalidParams);
  EXPECT_EQ(error_code("node_list", R"({"country":3})"), kInvalidParams);
  EXPECT_EQ(error_code("node_list", R"({"size":5000})"), kInvalidParams);
  EXPECT_EQ(error_code("node_list", R"({"sort_by":"price"})"), kInvalidParams);
  EXPECT_EQ(error_code("node_list", R"({"sort_by":1})"), kInvalidParams);
}

TEST_F(RegistryMethodsTest, NodeListSortsBeforePaging) {
  const std::uint64_t a = node_a_, b = node_b_, c = node_c_;
  EXPECT_EQ(node_ids(R"({"sort_by":"id"})"), (Ids{a, b, c}));
  EXPECT_EQ(node_ids(R"({"sort_by":"free_cru"})"), (Ids{b, c, a}));  // a has 2 cores reserved
  EXPECT_EQ(node_ids(R"({"sort_by":"free_cru","size":1})"), (Ids{b}));
  EXPECT_EQ(node_ids(R"({"sort_by":"free_mru","page":2,"size":2})"), (Ids{a}));
  EXPECT_EQ(node_ids(R"({"sort_by":"farm_id","status":"up"})"), (Ids{a}));
}

TEST_F(RegistryMethodsTest, Policies) {
  auto pricing = node_.chain.get<PricingPolicy>(keys::pricing_policy(1));
  ASSERT_TRUE(pricing.has_value());
  Document p = result("pricing_getPolicy", R"({"id":1})");
  EXPECT_EQ(num(p, "id"), 1u);
  EXPECT_EQ(str(p, "name"), pricing->name);
  EXPECT_EQ(str(p, "cu"), std::to_string(pricing->cu));
  EXPECT_EQ(str(p, "ipv4"), std::to_string(pricing->ipv4));
  EXPECT_EQ(num(p, "dedicated_discount_percent"), pricing->dedicated_discount_percent);
  EXPECT_EQ(p.MemberCount(), 9u);

  auto farming = node_.chain.get<FarmingPolicy>(keys::farming_policy(1));
  ASSERT_TRUE(farming.has_value());
  Document f = result("farming_getPolicy", "[1]");
  EXPECT_EQ(str(f, "name"), farming->name);
  EXPECT_EQ(str(f, "cu_reward"), std::to_string(farming->cu_reward));
  EXPECT_EQ(num(f, "minimal_uptime_permille"), farming->minimal_uptime_permille);
  EXPECT_TRUE(f["certified"].IsBool());
  EXPECT_EQ(f.MemberCount(), 8u);

  EXPECT_EQ(error_code("pricing_getPolicy", R"({"id":4000})"), kNotFound);
  EXPECT_EQ(error_code("farming_getPolicy", R"({"id":4000})"), kNotFound);
  EXPECT_EQ(error_code("pricing_getPolicy"), kInvalidParams);
  EXPECT_EQ(error_code("farming_getPolicy", R"({"id":"1"})"), kInvalidParams);
}

TEST_F(RegistryMethodsTest, PriceGet) {
  auto price = node_.chain.get<TftPrice>(keys::tft_price());
  ASSERT_TRUE(price.has_value());
  const ChainParams& params = node_.chain.params();
  Document r = result("price_get");
  EXPECT_EQ(num(r, "latest_musd"), price->latest_musd);
  EXPECT_EQ(str(r, "average_musd"), std::to_string(price->average_musd));
  EXPECT_EQ(num(r, "price_min"), params.price_min);
  EXPECT_EQ(num(r, "price_max"), params.price_max);
  EXPECT_EQ(num(r, "effective_musd"),
            contracts::clamp_price(price->average_musd, params.price_min, params.price_max));
  EXPECT_EQ(error_code("price_get", "[1]"), kInvalidParams);
}

TEST_F(RegistryMethodsTest, StatsTotals) {
  auto counters = node_.chain.get<Counters>(keys::counters());
  ASSERT_TRUE(counters.has_value());
  Document s = result("stats_get");
  EXPECT_EQ(num(s, "height"), node_.chain.height());
  EXPECT_EQ(num(s, "twins"), 6u);  // alice, bob, the user and three node daemons
  EXPECT_EQ(num(s, "farms"), 2u);
  const Value& nodes = s["nodes"];
  EXPECT_EQ(num(nodes, "total"), 3u);
  EXPECT_EQ(num(nodes, "up"), 1u);
  EXPECT_EQ(num(nodes, "down"), 1u);
  EXPECT_EQ(num(nodes, "standby"), 1u);
  EXPECT_EQ(num(nodes["by_country"], "Belgium"), 2u);
  EXPECT_EQ(num(nodes["by_country"], "Egypt"), 1u);
  EXPECT_EQ(nodes["by_country"].MemberCount(), 2u);
  EXPECT_EQ(str(s["contracts"], "created"), std::to_string(counters->last_contract_id));
  EXPECT_EQ(str(s["contracts"], "live"), "2");
  EXPECT_EQ(str(s["capacity"]["total"], "cru"), "24");
  EXPECT_EQ(str(s["capacity"]["reserved"], "cru"), "2");
  EXPECT_EQ(str(s["capacity"]["reserved"], "sru"), std::to_string(50 * kGiB));
  EXPECT_EQ(num(s["public_ips"], "total"), 3u);
  EXPECT_EQ(num(s["public_ips"], "used"), 1u);
  EXPECT_EQ(str(s["tft"], "total_supply"), std::to_string(counters->total_supply));
  EXPECT_EQ(str(s["tft"], "burned_total"), std::to_string(counters->burned_total));
  EXPECT_EQ(error_code("stats_get", R"({"x":1})"), kInvalidParams);
}

TEST_F(RegistryMethodsTest, NodeFailureIsInternal) {
  node_.failure = core::Status::io("disk gone");
  for (const char* method : {"farm_list", "node_list", "stats_get", "price_get"})
    EXPECT_EQ(error_code(method), error_code::internal_error) << method;
  EXPECT_EQ(error_code("node_get", R"({"id":1})"), error_code::internal_error);
}

}  // namespace
}  // namespace grid::rpc
