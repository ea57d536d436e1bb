// Simulation: N validators of the consensus engine in one process, over a simulated network and a
// virtual clock, everything derived from one seed.
//
// Contract:
// - Events (deliveries, timer firings, crashes, restarts, the heal) sit in one priority queue
//   ordered by (virtual time in ms, sequence number); the same options give the same run, event
//   for event (RunReport::trace is a hash of every event handled).
// - Faults before `heal_ms`: message drops, duplication, random delays (hence reordering), a
//   two-sided partition, crashes at random times or at a random WAL write point (torn records,
//   lost unsynced tail) with restart from the WAL, and in the twins scenario one validator key of
//   less than 1/3 of the power run twice in different partitions. After heal: no drops, no
//   partition, no crashes, bounded delays.
// - Clocks (tests/sim/sim_clock.hpp, drawn from a stream of the seed of their own, so the other
//   draws are those of a run without clocks): every node's Timer::now_ms() is its own clock of
//   virtual time. In the clocks scenario (network faults as in crash, without the crashes) a
//   minority of keys (with the byzantine key, less than 1/3 of the power) gets a skewed clock
//   (offset of about 20 s or 5 min, drift up to 5 %, a forward and a backward jump of minutes)
//   and the others exact clocks; in every other scenario each node gets a small offset
//   (<= 500 ms) and drift (<= 200 ppm), and in mixed a minority also the skewed clock. Twins may
//   have different clocks; a restarted node keeps its clock.
// - Checks (a failure stops the run and fills RunReport::failure): no two honest instances commit
//   different blocks at a height; no honest key ever signs two different messages for one
//   (height, round, step); every application applied each height exactly once, in order; after
//   the heal every honest instance commits `heights_after_heal` more heights within
//   `liveness_ms`; an honest instance that received both of the twin's conflicting votes while it
//   could still check them reported that evidence; block time (tests/sim/block_time_check.hpp):
//   the rule, monotonic, and, while the skewed plus byzantine power is below 1/3, the median
//   within the non-faulty signers' timestamps and within the virtual-time window.
// Thread safety: single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace grid::sim {

enum class Scenario { basic, lossy, partition, crash, twins, valchange, mixed, clocks };
inline constexpr Scenario kAllScenarios[] = {Scenario::basic, Scenario::lossy, Scenario::partition,
                                             Scenario::crash, Scenario::twins, Scenario::valchange,
                                             Scenario::mixed, Scenario::clocks};
const char* scenario_name(Scenario s);
bool parse_scenario(const std::string& name, Scenario& out);

struct SimOptions {
  std::uint64_t seed = 0;
  Scenario scenario = Scenario::basic;
  std::size_t validators = 0;  // 0: 4 or 7 chosen by the seed
  int unequal_power = -1;      // -1: chosen by the seed
  std::uint64_t heights_after_heal = 3;
  std::uint64_t liveness_ms = 60000;
  std::uint64_t wal_fail_at = 0;  // > 0: node 0's WAL fails at this write point, then restarts
  bool record_log = false;        // keep a readable event log in RunReport::log
  bool break_time_rule = false;   // test only: every app times its blocks 1 s late
};

struct RunReport {
  bool ok = true;
  std::string failure;
  std::uint64_t trace = 0;              // hash of every handled event
  std::vector<std::string> commit_log;  // "instance height hash" lines, in commit order
  std::vector<std::string> log;         // with record_log
  std::uint64_t events = 0;
  std::uint64_t max_height = 0;
  std::uint64_t crashes = 0;
  std::uint64_t evidence = 0;        // evidence reports received by honest apps
  std::uint64_t twin_conflicts = 0;  // conflicting twin vote pairs seen by honest nodes
  std::uint64_t end_ms = 0;
  std::uint64_t time_checks = 0;      // applied blocks checked against the BFT-time bounds
  std::uint64_t max_time_lag_ms = 0;  // largest |median - wall time of the first decision|
  std::string describe;               // the configuration drawn from the seed
};

RunReport run_simulation(const SimOptions& options);

// The command line that replays one seed.
std::string replay_command(const SimOptions& options);

}  // namespace grid::sim
