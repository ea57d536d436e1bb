// Governance actions (ledger/governance_actions.hpp): their codec (round trip, unknown kind) and
// their execution through council motions of a one-member council (alice: every propose
// passes at once): chain parameters by name, price feeders, council members, farm records.
#include "ledger/governance_actions.hpp"

#include <gtest/gtest.h>

#include "ledger/governance_keys.hpp"
#include "ledger/governance_module.hpp"
#include "ledger/oracle_module.hpp"
#include "tests/support/registry_fixture.hpp"

namespace grid::ledger {
namespace {

using testing::expect_refused;
using testing::kTft;
using testing::make_farm;
using testing::make_twin;
using testing::record;
using testing::TestChain;

TEST(GovActionCodec, EveryKindRoundTrips) {
  AccountId bob = core::dev_account("bob").value();
  PricingPolicy pricing;
  pricing.id = 2;
  pricing.name = "cheap";
  FarmingPolicy farming;
  farming.id = 3;
  std::vector<GovAction> all = {GovSetPricingPolicy{pricing},
                                GovSetFarmingPolicy{farming},
                                GovSetChainParam{"proposal_min_farms", 3},
                                GovCertifyNode{7, NodeCertification::certified},
                                GovCertifyFarm{8, FarmCertification::gold},
                                GovSetFarmDedicated{9, true},
                                GovApproveSolutionProvider{10},
                                GovCancelContract{11},
                                GovAddCouncilMember{bob},
                                GovRemoveCouncilMember{bob},
                                GovAddPriceFeeder{bob},
                                GovRemovePriceFeeder{bob}};
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].tag(), i);
    core::Bytes bytes = core::encode(all[i]);
    EXPECT_EQ(bytes[0], i);
    auto back = core::decode<GovAction>(bytes);
    ASSERT_TRUE(back.is_ok()) << all[i].name() << ": " << back.error().to_string();
    EXPECT_EQ(*back, all[i]) << all[i].name();
  }
  EXPECT_EQ(all[11].name(), "remove_price_feeder");
}

TEST(GovActionCodec, RefusesAnUnknownKindAndABadEnum) {
  auto unknown = core::decode<GovAction>(core::Bytes{0x0c});
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_NE(unknown.error().message().find("unknown governance action 0x0c"), std::string::npos)
      << unknown.error().message();
  // certify_node, node 1, certification 2 (only 0 and 1 exist).
  EXPECT_FALSE(core::decode<GovAction>(core::Bytes{0x03, 1, 0, 0, 0, 2}).is_ok());
}

TEST(ChainParamNames, CoverEveryNumericParameter) {
  auto names = chain_param_names();
  EXPECT_EQ(names.size(), 36u);  // the 37 ChainParams fields but foundation (an account)
  EXPECT_EQ(names.front(), "base_fee");
  EXPECT_EQ(names.back(), "council_vetoes_to_close");
}

