// Farming rewards through whole blocks (ledger/minting_module.hpp) on the dev genesis (minting
// period 600 s, offline after 150 s, diy policy 30000/10000/500 units-USD per hour at 80 mUSD,
// certified policy the same with a 98 % minimum): uptime minimum, exact payouts, the certified
// uplift, pro-rating, the supply cap, the per-block bound, and a report that comes after a
// period's end but before the node's payout. TestChain checks the invariants after every block.
#include "ledger/minting_module.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <map>
#include <set>

#include "ledger/minting_keys.hpp"
#include "tests/support/registry_fixture.hpp"

namespace grid::ledger {
namespace {

using testing::kTft;
using testing::NodeHandle;
using testing::record;
using testing::TestChain;

constexpr std::uint64_t kG = 1'700'000'000;  // genesis time
constexpr std::uint64_t kNever = std::numeric_limits<std::uint64_t>::max();
// Rewards of the standard node (valid_node_spec) per ledger/minting_formula_test.cpp:
constexpr std::uint64_t kFullDiy = 637'152;        // 600 s, diy
constexpr std::uint64_t kFullCertified = 796'440;  // 600 s, x1.25

Genesis minting_genesis(const std::function<void(Genesis&)>& adjust) {
  std::array<std::uint8_t, 32> consensus_key{};
  consensus_key.fill(7);
  Genesis g = dev_genesis(consensus_key, kG);
  if (adjust) adjust(g);
  return g;
}

std::string attr(const Event& e, std::string_view key) {
  for (const auto& a : e.attributes)
    if (a.key == key) return a.value;
  return "<none>";
}

// Stands in for governance: CreateNodeContract{node_id} signed by a council member certifies
// the node (ledger/governance_ops.hpp certify_node).
class CertifyLever final : public Module {
 public:
  std::string_view name() const override { return "certify_lever"; }
  bool handles(const Call& call) const override { return call.as<CreateNodeContract>(); }
  Status apply(TxContext& ctx) override {
    return certify_node(ctx, ctx.signer(), ctx.tx.call.as<CreateNodeContract>()->node_id,
                        NodeCertification::certified);
  }
};

// dave's farm with node daemons that report uptime every 60 s while asked to.
struct MintGrid {
  struct Daemon {
    NodeHandle handle;
    std::uint64_t last_report = 0;
    std::uint64_t report_until = kNever;  // absolute block time
  };

  explicit MintGrid(const std::function<void(Genesis&)>& adjust = nullptr)
      : chain(minting_genesis(adjust),
              [](Modules& m) { m.push_back(std::make_unique<CertifyLever>()); }) {
    testing::make_twin(chain, farmer());
    farm_id = testing::make_farm(chain, farmer(), "mint-farm");
  }

  const core::AccountKey& farmer() const { return chain.key("dave"); }
  std::uint64_t farmer_free() const { return chain.balance(farmer().account()).free; }
  std::uint64_t supply() const { return record<Counters>(chain, keys::counters()).total_supply; }

  std::uint32_t add_node() {
    nodes.push_back({testing::make_node(chain, farmer(), farm_id), chain.now()});
    return nodes.back().handle.id;
  }
  Daemon& daemon(std::uint32_t id) { return nodes.at(id - 1); }
  Node node(std::uint32_t id) const { return record<Node>(chain, keys::node(id)); }

  void report(Daemon& d, std::uint64_t t) {
    chain.submit(chain.sign(d.handle.key, ReportUptime{t - kG, t}));
    d.last_report = t;
  }
  // Blocks `step` seconds apart until the block time reaches kG + until; every daemon reports
  // when its last report is 60 s old and the block time is not past its report_until.
  void run_until(std::uint64_t until, std::uint64_t step = 30) {
    while (chain.now() < kG + until) {
      std::uint64_t t = chain.now() + step;
      for (auto& d : nodes)
        if (t <= d.report_until && t - d.last_report >= 60) report(d, t);
      const BlockResults& r = chain.produce_block(step);
      for (const auto& receipt : r.receipts) EXPECT_TRUE(receipt.ok) << receipt.reason;
      blocks.push_back(r.block_events);
    }
  }
  std::vector<Event> events(std::string_view kind) const {
    std::vector<Event> out;
    for (const auto& block : blocks)
      for (const auto& e : block)
        if (e.kind == kind) out.push_back(e);
    return out;
  }
  // The farming_reward amounts of `period`, by node.
  std::map<std::uint32_t, std::uint64_t> rewards(std::uint64_t period) const {
    std::map<std::uint32_t, std::uint64_t> out;
    for (const auto& e : events("farming_reward")) {
      if (attr(e, "period") != std::to_string(period)) continue;
      EXPECT_FALSE(out.count(*e.node)) << "node " << *e.node << " paid twice";
      out[*e.node] = std::stoull(attr(e, "amount"));
    }
    return out;
  }

