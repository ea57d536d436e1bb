// 100 000 live contracts: billing stays within max_bills_per_block in every block, every contract
// is billed once per period over several periods, and the supply is conserved after every block.
//
// The registry (farm, node, payers) is built through transactions on a TestChain; the 100 000
// node contracts are then written directly (records, due/node/twin indexes, the node's reserved
// capacity and contract count, Counters.last_contract_id) and the blocks run through the
// executor over an in-memory state, without the authenticated store: the supply is checked after
// every block here, every invariant of every module every kInvariantEvery blocks.
#include <gtest/gtest.h>

#include <algorithm>

#include "contracts/billing.hpp"
#include "contracts/lifecycle.hpp"
#include "ledger/accounts.hpp"
#include "ledger/executor.hpp"
#include "ledger/liveness.hpp"
#include "tests/support/billing_fixture.hpp"

namespace grid::testing {
namespace {

constexpr std::uint64_t kContracts = 100'000;
constexpr std::uint64_t kPayers = 10;
constexpr std::uint64_t kPeriod = 3600;
constexpr std::uint64_t kBlockTime = 30;
constexpr std::uint32_t kMaxBills = 1000;
constexpr std::uint64_t kInvariantEvery = 120;

class ScaleLedger {
 public:
  ScaleLedger()
      : world_(billing_genesis([](ChainParams& p) {
          p.billing_period = kPeriod;
          p.max_bills_per_block = kMaxBills;
          p.offline_after = 1'000'000'000;  // the node never goes down here
        })) {
    for (std::uint64_t i = 0; i < kPayers; ++i) {
      core::AccountKey payer = world_.chain.new_funded_key(50'000 * kTft);
      payer_twins_.push_back(make_twin(world_.chain, payer));
    }
    StateDelta base;
    for (auto& [key, value] : world_.chain.entries()) base.emplace(key, value);
    state_.apply(base);
    modules_ = ledger_modules();
    for (auto& m : contracts::contract_modules()) modules_.push_back(std::move(m));
    header_ = world_.chain.last_header();
    params_ = world_.chain.params();
    start_ = header_.time;
  }

  // Writes kContracts node contracts on the world's node, all created now.
  void write_contracts() {
    Overlay setup(state_);
    Node node = load_node(setup, world_.node.id).value();
    const Resources each{.cru = 1, .mru = 1 * kGiB, .sru = 10 * kGiB, .hru = 0};
    node.resources = Resources{.cru = 2 * kContracts,
                               .mru = 2 * kContracts * kGiB,
                               .sru = 20 * kContracts * kGiB + 20 * kGiB,
                               .hru = 0};
    for (std::uint64_t id = 1; id <= kContracts; ++id) {
      Contract c;
      c.id = id;
      c.twin_id = payer_twins_[id % kPayers];
      c.created_at = c.last_billed = c.last_consumption_at = start_;
      c.down_seconds_at_bill = down_seconds_at(node, start_, params_);
      c.standby_seconds_at_bill = standby_seconds_at(node, start_);
      c.node = contracts::NodeContractTerms{.node_id = node.id, .resources = each};
      contracts::store_contract(setup, c);
      contracts::schedule_due(setup, id, contracts::next_due_time(c, params_));
      setup.put(contracts::keys::node_contract(node.id, id), {});
      setup.put(contracts::keys::twin_contract(c.twin_id, id), {});
    }
    node.reserved = Resources{
        .cru = kContracts, .mru = kContracts * kGiB, .sru = 10 * kContracts * kGiB, .hru = 0};
    node.contract_count = static_cast<std::uint32_t>(kContracts);
    store_node(setup, node);
    Counters counters = load_counters(setup).value();
    counters.last_contract_id = kContracts;
    store_counters(setup, counters);
    state_.apply(setup.take_writes());
  }

  // One empty block `kBlockTime` later; its billing events.
  std::vector<Event> run_block(bool check_invariants) {
    Block block;
    block.header = header_;
    block.header.height += 1;
    block.header.time += kBlockTime;
    block.header.proposer = world_.chain.proposer();
    ExecuteOptions options;
    options.check_invariants = check_invariants;
    auto out = execute_block(state_, block, modules_, options);
    EXPECT_TRUE(out.is_ok()) << out.error().to_string();
    if (!out.is_ok()) return {};
    state_.apply(out->delta);
    header_ = block.header;
    std::vector<Event> billed;
    for (auto& e : out->results.block_events)
      if (e.kind == "contract_billed") billed.push_back(std::move(e));
    return billed;
  }

  // Balances plus the staking pool against the recorded total supply.
  void expect_supply_conserved() const {
    core::u128 held = 0;
    for (auto it = state_.entries().lower_bound(Bytes{keys::kAccount});
         it != state_.entries().end() && it->first[0] == keys::kAccount; ++it) {
      Account a = core::decode<Account>(it->second).value();
      held += core::u128{a.free} + a.reserved + a.bonded + a.unbonding;
    }
    Counters counters = load_counters(state_).value();
    held += counters.staking_pool;
    ASSERT_TRUE(held == counters.total_supply) << "supply broken at height " << header_.height;
  }

  const MemoryState& state() const { return state_; }
  std::uint64_t start() const { return start_; }

 private:
  BillingWorld world_;
  std::vector<std::uint32_t> payer_twins_;
  MemoryState state_;
  Modules modules_;
  BlockHeader header_;
  ChainParams params_;
  std::uint64_t start_ = 0;
};

TEST(BillingScale, HundredThousandContractsBilledOncePerPeriodWithinTheBound) {
  ScaleLedger ledger;
  ledger.write_contracts();
  ASSERT_TRUE(check_invariants(ledger.state(),
                               [] {
                                 Modules m = ledger_modules();
                                 for (auto& c : contracts::contract_modules())
                                   m.push_back(std::move(c));
                                 return m;
                               }())
                  .is_ok());

  // All contracts fall due together at start + 1 h: the first wave takes 100 blocks at the
  // bound; each contract is then due again one period after its bill. Three waves.
  constexpr std::uint64_t kBlocksPerPeriod = kPeriod / kBlockTime;
  constexpr std::uint64_t kWaveBlocks = kContracts / kMaxBills;
  constexpr std::uint64_t kWaves = 3;
  constexpr std::uint64_t kBlocks = kWaves * kBlocksPerPeriod + kWaveBlocks;
  std::size_t max_in_block = 0;
  std::uint64_t total = 0;
  for (std::uint64_t b = 1; b <= kBlocks; ++b) {
    auto billed = ledger.run_block(b % kInvariantEvery == 0);
    max_in_block = std::max(max_in_block, billed.size());
    total += billed.size();
    ASSERT_LE(billed.size(), kMaxBills) << "block " << b;
    ledger.expect_supply_conserved();
    if (HasFatalFailure()) return;
  }
  EXPECT_EQ(max_in_block, kMaxBills);  // the bound was reached, never passed
  EXPECT_EQ(total, kWaves * kContracts);

  // Every contract: exactly one bill per period, periods contiguous; after the first (which
  // waited for its turn in the wave) each covers exactly one period.
  std::uint64_t checked = 0;
  for (auto it = ledger.state().entries().lower_bound(Bytes{contracts::keys::kContract});
       it != ledger.state().entries().end() && it->first[0] == contracts::keys::kContract; ++it) {
    Contract c = core::decode<Contract>(it->second).value();
    ASSERT_EQ(c.bill_count, kWaves) << "contract " << c.id;
    std::uint64_t end = ledger.start();
    for (std::uint64_t seq = 1; seq <= kWaves; ++seq) {
      Bill bill = load<Bill>(ledger.state(), contracts::keys::bill(c.id, seq)).value().value();
      ASSERT_EQ(bill.period_start, end);
      std::uint64_t length = bill.period_end - bill.period_start;
      if (seq == 1)
        ASSERT_TRUE(length >= kPeriod && length < kPeriod + kWaveBlocks * kBlockTime);
      else
        ASSERT_EQ(length, kPeriod);
      ASSERT_EQ(bill.paid, bill.amount);
      end = bill.period_end;
    }
    ++checked;
  }
  EXPECT_EQ(checked, kContracts);
}

}  // namespace
}  // namespace grid::testing
