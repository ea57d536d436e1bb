// ServeBudget: a peer is served up to its byte budget per window, then not until the next one;
// peers are counted apart.
#include "node/serve_budget.hpp"

#include <gtest/gtest.h>

namespace grid::node {
namespace {

using std::chrono::milliseconds;

TEST(ServeBudget, StopsServingAPeerPastItsBudgetUntilTheNextWindow) {
  ServeBudget budget(1000, milliseconds(1000));
  ServeBudget::Clock::time_point t0{};
  ASSERT_TRUE(budget.allows(1, t0));
  budget.spend(1, 600);
  EXPECT_TRUE(budget.allows(1, t0 + milliseconds(10)));
  budget.spend(1, 600);  // the last answer may pass the budget; the next is refused
  EXPECT_FALSE(budget.allows(1, t0 + milliseconds(20)));
  EXPECT_TRUE(budget.allows(2, t0 + milliseconds(20))) << "another peer has its own budget";
  EXPECT_FALSE(budget.allows(1, t0 + milliseconds(999)));
  EXPECT_TRUE(budget.allows(1, t0 + milliseconds(1000)));
  budget.spend(1, 1000);
  EXPECT_FALSE(budget.allows(1, t0 + milliseconds(1001)));
  budget.forget(1);
  EXPECT_TRUE(budget.allows(1, t0 + milliseconds(1002)));
}

}  // namespace
}  // namespace grid::node
