// Governance through whole blocks: farm-weighted proposals (pass, reject, farm threshold,
// vetoes, who may propose and vote), council motions (3 of 5, rejection, expiry), a failing
// action, the weight formula and the read queries (ledger/governance_module.hpp,
// ledger/governance_read.hpp). Every block checks the invariants (TestChain).
#include "ledger/governance_module.hpp"

#include <gtest/gtest.h>

#include "ledger/governance_keys.hpp"
#include "ledger/governance_read.hpp"
#include "tests/support/registry_fixture.hpp"

namespace grid::ledger {
namespace {

using testing::expect_refused;
using testing::kTft;
using testing::make_farm;
using testing::make_node;
using testing::make_twin;
using testing::record;
using testing::TestChain;

// The weight of one valid_node_spec() node (8 cores, 32 GiB mru, 1000 GiB sru, 4000 GiB hru):
// CU = min((32 - 1) / 4 = 7.75, 2 * 8 = 16, 1000 / 50 = 20) = 7.750 -> 7750 milli;
// SU = 4000 / 1200 = 3.333 -> 3333 milli, + 1000 / 250 = 4 -> 4000 milli: 7333;
// weight = 2 * 7750 + 7333 = 22833 milli-units.
constexpr std::uint64_t kNodeWeight = 22833;

// Dev genesis (proposal_duration 600 s) with a council of five: alice, bob, charlie, dave, eve.
Genesis five_council(std::uint32_t min_farms = 1) {
  std::array<std::uint8_t, 32> consensus_key{};
  consensus_key.fill(7);
  Genesis g = dev_genesis(consensus_key, 1'700'000'000);
  g.council.clear();
  for (const char* name : {"alice", "bob", "charlie", "dave", "eve"})
    g.council.push_back(core::dev_account(name).value());
  g.params.proposal_min_farms = min_farms;
  return g;
}

struct Farmer {
  core::AccountKey key;
  std::uint32_t farm_id = 0;
};

// A non-council farmer with a farm of `nodes` valid nodes.
Farmer make_farmer(TestChain& chain, const std::string& name, int nodes) {
  Farmer f{chain.new_funded_key(1000 * kTft), 0};
  make_twin(chain, f.key);
  f.farm_id = make_farm(chain, f.key, name);
  for (int i = 0; i < nodes; ++i) make_node(chain, f.key, f.farm_id);
  return f;
}

PricingPolicy doubled_cu() {
  PricingPolicy p;
  p.cu = 200'000;
  return p;
}

PricingPolicy pricing(const TestChain& chain) {
  return record<PricingPolicy>(chain, keys::pricing_policy(1));
}

void ok(const Receipt& r) {
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
}

// Alice proposes `action`; returns the proposal id.
std::uint64_t propose(TestChain& chain, GovAction action) {
  Receipt r = chain.run(chain.alice(), CreateProposal{std::move(action), "why", "https://x.org"});
  EXPECT_TRUE(r.ok) << r.reason << ": " << r.detail;
  return record<GovCounters>(chain, keys::gov_counters()).last_proposal_id;
}

Proposal proposal(const TestChain& chain, std::uint64_t id) {
  return record<Proposal>(chain, keys::proposal(id));
}

// Advances past the proposal's end; returns the proposal_closed event of the closing block.
Event close(TestChain& chain, std::uint64_t id) {
  const std::uint64_t end = proposal(chain, id).end;
  if (chain.now() + 1 < end) chain.advance(end - 1 - chain.now(), end - 1 - chain.now());
  EXPECT_EQ(proposal(chain, id).state, GovState::open);
  const BlockResults& results = chain.produce_block(1);  // block time reaches end
  for (const auto& e : results.block_events)
    if (e.kind == "proposal_closed") return e;
  ADD_FAILURE() << "no proposal_closed event";
  return {};
}

std::string attr(const Event& e, std::string_view key) {
  for (const auto& a : e.attributes)
    if (a.key == key) return a.value;
  return "<none>";
}

TEST(FarmWeight, FollowsTheFormulaInMilliUnits) {
  EXPECT_EQ(node_weight_milli(testing::valid_node_spec().resources), kNodeWeight);
  // mru under 1 GiB: CU = 0; SU = 0 + 500 / 250 = 2 -> 2000.
  EXPECT_EQ(node_weight_milli(Resources{.cru = 4, .mru = kGiB / 2, .sru = 500 * kGiB, .hru = 0}),
            2000u);
  // cru bound: CU = min((65 - 1) / 4 = 16, 2 * 1 = 2, 5000 / 50 = 100) = 2 -> 2 * 2000 + SU
  // (1200 / 1200 = 1 -> 1000, 5000 / 250 = 20 -> 20000) = 25000.
  EXPECT_EQ(node_weight_milli(
                Resources{.cru = 1, .mru = 65 * kGiB, .sru = 5000 * kGiB, .hru = 1200 * kGiB}),
            25000u);
}

TEST(MotionThreshold, IsTheCeilingOfThePercentOfTheCouncil) {
  EXPECT_EQ(motion_threshold(5, 60), 3u);  // 3.0
  EXPECT_EQ(motion_threshold(3, 60), 2u);  // 1.8 -> 2
  EXPECT_EQ(motion_threshold(1, 60), 1u);  // 0.6 -> 1
  EXPECT_EQ(motion_threshold(4, 50), 2u);  // 2.0
  EXPECT_EQ(motion_threshold(0, 60), 1u);  // never 0
}

TEST(Proposal, PassedProposalChangesThePricingPolicyAtItsEnd) {
  TestChain chain(five_council());
  Farmer farmer = make_farmer(chain, "farm-one", 1);
  std::uint64_t id = propose(chain, GovSetPricingPolicy{doubled_cu()});
  Proposal p = proposal(chain, id);
  EXPECT_EQ(p.end, p.created_at + 600);
  Receipt r = chain.run(farmer.key, VoteProposal{id, farmer.farm_id, true});
  ok(r);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].kind, "proposal_voted");
  EXPECT_EQ(r.events[0].farm, farmer.farm_id);
  EXPECT_EQ(attr(r.events[0], "weight"), std::to_string(kNodeWeight));
  EXPECT_EQ(pricing(chain).cu, 100'000u);  // not before the end
  Event closed = close(chain, id);
  EXPECT_EQ(attr(closed, "state"), "passed");
  EXPECT_EQ(attr(closed, "yes_weight"), "22833");
  EXPECT_EQ(attr(closed, "no_weight"), "0");
  EXPECT_EQ(pricing(chain), doubled_cu());
  EXPECT_EQ(proposal(chain, id).state, GovState::passed);
  EXPECT_EQ(proposal(chain, id).closed_at, chain.now());
}

TEST(Proposal, RejectedWhenNoWeightIsNotLessAndChangesNothing) {
  TestChain chain(five_council());
  Farmer small = make_farmer(chain, "farm-small", 1);
  Farmer big = make_farmer(chain, "farm-big", 2);
  std::uint64_t id = propose(chain, GovSetPricingPolicy{doubled_cu()});
  ok(chain.run(small.key, VoteProposal{id, small.farm_id, true}));
  ok(chain.run(big.key, VoteProposal{id, big.farm_id, false}));
  Proposal p = proposal(chain, id);
  EXPECT_EQ(p.yes_weight, kNodeWeight);
  EXPECT_EQ(p.no_weight, 2 * kNodeWeight);  // 45666: two nodes
  Event closed = close(chain, id);
  EXPECT_EQ(attr(closed, "state"), "rejected");
  EXPECT_EQ(pricing(chain), PricingPolicy{});
}

TEST(Proposal, RejectedWhenTooFewFarmsVoted) {
  TestChain chain(five_council(/*min_farms=*/2));
  Farmer farmer = make_farmer(chain, "farm-one", 1);
  std::uint64_t id = propose(chain, GovSetPricingPolicy{doubled_cu()});
  ok(chain.run(farmer.key, VoteProposal{id, farmer.farm_id, true}));
  EXPECT_EQ(attr(close(chain, id), "state"), "rejected");  // 1 farm < 2, though yes > no
  EXPECT_EQ(pricing(chain), PricingPolicy{});
}

TEST(Proposal, ThreeVetoesCloseItAtOnceAndItNeverRuns) {
  TestChain chain(five_council());
  Farmer farmer = make_farmer(chain, "farm-one", 1);
  std::uint64_t id = propose(chain, GovSetPricingPolicy{doubled_cu()});
  ok(chain.run(farmer.key, VoteProposal{id, farmer.farm_id, true}));
  ok(chain.run(chain.key("bob"), VetoProposal{id}));
  expect_refused(chain, chain.key("bob"), VetoProposal{id}, "already_voted");
  ok(chain.run(chain.key("charlie"), VetoProposal{id}));
  EXPECT_EQ(proposal(chain, id).state, GovState::open);
  Receipt third = chain.run(chain.key("dave"), VetoProposal{id});
  ok(third);
  ASSERT_EQ(third.events.size(), 2u);
  EXPECT_EQ(third.events[1].kind, "proposal_closed");
  EXPECT_EQ(attr(third.events[1], "state"), "vetoed");
  Proposal p = proposal(chain, id);
  EXPECT_EQ(p.state, GovState::vetoed);
  EXPECT_EQ(p.closed_at, chain.now());
  EXPECT_EQ(p.vetoes.size(), 3u);
  expect_refused(chain, chain.key("eve"), VetoProposal{id}, "not_open");
  chain.advance(700, 100);  // past the end: nothing runs
  EXPECT_EQ(pricing(chain), PricingPolicy{});
  EXPECT_EQ(proposal(chain, id).state, GovState::vetoed);
}

TEST(Proposal, ANonCouncilAccountCannotPropose) {
  TestChain chain(five_council());
  expect_refused(chain, chain.key("ferdie"),
                 CreateProposal{GovSetPricingPolicy{doubled_cu()}, "mine", ""}, "not_council");
  EXPECT_FALSE(chain.get<GovCounters>(keys::gov_counters()).has_value());
}

TEST(Proposal, AFarmVotesOnceAndOnlyItsOwnerVotesForIt) {
  TestChain chain(five_council());
  Farmer farmer = make_farmer(chain, "farm-one", 1);
  std::uint64_t id = propose(chain, GovSetPricingPolicy{doubled_cu()});
  expect_refused(chain, chain.key("bob"), VoteProposal{id, farmer.farm_id, true}, "unauthorized");
  ok(chain.run(farmer.key, VoteProposal{id, farmer.farm_id, true}));
  expect_refused(chain, farmer.key, VoteProposal{id, farmer.farm_id, false}, "already_voted");
  expect_refused(chain, farmer.key, VoteProposal{id, 999, true}, "not_found");
  expect_refused(chain, farmer.key, VoteProposal{77, farmer.farm_id, true}, "not_found");
  Proposal p = proposal(chain, id);
  EXPECT_EQ(p.yes_farms, 1u);
  EXPECT_EQ(p.no_farms, 0u);
  EXPECT_EQ(p.no_weight, 0u);
}

TEST(Proposal, AFailingActionClosesItFailedWithTheReason) {
  TestChain chain(five_council());
  Farmer farmer = make_farmer(chain, "farm-one", 1);
  std::uint64_t id = propose(chain, GovCertifyNode{999, NodeCertification::certified});
  ok(chain.run(farmer.key, VoteProposal{id, farmer.farm_id, true}));
  Event closed = close(chain, id);
  EXPECT_EQ(attr(closed, "state"), "failed");
  EXPECT_NE(attr(closed, "reason").find("not_found"), std::string::npos) << attr(closed, "reason");
  EXPECT_EQ(proposal(chain, id).state, GovState::failed);
  EXPECT_NE(proposal(chain, id).failure.find("not_found"), std::string::npos);
}

TEST(Proposal, VotesAfterTheEndAreRefused) {
  TestChain chain(five_council());
  Farmer farmer = make_farmer(chain, "farm-one", 1);
  std::uint64_t id = propose(chain, GovSetPricingPolicy{doubled_cu()});
  close(chain, id);
  expect_refused(chain, farmer.key, VoteProposal{id, farmer.farm_id, true}, "not_open");
}

TEST(Proposal, AtMostSixteenCloseInOneBlockTheRestInTheNext) {
  TestChain chain(five_council());
  // 17 proposals in one block: they all end at the same time.
  for (int i = 0; i < 17; ++i)
    chain.submit(chain.sign(chain.alice(), CreateProposal{GovCancelContract{1}, "", ""}));
  const BlockResults& created = chain.produce_block();
  ASSERT_EQ(created.receipts.size(), 17u);
  const std::uint64_t end = proposal(chain, 17).end;
  ASSERT_EQ(proposal(chain, 1).end, end);
  chain.advance(end - 1 - chain.now(), end - 1 - chain.now());
  chain.produce_block(1);  // time = end: the first 16 (id order) close, rejected (no votes)
  ASSERT_EQ(kMaxGovClosesPerBlock, 16u);
  for (std::uint64_t id = 1; id <= 16; ++id)
    EXPECT_EQ(proposal(chain, id).state, GovState::rejected);
  EXPECT_EQ(proposal(chain, 17).state, GovState::open);
  chain.produce_block(1);
  EXPECT_EQ(proposal(chain, 17).state, GovState::rejected);
  EXPECT_EQ(proposal(chain, 17).closed_at, end + 1);
}

// --- motions ------------------------------------------------------------------------------------

Motion motion(const TestChain& chain, std::uint64_t id) {
  return record<Motion>(chain, keys::motion(id));
}

TEST(Motion, ExecutesAtTheThirdYesOfFive) {
  TestChain chain(five_council());
  ok(chain.run(chain.alice(), ProposeMotion{GovSetPricingPolicy{doubled_cu()}, "double cu"}));
  EXPECT_EQ(motion(chain, 1).ayes.size(), 1u);  // the propose is a yes
  ok(chain.run(chain.key("bob"), VoteMotion{1, true}));
  expect_refused(chain, chain.key("bob"), VoteMotion{1, false}, "already_voted");
  EXPECT_EQ(motion(chain, 1).state, GovState::open);
  EXPECT_EQ(pricing(chain), PricingPolicy{});
  Receipt third = chain.run(chain.key("charlie"), VoteMotion{1, true});
  ok(third);
  EXPECT_EQ(pricing(chain), doubled_cu());
  EXPECT_EQ(motion(chain, 1).state, GovState::passed);
  std::vector<std::string> kinds;
  for (const auto& e : third.events) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"motion_voted", "pricing_policy_set",
                                             "motion_executed", "motion_closed"}));
  expect_refused(chain, chain.key("dave"), VoteMotion{1, true}, "not_open");
  expect_refused(chain, chain.key("ferdie"), VoteMotion{1, true}, "not_council");
  expect_refused(chain, chain.key("ferdie"), ProposeMotion{GovCancelContract{1}, ""},
                 "not_council");
}

