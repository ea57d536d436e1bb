// Contracts test helpers (header-only): a chain with the ledger's and contracts/ modules, a farm
// owned by alice with N public IPs, a node registered in it, and a funded user twin; shortcuts to
// create contracts and read their records.
//
// The billing period is an hour (not the dev genesis' minute) unless a test asks otherwise, so
// that a refused call's block bills nothing and "state unchanged" can be checked exactly.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "contracts/contract_keys.hpp"
#include "contracts/contract_modules.hpp"
#include "contracts/contract_types.hpp"
#include "tests/support/registry_fixture.hpp"

namespace grid::testing {

inline ledger::Genesis contracts_genesis(std::uint64_t billing_period = 3600) {
  std::array<std::uint8_t, 32> consensus_key{};
  consensus_key.fill(7);
  ledger::Genesis g = ledger::dev_genesis(consensus_key, 1'700'000'000);
  g.params.billing_period = billing_period;
  return g;
}

inline void add_contract_modules(Modules& modules) {
  for (auto& m : contracts::contract_modules()) modules.push_back(std::move(m));
}

// `count` valid public IPs of one /24 (185.206.122.33, .34, ...).
inline std::vector<IpGw> farm_ips(std::uint32_t count) {
  std::vector<IpGw> ips;
  for (std::uint32_t i = 0; i < count; ++i)
    ips.push_back({"185.206.122." + std::to_string(33 + i) + "/24", "185.206.122.1"});
  return ips;
}

// A node contract call for `r` and `ips` public IPs on `node_id`.
inline CreateNodeContract node_contract_call(std::uint32_t node_id, Resources r,
                                             std::uint32_t ips = 0) {
  CreateNodeContract c;
  c.node_id = node_id;
  c.resources = r;
  c.public_ips = ips;
  c.deployment_hash.bytes.fill(0xab);
  c.deployment_data = {1, 2, 3};
  return c;
}

class ContractsFixture : public ::testing::Test {
 protected:
  // `extra` modules (test levers) run after the contracts modules.
  explicit ContractsFixture(std::uint32_t ips = 3, std::uint64_t billing_period = 3600,
                            std::function<void(Modules&)> extra = nullptr)
      : chain(contracts_genesis(billing_period),
              [extra](Modules& m) {
                add_contract_modules(m);
                if (extra) extra(m);
              }),
        farm_id(alice_farm(chain, ips)),
        node(make_node(chain, chain.alice(), farm_id)),
        user(chain.new_funded_key(1000 * kTft)),
        user_twin(make_twin(chain, user)) {}

  // alice's twin and her farm with `ips` public IPs.
  static std::uint32_t alice_farm(TestChain& chain, std::uint32_t ips) {
    make_twin(chain, chain.alice());
    return make_farm(chain, chain.alice(), "alice-farm", farm_ips(ips));
  }

  // A second funded user with a twin.
  core::AccountKey other_user() {
    auto key = chain.new_funded_key(1000 * kTft);
    make_twin(chain, key);
    return key;
  }

  Receipt create(const core::AccountKey& who, Resources r, std::uint32_t ips = 0) {
    return chain.run(who, node_contract_call(node.id, r, ips));
  }
  // The id of the contract a receipt created (0 when none).
  static std::uint64_t created_id(const Receipt& r) {
    for (const auto& e : r.events)
      if (e.kind == "contract_created" && e.contract) return *e.contract;
    return 0;
  }

  contracts::Contract contract(std::uint64_t id) const {
    return record<contracts::Contract>(chain, contracts::keys::contract(id));
  }
  Node node_record() const { return record<Node>(chain, keys::node(node.id)); }
  Farm farm_record() const { return record<Farm>(chain, keys::farm(farm_id)); }
  // How many of the farm's IPs the contract holds.
  std::size_t ips_held_by(std::uint64_t contract_id) const {
    std::size_t n = 0;
    for (const auto& ip : farm_record().public_ips) n += ip.contract_id == contract_id;
    return n;
  }

  TestChain chain;
  std::uint32_t farm_id;
  NodeHandle node;
  core::AccountKey user;
  std::uint32_t user_twin;
};

}  // namespace grid::testing
