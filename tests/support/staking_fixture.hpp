// Staking test helpers (header-only): a genesis with small staking numbers and two validators
// (alice, bob), a chain with the staking module and a fake evidence verifier, and PoolLever, a
// module that stands in for billing: ServiceContractBill{variable_amount} moves that amount from
// the signer's free balance into Counters.staking_pool.
//
// FakeVerifier accepts codec-encoded FakeEvidence (id = blake2b of the bytes) and refuses
// anything else.
#pragma once

#include <gtest/gtest.h>

#include "core/blake2b.hpp"
#include "ledger/refusal.hpp"
#include "ledger/staking_keys.hpp"
#include "ledger/staking_module.hpp"
#include "ledger/staking_read.hpp"
#include "ledger/staking_types.hpp"
#include "ledger/state_keys.hpp"
#include "tests/support/registry_fixture.hpp"

namespace grid::testing {

using namespace ledger;

inline constexpr std::uint64_t kT0 = 1'700'000'000;
inline constexpr std::uint64_t kEpoch = 100;

inline std::array<std::uint8_t, 32> consensus_key(std::uint8_t fill) {
  std::array<std::uint8_t, 32> k{};
  k.fill(fill);
  return k;
}

struct FakeEvidence {
  std::array<std::uint8_t, 32> offender{};
  std::uint64_t height = 0;
  std::uint64_t time = 0;
  std::uint32_t nonce = 0;  // distinguishes two pieces of evidence of one height
  static void fields(auto& self, auto& v) {
    v(self.offender);
    v(self.height);
    v(self.time);
    v(self.nonce);
  }
};

class FakeVerifier final : public EvidenceVerifier {
 public:
  core::Result<EvidenceFacts> verify(core::ByteView evidence) const override {
    auto e = core::decode<FakeEvidence>(evidence);
    if (!e) return core::Status::invalid("not fake evidence");
    return EvidenceFacts{e->offender, e->height, e->time, core::blake2b_256(evidence)};
  }
};

inline core::Bytes fake_evidence(std::uint8_t key_fill, std::uint64_t height, std::uint64_t time,
                                 std::uint32_t nonce = 0) {
  return core::encode(FakeEvidence{consensus_key(key_fill), height, time, nonce});
}

class PoolLever final : public Module {
 public:
  std::string_view name() const override { return "pool_lever"; }
  bool handles(const Call& call) const override { return call.as<ServiceContractBill>(); }
  Status apply(TxContext& ctx) override {
    std::uint64_t amount = ctx.tx.call.as<ServiceContractBill>()->variable_amount;
    GRID_ASSIGN(Account a, load_required<Account>(ctx.state, keys::account(ctx.signer()), "a"));
    if (a.free < amount) return refuse(reason::insufficient_funds);
    a.free -= amount;
    store(ctx.state, keys::account(ctx.signer()), a);
    GRID_ASSIGN(Counters c, load_required<Counters>(ctx.state, keys::counters(), "counters"));
    c.staking_pool += amount;
    store(ctx.state, keys::counters(), c);
    return Status::ok();
  }
};

// Dev accounts; alice (key 0x07) and bob (key 0x08) validators with self-bond 1000, commission
// 10 %; epoch 100 s, unbonding 50 s, jail 30 s, evidence max age 1000 s, slash 5 %.
inline Genesis staking_genesis() {
  Genesis g = dev_genesis(consensus_key(7), kT0);
  g.params.min_validator_bond = 1000;
  g.params.epoch_length = kEpoch;
  g.params.unbonding_period = 50;
  g.params.jail_period = 30;
  g.params.evidence_max_age = 1000;
  g.params.slash_percent = 5;
  g.params.max_validators = 10;
  g.validators = {{core::dev_account("alice").value(), consensus_key(7), 1000, 10},
                  {core::dev_account("bob").value(), consensus_key(8), 1000, 10}};
  return g;
}

inline TestChain staking_chain(Genesis g = staking_genesis(), bool with_verifier = true) {
  std::shared_ptr<const EvidenceVerifier> verifier;
  if (with_verifier) verifier = std::make_shared<FakeVerifier>();
  return TestChain(g, [verifier](Modules& m) {
    m.push_back(std::make_unique<StakingModule>(verifier));
    m.push_back(std::make_unique<PoolLever>());
  });
}

inline void expect_ok(const Receipt& r) {
  EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
}

// Produces one block whose time is the start of epoch `k` (k x epoch after genesis).
inline const BlockResults& block_at_epoch(TestChain& chain, std::uint64_t k) {
  return chain.produce_block(kT0 + k * kEpoch - chain.now());
}

inline Validator validator_of(const TestChain& chain, std::string_view name) {
  return record<Validator>(chain, keys::validator(chain.account(name)));
}

inline std::vector<AccountId> active_set(const TestChain& chain) {
  std::vector<AccountId> out;
  for (const auto& e : record<ValidatorSet>(chain, keys::validators()).validators)
    out.push_back(e.operator_account);
  return out;
}

inline std::vector<AccountId> sorted_accounts(const TestChain& chain,
                                              std::vector<std::string_view> names) {
  std::vector<AccountId> out;
  for (auto n : names) out.push_back(chain.account(n));
  std::sort(out.begin(), out.end());
  return out;
}

inline AccountStaking staking_of(const TestChain& chain, std::string_view name) {
  return account_staking(chain.state(), chain.account(name)).value();
}

inline Counters counters_of(const TestChain& chain) {
  return record<Counters>(chain, keys::counters());
}

}  // namespace grid::testing