TEST(Motion, RejectedOnceTheThresholdIsOutOfReach) {
  TestChain chain(five_council());
  ok(chain.run(chain.alice(), ProposeMotion{GovSetPricingPolicy{doubled_cu()}, ""}));
  ok(chain.run(chain.key("bob"), VoteMotion{1, false}));
  ok(chain.run(chain.key("charlie"), VoteMotion{1, false}));
  EXPECT_EQ(motion(chain, 1).state, GovState::open);  // 5 - 2 = 3 yes still possible
  ok(chain.run(chain.key("dave"), VoteMotion{1, false}));
  EXPECT_EQ(motion(chain, 1).state, GovState::rejected);  // 5 - 3 = 2 < 3
  EXPECT_EQ(pricing(chain), PricingPolicy{});
}

TEST(Motion, ExpiresAfterTheProposalDuration) {
  TestChain chain(five_council());
  ok(chain.run(chain.alice(), ProposeMotion{GovSetPricingPolicy{doubled_cu()}, ""}));
  const std::uint64_t end = motion(chain, 1).end;
  chain.advance(end - 1 - chain.now(), end - 1 - chain.now());
  EXPECT_EQ(motion(chain, 1).state, GovState::open);
  chain.produce_block(1);
  EXPECT_EQ(motion(chain, 1).state, GovState::expired);
  EXPECT_EQ(motion(chain, 1).closed_at, end);
  EXPECT_EQ(pricing(chain), PricingPolicy{});
}

