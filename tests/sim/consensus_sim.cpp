// consensus_sim: runs the consensus simulation over a range of seeds.
//   consensus_sim [--from A] [--to B] [--scenario NAME|all] [--validators N] [--unequal 0|1]
//                 [--verbose] [--quiet]
// Seeds A..B-1 of each chosen scenario (basic lossy partition crash twins valchange mixed clocks).
// Exit code 0 when every run passed; a failing seed is printed with the command that replays it
// (the same seed replays the same run).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/sim/simulation.hpp"

using namespace grid::sim;

static int usage() {
  std::string names;
  for (auto x : kAllScenarios) names += std::string(" ") + scenario_name(x);
  std::fprintf(stderr,
               "usage: consensus_sim [--from A] [--to B] [--scenario NAME|all] [--validators N] "
               "[--unequal 0|1] [--verbose] [--quiet]\nscenarios:%s\n",
               names.c_str());
  return 2;
}

int main(int argc, char** argv) {
  std::uint64_t from = 0, to = 100;
  std::vector<Scenario> scenarios;
  SimOptions base;
  bool verbose = false, quiet = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--from")
      from = std::stoull(next());
    else if (a == "--to")
      to = std::stoull(next());
    else if (a == "--validators")
      base.validators = std::stoul(next());
    else if (a == "--unequal")
      base.unequal_power = std::stoi(next());
    else if (a == "--verbose")
      verbose = true;
    else if (a == "--quiet")
      quiet = true;
    else if (a == "--scenario") {
      std::string name = next();
      Scenario s;
      if (name == "all") {
        for (auto x : kAllScenarios) scenarios.push_back(x);
      } else if (parse_scenario(name, s)) {
        scenarios.push_back(s);
      } else {
        std::fprintf(stderr, "unknown scenario %s\n", name.c_str());
        return 2;
      }
    } else {
      return usage();
    }
  }
  if (scenarios.empty()) scenarios.push_back(Scenario::mixed);
  int failures = 0;
  auto start = std::chrono::steady_clock::now();
  std::uint64_t runs = 0, evidence_runs = 0, twin_conflicts = 0, time_checks = 0, max_lag = 0;
  for (Scenario s : scenarios) {
    for (std::uint64_t seed = from; seed < to; ++seed) {
      SimOptions o = base;
      o.seed = seed;
      o.scenario = s;
      o.record_log = verbose;
      RunReport r = run_simulation(o);
      ++runs;
      evidence_runs += r.evidence > 0;
      twin_conflicts += r.twin_conflicts;
      time_checks += r.time_checks;
      max_lag = std::max(max_lag, r.max_time_lag_ms);
      if (verbose) {
        for (const auto& line : r.log) std::printf("  %s\n", line.c_str());
        std::printf(
            "seed %llu [%s]: height %llu, %llu events, %llu crashes, %llu evidence, "
            "%llu time checks (max lag %llu ms), ended t=%llu ms, trace %016llx\n",
            static_cast<unsigned long long>(seed), r.describe.c_str(),
            static_cast<unsigned long long>(r.max_height),
            static_cast<unsigned long long>(r.events), static_cast<unsigned long long>(r.crashes),
            static_cast<unsigned long long>(r.evidence),
            static_cast<unsigned long long>(r.time_checks),
            static_cast<unsigned long long>(r.max_time_lag_ms),
            static_cast<unsigned long long>(r.end_ms), static_cast<unsigned long long>(r.trace));
      }
      if (!r.ok) {
        ++failures;
        std::printf("FAIL %s seed %llu [%s]: %s\n  replay: %s\n", scenario_name(s),
                    static_cast<unsigned long long>(seed), r.describe.c_str(), r.failure.c_str(),
                    replay_command(o).c_str());
      }
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!quiet || failures)
    std::printf(
        "%llu runs, %d failed, %llu with evidence, %llu twin conflicts, %llu block-time checks "
        "(max lag %llu ms), %.1f s\n",
        static_cast<unsigned long long>(runs), failures,
        static_cast<unsigned long long>(evidence_runs),
        static_cast<unsigned long long>(twin_conflicts),
        static_cast<unsigned long long>(time_checks), static_cast<unsigned long long>(max_lag),
        secs);
  return failures ? 1 : 0;
}
