#include "ledger/genesis.hpp"

#include <set>

#include "core/blake2b.hpp"
#include "core/dev_accounts.hpp"
#include "ledger/oracle_module.hpp"
#include "ledger/staking_module.hpp"
#include "ledger/state_keys.hpp"
#include "ledger/state_types.hpp"

namespace grid::ledger {

core::GenesisHash genesis_hash(const Genesis& genesis) {
  return core::GenesisHash{core::blake2b_256(core::encode(genesis))};
}

core::Status write_genesis_state(const Genesis& genesis, Overlay& state) {
  if (genesis.chain_id.empty()) return Status::invalid("genesis: chain_id is empty");
  if (genesis.validators.empty()) return Status::invalid("genesis: no validators");
  if (genesis.pricing_policies.empty()) return Status::invalid("genesis: no pricing policy");
  if (genesis.tft_price_musd == 0) return Status::invalid("genesis: tft_price_musd is 0");

  Counters counters;
  std::map<AccountId, Account> accounts;
  for (const auto& a : genesis.accounts) {
    if (accounts.count(a.account))
      return Status::invalid("genesis: account " + a.account.to_address() + " listed twice");
    accounts[a.account].free = a.balance;
    if (__builtin_add_overflow(counters.total_supply, a.balance, &counters.total_supply))
      return Status::invalid("genesis: total supply overflows u64");
  }
  if (counters.total_supply > genesis.params.max_supply)
    return Status::invalid("genesis: total supply is over max_supply");

  ValidatorSet set;
  std::set<std::array<std::uint8_t, 32>> consensus_keys;
  for (const auto& v : genesis.validators) {
    if (!consensus_keys.insert(v.consensus_key).second)
      return Status::invalid("genesis: a consensus key is listed twice");
    Account& op = accounts[v.operator_account];
    if (op.free < v.self_bond)
      return Status::invalid("genesis: validator " + v.operator_account.to_address() +
                             " cannot self-bond more than its balance");
    op.free -= v.self_bond;
    op.bonded += v.self_bond;
    set.validators.push_back({v.operator_account, v.consensus_key, v.self_bond});
  }

  for (const auto& [id, account] : accounts) store(state, keys::account(id), account);
  store(state, keys::validators(), set);
  GRID_TRY(write_staking_genesis(state, genesis.validators, genesis.params, genesis.genesis_time));
  store(state, keys::counters(), counters);
  store(state, keys::params(), genesis.params);
  store(state, keys::council(), Council{genesis.council});
  // Price feeders: the genesis list, or the validators' operators by default.
  std::vector<AccountId> feeders = genesis.price_feeders;
  if (feeders.empty())
    for (const auto& v : genesis.validators) feeders.push_back(v.operator_account);
  GRID_TRY(
      write_oracle_genesis(state, feeders, genesis.tft_price_musd, genesis.params.price_window));
  for (const auto& p : genesis.pricing_policies) store(state, keys::pricing_policy(p.id), p);
  for (const auto& p : genesis.farming_policies) store(state, keys::farming_policy(p.id), p);
  ChainMeta meta;
  meta.chain_id = genesis.chain_id;
  meta.genesis_hash = genesis_hash(genesis).hash;
  meta.genesis_time = genesis.genesis_time;
  meta.time = genesis.genesis_time;
  store(state, keys::chain_meta(), meta);
  return Status::ok();
}

Genesis dev_genesis(const std::array<std::uint8_t, 32>& validator_consensus_key,
                    std::uint64_t genesis_time) {
  Genesis g;
  g.chain_id = "gridchain-dev";
  g.genesis_time = genesis_time;
  g.params = dev_params();
  for (std::string_view name : core::dev_account_names())
    g.accounts.push_back({core::dev_account(name).value(), 1'000'000ull * 10'000'000});
  AccountId alice = core::dev_account("alice").value();
  g.council = {alice, core::dev_account("bob").value(), core::dev_account("charlie").value()};
  g.params.foundation = core::dev_account("ferdie").value();
  g.validators.push_back({alice, validator_consensus_key, g.params.min_validator_bond, 10});
  g.price_feeders = {alice};
  g.pricing_policies = {PricingPolicy{}};
  FarmingPolicy diy;
  diy.cu_reward = 30'000;  // units-USD per CU per hour (TFChain v3 "diy": 0.003 USD)
  diy.su_reward = 10'000;
  diy.ipv4_reward = 500;
  FarmingPolicy certified = diy;
  certified.id = 2;
  certified.name = "certified";
  certified.certified = true;
  certified.minimal_uptime_permille = 980;
  g.farming_policies = {diy, certified};
  return g;
}

}  // namespace grid::ledger
