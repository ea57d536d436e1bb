// Billing test helpers (header-only, for the billing, liveness, grace and scale suites): a
// genesis with hour-long billing, and BillingWorld: a chain with the contract modules, a farmer
// with a farm (public IPs), a registered node and a funded user with a twin, plus shortcuts to
// create contracts, read contracts and bills, and step blocks while the node reports uptime.
//
// GovernanceLever stands in for governance (not a module yet): SubmitEvidence{'n' + encode(u32
// node_id)} certifies that node, SubmitEvidence{'p' + encode(u64 id)} approves that solution
// provider, on the signer's (council) authority.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "contracts/contract_keys.hpp"
#include "contracts/contract_modules.hpp"
#include "contracts/contract_types.hpp"
#include "contracts/pricing.hpp"
#include "contracts/solution_providers.hpp"
#include "tests/support/registry_fixture.hpp"

namespace grid::testing {

using contracts::Bill;
using contracts::Contract;

class GovernanceLever final : public Module {
 public:
  std::string_view name() const override { return "governance_lever"; }
  bool handles(const Call& call) const override { return call.as<SubmitEvidence>() != nullptr; }
  Status apply(TxContext& ctx) override {
    const core::Bytes& evidence = ctx.tx.call.as<SubmitEvidence>()->evidence;
    core::ByteView rest = core::ByteView(evidence).subspan(evidence.empty() ? 0 : 1);
    if (!evidence.empty() && evidence[0] == 'n') {
      auto node_id = core::decode<std::uint32_t>(rest);
      if (node_id) return certify_node(ctx, ctx.signer(), *node_id, NodeCertification::certified);
    } else if (!evidence.empty() && evidence[0] == 'p') {
      auto id = core::decode<std::uint64_t>(rest);
      if (id) return contracts::approve_solution_provider(ctx, ctx.signer(), *id);
    }
    return refuse(reason::invalid_input, "not a lever");
  }
  static core::Bytes lever(char what, const core::Bytes& id) {
    core::Bytes out{static_cast<std::uint8_t>(what)};
    out.insert(out.end(), id.begin(), id.end());
    return out;
  }
};

// The dev genesis with production-like billing: period 3600 s, uptime every 2400 s, offline
// after 4800 s; `adjust` changes more.
inline Genesis billing_genesis(const std::function<void(ChainParams&)>& adjust = nullptr) {
  std::array<std::uint8_t, 32> consensus_key{};
  consensus_key.fill(7);
  Genesis g = dev_genesis(consensus_key, 1'700'000'000);
  g.params.billing_period = 3600;
  g.params.uptime_report_interval = 2400;
  g.params.offline_after = 4800;
  g.params.consumption_report_interval = 600;
  g.params.minting_period = 0;  // farming rewards would add to the farmer's balances checked here
  if (adjust) adjust(g.params);
  return g;
}

inline std::vector<IpGw> test_farm_ips(int count) {
  std::vector<IpGw> ips;
  for (int i = 0; i < count; ++i)
    ips.push_back({"185.206.122." + std::to_string(10 + i) + "/24", "185.206.122.1"});
  return ips;
}

// TFChain's worked example: 2 cores, 4 GiB mru, 50 GiB sru.
inline Resources worked_resources() {
  return Resources{.cru = 2, .mru = 4 * kGiB, .sru = 50 * kGiB, .hru = 0};
}

inline std::vector<Event> events_of(const BlockResults& results, std::string_view kind) {
  std::vector<Event> out;
  for (const auto& e : results.block_events)
    if (e.kind == kind) out.push_back(e);
  for (const auto& r : results.receipts)
    for (const auto& e : r.events)
      if (e.kind == kind) out.push_back(e);
  return out;
}

inline std::string attribute(const Event& e, std::string_view key) {
  for (const auto& a : e.attributes)
    if (a.key == key) return a.value;
  return {};
}

struct BillingWorld {
  TestChain chain;
  core::AccountKey farmer;
  std::uint32_t farm_id = 0;
  NodeHandle node;
  core::AccountKey user;
  std::uint32_t user_twin = 0;

  explicit BillingWorld(Genesis genesis = billing_genesis(), std::uint64_t user_funds = 100 * kTft,
                        int farm_ips = 2)
      : chain(std::move(genesis),
              [](Modules& m) {
                for (auto& module : contracts::contract_modules()) m.push_back(std::move(module));
                m.push_back(std::make_unique<GovernanceLever>());
              }),
        farmer(chain.new_funded_key(1000 * kTft)),
        farm_id(make_twin_and_farm(chain, farmer, farm_ips)),
        node(make_node(chain, farmer, farm_id)),
        user(chain.new_funded_key(user_funds)),
        user_twin(make_twin(chain, user)) {}

  static std::uint32_t make_twin_and_farm(TestChain& chain, const core::AccountKey& farmer,
                                          int farm_ips) {
    make_twin(chain, farmer);
    return make_farm(chain, farmer, "billing-farm", test_farm_ips(farm_ips));
  }

  void certify_node() {
    auto r = chain.run(chain.alice(),
                       SubmitEvidence{GovernanceLever::lever('n', core::encode(node.id))});
    EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
  }
  void approve_provider(std::uint64_t id) {
    auto r =
        chain.run(chain.alice(), SubmitEvidence{GovernanceLever::lever('p', core::encode(id))});
    EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
  }

  core::AccountId farmer_account() const { return farmer.account(); }
  core::AccountId foundation() const { return chain.params().foundation; }

  // The id of the contract a successful receipt created (0 and a failure otherwise).
  static std::uint64_t created_id(const Receipt& r) {
    EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
    for (const auto& e : r.events)
      if (e.kind == "contract_created" && e.contract) return *e.contract;
    ADD_FAILURE() << "no contract_created event";
    return 0;
  }
  std::uint64_t create_node_contract(const core::AccountKey& who, Resources resources,
                                     std::uint32_t ips = 0) {
    CreateNodeContract call;
    call.node_id = node.id;
    call.resources = resources;
    call.public_ips = ips;
    return created_id(chain.run(who, call));
  }
  std::uint64_t create_node_contract(Resources resources, std::uint32_t ips = 0) {
    return create_node_contract(user, resources, ips);
  }
  std::uint64_t create_rent_contract(const core::AccountKey& who) {
    return created_id(chain.run(who, CreateRentContract{node.id, std::nullopt}));
  }
  std::uint64_t create_name_contract(const std::string& name) {
    return created_id(chain.run(user, CreateNameContract{name}));
  }

  Contract contract(std::uint64_t id) const {
    return record<Contract>(chain, contracts::keys::contract(id));
  }
  Bill bill(std::uint64_t id, std::uint64_t seq) const {
    return record<Bill>(chain, contracts::keys::bill(id, seq));
  }
  Bill last_bill(std::uint64_t id) const { return bill(id, contract(id).bill_count); }
  Node node_record() const { return record<Node>(chain, keys::node(node.id)); }
  std::uint64_t free(const core::AccountId& who) const { return chain.balance(who).free; }
  std::uint64_t staking_pool() const {
    return record<Counters>(chain, keys::counters()).staking_pool;
  }

  // The node daemon reports its uptime in the next block (which comes `step` seconds later).
  void report_uptime(std::uint64_t step) {
    chain.submit(chain.sign(node.key, ReportUptime{chain.now() + step, chain.now() + step}));
  }
  // A block `step` seconds later (the node reporting in it when `report`); its results.
  BlockResults step(std::uint64_t seconds, bool report = true) {
    if (report) report_uptime(seconds);
    return chain.produce_block(seconds);
  }

  // TFT units for `seconds` of `rate` at 20 mUSD/TFT paying `pay` percent (pricing's own rules).
  static std::uint64_t tft_for(const contracts::HourlyRate& rate, std::uint64_t seconds,
                               std::uint32_t pay = 100) {
    auto usd = contracts::usd_cost(rate, seconds, 0, 0, 0);
    if (!usd.is_ok()) {
      ADD_FAILURE() << usd.error().to_string();
      return 0;
    }
    auto tft = contracts::tft_due(*usd, 20, pay);
    if (!tft.is_ok()) {
      ADD_FAILURE() << tft.error().to_string();
      return 0;
    }
    return *tft;
  }
};

}  // namespace grid::testing
