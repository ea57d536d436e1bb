// Solution providers: creation rules, council approval (a governance operation, driven here by a
// test lever), attaching to contracts.
#include <gtest/gtest.h>

#include "contracts/solution_providers.hpp"
#include "tests/support/contracts_fixture.hpp"

namespace grid::contracts {
namespace {

using ledger::CreateSolutionProvider;
using ledger::Resources;
using testing::ContractsFixture;
using testing::expect_refused;
using testing::kGiB;
using testing::node_contract_call;

// SubmitEvidence{encode(u64 id)} approves provider `id` on the signer's authority.
class ApproveLever final : public ledger::Module {
 public:
  std::string_view name() const override { return "approve_lever"; }
  bool handles(const ledger::Call& call) const override {
    return call.as<ledger::SubmitEvidence>() != nullptr;
  }
  core::Status apply(ledger::TxContext& ctx) override {
    auto id = core::decode<std::uint64_t>(ctx.tx.call.as<ledger::SubmitEvidence>()->evidence);
    if (!id) return ledger::refuse(ledger::reason::invalid_input, "not an id");
    return approve_solution_provider(ctx, ctx.signer(), *id);
  }
};

class SolutionProviders : public ContractsFixture {
 protected:
  SolutionProviders()
      : ContractsFixture(
            3, 3600, [](ledger::Modules& m) { m.push_back(std::make_unique<ApproveLever>()); }) {}
  ledger::Receipt approve(const core::AccountKey& who, std::uint64_t id) {
    return chain.run(who, ledger::SubmitEvidence{core::encode(id)});
  }
  SolutionProvider provider(std::uint64_t id) {
    return testing::record<SolutionProvider>(chain, keys::solution_provider(id));
  }
  CreateSolutionProvider valid() {
    return {"a dashboard",
            "https://example.org",
            {{chain.account("eve"), 10}, {chain.account("dave"), 30}}};
  }
};

TEST_F(SolutionProviders, CreationRules) {
  auto bad = valid();
  bad.providers.clear();
  expect_refused(chain, user, bad, "invalid_input");
  bad = valid();
  bad.providers[0].take = 0;
  expect_refused(chain, user, bad, "invalid_input");
  bad.providers[0].take = 41;
  expect_refused(chain, user, bad, "invalid_input");
  bad.providers[0].take = 11;  // 11 + 30 > 40 % (the foundation's share)
  expect_refused(chain, user, bad, "invalid_input");
  bad = valid();
  bad.description.assign(257, 'x');
  expect_refused(chain, user, bad, "invalid_input");
  bad = valid();
  bad.providers.assign(6, {chain.account("eve"), 1});
  expect_refused(chain, user, bad, "invalid_input");

  auto r = chain.run(user, valid());
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  SolutionProvider p = provider(1);
  EXPECT_EQ(p.id, 1u);
  EXPECT_FALSE(p.approved);
  EXPECT_EQ(p.created_by, user.account());
  ASSERT_EQ(p.providers.size(), 2u);
  EXPECT_EQ(p.providers[1].take, 30u);
  ASSERT_TRUE(chain.run(user, valid()).ok);
  EXPECT_EQ(provider(2).id, 2u);
}

TEST_F(SolutionProviders, CouncilApprovesThenContractsAttach) {
  ASSERT_TRUE(chain.run(user, valid()).ok);
  std::uint64_t c = created_id(create(user, Resources{.cru = 1, .mru = kGiB}));
  expect_refused(chain, user, ledger::AttachSolutionProvider{c, 1},
                 "solution_provider_not_approved");
  expect_refused(chain, user, ledger::SubmitEvidence{core::encode(std::uint64_t{1})},
                 "not_council");
  expect_refused(chain, chain.bob(), ledger::SubmitEvidence{core::encode(std::uint64_t{9})},
                 "not_found");
  auto r = approve(chain.bob(), 1);
  ASSERT_TRUE(r.ok) << r.reason << ": " << r.detail;
  EXPECT_TRUE(provider(1).approved);

  expect_refused(chain, other_user(), ledger::AttachSolutionProvider{c, 1}, "unauthorized");
  expect_refused(chain, user, ledger::AttachSolutionProvider{c, 2}, "not_found");
  ASSERT_TRUE(chain.run(user, ledger::AttachSolutionProvider{c, 1}).ok);
  EXPECT_EQ(contract(c).solution_provider_id, 1u);
  expect_refused(chain, user, ledger::AttachSolutionProvider{c, 1}, "solution_provider_attached");

  // New contracts name it at creation.
  auto call = node_contract_call(node.id, Resources{.cru = 1});
  call.solution_provider_id = 1;
  auto created = chain.run(user, call);
  ASSERT_TRUE(created.ok);
  EXPECT_EQ(contract(created_id(created)).solution_provider_id, 1u);
}

}  // namespace
}  // namespace grid::contracts
