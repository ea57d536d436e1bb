// A few seeds of every simulation scenario (the full ranges run as consensus_sim ctest entries),
// kept small so that they also run under ASan+UBSan; and the replay property: one seed, one run.
#include <gtest/gtest.h>

#include "tests/sim/simulation.hpp"

namespace grid::sim {
namespace {

class SimSmoke : public ::testing::TestWithParam<Scenario> {};

TEST_P(SimSmoke, FirstSeedsPass) {
  for (std::uint64_t seed = 0; seed < 3; ++seed) {
    SimOptions o;
    o.seed = seed;
    o.scenario = GetParam();
    RunReport r = run_simulation(o);
    EXPECT_TRUE(r.ok) << r.failure << "\n  replay: " << replay_command(o);
    EXPECT_GT(r.max_height, 2u);
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, SimSmoke,
                         ::testing::Values(Scenario::basic, Scenario::lossy, Scenario::partition,
                                           Scenario::crash, Scenario::twins, Scenario::valchange,
                                           Scenario::mixed),
                         [](const auto& param_info) {
                           return std::string(scenario_name(param_info.param));
                         });

TEST(SimReplay, SameSeedSameRun) {
  for (Scenario s : {Scenario::mixed, Scenario::twins}) {
    SimOptions o;
    o.seed = 7;
    o.scenario = s;
    RunReport a = run_simulation(o);
    RunReport b = run_simulation(o);
    EXPECT_EQ(a.trace, b.trace);
    EXPECT_EQ(a.commit_log, b.commit_log);
    EXPECT_EQ(a.events, b.events);
    o.seed = 8;
    EXPECT_NE(run_simulation(o).trace, a.trace);
  }
}

}  // namespace
}  // namespace grid::sim
