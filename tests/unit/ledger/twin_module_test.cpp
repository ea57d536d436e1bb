// Terms, twins and stash bonding through whole blocks: every rule of ledger/twin_module.hpp, each
// refusal leaving the state unchanged.
#include "ledger/twin_module.hpp"

#include <gtest/gtest.h>

#include "tests/support/registry_fixture.hpp"

namespace grid::ledger {
namespace {

using testing::expect_refused;
using testing::make_twin;
using testing::record;
using testing::TestChain;

TEST(AcceptTerms, StoresTheTermsWithTheBlockTime) {
  TestChain chain;
  auto r = chain.run(chain.alice(), AcceptTerms{"https://grid.tf/terms", "abc123"});
  ASSERT_TRUE(r.ok) << r.reason;
  Terms terms = record<Terms>(chain, keys::terms(chain.account("alice")));
  EXPECT_EQ(terms, (Terms{"https://grid.tf/terms", "abc123", chain.now()}));
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "terms_accepted");
  EXPECT_EQ(r.events[0].account, chain.account("alice"));
  EXPECT_FALSE(r.events[0].twin.has_value());
}

TEST(AcceptTerms, LinkAndHashLengthLimits) {
  TestChain chain;
  expect_refused(chain, chain.alice(), AcceptTerms{"", "h"}, "invalid_input");
  expect_refused(chain, chain.alice(), AcceptTerms{"l", ""}, "invalid_input");
  expect_refused(chain, chain.alice(), AcceptTerms{std::string(kTermsLinkMax + 1, 'l'), "h"},
                 "invalid_input");
  expect_refused(chain, chain.alice(), AcceptTerms{"l", std::string(kTermsHashMax + 1, 'h')},
                 "invalid_input");
  EXPECT_TRUE(chain
                  .run(chain.alice(), AcceptTerms{std::string(kTermsLinkMax, 'l'),
                                                  std::string(kTermsHashMax, 'h')})
                  .ok);
}

TEST(CreateTwin, NeedsTheTermsFirst) {
  TestChain chain;
  expect_refused(chain, chain.alice(), CreateTwin{}, "terms_not_accepted");
  EXPECT_EQ(chain.balance(chain.account("alice")).twin_id, 0u);
}

TEST(CreateTwin, IdsCountUpAndTheAccountPointsToItsTwin) {
  TestChain chain;
  ASSERT_TRUE(chain.run(chain.alice(), AcceptTerms{"l", "h"}).ok);
  auto r = chain.run(chain.alice(), CreateTwin{"relay.grid.tf", core::Bytes(kTwinPkMax, 7)});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  auto alice = chain.account("alice");
  Twin twin = record<Twin>(chain, keys::twin(1));
  EXPECT_EQ(twin.id, 1u);
  EXPECT_EQ(twin.account, alice);
  EXPECT_EQ(twin.relay, "relay.grid.tf");
  EXPECT_EQ(twin.pk, core::Bytes(kTwinPkMax, 7));
  EXPECT_FALSE(twin.stash.has_value());
  EXPECT_EQ(twin.created_at, chain.now());
  EXPECT_EQ(chain.balance(alice).twin_id, 1u);
  EXPECT_EQ(record<std::uint32_t>(chain, keys::twin_by_account(alice)), 1u);
  EXPECT_EQ(record<Counters>(chain, keys::counters()).last_twin_id, 1u);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "twin_created");
  EXPECT_EQ(r.events[0].account, alice);
  EXPECT_EQ(r.events[0].twin, 1u);

  EXPECT_EQ(make_twin(chain, chain.bob()), 2u);
}

TEST(CreateTwin, OneTwinPerAccount) {
  TestChain chain;
  make_twin(chain, chain.alice());
  expect_refused(chain, chain.alice(), CreateTwin{}, "twin_exists");
  EXPECT_EQ(record<Counters>(chain, keys::counters()).last_twin_id, 1u);
}

