// The WAL crash test: node 0's log fails at each successive write point (a torn append, a failed
// fsync or ftruncate); the node halts, restarts from what the log kept, and the run must stay
// safe (no double sign, no fork), apply every block once and in order, and keep advancing.
#include <gtest/gtest.h>

#include "tests/sim/simulation.hpp"

namespace grid::sim {
namespace {

TEST(WalCrash, EveryWritePointRecoversWithoutDoubleSigning) {
  for (std::uint64_t point = 1; point <= 60; ++point) {
    SimOptions o;
    o.seed = 1000 + point;
    o.scenario = Scenario::basic;
    o.validators = 4;
    o.unequal_power = 0;
    o.heights_after_heal = 6;
    o.wal_fail_at = point;
    RunReport r = run_simulation(o);
    ASSERT_TRUE(r.ok) << "write point " << point << ": " << r.failure;
    EXPECT_EQ(r.crashes, 1u) << "write point " << point;
  }
}

}  // namespace
}  // namespace grid::sim
