// The price oracle through whole blocks: every rule of ledger/oracle_module.hpp (feeders, rate
// limit, ring of samples with its running sum, genesis sample, window changes), its invariants,
// and that it moves no TFT.
#include "ledger/oracle_module.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "tests/support/registry_fixture.hpp"

namespace grid::ledger {
namespace {

using testing::expect_refused;
using testing::record;
using testing::TestChain;

// Stands in for governance: SubmitEvidence{encode(u32 window)} sets params.price_window.
class WindowLever final : public Module {
 public:
  std::string_view name() const override { return "window_lever"; }
  bool handles(const Call& call) const override { return call.as<SubmitEvidence>() != nullptr; }
  Status apply(TxContext& ctx) override {
    auto window = core::decode<std::uint32_t>(ctx.tx.call.as<SubmitEvidence>()->evidence);
    if (!window) return refuse(reason::invalid_input, "not a window");
    GRID_ASSIGN(ChainParams params, load_params(ctx.state));
    params.price_window = *window;
    store(ctx.state, keys::params(), params);
    return Status::ok();
  }
};

Genesis oracle_genesis(const std::function<void(Genesis&)>& adjust = nullptr) {
  std::array<std::uint8_t, 32> consensus_key{};
  consensus_key.fill(7);
  Genesis g = dev_genesis(consensus_key, 1'700'000'000);
  if (adjust) adjust(g);
  return g;
}

// A chain whose feeder (alice) may submit every block, with a ring of `window` samples.
TestChain fast_chain(std::uint32_t window) {
  return TestChain(oracle_genesis([&](Genesis& g) {
                     g.params.price_submit_interval = 1;
                     g.params.price_window = window;
                   }),
                   [](Modules& m) { m.push_back(std::make_unique<WindowLever>()); });
}

TftPrice price_of(const TestChain& chain) {
  return record<TftPrice>(chain, keys::tft_price());
}
PriceRing ring_of(const TestChain& chain) {
  return record<PriceRing>(chain, keys::price_ring());
}

void submit_ok(TestChain& chain, std::uint32_t price) {
  auto r = chain.run(chain.alice(), SubmitPrice{price});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
}

TEST(OracleGenesis, StoresTheFeedersAndTheGenesisPriceAsOneSample) {
  TestChain chain;
  EXPECT_EQ(record<PriceFeeder>(chain, keys::price_feeder(chain.account("alice"))), PriceFeeder{});
  EXPECT_FALSE(chain.get<PriceFeeder>(keys::price_feeder(chain.account("bob"))).has_value());
  EXPECT_EQ(ring_of(chain), (PriceRing{.window = 1440, .count = 1, .next = 1, .sum = 20}));
  EXPECT_EQ(record<std::uint32_t>(chain, keys::price_sample(0)), 20u);
  EXPECT_EQ(price_of(chain), (TftPrice{20, 20}));
}

TEST(OracleGenesis, FeedersDefaultToTheValidatorOperators) {
  TestChain chain(oracle_genesis([](Genesis& g) { g.price_feeders.clear(); }));
  for (const auto& v : chain.genesis().validators)
    EXPECT_TRUE(chain.get<PriceFeeder>(keys::price_feeder(v.operator_account)).has_value());
  submit_ok(chain, 30);
}

TEST(OracleGenesis, RefusesAFeederListedTwice) {
  Genesis g = oracle_genesis();
  g.price_feeders.push_back(g.price_feeders.front());
  MemoryState empty;
  Overlay state(empty);
  Status s = write_genesis_state(g, state);
  EXPECT_EQ(s.code(), core::Code::invalid);
  EXPECT_NE(s.message().find("listed twice"), std::string::npos) << s.message();
}

TEST(SubmitPrice, OnlyFeedersMaySubmit) {
  TestChain chain;
  expect_refused(chain, chain.bob(), SubmitPrice{30}, "not_price_feeder");
  EXPECT_EQ(price_of(chain), (TftPrice{20, 20}));
}

TEST(SubmitPrice, PriceZeroIsInvalid) {
  TestChain chain;
  expect_refused(chain, chain.alice(), SubmitPrice{0}, "invalid_input");
  // The refused sample did not start the feeder's interval.
  submit_ok(chain, 30);
}

TEST(SubmitPrice, UpdatesLatestAndTheFlooredMeanAndEmitsAnEvent) {
  TestChain chain;
  auto r = chain.run(chain.alice(), SubmitPrice{31});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  EXPECT_EQ(price_of(chain), (TftPrice{31, 25}));  // (20 + 31) / 2 = 25.5
  EXPECT_EQ(ring_of(chain), (PriceRing{.window = 1440, .count = 2, .next = 2, .sum = 51}));
  EXPECT_EQ(record<std::uint32_t>(chain, keys::price_sample(1)), 31u);
  EXPECT_EQ(record<PriceFeeder>(chain, keys::price_feeder(chain.account("alice"))),
            PriceFeeder{chain.now()});
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "price_submitted");
  EXPECT_EQ(r.events[0].account, chain.account("alice"));
  EXPECT_EQ(r.events[0].attributes,
            (std::vector<Attribute>{{"price_musd", "31"}, {"average_musd", "25"}}));
}

TEST(SubmitPrice, OneSamplePerFeederPerInterval) {
  TestChain chain;
  ASSERT_EQ(chain.params().price_submit_interval, 60u);
  submit_ok(chain, 30);
  std::uint64_t accepted_at = chain.now();
  expect_refused(chain, chain.alice(), SubmitPrice{40}, "rate_limited");
  chain.advance(accepted_at + 58 - chain.now());
  expect_refused(chain, chain.alice(), SubmitPrice{40}, "rate_limited");  // 59 s later
  ASSERT_EQ(chain.now(), accepted_at + 59);
  submit_ok(chain, 40);  // 60 s later
  EXPECT_EQ(price_of(chain), (TftPrice{40, 30}));
}

TEST(SubmitPrice, FeedersAreRateLimitedSeparately) {
  TestChain chain(oracle_genesis([](Genesis& g) {
    g.price_feeders = {core::dev_account("alice").value(), core::dev_account("bob").value()};
  }));
  chain.submit(chain.sign(chain.alice(), SubmitPrice{30}));
  chain.submit(chain.sign(chain.bob(), SubmitPrice{40}));
  const auto& results = chain.produce_block();
  ASSERT_EQ(results.receipts.size(), 2u);
  for (const auto& r : results.receipts) EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
  EXPECT_EQ(price_of(chain), (TftPrice{40, 30}));  // (20 + 30 + 40) / 3
}

TEST(PriceRing, KeepsTheLastWindowSamples) {
  TestChain chain = fast_chain(3);
  submit_ok(chain, 10);  // ring 20 10
  submit_ok(chain, 41);  // ring 20 10 41: full
  EXPECT_EQ(price_of(chain), (TftPrice{41, 23}));
  EXPECT_EQ(ring_of(chain), (PriceRing{.window = 3, .count = 3, .next = 0, .sum = 71}));
  submit_ok(chain, 70);  // evicts the genesis 20: 70 10 41
  EXPECT_EQ(price_of(chain), (TftPrice{70, 40}));
  EXPECT_EQ(ring_of(chain), (PriceRing{.window = 3, .count = 3, .next = 1, .sum = 121}));
  EXPECT_EQ(record<std::uint32_t>(chain, keys::price_sample(0)), 70u);
  submit_ok(chain, 1);  // evicts 10: 70 1 41
  EXPECT_EQ(price_of(chain), (TftPrice{1, 37}));
}

TEST(PriceRing, AWindowOfOneFollowsTheLatestSample) {
  TestChain chain = fast_chain(1);
  submit_ok(chain, 500);
  EXPECT_EQ(price_of(chain), (TftPrice{500, 500}));
  submit_ok(chain, 7);
  EXPECT_EQ(price_of(chain), (TftPrice{7, 7}));
  EXPECT_EQ(ring_of(chain), (PriceRing{.window = 1, .count = 1, .next = 0, .sum = 7}));
}

TEST(PriceRing, AWindowChangeRestartsTheRingFromTheCurrentAverage) {
  TestChain chain = fast_chain(4);
  submit_ok(chain, 30);
  submit_ok(chain, 40);
  submit_ok(chain, 50);  // 20 30 40 50: mean 35
  ASSERT_EQ(price_of(chain).average_musd, 35u);
  ASSERT_TRUE(chain.run(chain.alice(), SubmitEvidence{core::encode(std::uint32_t{2})}).ok);
  // Nothing changes until the next sample.
  EXPECT_EQ(ring_of(chain).window, 4u);
  submit_ok(chain, 45);  // ring for 2: 35 45
  EXPECT_EQ(ring_of(chain), (PriceRing{.window = 2, .count = 2, .next = 0, .sum = 80}));
  EXPECT_EQ(price_of(chain), (TftPrice{45, 40}));
  // The old slots beyond the new window are gone.
  EXPECT_FALSE(chain.get<std::uint32_t>(keys::price_sample(2)).has_value());
  EXPECT_FALSE(chain.get<std::uint32_t>(keys::price_sample(3)).has_value());
  submit_ok(chain, 55);  // evicts 35: 55 45
  EXPECT_EQ(price_of(chain), (TftPrice{55, 50}));
}

TEST(Oracle, MovesNoTftAndIsDeterministic) {
  auto run = [] {
    TestChain chain = fast_chain(3);
    auto alice = chain.account("alice");
    std::uint64_t before = chain.balance(alice).free;
    std::uint64_t fees = 0;
    for (std::uint32_t p : {10u, 400u, 33u, 2u}) {
      auto r = chain.run(chain.alice(), SubmitPrice{p});
      EXPECT_TRUE(r.ok) << r.reason;
      fees += r.fee;
    }
    EXPECT_EQ(chain.balance(alice).free, before - fees);  // the fees only
    return chain.roots();
  };
  EXPECT_EQ(run(), run());
}

TEST(Oracle, InvariantsCatchARingThatDoesNotAddUp) {
  TestChain chain = fast_chain(3);
  submit_ok(chain, 10);
  MemoryState state;
  StateDelta delta;
  for (const auto& [k, v] : chain.entries()) delta[k] = v;
  state.apply(delta);
  OracleModule oracle;
  std::uint64_t held = 0;
  ASSERT_TRUE(oracle.check_invariants(state, held).is_ok());
  EXPECT_EQ(held, 0u);

  StateDelta tamper;
  tamper[keys::price_sample(1)] = core::encode(std::uint32_t{11});
  state.apply(tamper);
  EXPECT_EQ(oracle.check_invariants(state, held).code(), core::Code::internal);
  tamper[keys::price_sample(1)] = core::encode(std::uint32_t{10});
  tamper[keys::tft_price()] = core::encode(TftPrice{10, 16});
  state.apply(tamper);
  EXPECT_EQ(oracle.check_invariants(state, held).code(), core::Code::internal);
}

}  // namespace
}  // namespace grid::ledger