TEST(CreateTwin, RefusesABadRelayOrAnOversizedKey) {
  TestChain chain;
  ASSERT_TRUE(chain.run(chain.alice(), AcceptTerms{"l", "h"}).ok);
  expect_refused(chain, chain.alice(), CreateTwin{"bad relay", std::nullopt}, "invalid_relay");
  expect_refused(chain, chain.alice(), CreateTwin{"-relay.grid.tf", std::nullopt}, "invalid_relay");
  expect_refused(chain, chain.alice(), CreateTwin{std::nullopt, core::Bytes(kTwinPkMax + 1, 1)},
                 "invalid_input");
  EXPECT_FALSE(chain.get<Twin>(keys::twin(1)).has_value());
}

TEST(UpdateTwin, ReplacesRelayAndKeyOfTheSignersTwin) {
  TestChain chain;
  make_twin(chain, chain.alice());
  auto r = chain.run(chain.alice(), UpdateTwin{"relay.example.org", core::Bytes{1, 2, 3}});
  ASSERT_TRUE(r.ok) << r.reason;
  Twin twin = record<Twin>(chain, keys::twin(1));
  EXPECT_EQ(twin.relay, "relay.example.org");
  EXPECT_EQ(twin.pk, (core::Bytes{1, 2, 3}));
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "twin_updated");
  EXPECT_EQ(r.events[0].twin, 1u);
  // Absent values clear.
  ASSERT_TRUE(chain.run(chain.alice(), UpdateTwin{}).ok);
  twin = record<Twin>(chain, keys::twin(1));
  EXPECT_FALSE(twin.relay.has_value());
  EXPECT_FALSE(twin.pk.has_value());
}

TEST(UpdateTwin, RefusesWithoutATwinAndBadFields) {
  TestChain chain;
  expect_refused(chain, chain.bob(), UpdateTwin{"relay.grid.tf", std::nullopt}, "no_twin");
  make_twin(chain, chain.alice());
  ASSERT_TRUE(chain.run(chain.alice(), UpdateTwin{"relay.grid.tf", std::nullopt}).ok);
  expect_refused(chain, chain.alice(), UpdateTwin{"a..b", std::nullopt}, "invalid_relay");
  expect_refused(chain, chain.alice(), UpdateTwin{std::nullopt, core::Bytes(kTwinPkMax + 1, 0)},
                 "invalid_input");
  EXPECT_EQ(record<Twin>(chain, keys::twin(1)).relay, "relay.grid.tf");
}

TEST(BondStash, TheSignerBecomesTheTwinsStash) {
  TestChain chain;
  make_twin(chain, chain.alice());
  auto r = chain.run(chain.bob(), BondStash{1});
  ASSERT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(record<Twin>(chain, keys::twin(1)).stash, chain.account("bob"));
  EXPECT_EQ(record<std::uint32_t>(chain, keys::twin_by_stash(chain.account("bob"))), 1u);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "stash_bonded");
  EXPECT_EQ(r.events[0].account, chain.account("bob"));
  EXPECT_EQ(r.events[0].twin, 1u);
}

TEST(BondStash, Refusals) {
  TestChain chain;
  make_twin(chain, chain.alice());  // twin 1
  make_twin(chain, chain.bob());    // twin 2
  auto charlie = chain.key("charlie");
  auto dave = chain.key("dave");
  expect_refused(chain, charlie, BondStash{9}, "not_found");
  expect_refused(chain, chain.alice(), BondStash{1}, "invalid_input");  // its own account
  ASSERT_TRUE(chain.run(charlie, BondStash{1}).ok);
  expect_refused(chain, dave, BondStash{1}, "twin_has_stash");
  expect_refused(chain, charlie, BondStash{2}, "stash_already_bonded");
  EXPECT_FALSE(record<Twin>(chain, keys::twin(2)).stash.has_value());
  // Another account may still be twin 2's stash.
  EXPECT_TRUE(chain.run(dave, BondStash{2}).ok);
}

TEST(Twins, CallsPayTheFee) {
  TestChain chain;
  auto before = chain.balance(chain.account("alice")).free;
  auto r = chain.run(chain.alice(), AcceptTerms{"l", "h"});
  EXPECT_GT(r.fee, 0u);
  EXPECT_EQ(chain.balance(chain.account("alice")).free, before - r.fee);
}

}  // namespace
}  // namespace grid::ledger
