// gridload's result: the summary of one load run, as text lines or one JSON object.
//
// Contract:
// - summarize() reads the queues, their submit timings and the CommitLog after the run.
//   committed tx/s = committed / (last commit seen - first submit), 0 when nothing committed;
//   a transaction's latency = when its block was seen - when the request that got it accepted
//   was sent (the first send when no acceptance was ever read, e.g. the reply was lost).
// - percentile_ms(values, p) is the nearest-rank percentile (p in (0, 100]) of unsorted values;
//   0 for an empty set.
// - summary_json() writes one object: txs, committed, complete, seconds, tps, latency_ms {p50,
//   p99, max}, heights {first, last}, requests, accepted, resubmitted, transport_errors, cascaded,
//   abandoned_accounts, refused {reason: count}.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tools/load/commit_watcher.hpp"
#include "tools/load/load_plan.hpp"
#include "tools/load/submitter.hpp"

namespace grid::tools {

struct LoadSummary {
  std::uint64_t txs = 0;
  std::uint64_t committed = 0;
  double seconds = 0;
  double tps = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  std::uint64_t first_height = 0;
  std::uint64_t last_height = 0;
  SubmitStats submit;
  bool complete() const { return committed == txs; }
};

double percentile_ms(std::vector<double> values, double p);

LoadSummary summarize(const std::vector<std::vector<SignedTx>>& queues,
                      const std::vector<std::vector<TxTiming>>& timings, const CommitLog& log,
                      const SubmitStats& stats);

std::string summary_text(const LoadSummary& s);
std::string summary_json(const LoadSummary& s);

}  // namespace grid::tools