// --- read queries -------------------------------------------------------------------------------

TEST(GovernanceRead, ListsByStateInPagesAndShowsVotes) {
  TestChain chain(five_council());
  Farmer farmer = make_farmer(chain, "farm-one", 1);
  std::uint64_t first = propose(chain, GovSetPricingPolicy{doubled_cu()});
  ok(chain.run(farmer.key, VoteProposal{first, farmer.farm_id, true}));
  close(chain, first);  // passed
  std::uint64_t second = propose(chain, GovCertifyFarm{farmer.farm_id, FarmCertification::gold});
  std::uint64_t third = propose(chain, GovSetFarmDedicated{farmer.farm_id, true});

  auto open = list_proposals(chain.state(), GovState::open, 0, 10).value();
  ASSERT_EQ(open.items.size(), 2u);
  EXPECT_EQ(open.items[0].id, second);
  EXPECT_EQ(open.items[1].id, third);
  EXPECT_FALSE(open.next_after.has_value());
  auto passed = list_proposals(chain.state(), GovState::passed, 0, 10).value();
  ASSERT_EQ(passed.items.size(), 1u);
  EXPECT_EQ(passed.items[0].id, first);
  EXPECT_TRUE(list_proposals(chain.state(), GovState::vetoed, 0, 10).value().items.empty());

  auto page1 = list_proposals(chain.state(), std::nullopt, 0, 2).value();
  ASSERT_EQ(page1.items.size(), 2u);
  ASSERT_EQ(page1.next_after, second);
  auto page2 = list_proposals(chain.state(), std::nullopt, *page1.next_after, 2).value();
  ASSERT_EQ(page2.items.size(), 1u);
  EXPECT_EQ(page2.items[0].id, third);
  EXPECT_FALSE(page2.next_after.has_value());

  auto detail = get_proposal(chain.state(), first).value();
  ASSERT_TRUE(detail.has_value());
  ASSERT_EQ(detail->votes.size(), 1u);
  EXPECT_EQ(detail->votes[0].farm_id, farmer.farm_id);
  EXPECT_EQ(detail->votes[0].weight, kNodeWeight);
  EXPECT_TRUE(detail->votes[0].approve);
  EXPECT_EQ(detail->votes[0].voter, farmer.key.account());
  EXPECT_FALSE(get_proposal(chain.state(), 99).value().has_value());

  ok(chain.run(chain.alice(), ProposeMotion{GovSetPricingPolicy{doubled_cu()}, "m"}));
  auto motions = list_motions(chain.state(), GovState::open, 0, 10).value();
  ASSERT_EQ(motions.items.size(), 1u);
  EXPECT_EQ(motions.items[0].ayes, std::vector<AccountId>{chain.account("alice")});
  EXPECT_TRUE(get_motion(chain.state(), 1).value().has_value());
}

}  // namespace
}  // namespace grid::ledger
