// Registry test helpers (header-only, for the twin, farm, node and governance suites): build a
// twin, a farm and a node through real transactions, a valid node spec, a check that a refused
// call changed nothing, and TestLevers, a module that stands in for the contracts and the voting
// modules that do not exist yet.
//
// TestLevers reuses calls the ledger does not handle (they are refused as unsupported_call
// without it) as levers:
// - CreateNodeContract{node_id, resources, public_ips}: reserves `resources` on the node, counts
//   one more contract on it and assigns `public_ips` free farm IPs to a new contract id;
// - SubmitEvidence{evidence = encode(u32 node_id)}: certifies that node on the signer's authority
//   (ledger/governance_ops.hpp certify_node);
// - on_node_deleted: writes kv(hook_marker_account(), "deleted/<id>") holding the node's contract
//   count as seen by the hook (so a test sees the hook ran before the node went) and frees the
//   node's farm IPs.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/blake2b.hpp"
#include "ledger/governance_ops.hpp"
#include "ledger/refusal.hpp"
#include "ledger/registry_access.hpp"
#include "ledger/state_keys.hpp"
#include "tests/support/test_chain.hpp"

namespace grid::testing {

using namespace ledger;

inline constexpr std::uint64_t kTft = 10'000'000;

inline NodeSpec valid_node_spec() {
  NodeSpec spec;
  spec.resources = Resources{.cru = 8, .mru = 32 * kGiB, .sru = 1000 * kGiB, .hru = 4000 * kGiB};
  spec.location = Location{"Belgium", "Ghent", "51.05", "3.7167"};
  spec.interfaces = {Interface{"zos", "aa:bb:cc:dd:ee:ff", {"10.0.0.5", "2a02:1802:5e::5"}}};
  spec.serial = "To Be Filled By O.E.M.";
  return spec;
}

inline core::AccountId hook_marker_account() {
  return core::AccountId::secp256k1(core::blake2b_256(core::as_bytes("test/hook")).bytes);
}
inline core::Bytes hook_marker_key(std::uint32_t node_id) {
  std::string k = "deleted/" + std::to_string(node_id);
  return keys::kv(hook_marker_account(), core::as_bytes(k));
}

class TestLevers final : public Module {
 public:
  std::string_view name() const override { return "test_levers"; }
  bool handles(const Call& call) const override {
    return call.as<CreateNodeContract>() || call.as<SubmitEvidence>();
  }
  Status apply(TxContext& ctx) override {
    if (auto* c = ctx.tx.call.as<CreateNodeContract>()) return reserve(ctx, *c);
    auto node_id = core::decode<std::uint32_t>(ctx.tx.call.as<SubmitEvidence>()->evidence);
    if (!node_id) return refuse(reason::invalid_input, "evidence is not a node id");
    return certify_node(ctx, ctx.signer(), *node_id, NodeCertification::certified);
  }
  Status on_node_deleted(BlockContext& ctx, std::uint32_t node_id) override {
    GRID_ASSIGN(Node node, load_node(ctx.state, node_id));
    ctx.state.put(hook_marker_key(node_id), core::encode(node.contract_count));
    GRID_ASSIGN(Farm farm, load_farm(ctx.state, node.farm_id));
    for (auto& ip : farm.public_ips) ip.contract_id = 0;
    store_farm(ctx.state, farm);
    return Status::ok();
  }