  TestChain chain;
  std::uint32_t farm_id = 0;
  std::vector<Daemon> nodes;
  std::vector<std::vector<Event>> blocks;
};

TEST(Minting, NothingIsWrittenBeforeTheFirstPeriodEnds) {
  MintGrid grid;
  grid.add_node();
  grid.run_until(570);  // the last block is at G + 578
  EXPECT_FALSE(grid.chain.get<MintingState>(keys::minting_state()).has_value());
  EXPECT_TRUE(grid.events("farming_reward").empty());
  grid.run_until(600);  // G + 608: period 0 is closed in this block
  EXPECT_EQ(record<MintingState>(grid.chain, keys::minting_state()),
            (MintingState{.period = 1, .period_start = kG + 600, .minted_total = 628'657}));
  EXPECT_EQ(grid.rewards(0).size(), 1u);
}

TEST(Minting, ANodeUnderItsUptimeMinimumEarnsNothing) {
  MintGrid grid;
  std::uint32_t id = grid.add_node();
  // Setup blocks: dave's twin (2), farm (1), node key funded (1), its twin (2), allowed (1),
  // registered (1): created at G + 8.
  ASSERT_EQ(grid.node(id).created_at, kG + 8);
  grid.daemon(id).report_until = 0;  // never reports
  std::uint64_t before = grid.farmer_free(), supply = grid.supply();
  grid.run_until(700);
  // Registered 592 s, offline from G + 158: down 442 s; (592 - 442) * 1000 / 592 = 253.
  auto skipped = grid.events("minting_skipped");
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(*skipped[0].node, id);
  EXPECT_EQ(attr(skipped[0], "reason"), "uptime_below_minimum");
  EXPECT_EQ(attr(skipped[0], "uptime_permille"), "253");
  EXPECT_TRUE(grid.events("farming_reward").empty());
  EXPECT_EQ(grid.farmer_free(), before);
  EXPECT_EQ(grid.supply(), supply);
  // The period is closed for it all the same.
  EXPECT_EQ(record<NodeMinting>(grid.chain, keys::node_minting(id)).next_period, 1u);
}

TEST(Minting, ANodeAlwaysUpEarnsExactlyTheFormula) {
  MintGrid grid;
  std::uint32_t id = grid.add_node();
  std::uint64_t before = grid.farmer_free(), supply = grid.supply();
  grid.run_until(1300);
  // Period 0: registered 592 s -> 628657 (formula test); period 1: the full 637152.
  EXPECT_EQ(grid.rewards(0), (std::map<std::uint32_t, std::uint64_t>{{id, 628'657}}));
  EXPECT_EQ(grid.rewards(1), (std::map<std::uint32_t, std::uint64_t>{{id, kFullDiy}}));
  auto paid = grid.events("farming_reward");
  EXPECT_EQ(paid[1].account, grid.farmer().account());
  EXPECT_EQ(paid[1].farm, grid.farm_id);
  EXPECT_EQ(attr(paid[1], "uptime_permille"), "1000");
  EXPECT_EQ(attr(paid[1], "usd_units"), "50972");
  EXPECT_EQ(grid.farmer_free(), before + 628'657 + kFullDiy);
  EXPECT_EQ(grid.supply(), supply + 628'657 + kFullDiy);
  auto state = record<MintingState>(grid.chain, keys::minting_state());
  EXPECT_EQ(state.period, 2u);
  EXPECT_EQ(state.period_start, kG + 1200);
  EXPECT_EQ(state.minted_total, 628'657 + kFullDiy);
}

TEST(Minting, ACertifiedNodeEarnsTheUpliftOverTheSameDiyNode) {
  MintGrid grid;
  std::uint32_t diy = grid.add_node();
  std::uint32_t certified = grid.add_node();
  auto r = grid.chain.run(grid.chain.alice(), CreateNodeContract{.node_id = certified});
  ASSERT_TRUE(r.ok) << r.reason;
  ASSERT_EQ(grid.node(certified).certification, NodeCertification::certified);
  grid.run_until(1300);
  EXPECT_EQ(grid.rewards(1),
            (std::map<std::uint32_t, std::uint64_t>{{diy, kFullDiy}, {certified, kFullCertified}}));
}

TEST(Minting, ANodeRegisteredMidPeriodIsProRated) {
  MintGrid grid;
  core::AccountKey key = grid.chain.new_funded_key(100 * kTft);
  testing::make_twin(grid.chain, key);
  testing::allow_node(grid.chain, grid.farmer(), grid.farm_id, key.account());
  grid.chain.advance(kG + 299 - grid.chain.now());
  ASSERT_TRUE(grid.chain.run(key, RegisterNode{grid.farm_id, testing::valid_node_spec()}).ok);
  ASSERT_EQ(grid.chain.now(), kG + 300);
  grid.nodes.push_back({NodeHandle{key, 1}, grid.chain.now()});
  grid.run_until(700);
  // Registered 300 of 600 s: 917500/36 units-USD -> 318576 TFT units.
  EXPECT_EQ(grid.rewards(0), (std::map<std::uint32_t, std::uint64_t>{{1, 318'576}}));
}

TEST(Minting, SupplyNeverPassesMaxSupply) {
  // 6 dev accounts of 1 000 000 TFT; room for 100 000 units.
  const std::uint64_t genesis_supply = 6 * 1'000'000 * kTft;
  MintGrid grid([&](Genesis& g) { g.params.max_supply = genesis_supply + 100'000; });
  std::uint32_t first = grid.add_node();
  grid.add_node();
  ASSERT_EQ(grid.supply(), genesis_supply);
  std::uint64_t before = grid.farmer_free();
  grid.run_until(1900);
  // Node 1's 628657 is cut to 100000; node 2 and later periods get nothing.
  EXPECT_EQ(grid.rewards(0), (std::map<std::uint32_t, std::uint64_t>{{first, 100'000}}));
  EXPECT_EQ(grid.events("farming_reward").size(), 1u);
  auto capped = grid.events("minting_capped");
  ASSERT_EQ(capped.size(), 1u);
  EXPECT_EQ(attr(capped[0], "cut"), "528657");
  EXPECT_EQ(grid.supply(), genesis_supply + 100'000);
  EXPECT_EQ(grid.farmer_free(), before + 100'000);
}

TEST(Minting, MoreNodesThanTheBlockBoundArePaidAcrossBlocksOnce) {
  MintGrid grid([](Genesis& g) { g.params.max_mints_per_block = 2; });
  for (int i = 0; i < 5; ++i) grid.add_node();
  grid.run_until(1300);
  for (std::uint64_t period : {0, 1}) {
    auto paid = grid.rewards(period);
    EXPECT_EQ(paid.size(), 5u) << "period " << period;
    if (period == 1)
      for (const auto& [id, amount] : paid) EXPECT_EQ(amount, kFullDiy) << "node " << id;
  }
  // Each block visits at most 2 ids (starting a run counts as one): period 0's payouts span
  // 3 blocks (start + node 1, nodes 2-3, nodes 4-5).
  std::size_t blocks_paying = 0;
  for (const auto& block : grid.blocks) {
    std::size_t n = 0;
    for (const auto& e : block) n += e.kind == "farming_reward" && attr(e, "period") == "0";
    EXPECT_LE(n, 2u);
    blocks_paying += n > 0;
  }
  EXPECT_EQ(blocks_paying, 3u);
}

TEST(Minting, AReportAfterThePeriodEndDoesNotChangeTheClosedPeriod) {
  MintGrid grid([](Genesis& g) { g.params.max_mints_per_block = 1; });
  std::uint32_t a = grid.add_node();
  std::uint32_t b = grid.add_node();
  // Node 2's setup blocks end at G + 13; blocks then come at G + 13 + 30 k and b reports at
  // G + 13 + 60 j. Its last report in period 1 is at G + 1033: offline from G + 1183, down 17 s
  // by the period's end: (600 - 17) * 1000 / 600 = 971, above the diy minimum of 950.
  ASSERT_EQ(grid.node(b).created_at, kG + 13);
  grid.daemon(b).report_until = kG + 1040;
  grid.run_until(1213);  // G + 1213 starts period 1's run (its one visit this block)
  EXPECT_TRUE(grid.rewards(1).empty());
  // b reports again at G + 1243, the block that visits node a, before the run reaches b. Its
  // account then counts 60 s down (G + 1183 .. G + 1243): read then, the uptime would be 900.
  grid.daemon(b).report_until = kNever;
  grid.run_until(1243);
  EXPECT_EQ(grid.daemon(b).last_report, kG + 1243);
  EXPECT_EQ(grid.rewards(1), (std::map<std::uint32_t, std::uint64_t>{{a, kFullDiy}}));
  EXPECT_EQ(record<NodeMinting>(grid.chain, keys::node_minting(b)),
            (NodeMinting{.next_period = 1, .start = {}, .end = MintReading{17, 0}}));
  EXPECT_EQ(grid.node(b).down_seconds_total, 60u);
  grid.run_until(1273);  // visits b
  EXPECT_EQ(grid.rewards(1),
            (std::map<std::uint32_t, std::uint64_t>{{a, kFullDiy}, {b, kFullDiy}}));
  auto paid = grid.events("farming_reward");
  EXPECT_EQ(attr(paid.back(), "uptime_permille"), "971");
  // Period 2 starts from the end readings: b's 60 s are counted there.
  EXPECT_EQ(record<NodeMinting>(grid.chain, keys::node_minting(b)),
            (NodeMinting{.next_period = 2, .start = MintReading{17, 0}, .end = std::nullopt}));
}

TEST(Minting, StandbyCountsAsUp) {
  MintGrid grid;
  std::uint32_t id = grid.add_node();
  // The node powers down at G + 308 (a block at G + 8 + 30 k) and reports nothing after:
  // offline from its last report + 150 s, but in standby from G + 308 to the period's end.
  grid.daemon(id).report_until = kG + 300;
  grid.run_until(278);
  grid.chain.submit(grid.chain.sign(grid.daemon(id).handle.key, SetPowerState{false}));
  grid.run_until(700);
  ASSERT_EQ(grid.node(id).power_state, PowerState::down);
  EXPECT_EQ(grid.rewards(0), (std::map<std::uint32_t, std::uint64_t>{{id, 628'657}}));
}

TEST(Minting, ADeletedNodeForfeitsItsPeriodAndItsRecordGoes) {
  MintGrid grid;
  std::uint32_t id = grid.add_node();
  grid.run_until(700);
  ASSERT_TRUE(grid.chain.get<NodeMinting>(keys::node_minting(id)).has_value());
  auto r = grid.chain.run(grid.farmer(), DeleteNode{id});
  ASSERT_TRUE(r.ok) << r.reason;
  EXPECT_FALSE(grid.chain.get<NodeMinting>(keys::node_minting(id)).has_value());
  grid.nodes.clear();
  grid.run_until(1300);
  EXPECT_TRUE(grid.rewards(1).empty());
}

TEST(Minting, ANodeWithoutAFarmingPolicyIsSkipped) {
  MintGrid grid([](Genesis& g) { g.farming_policies.clear(); });
  std::uint32_t id = grid.add_node();
  grid.run_until(700);
  auto skipped = grid.events("minting_skipped");
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(*skipped[0].node, id);
  EXPECT_EQ(attr(skipped[0], "reason"), "no_farming_policy");
  EXPECT_TRUE(grid.events("farming_reward").empty());
}

TEST(Minting, AZeroPeriodDisablesMinting) {
  MintGrid grid([](Genesis& g) { g.params.minting_period = 0; });
  grid.add_node();
  std::uint64_t supply = grid.supply();
  grid.run_until(1300);
  EXPECT_TRUE(grid.events("farming_reward").empty());
  EXPECT_FALSE(grid.chain.get<MintingState>(keys::minting_state()).has_value());
  EXPECT_EQ(grid.supply(), supply);
}

}  // namespace
}  // namespace grid::ledger