// Dev genesis with a council of alice alone: threshold ceil(1 * 60 / 100) = 1.
TestChain solo_council_chain() {
  std::array<std::uint8_t, 32> consensus_key{};
  consensus_key.fill(7);
  Genesis g = dev_genesis(consensus_key, 1'700'000'000);
  g.council = {core::dev_account("alice").value()};
  g.params.price_submit_interval = 1;
  return TestChain(g);
}

// Alice's motion for `action`: runs at once; returns the motion as stored.
Motion pass(TestChain& chain, GovAction action) {
  Receipt r = chain.run(chain.alice(), ProposeMotion{std::move(action), ""});
  EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
  auto id = record<GovCounters>(chain, keys::gov_counters()).last_motion_id;
  return record<Motion>(chain, keys::motion(id));
}

ChainParams stored_params(const TestChain& chain) {
  return record<ChainParams>(chain, keys::params());
}

TEST(SetChainParam, ChangesOneNamedParameter) {
  TestChain chain = solo_council_chain();
  ChainParams before = stored_params(chain);
  Motion m = pass(chain, GovSetChainParam{"proposal_min_farms", 7});
  EXPECT_EQ(m.state, GovState::passed);
  ChainParams expected = before;
  expected.proposal_min_farms = 7;
  EXPECT_EQ(stored_params(chain), expected);
  pass(chain, GovSetChainParam{"max_supply", 1ull << 40});  // a u64 field
  EXPECT_EQ(stored_params(chain).max_supply, 1ull << 40);
}

TEST(SetChainParam, UnknownNamesOutOfRangeValuesAndInvalidSetsFail) {
  TestChain chain = solo_council_chain();
  ChainParams before = stored_params(chain);
  for (GovAction bad : {GovAction{GovSetChainParam{"no_such_param", 1}},
                        GovAction{GovSetChainParam{"foundation", 1}},
                        GovAction{GovSetChainParam{"price_window", 1ull << 32}},  // u32 field
                        GovAction{GovSetChainParam{"epoch_length", 0}}}) {        // set check
    Motion m = pass(chain, bad);
    EXPECT_EQ(m.state, GovState::failed);
    EXPECT_NE(m.failure.find("invalid_input"), std::string::npos) << m.failure;
  }
  EXPECT_EQ(stored_params(chain), before);
}

TEST(PriceFeeders, AnAddedFeederSubmitsAndARemovedOneNoLonger) {
  TestChain chain = solo_council_chain();
  expect_refused(chain, chain.bob(), SubmitPrice{30}, "not_price_feeder");
  Motion added = pass(chain, GovAddPriceFeeder{chain.account("bob")});
  EXPECT_EQ(added.state, GovState::passed);
  Receipt r = chain.run(chain.bob(), SubmitPrice{30});
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  EXPECT_EQ(record<TftPrice>(chain, keys::tft_price()), (TftPrice{30, 25}));  // (20 + 30) / 2
  // Adding twice fails; removing alice stops her samples.
  EXPECT_EQ(pass(chain, GovAddPriceFeeder{chain.account("bob")}).state, GovState::failed);
  EXPECT_EQ(pass(chain, GovRemovePriceFeeder{chain.account("alice")}).state, GovState::passed);
  expect_refused(chain, chain.alice(), SubmitPrice{40}, "not_price_feeder");
  Motion again = pass(chain, GovRemovePriceFeeder{chain.account("alice")});
  EXPECT_EQ(again.state, GovState::failed);
  EXPECT_NE(again.failure.find("not_found"), std::string::npos) << again.failure;
}

TEST(CouncilActions, AnAddedMemberMayProposeAndTheThresholdGrows) {
  TestChain chain = solo_council_chain();
  expect_refused(chain, chain.bob(), ProposeMotion{GovCancelContract{1}, ""}, "not_council");
  EXPECT_EQ(pass(chain, GovAddCouncilMember{chain.account("bob")}).state, GovState::passed);
  EXPECT_EQ(record<Council>(chain, keys::council()).members,
            (std::vector<AccountId>{chain.account("alice"), chain.account("bob")}));
  // Two members: threshold ceil(2 * 60 / 100) = 2, so alice's motion waits for bob.
  Motion waiting = pass(chain, GovAddCouncilMember{chain.account("charlie")});
  EXPECT_EQ(waiting.state, GovState::open);
  ASSERT_TRUE(chain.run(chain.bob(), VoteMotion{waiting.id, true}).ok);
  EXPECT_EQ(record<Council>(chain, keys::council()).members.size(), 3u);
}

TEST(FarmActions, CertifyAndDedicateAFarm) {
  TestChain chain = solo_council_chain();
  auto farmer = chain.new_funded_key(100 * kTft);
  make_twin(chain, farmer);
  std::uint32_t farm_id = make_farm(chain, farmer, "farm-one");
  pass(chain, GovCertifyFarm{farm_id, FarmCertification::gold});
  pass(chain, GovSetFarmDedicated{farm_id, true});
  Farm farm = record<Farm>(chain, keys::farm(farm_id));
  EXPECT_EQ(farm.certification, FarmCertification::gold);
  EXPECT_TRUE(farm.dedicated);
}

TEST(ContractActions, WithoutTheContractModuleNoModuleRunsThem) {
  TestChain chain = solo_council_chain();  // ledger modules only
  Motion m = pass(chain, GovCancelContract{1});
  EXPECT_EQ(m.state, GovState::failed);
  EXPECT_NE(m.failure.find("unsupported_call"), std::string::npos) << m.failure;
}

}  // namespace
}  // namespace grid::ledger