 private:
  static Status reserve(TxContext& ctx, const CreateNodeContract& c) {
    GRID_ASSIGN(Node node, load_node(ctx.state, c.node_id));
    GRID_ASSIGN(std::uint64_t contract_id, next_contract_id(ctx.state));
    node.reserved.cru += c.resources.cru;
    node.reserved.mru += c.resources.mru;
    node.reserved.sru += c.resources.sru;
    node.reserved.hru += c.resources.hru;
    node.contract_count += 1;
    store_node(ctx.state, node);
    GRID_ASSIGN(Farm farm, load_farm(ctx.state, node.farm_id));
    std::uint32_t wanted = c.public_ips;
    for (auto& ip : farm.public_ips) {
      if (wanted == 0 || ip.contract_id != 0) continue;
      ip.contract_id = contract_id;
      --wanted;
    }
    if (wanted > 0) return refuse(reason::invalid_input, "not enough free farm IPs");
    store_farm(ctx.state, farm);
    return Status::ok();
  }
  static Result<std::uint64_t> next_contract_id(Overlay& state) {
    GRID_ASSIGN(Counters counters, load_required<Counters>(state, keys::counters(), "counters"));
    counters.last_contract_id += 1;
    store(state, keys::counters(), counters);
    return counters.last_contract_id;
  }
};

// A chain with the ledger's modules and TestLevers after them.
inline TestChain chain_with_levers() {
  return TestChain(std::nullopt, [](Modules& m) { m.push_back(std::make_unique<TestLevers>()); });
}

template <class T>
T record(const TestChain& chain, const core::Bytes& key) {
  auto r = chain.get<T>(key);
  EXPECT_TRUE(r.has_value()) << "no record at " << core::hex_encode(key);
  return r.value_or(T{});
}

// Accepts the terms and creates a twin for `key`; returns the twin id (0 on failure).
inline std::uint32_t make_twin(TestChain& chain, const core::AccountKey& key) {
  auto r = chain.run(key, AcceptTerms{"https://example.org/terms", "0123abcd"});
  EXPECT_TRUE(r.ok) << r.reason;
  r = chain.run(key, CreateTwin{});
  EXPECT_TRUE(r.ok) << r.reason;
  return chain.balance(key.account()).twin_id;
}

// Creates a farm owned by `owner` (which must have a twin); returns its id.
inline std::uint32_t make_farm(TestChain& chain, const core::AccountKey& owner,
                               const std::string& name, std::vector<IpGw> ips = {}) {
  auto r = chain.run(owner, CreateFarm{name, std::move(ips)});
  EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
  return chain.get<std::uint32_t>(keys::farm_by_name(name)).value_or(0);
}

// Lets `node_account` register in the farm (adds it to the allowed list).
inline void allow_node(TestChain& chain, const core::AccountKey& farmer, std::uint32_t farm_id,
                       const core::AccountId& node_account) {
  Farm farm = record<Farm>(chain, keys::farm(farm_id));
  farm.allowed.push_back(node_account);
  auto r = chain.run(farmer, SetFarmNodePolicy{farm_id, farm.open, farm.allowed});
  EXPECT_TRUE(r.ok) << r.reason;
}

struct NodeHandle {
  core::AccountKey key;
  std::uint32_t id = 0;
};

// A fresh node daemon key with a twin, allowed into the farm by `farmer`, registered.
inline NodeHandle make_node(TestChain& chain, const core::AccountKey& farmer, std::uint32_t farm_id,
                            const NodeSpec& spec = valid_node_spec()) {
  NodeHandle node{chain.new_funded_key(100 * kTft), 0};
  make_twin(chain, node.key);
  allow_node(chain, farmer, farm_id, node.key.account());
  auto r = chain.run(node.key, RegisterNode{farm_id, spec});
  EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
  node.id = chain.get<std::uint32_t>(keys::node_by_account(node.key.account())).value_or(0);
  return node;
}

// The state without what every transaction or block changes: the fee and nonce of the signer,
// the proposer's account (fees) and the chain meta record.
inline std::map<core::Bytes, core::Bytes> registry_snapshot(const TestChain& chain,
                                                            const core::AccountId& signer) {
  auto entries = chain.entries();
  Account account = chain.balance(signer);
  account.free = 0;
  account.nonce = 0;
  entries[keys::account(signer)] = core::encode(account);
  entries.erase(keys::account(chain.proposer()));
  entries.erase(keys::chain_meta());
  return entries;
}

// Runs `call` signed by `key`, expects the refusal `reason`, and that nothing else changed.
inline Receipt expect_refused(TestChain& chain, const core::AccountKey& key, Call call,
                              std::string_view reason) {
  auto before = registry_snapshot(chain, key.account());
  std::string name(call.name());
  Receipt r = chain.run(key, std::move(call));
  EXPECT_FALSE(r.ok) << name << " was accepted";
  EXPECT_EQ(r.reason, reason) << name << ": " << r.detail;
  EXPECT_TRUE(r.events.empty());
  EXPECT_TRUE(registry_snapshot(chain, key.account()) == before)
      << name << " refused with " << r.reason << " but changed the state";
  return r;
}

// The events of kind `kind` in a receipt.
inline std::vector<Event> events_of(const Receipt& r, std::string_view kind) {
  std::vector<Event> out;
  for (const auto& e : r.events)
    if (e.kind == kind) out.push_back(e);
  return out;
}

}  // namespace grid::testing
