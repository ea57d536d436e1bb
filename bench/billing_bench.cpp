// Billing inside the executor with 100 000 live node contracts: one block at the moment all of
// them fall due, billing max_bills_per_block (1000) of them (bills/s), and for comparison the
// LevelDB batched write of that block's delta (the limit billing chases: LevelDB batched
// writes/s). The state is in memory (MemoryState); each iteration executes the same block on
// the same state (execute_block is pure), so every iteration bills the same 1000 contracts.
// Run: bench_billing --benchmark_min_time=0.2
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "contracts/contract_keys.hpp"
#include "contracts/contract_modules.hpp"
#include "contracts/lifecycle.hpp"
#include "core/dev_accounts.hpp"
#include "core/leveldb_store.hpp"
#include "ledger/accounts.hpp"
#include "ledger/executor.hpp"
#include "ledger/genesis.hpp"
#include "ledger/ledger_modules.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/state_keys.hpp"

namespace {

using namespace grid;
using namespace grid::ledger;

constexpr std::uint64_t kContracts = 100'000;
constexpr std::uint64_t kStart = 1'700'000'000;
constexpr std::uint64_t kGiB = 1ull << 30;

template <class T>
T must(core::Result<T> r) {
  if (!r) {
    std::fprintf(stderr, "%s\n", r.error().to_string().c_str());
    std::abort();
  }
  return std::move(r).value();
}

// A twin for a dev account (its account record exists from the genesis).
std::uint32_t add_twin(Overlay& s, std::string_view dev_name, std::uint32_t id) {
  AccountId account = must(core::dev_account(dev_name));
  store_twin(s, Twin{.id = id, .account = account, .created_at = kStart});
  store_index(s, keys::twin_by_account(account), id);
  Account a = must(load_account(s, account));
  a.twin_id = id;
  store(s, keys::account(account), a);
  return id;
}

struct World {
  MemoryState state;
  Modules modules;
  Block block;  // the block at which every contract is due
};

World make_world() {
  World w;
  std::array<std::uint8_t, 32> consensus_key{};
  consensus_key.fill(7);
  Genesis g = dev_genesis(consensus_key, kStart);
  g.params.billing_period = 3600;
  g.params.offline_after = 1'000'000'000;
  {
    Overlay genesis(w.state);
    if (!write_genesis_state(g, genesis).is_ok()) std::abort();
    w.state.apply(genesis.take_writes());
  }
  Overlay s(w.state);
  std::uint32_t farmer = add_twin(s, "alice", 1);
  std::vector<std::uint32_t> payers = {add_twin(s, "bob", 2), add_twin(s, "charlie", 3),
                                       add_twin(s, "dave", 4), add_twin(s, "eve", 5)};
  store_farm(s, Farm{.id = 1, .name = "bench", .twin_id = farmer});
  Node node{.id = 1, .farm_id = 1, .twin_id = farmer};
  node.resources = Resources{.cru = 2 * kContracts,
                             .mru = 2 * kContracts * kGiB,
                             .sru = 20 * kContracts * kGiB + 20 * kGiB,
                             .hru = 0};
  node.created_at = node.last_uptime_report = kStart;
  const Resources each{.cru = 1, .mru = kGiB, .sru = 10 * kGiB, .hru = 0};
  for (std::uint64_t id = 1; id <= kContracts; ++id) {
    contracts::Contract c;
    c.id = id;
    c.twin_id = payers[id % payers.size()];
    c.created_at = c.last_billed = c.last_consumption_at = kStart;
    c.node = contracts::NodeContractTerms{.node_id = 1, .resources = each};
    contracts::store_contract(s, c);
    contracts::schedule_due(s, id, contracts::next_due_time(c, g.params));
    s.put(contracts::keys::node_contract(1, id), {});
    s.put(contracts::keys::twin_contract(c.twin_id, id), {});
  }
  node.reserved = Resources{
      .cru = kContracts, .mru = kContracts * kGiB, .sru = 10 * kContracts * kGiB, .hru = 0};
  node.contract_count = static_cast<std::uint32_t>(kContracts);
  store_node(s, node);
  Counters counters = must(load_counters(s));
  counters.last_twin_id = 5;
  counters.last_farm_id = 1;
  counters.last_node_id = 1;
  counters.last_contract_id = kContracts;
  store_counters(s, counters);
  w.state.apply(s.take_writes());

  w.modules = ledger_modules();
  for (auto& m : contracts::contract_modules()) w.modules.push_back(std::move(m));
  w.block.header.chain_id = g.chain_id;
  w.block.header.height = 1;
  w.block.header.time = kStart + 3600;
  return w;
}

World& world() {
  static World w = make_world();
  return w;
}

// One block billing max_bills_per_block of the 100 000 due contracts (no invariant checks).
void BM_BillingBlock(benchmark::State& state) {
  World& w = world();
  std::size_t bills = 0;
  for (auto _ : state) {
    Execution out = must(execute_block(w.state, w.block, w.modules));
    bills = 0;
    for (const auto& e : out.results.block_events) bills += e.kind == "contract_billed";
    benchmark::DoNotOptimize(out.delta);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * bills));
  state.counters["bills_per_block"] = static_cast<double>(bills);
}
BENCHMARK(BM_BillingBlock)->Unit(benchmark::kMillisecond);

// The LevelDB batched write of that block's delta (building the batch included), no sync.
void BM_BillingBlockDeltaWrite(benchmark::State& state) {
  World& w = world();
  StateDelta delta = must(execute_block(w.state, w.block, w.modules)).delta;
  auto dir = std::filesystem::temp_directory_path() /
             ("gridchain-billbench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  core::LevelDbOptions options;
  options.create_if_missing = true;
  auto store = must(core::LevelDbStore::open(dir.string(), options));
  for (auto _ : state) {
    core::WriteBatch batch;
    for (const auto& [key, value] : delta) {
      if (value)
        batch.put(key, *value);
      else
        batch.erase(key);
    }
    if (!store->write(batch, false).is_ok()) std::abort();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * delta.size()));
  state.counters["entries_per_block"] = static_cast<double>(delta.size());
  store.reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_BillingBlockDeltaWrite)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
