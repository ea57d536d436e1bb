// with_params: chain parameters of a dev genesis set from "name=value" lists, through the
// genesis file's strict reader.
#include "node/dev_params.hpp"

#include <gtest/gtest.h>

#include "core/ed25519.hpp"

namespace grid::node {
namespace {

ledger::Genesis dev() {
  return ledger::dev_genesis(core::Ed25519SecretKey::generate().public_key(), 1'700'000'000);
}

TEST(DevParamsTest, SetsU64AndU32Fields) {
  ledger::Genesis g = dev();
  auto patched = with_params(g, "billing_period=10,grace_period_node=30,max_validators=7");
  ASSERT_TRUE(patched) << patched.error().message();
  EXPECT_EQ(patched->params.billing_period, 10u);
  EXPECT_EQ(patched->params.grace_period_node, 30u);
  EXPECT_EQ(patched->params.max_validators, 7u);
  // Everything else is the dev genesis unchanged.
  patched->params.billing_period = g.params.billing_period;
  patched->params.grace_period_node = g.params.grace_period_node;
  patched->params.max_validators = g.params.max_validators;
  EXPECT_TRUE(*patched == g);
}

TEST(DevParamsTest, EmptyListChangesNothing) {
  ledger::Genesis g = dev();
  auto same = with_params(g, "");
  ASSERT_TRUE(same);
  EXPECT_TRUE(*same == g);
}

TEST(DevParamsTest, RefusesUnknownNamesAndBadValues) {
  ledger::Genesis g = dev();
  for (const char* bad : {"billing_period", "=5", "billing_periodx=5", "billing_period=-1",
                          "billing_period=1.5", "max_validators=abc", "max_validators=4294967296",
                          "billing_period=10,", "billing_period=010"}) {
    auto r = with_params(g, bad);
    EXPECT_FALSE(r) << bad;
    if (!r) {
      EXPECT_EQ(r.error().code(), core::Code::invalid) << bad;
      EXPECT_NE(r.error().message().find("--params"), std::string::npos) << bad;
    }
  }
}

}  // namespace
}  // namespace grid::node
