#include <gtest/gtest.h>

#include "tools/agent/chain_access.hpp"

namespace grid::tools {
namespace {

rapidjson::Document parse(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  EXPECT_FALSE(doc.HasParseError());
  return doc;
}

// docs/api.md's contract_get example.
constexpr std::string_view kContract =
    R"({"id": "1", "twin_id": 3, "kind": "node", "state": "grace_period", "node_id": 1,
  "created_at": 1700000009, "deleted_at": null, "delete_reason": "none", "grace_since": null,
  "last_billed": 1700000009, "next_bill_time": 1700003609, "debt": "0", "total_paid": "0",
  "bill_count": "0", "nu_pending_bytes": "0", "solution_provider_id": null,
  "reservation": {"resources": {"cru": "2", "mru": "4294967296", "sru": "53687091200", "hru": "0"},
                  "public_ips": 1, "ips": ["185.206.122.10/24"]},
  "deployment": {"hash": "abab", "data": "010203"},
  "name": null, "rent_node_id": null, "service": null})";

TEST(ChainAccess, ContractView) {
  auto doc = parse(kContract);
  auto c = parse_contract_view(doc);
  ASSERT_TRUE(c) << c.error().message();
  EXPECT_EQ(c->id, 1u);
  EXPECT_EQ(c->twin_id, 3u);
  EXPECT_EQ(c->node_id, 1u);
  EXPECT_EQ(c->state, ChainState::grace_period);
  EXPECT_EQ(c->reservation.resources.cru, 2u);
  EXPECT_EQ(c->reservation.resources.mru, 4294967296u);
  EXPECT_EQ(c->reservation.public_ips, 1u);
  EXPECT_EQ(c->reservation.ips, std::vector<std::string>{"185.206.122.10/24"});
  EXPECT_EQ(c->reservation.deployment_hash, "abab");
  auto bad = parse(R"({"id": "1", "twin_id": 3, "state": "sleeping", "node_id": 1,
                       "reservation": null, "deployment": null})");
  EXPECT_FALSE(parse_contract_view(bad));
}

// docs/api.md's node_get example, shortened.
constexpr std::string_view kNode =
    R"({"id": 1, "farm_id": 1, "twin_id": 2, "account": "tf1qrfa", "status": "up",
 "power_state": "down", "power_target": "up", "power_state_since": 1700000008,
 "last_uptime_report": 1700000227, "last_uptime_value": "100", "secure_boot": false,
 "virtualized": true, "serial": "SN1", "created_at": 1700000008,
 "location": {"country": "Belgium", "city": "Ghent", "latitude": "51.05", "longitude": "3.7167"},
 "interfaces": [{"name": "zos", "mac": "aa:bb:cc:dd:ee:ff", "ips": ["10.0.0.5"]}],
 "public_config": null,
 "capacity": {"total": {"cru": "8", "mru": "34359738368", "sru": "1073741824000", "hru": "0"},
              "reserved": {"cru": "0", "mru": "0", "sru": "0", "hru": "0"},
              "free": {"cru": "8", "mru": "34359738368", "sru": "1073741824000", "hru": "0"}}})";

TEST(ChainAccess, NodeView) {
  auto doc = parse(kNode);
  auto n = parse_node_view(doc);
  ASSERT_TRUE(n) << n.error().message();
  EXPECT_EQ(n->id, 1u);
  EXPECT_EQ(n->account, "tf1qrfa");
  EXPECT_FALSE(n->power_up);
  EXPECT_EQ(n->last_uptime_report, 1700000227u);
  EXPECT_EQ(n->spec.resources.cru, 8u);
  EXPECT_EQ(n->spec.location.city, "Ghent");
  ASSERT_EQ(n->spec.interfaces.size(), 1u);
  EXPECT_EQ(n->spec.interfaces[0].mac, "aa:bb:cc:dd:ee:ff");
  EXPECT_TRUE(n->spec.virtualized);
  EXPECT_EQ(n->spec.serial, "SN1");
}

TEST(ChainAccess, NextAllowedTime) {
  EXPECT_EQ(
      next_allowed_time("rate_limited: uptime reports at most every 30 s; next at 1700000042"),
      1700000042u);
  EXPECT_FALSE(next_allowed_time("bad_timestamp: timestamp hint 5 is 9 s from the block time"));
  EXPECT_FALSE(next_allowed_time("next at soon"));
}

}  // namespace
}  // namespace grid::tools
